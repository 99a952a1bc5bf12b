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

    private const string SelectAgreement = "SELECT terms, version FROM agreements WHERE placement_id = @Id";

    private const string SelectAcknowledgements = "SELECT party, name, via, at FROM acknowledgements WHERE placement_id = @Id ORDER BY at";

    public static IEnumerable<string> Statements => [SelectAgreement, SelectAcknowledgements, SelectVisible(VisibleSql(Caller.Anonymous).Sql), SelectOfStudent(VisibleSql(Caller.Anonymous).Sql), EnrolledInClass, .. Disclosures.Statements, .. PlacementRules.Statements, .. Partnerships.Statements];

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
        // Proposed placements (an unpublished match round) are for the round's managers only.
        var sql = $"(@PlAll = 1 OR {DbIds.Among("pl.region_id", "@PlRegions")} OR {DbIds.Among("pl.district_id", "@PlDistricts")} " +
                  $"OR (pl.status <> 'proposed' AND ({DbIds.Among("pl.school_id", "@PlSchools")} OR {DbIds.Among("pl.employer_id", "@PlEmployers")} OR p.user_id = @PlUser " +
                  "OR EXISTS (SELECT 1 FROM guardianships vg JOIN people vgp ON vgp.id = vg.guardian_id WHERE vg.student_id = pl.student_id AND vgp.user_id = @PlUser))))";
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
    public async Task<Placement> ToContractAsync(DbConnection connection, Caller caller, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var employerView = ViewedAsEmployer(caller);
        var agreementRow = await connection.QuerySingleOrDefaultAsync<AgreementRow>(new CommandDefinition(SelectAgreement, new { Id }, cancellationToken: cancellationToken));
        Agreement? agreement = null;
        if (agreementRow is not null)
        {
            var acknowledgements = await connection.QueryAsync<AckRow>(new CommandDefinition(SelectAcknowledgements, new { Id }, cancellationToken: cancellationToken));
            agreement = new Agreement
            {
                Terms = DbJson.Read<AgreementRequest>(agreementRow.Terms, null!),
                Version = agreementRow.Version,
                RequiredParties = RequiredParties(today),
                Acknowledgements = acknowledgements.Select(a => new Acknowledgement
                {
                    Party = DbEnum.Parse<AgreementParty>(a.Party), Name = a.Name, Via = a.Via, At = a.At,
                }).ToList(),
            };
        }

        var approved = PlacementStatus is PlacementStatus.Approved or PlacementStatus.AgreementPending or PlacementStatus.Active or PlacementStatus.Completed;
        // Being the student's guardian matters only for acknowledging as the guardian: ask the database only then.
        var part = await PlacementRules.PartOfAsync(connection, caller, this, cancellationToken,
            askGuardian: PlacementRules.GuardianOutstanding(this, agreement, today));
        var allowed = PlacementRules.Allowed(part, this, agreement, today);
        var placement = new Placement
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
            CompletionGaps = allowed.Actions.Contains(PlacementAction.Complete) ? await PlacementRules.CompletionGapsAsync(connection, Id, cancellationToken) : null,
            ActivationGaps = PlacementStatus == PlacementStatus.AgreementPending && agreement is not null && agreement.RequiredParties.All(p => agreement.Acknowledgements.Any(a => a.Party == p))
                ? await Partnerships.PlacementGapsAsync(connection, ActivationCase(agreement.Terms), activation: true, today, cancellationToken)
                : null,
            Version = Version,
            CreatedAt = CreatedAt,
            UpdatedAt = UpdatedAt,
        };
        if (employerView)
        {
            await Disclosures.RecordAsync(connection, caller,
                [
                    new Disclosures.Disclosure(StudentId, EmployerId,
                        placement.StudentEmail is null ? "first name, grade, school" : "first name, grade, school, email",
                        Source == "application" ? "the student applied to the employer's opportunity" : "school placement with the employer",
                        $"placement {Id} ({placement.Status})"),
                ],
                now, cancellationToken);
        }

        return placement;
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
        public string Terms { get; set; } = "";
        public int Version { get; set; }
    }

    private sealed class AckRow
    {
        public string Party { get; set; } = "";
        public string Name { get; set; } = "";
        public string Via { get; set; } = "";
        public DateTimeOffset At { get; set; }
    }
}
