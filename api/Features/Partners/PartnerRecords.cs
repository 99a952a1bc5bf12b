using System.Data.Common;
using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;
using LaunchPath.Contracts.Partners;

namespace LaunchPath.Api.Features.Partners;

/// <summary>
/// Who stands where in an employer's partnership, and the partnership as the area reads it. The region's side is the
/// convener (curators of the region) and each district's WBL staff (curators of a district of the region, for their
/// district); the employer's side is its admins. Nobody else sees documents, agreements or clearances.
/// </summary>
internal static class PartnerRecords
{
    /// <summary>The caller's standing in one employer's partnership.</summary>
    /// <param name="Region">A curator of the whole region (the convener).</param>
    /// <param name="Districts">The districts whose curator the caller is (region curators: empty, they act for all).</param>
    /// <param name="Employer">The employer.</param>
    /// <param name="EmployerAdmin">One of the employer's admins.</param>
    public sealed record Standing(Authorize.Org Employer, bool Region, IReadOnlyList<Guid> Districts, bool EmployerAdmin)
    {
        public bool RegionSide => Region || Districts.Count > 0;

        /// <summary>Whether the caller speaks for the school side of an agreement with <paramref name="districtId"/> (null: the region's).</summary>
        public bool ForDistrict(Guid? districtId) => Region || (districtId is { } id && Districts.Contains(id));
    }

    private const string SelectEmployer =
        "SELECT id, name, region_id, partner_status, partner_profile, partner_note, partner_applied_at, partner_reviewed_at FROM organizations WHERE id = @Id AND type = 'employer'";

    private const string SelectWorksites =
        "SELECT id, employer_id, name, " + AddressColumns.Select + ", latitude, longitude, remote, accessibility, transit, checklist_status, checklist, checklist_version, " +
        "checklist_submitted_at, checklist_reviewed_at, checklist_note, version FROM worksites WHERE employer_id = @EmployerId ORDER BY name, id";

    public const string SelectWorksite =
        "SELECT id, employer_id, name, " + AddressColumns.Select + ", latitude, longitude, remote, accessibility, transit, checklist_status, checklist, checklist_version, " +
        "checklist_submitted_at, checklist_reviewed_at, checklist_note, version FROM worksites WHERE id = @Id";

    public const string DocumentColumns =
        "id, employer_id, kind, insurer, policy_number, coverage_cents, aggregate_cents, effective_on, expires_on, file_name, content_type, size_bytes, status, review_note, created_at";

    private const string SelectDocuments = $"SELECT {DocumentColumns} FROM employer_documents WHERE employer_id = @EmployerId ORDER BY kind, expires_on DESC, id";

    public const string AgreementColumns =
        "a.id, a.employer_id, a.district_id, d.name AS district_name, a.template_version, a.terms, a.starts_on, a.ends_on, a.employer_signer_name, a.employer_signer_title, " +
        "a.employer_signed_at, a.school_signer_name, a.school_signer_title, a.school_signed_at, a.renews_id, " +
        "(SELECT COUNT(*) FROM partnership_agreements n WHERE n.renews_id = a.id) AS renewals";

    private const string SelectAgreements =
        $"SELECT {AgreementColumns} FROM partnership_agreements a LEFT JOIN organizations d ON d.id = a.district_id WHERE a.employer_id = @EmployerId ORDER BY a.starts_on DESC, a.id";

    public const string ClearanceColumns = "id, employer_id, name, email, email_normalized, kind, district_id, cleared, reference, checked_on, expires_on";

    private const string SelectClearances = $"SELECT {ClearanceColumns} FROM supervisor_clearances WHERE employer_id = @EmployerId ORDER BY email_normalized, checked_on DESC, id";

    public static IEnumerable<string> Statements => [SelectEmployer, SelectWorksites, SelectWorksite, SelectDocuments, SelectAgreements, SelectClearances, .. Partnerships.Statements];

    /// <summary>
    /// The caller's standing at the employer: 404 when it is not an employer the caller can see; 403 when they see it
    /// but are on neither side (when <paramref name="regionSideOnly"/>, the employer's own admins are refused too).
    /// </summary>
    public static async Task<(Standing? Standing, Error? Error)> OpenAsync(DbConnection connection, Caller caller, Guid employerId, CancellationToken cancellationToken,
        bool regionSideOnly = false)
    {
        var employer = await Authorize.FindOrgAsync(connection, employerId, cancellationToken);
        if (employer is null || employer.Ref.Type != OrganizationType.Employer)
        {
            return (null, Error.NotFound($"Employer {employerId}"));
        }

        var standing = StandingOf(caller, employer);
        if (standing.RegionSide || (!regionSideOnly && standing.EmployerAdmin))
        {
            return (standing, null);
        }

        return (null, Authorize.CanSee(caller, employer.Ref) || standing.EmployerAdmin
            ? Error.Forbidden(regionSideOnly
                ? "The region's convener and its districts' work-based learning staff do this."
                : "An employer's partnership is seen by its admins, the region's convener and its districts' work-based learning staff.")
            : Error.NotFound($"Employer {employerId}"));
    }

    /// <summary>
    /// A record of an employer's partnership (a worksite, a document, an agreement) and the caller's standing at its
    /// employer: 404 naming <paramref name="what"/> when there is none or the caller may not see it, 403 as
    /// <see cref="OpenAsync"/> says.
    /// </summary>
    public static async Task<(T? Row, Standing? Standing, Error? Error)> OpenOwnedAsync<T>(DbConnection connection, Caller caller, T? row, Func<T, Guid> employerOf, string what,
        CancellationToken cancellationToken) where T : class
    {
        if (row is null)
        {
            return (null, null, Error.NotFound(what));
        }

        var (standing, refused) = await OpenAsync(connection, caller, employerOf(row), cancellationToken);
        return refused is null ? (row, standing, null) : (null, null, refused.Kind == ErrorKind.NotFound ? Error.NotFound(what) : refused);
    }

    public static Standing StandingOf(Caller caller, Authorize.Org employer)
    {
        var regionId = employer.Ref.RegionId;
        var curating = caller.GrantsWith(Permission.OpportunitiesCurate).Select(g => g.Organization).Where(o => o.RegionId == regionId).ToList();
        var region = caller.IsPlatformAdmin || curating.Any(o => o.Type == OrganizationType.Region);
        var districts = region ? [] : curating.Where(o => o.Type == OrganizationType.District).Select(o => o.Id).Distinct().ToList();
        var admin = caller.IsPlatformAdmin || caller.PermissionsAt(employer.Ref).Contains(Permission.OrganizationsWrite) && caller.Grants.Any(g => g.Organization.Id == employer.Ref.Id);
        return new Standing(employer, region, districts, admin);
    }

    /// <summary>The caller's standing in <paramref name="region"/> (the board): null when they are on no region side.</summary>
    public static Standing? RegionStanding(Caller caller, Authorize.Org region)
    {
        var standing = StandingOf(caller, region);
        return standing.RegionSide ? standing : null;
    }

    /// <summary>The whole partnership as the caller may see it.</summary>
    public static async Task<Partnership> LoadAsync(DbConnection connection, Standing standing, DateOnly today, CancellationToken cancellationToken)
    {
        var id = standing.Employer.Ref.Id;
        var employer = await connection.QuerySingleAsync<EmployerRow>(new CommandDefinition(SelectEmployer, new { Id = id }, cancellationToken: cancellationToken));
        var rules = await Partnerships.RequirementsAsync(connection, employer.RegionId, cancellationToken);
        var worksites = (await connection.QueryAsync<WorksiteRow>(new CommandDefinition(SelectWorksites, new { EmployerId = id }, cancellationToken: cancellationToken))).ToList();
        var documents = (await connection.QueryAsync<DocumentRow>(new CommandDefinition(SelectDocuments, new { EmployerId = id }, cancellationToken: cancellationToken))).ToList();
        var agreements = (await connection.QueryAsync<AgreementRow>(new CommandDefinition(SelectAgreements, new { EmployerId = id }, cancellationToken: cancellationToken))).ToList();
        var clearances = (await connection.QueryAsync<ClearanceRow>(new CommandDefinition(SelectClearances, new { EmployerId = id }, cancellationToken: cancellationToken))).ToList();

        var missing = new List<string>();
        if (employer.PartnerStatus != "approved")
        {
            missing.Add(employer.PartnerStatus == "declined" ? "The application was declined" : "The application is not approved yet");
        }

        missing.AddRange(rules.Documents.Where(k => k.Required).Select(k => Partnerships.MissingDocument(k, documents, today)).OfType<string>().Select(Capitalize));
        if (rules.AgreementRequired && !agreements.Any(a => a.InForce(today)))
        {
            missing.Add("No employer–school agreement is in force");
        }

        if (rules.WorksiteChecklistForMinors)
        {
            missing.AddRange(worksites.Where(w => !w.Remote && w.ChecklistStatus != "approved").Select(w => $"The worksite \"{w.Name}\" has no approved safety checklist"));
        }

        var actions = new List<string>();
        if (standing.RegionSide)
        {
            actions.AddRange(["review", "reviewWorksites", "reviewDocuments", "draftAgreement", "recordClearance"]);
        }

        if (standing.EmployerAdmin)
        {
            actions.AddRange(["editProfile", "addWorksite", "uploadDocument", "recordClearance"]);
        }

        return new Partnership
        {
            EmployerId = id.ToString("D"),
            Name = standing.Employer.Name,
            Status = DbEnum.Parse<PartnerStatus>(employer.PartnerStatus),
            Profile = employer.PartnerProfile is null ? null : DbJson.Read<PartnerProfile?>(employer.PartnerProfile, null),
            ReviewNote = employer.PartnerNote,
            AppliedAt = employer.PartnerAppliedAt,
            ReviewedAt = employer.PartnerReviewedAt,
            Worksites = worksites.Select(w => w.ToContract()).ToList(),
            Documents = documents.Select(d => d.ToContract(rules, today)).ToList(),
            Agreements = agreements.Select(a => a.ToContract(standing, today)).ToList(),
            Clearances = clearances.Select(c => c.ToContract(today)).ToList(),
            Missing = missing,
            AllowedActions = actions.Distinct().ToList(),
        };
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    public static async Task<WorksiteRow?> FindWorksiteAsync(DbConnection connection, Guid id, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<WorksiteRow>(new CommandDefinition(SelectWorksite, new { Id = id }, cancellationToken: cancellationToken));

    private sealed class EmployerRow
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = "";
        public Guid RegionId { get; set; }
        public string PartnerStatus { get; set; } = "";
        public string? PartnerProfile { get; set; }
        public string? PartnerNote { get; set; }
        public DateTimeOffset? PartnerAppliedAt { get; set; }
        public DateTimeOffset? PartnerReviewedAt { get; set; }
    }

    internal sealed class WorksiteRow
    {
        public Guid Id { get; set; }
        public Guid EmployerId { get; set; }
        public string Name { get; set; } = "";
        public string? AddressLine1 { get; set; }
        public string? AddressLine2 { get; set; }
        public string? AddressCity { get; set; }
        public string? AddressState { get; set; }
        public string? AddressPostalCode { get; set; }
        public string? AddressCountry { get; set; }
        public double? Latitude { get; set; }
        public double? Longitude { get; set; }
        public bool Remote { get; set; }
        public string? Accessibility { get; set; }
        public string? Transit { get; set; }
        public string ChecklistStatus { get; set; } = "none";
        public string? Checklist { get; set; }
        public int? ChecklistVersion { get; set; }
        public DateTimeOffset? ChecklistSubmittedAt { get; set; }
        public DateTimeOffset? ChecklistReviewedAt { get; set; }
        public string? ChecklistNote { get; set; }
        public int Version { get; set; }

        public Worksite ToContract() => new()
        {
            Id = Id.ToString("D"),
            EmployerId = EmployerId.ToString("D"),
            Name = Name,
            Address = AddressColumns.ToContract(AddressLine1, AddressLine2, AddressCity, AddressState, AddressPostalCode, AddressCountry),
            Remote = Remote,
            Accessibility = Accessibility,
            Transit = Transit,
            Latitude = Latitude,
            Longitude = Longitude,
            Version = Version,
            Checklist = new WorksiteChecklist
            {
                Status = DbEnum.Parse<ChecklistStatus>(ChecklistStatus),
                TemplateVersion = ChecklistVersion,
                Answers = Checklist is null ? null : DbJson.Read<WorksiteChecklistRequest?>(Checklist, null),
                SubmittedAt = ChecklistSubmittedAt,
                ReviewedAt = ChecklistReviewedAt,
                ReviewNote = ChecklistNote,
            },
        };
    }

    internal sealed class DocumentRow : Partnerships.DocumentFacts
    {
        public string? Insurer { get; set; }
        public string? PolicyNumber { get; set; }
        public long? AggregateCents { get; set; }
        public string FileName { get; set; } = "";
        public string ContentType { get; set; } = "";
        public long SizeBytes { get; set; }
        public string? ReviewNote { get; set; }
        public DateTimeOffset CreatedAt { get; set; }

        public EmployerDocument ToContract(Contracts.Partners.PartnershipRequirements rules, DateOnly today) => new()
        {
            Id = Id.ToString("D"),
            EmployerId = EmployerId.ToString("D"),
            Kind = Kind,
            KindName = rules.Documents.FirstOrDefault(k => k.Key == Kind)?.Name ?? Kind,
            Insurer = Insurer,
            PolicyNumber = PolicyNumber,
            CoverageCents = CoverageCents,
            AggregateCents = AggregateCents,
            EffectiveOn = EffectiveOn,
            ExpiresOn = ExpiresOn,
            FileName = FileName,
            ContentType = ContentType,
            SizeBytes = SizeBytes,
            Status = DbEnum.Parse<DocumentStatus>(Status),
            ReviewNote = ReviewNote,
            InForce = InForce(today),
            UploadedAt = CreatedAt,
        };
    }

    internal sealed class AgreementRow : Partnerships.AgreementFacts
    {
        public string? DistrictName { get; set; }
        public int TemplateVersion { get; set; }
        public string Terms { get; set; } = "";
        public string? EmployerSignerName { get; set; }
        public string? EmployerSignerTitle { get; set; }
        public string? SchoolSignerName { get; set; }
        public string? SchoolSignerTitle { get; set; }
        public int Renewals { get; set; }

        public PartnershipAgreement ToContract(Standing standing, DateOnly today)
        {
            var state = State(today);
            var actions = new List<string>();
            if (state != "ended" && EmployerSignedAt is null && standing.EmployerAdmin)
            {
                actions.Add("signAsEmployer");
            }

            if (state != "ended" && SchoolSignedAt is null && standing.ForDistrict(DistrictId))
            {
                actions.Add("signAsSchool");
            }

            if (Signed && Renewals == 0 && standing.ForDistrict(DistrictId))
            {
                actions.Add("renew");
            }

            return new PartnershipAgreement
            {
                Id = Id.ToString("D"),
                EmployerId = EmployerId.ToString("D"),
                DistrictId = DistrictId?.ToString("D"),
                DistrictName = DistrictName,
                TemplateVersion = TemplateVersion,
                Terms = DbJson.Read<AgreementTemplate>(Terms, null!),
                StartsOn = StartsOn,
                EndsOn = EndsOn,
                EmployerSignature = EmployerSignedAt is { } employerAt ? new AgreementSignature { Name = EmployerSignerName!, Title = EmployerSignerTitle!, At = employerAt } : null,
                SchoolSignature = SchoolSignedAt is { } schoolAt ? new AgreementSignature { Name = SchoolSignerName!, Title = SchoolSignerTitle!, At = schoolAt } : null,
                State = state,
                RenewsId = RenewsId?.ToString("D"),
                AllowedActions = actions,
            };
        }
    }

    internal sealed class ClearanceRow : Partnerships.ClearanceFacts
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = "";
        public string Email { get; set; } = "";
        public string Kind { get; set; } = "";
        public string? Reference { get; set; }

        public SupervisorClearance ToContract(DateOnly today) => new()
        {
            Id = Id.ToString("D"),
            EmployerId = EmployerId.ToString("D"),
            Name = Name,
            Email = Email,
            Kind = DbEnum.Parse<ClearanceKind>(Kind),
            DistrictId = DistrictId?.ToString("D"),
            Cleared = Cleared,
            Reference = Reference,
            CheckedOn = CheckedOn,
            ExpiresOn = ExpiresOn,
            InForce = InForce(today),
        };
    }
}
