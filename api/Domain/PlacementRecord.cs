using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.Organizations;
using LaunchPath.Contracts.Placements;

namespace LaunchPath.Api.Domain;

/// <summary>A placement row with what its views need from the student, opportunity and organizations: who may see it, and its wire shape (with the FERPA disclosure an employer's view writes).</summary>
internal sealed class PlacementRecord
{
    public const string Columns =
        "pl.id, pl.status, pl.source, pl.student_id, p.given_name, p.preferred_name, p.family_name, p.email AS student_email, p.user_id AS student_user_id, " +
        "p.region_id, sp.grade, sp.birth_date, pl.school_id, s.name AS school_name, pl.district_id, pl.opportunity_id, op.title AS opportunity_title, pl.employer_id, " +
        "e.name AS employer_name, e.region_id AS employer_region_id, pl.stage, pl.note, pl.decision_reason, pl.expires_on, pl.credit_earned, pl.credential_earned, pl.completed_at, pl.version, " +
        "pl.created_at, pl.updated_at, pl.class_id, cl.title AS class_title, co.title AS course_title";

    public const string From =
        "placements pl JOIN people p ON p.id = pl.student_id JOIN student_profiles sp ON sp.person_id = p.id JOIN organizations s ON s.id = pl.school_id " +
        "JOIN opportunities op ON op.id = pl.opportunity_id JOIN organizations e ON e.id = pl.employer_id " +
        "LEFT JOIN classes cl ON cl.id = pl.class_id LEFT JOIN courses co ON co.id = cl.course_id";

    /// <summary>Whether a placement or reflection may name the class: none named, or one the student is actively enrolled in.</summary>
    public static async Task<bool> MayNameClassAsync(DbConnection connection, Guid? classId, Guid studentId, CancellationToken cancellationToken) =>
        classId is null || await connection.ExecuteScalarAsync<int>(new CommandDefinition(EnrolledInClass,
            new { ClassId = classId, StudentId = studentId }, cancellationToken: cancellationToken)) > 0;

    /// <summary>The student has an active enrolment, as a student, in the class.</summary>
    private const string EnrolledInClass =
        "SELECT COUNT(*) FROM enrollments WHERE class_id = @ClassId AND person_id = @StudentId AND role = 'student' AND status = 'active'";

    private const string SelectAgreement = "SELECT placement_id, terms, version FROM agreements WHERE placement_id = @Id";

    private const string SelectAgreements = "SELECT placement_id, terms, version FROM agreements WHERE placement_id IN (SELECT value FROM json_each(@Ids))";

    private const string SelectAcknowledgements = "SELECT placement_id, party, name, via, at FROM acknowledgements WHERE placement_id = @Id ORDER BY at";

    private const string SelectAcknowledgementsOf =
        "SELECT placement_id, party, name, via, at FROM acknowledgements WHERE placement_id IN (SELECT value FROM json_each(@Ids)) ORDER BY at";

    public static IEnumerable<string> Statements => [SelectAgreement, SelectAgreements, SelectAcknowledgements, SelectAcknowledgementsOf, SelectVisible(VisibleSql(Caller.Anonymous).Sql), SelectOfStudent(VisibleSql(Caller.Anonymous).Sql), EnrolledInClass, .. Disclosures.Statements, .. PlacementRules.Statements, .. Partnerships.Statements];

    public Guid Id { get; set; }
    public string Status { get; set; } = "";
    public string Source { get; set; } = "";
    public Guid StudentId { get; set; }
    public string GivenName { get; set; } = "";
    public string? PreferredName { get; set; }
    public string FamilyName { get; set; } = "";
    public string? StudentEmail { get; set; }
    public Guid? StudentUserId { get; set; }
    public Guid RegionId { get; set; }
    public int? Grade { get; set; }
    public DateOnly? BirthDate { get; set; }
    public Guid SchoolId { get; set; }
    public string SchoolName { get; set; } = "";
    public Guid DistrictId { get; set; }
    public Guid OpportunityId { get; set; }
    public string OpportunityTitle { get; set; } = "";
    public Guid EmployerId { get; set; }
    public string EmployerName { get; set; } = "";
    public Guid EmployerRegionId { get; set; }
    public string Stage { get; set; } = "";
    public string? Note { get; set; }
    public string? DecisionReason { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public string? CreditEarned { get; set; }
    public string? CredentialEarned { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid? ClassId { get; set; }
    public string? ClassTitle { get; set; }
    public string? CourseTitle { get; set; }

    public PlacementStatus PlacementStatus => DbEnum.Parse<PlacementStatus>(Status);

    public OrgRef School => new(SchoolId, OrganizationType.School, RegionId, DistrictId);

    public OrgRef Employer => new(EmployerId, OrganizationType.Employer, EmployerRegionId, null);

    /// <summary>An approval lapses when the placement is not active by its expiry date.</summary>
    public bool IsExpired(DateOnly today) =>
        PlacementStatus is PlacementStatus.Approved or PlacementStatus.AgreementPending && ExpiresOn is { } expires && today > expires;

    /// <summary>Minors need a guardian's acknowledgement; without a birth date a student counts as a minor.</summary>
    public bool IsMinor(DateOnly today) => BirthDate is not { } birth || birth.AddYears(18) > today;

    public static (string Sql, DynamicParameters Parameters) VisibleSql(Caller caller)
    {
        var people = caller.Scope(Permission.PeopleRead);
        var parameters = new DynamicParameters();
        parameters.Add("PlAll", people.All ? 1 : 0);
        parameters.Add("PlRegions", DbIds.Of(people.Regions));
        parameters.Add("PlDistricts", DbIds.Of(people.Districts));
        parameters.Add("PlSchools", DbIds.Of(people.Schools));
        parameters.Add("PlEmployers", DbIds.Of(caller.GrantsWith(Permission.OpportunitiesRead)
            .Where(g => g.Organization.Type == OrganizationType.Employer).Select(g => g.Organization.Id)));
        parameters.Add("PlUser", caller.UserId);
        // Proposed placements (an unpublished match round) are for the round's managers only. Every test reads the
        // placement row alone (the caller's own person and wards are two subqueries read once per statement), so a
        // page scans placements and joins the student, opportunity and organizations only for those it returns.
        var sql = $"(@PlAll = 1 OR {DbIds.Among("pl.region_id", "@PlRegions")} OR {DbIds.Among("pl.district_id", "@PlDistricts")} " +
                  $"OR (pl.status <> 'proposed' AND ({DbIds.Among("pl.school_id", "@PlSchools")} OR {DbIds.Among("pl.employer_id", "@PlEmployers")} " +
                  "OR pl.student_id IN (SELECT vs.id FROM people vs WHERE vs.user_id = @PlUser) " +
                  "OR pl.student_id IN (SELECT vg.student_id FROM guardianships vg JOIN people vgp ON vgp.id = vg.guardian_id WHERE vgp.user_id = @PlUser))))";
        return (sql, parameters);
    }

    private static string SelectVisible(string visible) => $"SELECT {Columns} FROM {From} WHERE pl.id = @Id AND {visible}";

    private static string SelectOfStudent(string visible) => $"SELECT {Columns} FROM {From} WHERE pl.student_id = @StudentId AND {visible} ORDER BY pl.created_at, pl.id";

    /// <summary>The placements of one student the caller may see, oldest first.</summary>
    public static async Task<List<PlacementRecord>> OfStudentAsync(DbConnection connection, Caller caller, Guid studentId, CancellationToken cancellationToken)
    {
        var (visible, parameters) = VisibleSql(caller);
        parameters.Add("StudentId", studentId);
        return (await connection.QueryAsync<PlacementRecord>(new CommandDefinition(SelectOfStudent(visible), parameters, cancellationToken: cancellationToken))).ToList();
    }

    public static async Task<PlacementRecord?> FindVisibleAsync(DbConnection connection, Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var (visible, parameters) = VisibleSql(caller);
        parameters.Add("Id", id);
        return await connection.QuerySingleOrDefaultAsync<PlacementRecord>(new CommandDefinition(SelectVisible(visible), parameters, cancellationToken: cancellationToken));
    }

    /// <summary>True when the caller sees this placement only as the employer (its staff or its API key): an outside party under FERPA.</summary>
    public bool ViewedAsEmployer(Caller caller) => Domain.Disclosures.IsOutsideParty(caller, EmployerId, School, StudentUserId);

    /// <summary>
    /// The placement as <paramref name="caller"/> may see it. When the caller is the employer (an outside party), it gets
    /// the student's first name, grade and school (and the email once the school approved), and the view is written to
    /// the disclosure log here, so no path that shows a placement to an employer can skip the log.
    /// </summary>
    public async Task<Placement> ToContractAsync(DbConnection connection, Caller caller, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await ToContractsAsync(connection, caller, [this], now, cancellationToken))[0];

    /// <summary>
    /// Placements as <paramref name="caller"/> may see them (see <see cref="ToContractAsync"/>), in the order given. What
    /// each needs beyond its row (agreement, acknowledgements, whether the caller is the student's guardian, completion
    /// gaps) is read for all of them at once, one statement each, and an employer's view is logged in one write: a page
    /// of fifty costs a handful of statements, not a few per placement.
    /// </summary>
    public static async Task<List<Placement>> ToContractsAsync(DbConnection connection, Caller caller, IReadOnlyList<PlacementRecord> rows, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        object which = rows.Count == 1 ? new { rows[0].Id } : new { Ids = DbIds.Of(rows.Select(r => r.Id)) };
        var agreementRows = (await connection.QueryAsync<AgreementRow>(
            new CommandDefinition(rows.Count == 1 ? SelectAgreement : SelectAgreements, which, cancellationToken: cancellationToken))).ToList();
        var acknowledgements = agreementRows.Count == 0
            ? Enumerable.Empty<AckRow>().ToLookup(a => a.PlacementId)
            : (await connection.QueryAsync<AckRow>(new CommandDefinition(rows.Count == 1 ? SelectAcknowledgements : SelectAcknowledgementsOf, which,
                cancellationToken: cancellationToken))).ToLookup(a => a.PlacementId);
        var byPlacement = rows.ToDictionary(r => r.Id);
        var agreements = agreementRows.ToDictionary(a => a.PlacementId, a => new Agreement
        {
            Terms = DbJson.Read<AgreementRequest>(a.Terms, null!),
            Version = a.Version,
            RequiredParties = byPlacement[a.PlacementId].RequiredParties(today),
            Acknowledgements = acknowledgements[a.PlacementId].Select(ack => new Acknowledgement
            {
                Party = DbEnum.Parse<AgreementParty>(ack.Party), Name = ack.Name, Via = ack.Via, At = ack.At,
            }).ToList(),
        });

        // Being the student's guardian matters only for acknowledging as the guardian: ask the database only for the
        // placements whose agreement waits for the guardian.
        var askGuardian = rows
            .Where(r => !PlacementRules.IsTheStudent(caller, r) && PlacementRules.GuardianOutstanding(r, agreements.GetValueOrDefault(r.Id), today))
            .Select(r => r.Id).ToHashSet();
        var guarded = await PlacementRules.GuardedStudentsAsync(connection, caller,
            rows.Where(r => askGuardian.Contains(r.Id)).Select(r => r.StudentId).ToHashSet(), cancellationToken);
        var allowed = rows.ToDictionary(r => r.Id, r => PlacementRules.Allowed(
            PlacementRules.PartOf(caller, r, guardian: askGuardian.Contains(r.Id) && guarded.Contains(r.StudentId)), r, agreements.GetValueOrDefault(r.Id), today));
        var completionGaps = await PlacementRules.CompletionGapsAsync(connection,
            rows.Where(r => allowed[r.Id].Actions.Contains(PlacementAction.Complete)).Select(r => r.Id).ToList(), cancellationToken);

        var placements = new List<Placement>(rows.Count);
        var disclosures = new List<Disclosures.Disclosure>();
        foreach (var row in rows)
        {
            var employerView = row.ViewedAsEmployer(caller);
            var placement = await row.ToContract(connection, employerView, agreements.GetValueOrDefault(row.Id), allowed[row.Id], completionGaps.GetValueOrDefault(row.Id),
                today, cancellationToken);
            placements.Add(placement);
            if (employerView)
            {
                disclosures.Add(new Disclosures.Disclosure(row.StudentId, row.EmployerId,
                    placement.StudentEmail is null ? "first name, grade, school" : "first name, grade, school, email",
                    row.Source == "application" ? "the student applied to the employer's opportunity" : "school placement with the employer",
                    $"placement {row.Id} ({placement.Status})"));
            }
        }

        await Disclosures.RecordAsync(connection, caller, disclosures, now, cancellationToken);
        return placements;
    }

    private async Task<Placement> ToContract(DbConnection connection, bool employerView, Agreement? agreement, (List<PlacementAction> Actions, AgreementParty? AcknowledgeAs) allowed,
        List<string>? completionGaps, DateOnly today, CancellationToken cancellationToken)
    {
        var approved = PlacementStatus is PlacementStatus.Approved or PlacementStatus.AgreementPending or PlacementStatus.Active or PlacementStatus.Completed;
        return new Placement
        {
            Id = Id.ToString("D"),
            Status = PlacementStatus,
            Source = Source,
            StudentId = StudentId.ToString("D"),
            StudentName = employerView ? PreferredName ?? GivenName : $"{PreferredName ?? GivenName} {FamilyName}",
            StudentGrade = Grade,
            SchoolId = SchoolId.ToString("D"),
            SchoolName = SchoolName,
            StudentEmail = employerView && !approved ? null : StudentEmail,
            OpportunityId = OpportunityId.ToString("D"),
            OpportunityTitle = OpportunityTitle,
            EmployerId = EmployerId.ToString("D"),
            EmployerName = EmployerName,
            Stage = DbEnum.Parse<ContinuumStage>(Stage),
            Note = Note,
            ClassId = ClassId?.ToString("D"),
            ClassTitle = ClassTitle,
            CourseTitle = CourseTitle,
            DecisionReason = DecisionReason,
            ExpiresOn = ExpiresOn,
            Expired = IsExpired(today),
            CreditEarned = CreditEarned,
            CredentialEarned = CredentialEarned,
            CompletedAt = CompletedAt,
            Agreement = agreement,
            AllowedActions = allowed.Actions,
            AcknowledgeAs = allowed.AcknowledgeAs,
            CompletionGaps = allowed.Actions.Contains(PlacementAction.Complete) ? completionGaps ?? [] : null,
            // Rare (waiting for the region's requirements after everyone acknowledged): asked per placement.
            ActivationGaps = PlacementStatus == PlacementStatus.AgreementPending && agreement is not null && agreement.RequiredParties.All(p => agreement.Acknowledgements.Any(a => a.Party == p))
                ? await Partnerships.PlacementGapsAsync(connection, ActivationCase(agreement.Terms), activation: true, today, cancellationToken)
                : null,
            Version = Version,
            CreatedAt = CreatedAt,
            UpdatedAt = UpdatedAt,
        };
    }

    /// <summary>A page behind a one-time link showed the employer's supervisor the student's first name: log it.</summary>
    public Task RecordLinkDisclosureAsync(DbConnection connection, string context, DateTimeOffset now, CancellationToken cancellationToken) =>
        Disclosures.RecordAsync(connection, Caller.Anonymous,
            [new Disclosures.Disclosure(StudentId, EmployerId, "first name", "one-time link sent to the employer's supervisor", $"{context}, placement {Id}")],
            now, cancellationToken);

    /// <summary>What the region's requirements are checked against when the placement becomes active under <paramref name="terms"/>.</summary>
    public Partnerships.PlacementCase ActivationCase(AgreementRequest? terms) =>
        new(OpportunityId, DistrictId, BirthDate, terms?.SupervisorEmail, terms?.SupervisorName);

    public IReadOnlyList<AgreementParty> RequiredParties(DateOnly today) =>
        IsMinor(today)
            ? [AgreementParty.Student, AgreementParty.Guardian, AgreementParty.Supervisor, AgreementParty.Coordinator]
            : [AgreementParty.Student, AgreementParty.Supervisor, AgreementParty.Coordinator];

    private sealed class AgreementRow
    {
        public Guid PlacementId { get; set; }
        public string Terms { get; set; } = "";
        public int Version { get; set; }
    }

    private sealed class AckRow
    {
        public Guid PlacementId { get; set; }
        public string Party { get; set; } = "";
        public string Name { get; set; } = "";
        public string Via { get; set; } = "";
        public DateTimeOffset At { get; set; }
    }
}
