using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Organizations;
using LaunchPath.Contracts.Partners;
using LaunchPath.Contracts.Placements;
using Mediator;

namespace LaunchPath.Api.Features.Partners;

/// <summary>
/// GET /api/v1/regions/{id}/partners — the convener's board: every employer of the region with its partnership state
/// (application, worksites to review or without a checklist, required documents missing or lapsed, documents expiring
/// within 30 days or to review, agreements in force, to renew or awaiting a signature, supervisors of minors' open
/// placements without a clearance in force), filterable; .../partners/export gives the same rows as CSV. For the
/// region's convener and its districts' WBL staff.
/// </summary>
public static class PartnerBoard
{
    public sealed record Query(Caller Caller, Guid RegionId, PartnerBoardFilter Filter) : IRequest<Result<List<PartnerBoardRow>>>;

    private const string SelectEmployers =
        "SELECT id, name, partner_status, partner_applied_at FROM organizations WHERE region_id = @RegionId AND type = 'employer' ORDER BY name, id";

    private const string SelectWorksites = "SELECT employer_id, remote, checklist_status FROM worksites WHERE region_id = @RegionId";

    private const string SelectDocuments = $"SELECT {PartnerRecords.DocumentColumns} FROM employer_documents WHERE region_id = @RegionId";

    private const string SelectAgreements =
        $"SELECT {PartnerRecords.AgreementColumns} FROM partnership_agreements a LEFT JOIN organizations d ON d.id = a.district_id WHERE a.region_id = @RegionId";

    private const string SelectClearances = $"SELECT {PartnerRecords.ClearanceColumns} FROM supervisor_clearances WHERE region_id = @RegionId";

    /// <summary>Minors' placements under way (agreement pending or active) and the supervisor their agreement names.</summary>
    private const string SelectSupervised =
        "SELECT pl.employer_id, pl.district_id, sp.birth_date, ag.terms FROM placements pl LEFT JOIN student_profiles sp ON sp.person_id = pl.student_id " +
        "JOIN agreements ag ON ag.placement_id = pl.id WHERE pl.region_id = @RegionId AND pl.status IN ('agreementPending', 'active')";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Query, Result<List<PartnerBoardRow>>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) =>
            [SelectEmployers, SelectWorksites, SelectDocuments, SelectAgreements, SelectClearances, SelectSupervised, .. Partnerships.Statements];

        public async ValueTask<Result<List<PartnerBoardRow>>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var region = await Authorize.FindOrgAsync(connection, query.RegionId, cancellationToken);
            if (region is null || region.Ref.Type != OrganizationType.Region)
            {
                return Error.NotFound($"Region {query.RegionId}");
            }

            if (PartnerRecords.RegionStanding(query.Caller, region) is null)
            {
                return Authorize.CanSee(query.Caller, region.Ref)
                    ? Error.Forbidden("The partner board is for the region's convener and its districts' work-based learning staff.")
                    : Error.NotFound($"Region {query.RegionId}");
            }

            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var args = new { query.RegionId };
            CommandDefinition Read(string sql) => new(sql, args, cancellationToken: cancellationToken);
            var rules = await Partnerships.RequirementsAsync(connection, query.RegionId, cancellationToken);
            var employers = (await connection.QueryAsync<EmployerRow>(Read(SelectEmployers))).ToList();
            var worksites = (await connection.QueryAsync<WorksiteRow>(Read(SelectWorksites))).ToLookup(w => w.EmployerId);
            var documents = (await connection.QueryAsync<PartnerRecords.DocumentRow>(Read(SelectDocuments))).ToLookup(d => d.EmployerId);
            var agreements = (await connection.QueryAsync<PartnerRecords.AgreementRow>(Read(SelectAgreements))).ToLookup(a => a.EmployerId);
            var clearances = (await connection.QueryAsync<PartnerRecords.ClearanceRow>(Read(SelectClearances))).ToLookup(c => (c.EmployerId, c.EmailNormalized));
            var supervised = (await connection.QueryAsync<SupervisedRow>(Read(SelectSupervised)))
                .Where(s => s.BirthDate is not { } birth || birth.AddYears(18) > today)
                .Select(s => (s.EmployerId, s.DistrictId, Terms: DbJson.Read<AgreementRequest?>(s.Terms, null)))
                .Where(s => s.Terms is not null)
                .ToLookup(s => s.EmployerId);

            var rows = new List<PartnerBoardRow>();
            foreach (var employer in employers)
            {
                var sites = worksites[employer.Id].ToList();
                var docs = documents[employer.Id].ToList();
                var terms = agreements[employer.Id].ToList();
                var uncleared = supervised[employer.Id]
                    .Where(s => !clearances[(employer.Id, Partnerships.NormalizeEmail(s.Terms!.SupervisorEmail))].Any(c => c.CountsFor(s.DistrictId, today)))
                    .Select(s => s.Terms!.SupervisorName.Trim())
                    .Distinct(StringComparer.OrdinalIgnoreCase)
                    .Order(StringComparer.OrdinalIgnoreCase)
                    .ToList();
                var row = new PartnerBoardRow
                {
                    EmployerId = employer.Id.ToString("D"),
                    Name = employer.Name,
                    Status = DbEnum.Parse<PartnerStatus>(employer.PartnerStatus),
                    AppliedAt = employer.PartnerAppliedAt,
                    Worksites = sites.Count,
                    WorksitesToReview = sites.Count(w => w.ChecklistStatus == "submitted"),
                    WorksitesWithoutChecklist = sites.Count(w => !w.Remote && w.ChecklistStatus != "approved"),
                    DocumentsMissing = rules.Documents.Where(k => k.Required && Partnerships.MissingDocument(k, docs, today) is not null).Select(k => k.Name).ToList(),
                    DocumentsExpiring = docs.Count(d => d.InForce(today) && d.ExpiresOn <= today.AddDays(Partnerships.ExpiryWarningDays)),
                    DocumentsToReview = docs.Count(d => d.Status == "submitted"),
                    AgreementsInForce = terms.Count(a => a.InForce(today)),
                    AgreementsToRenew = terms.Count(a => a.InForce(today) && a.Renewals == 0 && a.EndsOn <= today.AddDays(Partnerships.RenewalDays)),
                    AgreementsAwaitingSignature = terms.Count(a => !a.Signed && a.EndsOn >= today),
                    UnclearedSupervisors = uncleared,
                    Ready = false,
                };
                row = row with
                {
                    Ready = row.Status == PartnerStatus.Approved && row.WorksitesToReview == 0 && row.DocumentsMissing.Count == 0 && row.DocumentsToReview == 0
                            && row.UnclearedSupervisors.Count == 0 && row.AgreementsAwaitingSignature == 0
                            && (!rules.AgreementRequired || row.AgreementsInForce > 0) && (!rules.WorksiteChecklistForMinors || row.WorksitesWithoutChecklist == 0),
                };
                if (Matches(row, query.Filter, rules))
                {
                    rows.Add(row);
                }
            }

            return rows.OrderBy(r => r.Status == PartnerStatus.Pending ? 0 : 1).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }

        private static bool Matches(PartnerBoardRow row, PartnerBoardFilter filter, PartnershipRequirements rules) => filter switch
        {
            PartnerBoardFilter.Pending => row.Status is PartnerStatus.Pending or PartnerStatus.ChangesRequested,
            PartnerBoardFilter.Documents => row.DocumentsMissing.Count > 0 || row.DocumentsExpiring > 0 || row.DocumentsToReview > 0,
            PartnerBoardFilter.Agreements => row.AgreementsToRenew > 0 || row.AgreementsAwaitingSignature > 0 || (rules.AgreementRequired && row.AgreementsInForce == 0),
            PartnerBoardFilter.Clearances => row.UnclearedSupervisors.Count > 0,
            PartnerBoardFilter.Worksites => row.WorksitesToReview > 0 || row.WorksitesWithoutChecklist > 0,
            PartnerBoardFilter.Ready => row.Ready,
            _ => true,
        };
    }

    /// <summary>The rows as CSV; cells that a spreadsheet would read as a formula are escaped (names come from public forms).</summary>
    public static string Csv(IEnumerable<PartnerBoardRow> rows)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape }))
        {
            foreach (var header in new[]
                     {
                         "Employer", "Status", "Applied", "Worksites", "Checklists to review", "Worksites without checklist", "Documents missing", "Documents expiring (30 days)",
                         "Documents to review", "Agreements in force", "Agreements to renew", "Agreements awaiting signature", "Uncleared supervisors", "Ready", "Employer id",
                     })
            {
                csv.WriteField(header);
            }

            csv.NextRecord();
            foreach (var row in rows)
            {
                csv.WriteField(row.Name);
                csv.WriteField(DbEnum.ToText(row.Status));
                csv.WriteField(row.AppliedAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
                csv.WriteField(row.Worksites);
                csv.WriteField(row.WorksitesToReview);
                csv.WriteField(row.WorksitesWithoutChecklist);
                csv.WriteField(string.Join("; ", row.DocumentsMissing));
                csv.WriteField(row.DocumentsExpiring);
                csv.WriteField(row.DocumentsToReview);
                csv.WriteField(row.AgreementsInForce);
                csv.WriteField(row.AgreementsToRenew);
                csv.WriteField(row.AgreementsAwaitingSignature);
                csv.WriteField(string.Join("; ", row.UnclearedSupervisors));
                csv.WriteField(row.Ready ? "yes" : "no");
                csv.WriteField(row.EmployerId);
                csv.NextRecord();
            }
        }

        return writer.ToString();
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/regions/{id:guid}/partners", async Task<Answer<Ok<List<PartnerBoardRow>>, Fails.Invalid, Fails.Forbidden, Fails.NotFound>> (Guid id, string? filter, Caller caller,
                    IMediator mediator, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                QueryEnums.TryParse<PartnerBoardFilter>(filter, "filter", errors, out var chosen);
                return errors.Count > 0
                    ? Error.Invalid(errors)
                    : (await mediator.Send(new Query(caller, id, chosen ?? PartnerBoardFilter.All), ct)).Match(rows => TypedResults.Ok(rows));
            })
            .WithQueryEnum<PartnerBoardFilter>("filter")
            .WithTags("Partners")
            .WithName("listPartners")
            .WithSummary("The convener's board: every employer's partnership state")
            .WithDescription("filter: pending, documents, agreements, clearances, worksites, ready (default all). Pending applications come first, then by name.");
        api.MapGet("/regions/{id:guid}/partners/export", async Task<Answer<CsvFile, Fails.Invalid, Fails.Forbidden, Fails.NotFound>> (Guid id, string? filter, Caller caller,
                    IMediator mediator, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                QueryEnums.TryParse<PartnerBoardFilter>(filter, "filter", errors, out var chosen);
                return errors.Count > 0
                    ? Error.Invalid(errors)
                    : (await mediator.Send(new Query(caller, id, chosen ?? PartnerBoardFilter.All), ct)).Match(rows => new CsvFile(Csv(rows), "partners.csv"));
            })
            .WithQueryEnum<PartnerBoardFilter>("filter")
            .WithTags("Partners")
            .WithName("exportPartners")
            .WithSummary("The convener's board as CSV");
    }

    private sealed class EmployerRow
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = "";
        public string PartnerStatus { get; set; } = "";
        public DateTimeOffset? PartnerAppliedAt { get; set; }
    }

    private sealed class WorksiteRow
    {
        public Guid EmployerId { get; set; }
        public bool Remote { get; set; }
        public string ChecklistStatus { get; set; } = "";
    }

    private sealed class SupervisedRow
    {
        public Guid EmployerId { get; set; }
        public Guid DistrictId { get; set; }
        public DateOnly? BirthDate { get; set; }
        public string Terms { get; set; } = "";
    }
}
