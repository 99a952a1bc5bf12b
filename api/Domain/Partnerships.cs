using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Contracts.Partners;

namespace LaunchPath.Api.Domain;

/// <summary>
/// An employer's partnership with its region, as the rules that use it need it: what the region requires (its
/// settings, or the defaults below), whether the employer may post opportunities, and what a placement at it lacks.
/// The partners area shows and changes these facts; opportunities and placements check them here, once.
/// </summary>
internal static class Partnerships
{
    /// <summary>Documents expiring within this many days are warned of and flagged on the board.</summary>
    public const int ExpiryWarningDays = 30;

    /// <summary>Agreements ending within this many days are to renew.</summary>
    public const int RenewalDays = 60;

    private const string SelectRequirements = "SELECT settings, version FROM partnership_requirements WHERE region_id = @RegionId";

    private const string SelectStanding = "SELECT name, partner_status FROM organizations WHERE id = @EmployerId AND type = 'employer'";

    private const string SelectPlacementFacts =
        "SELECT op.employer_id, op.region_id, op.modality, op.worksite_id, w.name AS worksite_name, w.checklist_status, e.name AS employer_name, " +
        "d.name AS district_name FROM opportunities op JOIN organizations e ON e.id = op.employer_id LEFT JOIN worksites w ON w.id = op.worksite_id " +
        "LEFT JOIN organizations d ON d.id = @DistrictId WHERE op.id = @OpportunityId";

    private const string SelectDocuments =
        "SELECT id, employer_id, kind, status, effective_on, expires_on, coverage_cents FROM employer_documents WHERE employer_id = @EmployerId";

    private const string SelectAgreements =
        "SELECT id, employer_id, district_id, starts_on, ends_on, employer_signed_at, school_signed_at, renews_id FROM partnership_agreements WHERE employer_id = @EmployerId";

    private const string SelectClearances =
        "SELECT employer_id, email_normalized, district_id, cleared, expires_on, checked_on FROM supervisor_clearances WHERE employer_id = @EmployerId AND email_normalized = @Email";

    public static IEnumerable<string> Statements => [SelectRequirements, SelectStanding, SelectPlacementFacts, SelectDocuments, SelectAgreements, SelectClearances];

    /// <summary>The region's requirements; a region that has set none requires nothing (it turns each rule on).</summary>
    public static async Task<PartnershipRequirements> RequirementsAsync(DbConnection connection, Guid regionId, CancellationToken cancellationToken, DbTransaction? transaction = null)
    {
        var row = await connection.QuerySingleOrDefaultAsync<StoredRequirements>(new CommandDefinition(SelectRequirements, new { RegionId = regionId }, transaction,
            cancellationToken: cancellationToken));
        return row is null ? Defaults : DbJson.Read(row.Settings, Defaults) with { Version = row.Version };
    }

    /// <summary>Null when the employer is an approved partner (it may post opportunities); else why not, in words.</summary>
    public static async Task<string?> NotPostingAsync(DbConnection connection, Guid employerId, CancellationToken cancellationToken)
    {
        var standing = await connection.QuerySingleOrDefaultAsync<Standing>(new CommandDefinition(SelectStanding, new { EmployerId = employerId },
            cancellationToken: cancellationToken));
        return standing is null || standing.PartnerStatus == "approved" ? null : DbEnum.Parse<PartnerStatus>(standing.PartnerStatus) switch
        {
            PartnerStatus.Declined => $"{standing.Name} was not approved as a partner of the region, so it cannot post opportunities.",
            PartnerStatus.ChangesRequested => $"{standing.Name} is not yet an approved partner: the region asked for changes to its application. It can post once approved.",
            _ => $"{standing.Name} is not yet an approved partner: its application is waiting for the region's review. It can post once approved.",
        };
    }

    /// <summary>A placement as the requirements see it: the opportunity, the student's district and birth date, and the supervisor the training agreement names.</summary>
    public sealed record PlacementCase(Guid OpportunityId, Guid DistrictId, DateOnly? BirthDate, string? SupervisorEmail, string? SupervisorName);

    /// <summary>
    /// What the region requires that a placement at the opportunity lacks today, in words naming what is missing
    /// (empty: nothing). <paramref name="activation"/>: the placement is about to become active, so the supervisor's
    /// clearance counts too. A student of unknown age is treated as a minor.
    /// </summary>
    public static async Task<List<string>> PlacementGapsAsync(DbConnection connection, PlacementCase placement, bool activation, DateOnly today, CancellationToken cancellationToken,
        DbTransaction? transaction = null)
    {
        var gaps = new List<string>();
        var facts = await connection.QuerySingleOrDefaultAsync<PlacementFacts>(new CommandDefinition(SelectPlacementFacts,
            new { placement.OpportunityId, placement.DistrictId }, transaction, cancellationToken: cancellationToken));
        if (facts is null)
        {
            return gaps;
        }

        var rules = await RequirementsAsync(connection, facts.RegionId, cancellationToken, transaction);
        var minor = placement.BirthDate is not { } birth || birth.AddYears(18) > today;
        var documents = (await connection.QueryAsync<DocumentFacts>(new CommandDefinition(SelectDocuments, new { facts.EmployerId }, transaction,
            cancellationToken: cancellationToken))).ToList();
        foreach (var kind in rules.Documents.Where(k => k.Required))
        {
            if (MissingDocument(kind, documents, today) is { } missing)
            {
                gaps.Add($"{facts.EmployerName}: {missing}");
            }
        }

        if (rules.AgreementRequired)
        {
            var agreements = (await connection.QueryAsync<AgreementFacts>(new CommandDefinition(SelectAgreements, new { facts.EmployerId }, transaction,
                cancellationToken: cancellationToken))).ToList();
            if (!agreements.Any(a => (a.DistrictId is null || a.DistrictId == placement.DistrictId) && a.InForce(today)))
            {
                gaps.Add($"No employer–school agreement is in force between {facts.EmployerName} and {facts.DistrictName ?? "the student's district"} (or the region)");
            }
        }

        if (minor && rules.WorksiteChecklistForMinors && facts.Modality != "virtual")
        {
            if (facts.WorksiteId is null)
            {
                gaps.Add("The opportunity names no worksite, and a minor's in-person placement needs a worksite with an approved safety checklist");
            }
            else if (facts.ChecklistStatus != "approved")
            {
                gaps.Add($"The worksite \"{facts.WorksiteName}\" has no approved safety checklist, which a minor's placement needs");
            }
        }

        if (activation && minor && rules.SupervisorClearanceForMinors)
        {
            if (placement.SupervisorEmail is null)
            {
                gaps.Add("The training agreement names no supervisor, and a minor's supervisor must be cleared");
            }
            else
            {
                var clearances = (await connection.QueryAsync<ClearanceFacts>(new CommandDefinition(SelectClearances,
                    new { facts.EmployerId, Email = NormalizeEmail(placement.SupervisorEmail) }, transaction, cancellationToken: cancellationToken))).ToList();
                if (!clearances.Any(c => c.CountsFor(placement.DistrictId, today)))
                {
                    gaps.Add($"The supervisor {placement.SupervisorName ?? placement.SupervisorEmail} has no clearance in force (a background check, a signed safety attestation " +
                             "or the district's clearance)");
                }
            }
        }

        return gaps;
    }

    /// <summary>Null when a document of <paramref name="kind"/> is in force today (with enough coverage); else what is wrong.</summary>
    public static string? MissingDocument(DocumentKind kind, IEnumerable<DocumentFacts> documents, DateOnly today)
    {
        var ofKind = documents.Where(d => d.Kind == kind.Key && d.Status == "approved").ToList();
        if (ofKind.Any(d => d.InForce(today) && (kind.MinimumCoverageCents is not { } minimum || d.CoverageCents >= minimum)))
        {
            return null;
        }

        var lapsed = ofKind.Where(d => d.ExpiresOn < today).MaxBy(d => d.ExpiresOn);
        return lapsed is not null
            ? $"the {kind.Name} lapsed on {lapsed.ExpiresOn:yyyy-MM-dd}"
            : ofKind.Any(d => d.InForce(today))
                ? $"the {kind.Name} does not meet the region's minimum coverage of ${(kind.MinimumCoverageCents!.Value / 100).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}"
                : ofKind.Count > 0 ? $"the {kind.Name} is not in effect yet" : $"no approved {kind.Name}";
    }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>A document's facts the rules read; the partners area's rows extend it with what they show.</summary>
    public class DocumentFacts
    {
        public Guid Id { get; set; }
        public Guid EmployerId { get; set; }
        public string Kind { get; set; } = "";
        public string Status { get; set; } = "";
        public DateOnly EffectiveOn { get; set; }
        public DateOnly ExpiresOn { get; set; }
        public long? CoverageCents { get; set; }

        public bool InForce(DateOnly today) => Status == "approved" && EffectiveOn <= today && ExpiresOn >= today;
    }

    /// <summary>An agreement's facts the rules read; the partners area's rows extend it with what they show.</summary>
    public class AgreementFacts
    {
        public Guid Id { get; set; }
        public Guid EmployerId { get; set; }
        public Guid? DistrictId { get; set; }
        public DateOnly StartsOn { get; set; }
        public DateOnly EndsOn { get; set; }
        public DateTimeOffset? EmployerSignedAt { get; set; }
        public DateTimeOffset? SchoolSignedAt { get; set; }
        public Guid? RenewsId { get; set; }

        public bool Signed => EmployerSignedAt is not null && SchoolSignedAt is not null;

        public bool InForce(DateOnly today) => Signed && StartsOn <= today && EndsOn >= today;

        /// <summary>awaitingSignatures, signed (not started), inForce, ended.</summary>
        public string State(DateOnly today) => !Signed ? "awaitingSignatures" : EndsOn < today ? "ended" : StartsOn > today ? "signed" : "inForce";
    }

    /// <summary>A clearance's facts the rules read; the partners area's rows extend it with what they show.</summary>
    public class ClearanceFacts
    {
        public Guid EmployerId { get; set; }
        public string EmailNormalized { get; set; } = "";
        public Guid? DistrictId { get; set; }
        public bool Cleared { get; set; }
        public DateOnly CheckedOn { get; set; }
        public DateOnly? ExpiresOn { get; set; }

        /// <summary>A cleared result, checked and not expired.</summary>
        public bool InForce(DateOnly today) => Cleared && CheckedOn <= today && (ExpiresOn is not { } expires || expires >= today);

        /// <summary>In force and (for a district's clearance) of the student's district.</summary>
        public bool CountsFor(Guid? districtId, DateOnly today) => InForce(today) && (DistrictId is null || districtId is null || DistrictId == districtId);
    }

    private sealed class StoredRequirements
    {
        public string Settings { get; set; } = "";
        public int Version { get; set; }
    }

    private sealed class Standing
    {
        public string Name { get; set; } = "";
        public string PartnerStatus { get; set; } = "";
    }

    private sealed class PlacementFacts
    {
        public Guid EmployerId { get; set; }
        public Guid RegionId { get; set; }
        public string Modality { get; set; } = "";
        public Guid? WorksiteId { get; set; }
        public string? WorksiteName { get; set; }
        public string? ChecklistStatus { get; set; }
        public string EmployerName { get; set; } = "";
        public string? DistrictName { get; set; }
    }

    /// <summary>What a region requires until it says otherwise: nothing blocks, and the templates are ready to adopt.</summary>
    public static readonly PartnershipRequirements Defaults = new()
    {
        AgreementRequired = false,
        WorksiteChecklistForMinors = false,
        SupervisorClearanceForMinors = false,
        Version = 0,
        ChecklistVersion = 1,
        AgreementTemplateVersion = 1,
        Documents =
        [
            new DocumentKind { Key = "insurance", Name = "certificate of general liability insurance", Required = false, Insurance = true, MinimumCoverageCents = 100_000_000 },
            new DocumentKind { Key = "workersComp", Name = "workers' compensation certificate", Required = false, Insurance = true },
            new DocumentKind { Key = "policy", Name = "signed anti-harassment policy", Required = false, Insurance = false },
        ],
        Checklist =
        [
            new ChecklistItem { Key = "hazards.identified", Section = "hazards", Text = "The hazards at the worksite are identified, and students are kept away from them." },
            new ChecklistItem { Key = "hazards.machinery", Section = "hazards", Text = "Students under 18 do not operate or clean power-driven machinery named in the hazardous occupations orders (HO 5, 6, 8, 10, 11, 12, 14)." },
            new ChecklistItem { Key = "hazards.driving", Section = "hazards", Text = "Students under 18 do not drive motor vehicles or work as outside helpers on them (HO 2)." },
            new ChecklistItem { Key = "hazards.heights", Section = "hazards", Text = "Students under 18 do not do roofing or work on ladders or scaffolds above 6 feet (HO 16)." },
            new ChecklistItem { Key = "ppe.provided", Section = "protectiveEquipment", Text = "The protective equipment the work calls for is provided free, and its use is taught." },
            new ChecklistItem { Key = "supervision.adult", Section = "supervision", Text = "An adult supervisor is on site whenever a student works." },
            new ChecklistItem { Key = "supervision.training", Section = "supervision", Text = "Students get a safety orientation before they start." },
            new ChecklistItem { Key = "emergency.plan", Section = "emergency", Text = "An emergency plan (fire, medical, evacuation) is posted and explained to students." },
            new ChecklistItem { Key = "emergency.firstAid", Section = "emergency", Text = "A first-aid kit and a person trained in first aid are on site." },
            new ChecklistItem { Key = "minors.hours", Section = "minors", Text = "Students' schedules follow the hours rules for minors." },
            new ChecklistItem { Key = "minors.injuries", Section = "minors", Text = "An injury to a student is reported to the school the same day." },
        ],
        AgreementTemplate = new AgreementTemplate
        {
            Title = "Work-based learning partnership agreement",
            Clauses =
            [
                new AgreementClause { Heading = "Purpose and term", Text = "The employer hosts work-based learning for the school's students for the term of this agreement. Each student's placement has its own training agreement." },
                new AgreementClause { Heading = "The employer's part", Text = "The employer provides meaningful tasks, a named and cleared supervisor, a safe worksite that follows child-labor law, and evaluates the student against the agreed skills." },
                new AgreementClause { Heading = "The school's part", Text = "The school prepares and supports the student, names a coordinator, and obtains the guardian's consent for minors." },
                new AgreementClause { Heading = "Liability and insurance", Text = "Each party is responsible for its own acts. The employer keeps the insurance the region requires in force and provides certificates on request." },
                new AgreementClause { Heading = "Student data", Text = "The employer uses student information only to host the placement, keeps it confidential, does not disclose it further (FERPA, 34 CFR 99.33), and returns or destroys it when the placement ends." },
                new AgreementClause { Heading = "Non-discrimination", Text = "Students are selected and treated without discrimination on any ground protected by law." },
                new AgreementClause { Heading = "Ending the agreement", Text = "Either party may end this agreement with 30 days' written notice; placements under way are completed or ended with the school." },
            ],
        },
    };
}
