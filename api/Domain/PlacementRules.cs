using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Placements;
using static LaunchPath.Contracts.Placements.PlacementAction;

namespace LaunchPath.Api.Domain;

/// <summary>
/// The placement state machine and who may do what to a placement, in one place. The handlers check requests with it
/// (permission first, then state), and every placement the API returns carries the actions it allows for its caller
/// (<see cref="Placement.AllowedActions"/>), so a client never needs a copy of these rules.
/// </summary>
internal static class PlacementRules
{
    /// <summary>The state moves: from which states each is allowed, and where it leads.</summary>
    public static readonly IReadOnlyDictionary<PlacementAction, (PlacementStatus[] From, PlacementStatus To)> Moves = new Dictionary<PlacementAction, (PlacementStatus[], PlacementStatus)>
    {
        [Accept] = ([PlacementStatus.Requested], PlacementStatus.Accepted),
        [Decline] = ([PlacementStatus.Requested, PlacementStatus.Accepted], PlacementStatus.Declined),
        [Approve] = ([PlacementStatus.Accepted], PlacementStatus.Approved),
        [Withdraw] = ([PlacementStatus.Requested, PlacementStatus.Accepted, PlacementStatus.Approved, PlacementStatus.AgreementPending, PlacementStatus.Active], PlacementStatus.Withdrawn),
        [Complete] = ([PlacementStatus.Active], PlacementStatus.Completed),
        // Only once everyone acknowledged the agreement (see Allowed); the region's requirements are checked as it moves.
        [Activate] = ([PlacementStatus.AgreementPending], PlacementStatus.Active),
    };

    /// <summary>A placement still in play, from the request to active: a student holds at most one per opportunity.</summary>
    public const string OpenStatuses = "('requested', 'accepted', 'approved', 'agreementPending', 'active')";

    /// <summary>Of the students listed, those whose guardian the user is (a page of placements asks once).</summary>
    private const string GuardedStudents =
        "SELECT DISTINCT g.student_id FROM guardianships g JOIN people gp ON gp.id = g.guardian_id " +
        "WHERE gp.user_id = @UserId AND g.student_id IN (SELECT value FROM json_each(@Ids))";

    private const string SelectCompletionFacts =
        "SELECT (SELECT COUNT(*) FROM hours_entries WHERE placement_id = @Id AND status = 'submitted') AS undecided_hours, " +
        "(SELECT COUNT(*) FROM evaluations WHERE placement_id = @Id AND kind = 'final') AS final_evaluations";

    /// <summary>The same for a page of placements, in one statement.</summary>
    private const string SelectCompletionFactsOf =
        "SELECT pl.id, (SELECT COUNT(*) FROM hours_entries h WHERE h.placement_id = pl.id AND h.status = 'submitted') AS undecided_hours, " +
        "(SELECT COUNT(*) FROM evaluations e WHERE e.placement_id = pl.id AND e.kind = 'final') AS final_evaluations " +
        "FROM placements pl WHERE pl.id IN (SELECT value FROM json_each(@Ids))";

    public static IEnumerable<string> Statements => [GuardedStudents, SelectCompletionFacts, SelectCompletionFactsOf];

    /// <summary>What completing the placement now would leave undone, in words (empty: nothing).</summary>
    public static async Task<List<string>> CompletionGapsAsync(DbConnection connection, Guid placementId, CancellationToken cancellationToken, DbTransaction? transaction = null) =>
        Gaps(await connection.QuerySingleAsync<CompletionFacts>(new CommandDefinition(SelectCompletionFacts, new { Id = placementId }, transaction, cancellationToken: cancellationToken)));

    /// <summary>The completion gaps of several placements, read in one statement.</summary>
    public static async Task<Dictionary<Guid, List<string>>> CompletionGapsAsync(DbConnection connection, IReadOnlyCollection<Guid> placementIds, CancellationToken cancellationToken)
    {
        if (placementIds.Count == 1)
        {
            var id = placementIds.First();
            return new Dictionary<Guid, List<string>> { [id] = await CompletionGapsAsync(connection, id, cancellationToken) };
        }

        var facts = placementIds.Count == 0
            ? []
            : await connection.QueryAsync<CompletionFacts>(new CommandDefinition(SelectCompletionFactsOf, new { Ids = DbIds.Of(placementIds) }, cancellationToken: cancellationToken));
        return facts.ToDictionary(f => f.Id, Gaps);
    }

    private static List<string> Gaps(CompletionFacts facts)
    {
        var gaps = new List<string>();
        if (facts.UndecidedHours > 0)
        {
            gaps.Add(facts.UndecidedHours == 1 ? "1 hours entry is not yet approved or rejected" : $"{facts.UndecidedHours} hours entries are not yet approved or rejected");
        }

        if (facts.FinalEvaluations == 0)
        {
            gaps.Add("The employer has not submitted the final evaluation");
        }

        return gaps;
    }

    private sealed class CompletionFacts
    {
        public Guid Id { get; set; }
        public int UndecidedHours { get; set; }
        public int FinalEvaluations { get; set; }
    }

    /// <summary>The caller's parts in one placement.</summary>
    public sealed record Part(bool Student, bool Guardian, bool School, bool EmployerWriter, bool EmployerStaff, bool OutsideParty);

    /// <summary>
    /// Works out the caller's parts. Whether a signed-in caller is the student's guardian is asked of the database, and
    /// only when <paramref name="askGuardian"/> (a guardian's only part is acknowledging an agreement).
    /// </summary>
    public static async Task<Part> PartOfAsync(DbConnection connection, Caller caller, PlacementRecord placement, CancellationToken cancellationToken, bool askGuardian = true) =>
        PartOf(caller, placement, guardian: askGuardian && !IsTheStudent(caller, placement)
            && (await GuardedStudentsAsync(connection, caller, [placement.StudentId], cancellationToken)).Contains(placement.StudentId));

    /// <summary>
    /// Of <paramref name="studentIds"/>, the students whose guardian the caller is, asked once for a page of placements
    /// (none without a signed-in user or students to ask about).
    /// </summary>
    public static async Task<HashSet<Guid>> GuardedStudentsAsync(DbConnection connection, Caller caller, IReadOnlyCollection<Guid> studentIds, CancellationToken cancellationToken) =>
        caller.UserId is null || studentIds.Count == 0
            ? []
            : (await connection.QueryAsync<Guid>(new CommandDefinition(GuardedStudents, new { caller.UserId, Ids = DbIds.Of(studentIds) }, cancellationToken: cancellationToken))).ToHashSet();

    /// <summary>Whether the caller is the placement's student.</summary>
    public static bool IsTheStudent(Caller caller, PlacementRecord placement) => placement.StudentUserId is not null && placement.StudentUserId == caller.UserId;

    /// <summary>The caller's parts in the placement, once whether they are the student's guardian is known.</summary>
    public static Part PartOf(Caller caller, PlacementRecord placement, bool guardian)
    {
        return new Part(
            Student: IsTheStudent(caller, placement),
            Guardian: guardian,
            School: caller.PermissionsAt(placement.School).Contains(Permission.PeopleWrite),
            EmployerWriter: caller.PermissionsAt(placement.Employer).Contains(Permission.OpportunitiesWrite),
            EmployerStaff: caller.UserId is not null && caller.Grants.Any(g => g.Organization.Id == placement.EmployerId),
            OutsideParty: placement.ViewedAsEmployer(caller));
    }

    /// <summary>Whether the caller's parts let them take the action at all, whatever the state (else 403).</summary>
    public static bool MayTake(PlacementAction action, Part part) => action switch
    {
        Accept or Decline => part.EmployerWriter,
        Approve or Complete or CreateLink or Activate => part.School,
        Withdraw => part.EmployerWriter || part.School || part.Student,
        WriteAgreement => part.School || part.EmployerWriter,
        Acknowledge => part.Student || part.Guardian || part.EmployerStaff || part.School,
        ConnectClass or LogHours => part.Student || part.School,
        Evaluate => part.EmployerStaff,
        Reflect => part.Student,
        ReadReflections => !part.OutsideParty,
        _ => false,
    };

    /// <summary>Whether the caller may acknowledge the agreement as <paramref name="party"/>.</summary>
    public static bool MayActAs(AgreementParty party, Part part) => party switch
    {
        AgreementParty.Student => part.Student,
        AgreementParty.Guardian => part.Guardian,
        AgreementParty.Supervisor => part.EmployerStaff,
        _ => part.School,
    };

    /// <summary>
    /// Agreements are written and acknowledged once the school approved the placement and before it is active, while the
    /// approval has not lapsed. Null when open; else the 409 to send.
    /// </summary>
    public static Error? AgreementClosed(PlacementRecord placement, DateOnly today)
    {
        if (placement.IsExpired(today))
        {
            return Error.Conflict($"The approval expired on {placement.ExpiresOn:yyyy-MM-dd}; the school must approve the placement again.");
        }

        return placement.PlacementStatus is not (PlacementStatus.Approved or PlacementStatus.AgreementPending)
            ? Error.Conflict($"The placement is {placement.Status}; agreements are made after the school approves it and before it is active.")
            : null;
    }

    /// <summary>The parties still to acknowledge the current agreement (none when there is no agreement yet).</summary>
    private static IEnumerable<AgreementParty> Outstanding(Agreement? agreement) =>
        agreement is null ? [] : agreement.RequiredParties.Where(p => agreement.Acknowledgements.All(a => a.Party != p));

    /// <summary>Whether the agreement is open and still waits for the guardian's acknowledgement.</summary>
    public static bool GuardianOutstanding(PlacementRecord placement, Agreement? agreement, DateOnly today) =>
        AgreementClosed(placement, today) is null && Outstanding(agreement).Contains(AgreementParty.Guardian);

    /// <summary>The actions the caller may take now, and the party they would acknowledge as.</summary>
    public static (List<PlacementAction> Actions, AgreementParty? AcknowledgeAs) Allowed(Part part, PlacementRecord placement, Agreement? agreement, DateOnly today)
    {
        var status = placement.PlacementStatus;
        var agreementOpen = AgreementClosed(placement, today) is null;
        var outstanding = Outstanding(agreement).ToList();
        AgreementParty? acknowledgeAs = agreementOpen ? outstanding.Cast<AgreementParty?>().FirstOrDefault(p => MayActAs(p!.Value, part)) : null;
        var actions = new List<PlacementAction>();
        foreach (var action in Enum.GetValues<PlacementAction>())
        {
            if (!MayTake(action, part))
            {
                continue;
            }

            var now = action switch
            {
                Activate => status == PlacementStatus.AgreementPending && agreement is not null && outstanding.Count == 0,
                _ when Moves.TryGetValue(action, out var move) => move.From.Contains(status),
                WriteAgreement => agreementOpen,
                Acknowledge => acknowledgeAs is not null,
                CreateLink => agreementOpen && outstanding.Any(p => p is AgreementParty.Guardian or AgreementParty.Supervisor),
                LogHours => status == PlacementStatus.Active,
                Evaluate or Reflect => status is PlacementStatus.Active or PlacementStatus.Completed,
                _ => true,
            };
            if (now)
            {
                actions.Add(action);
            }
        }

        return (actions, acknowledgeAs);
    }

    /// <summary>The employer's staff (signed in) approve or reject hours.</summary>
    public static bool MayDecideHours(Part part) => part.EmployerStaff;

    /// <summary>The school or the employer's admin send a supervisor a one-time link to decide hours.</summary>
    public static bool MaySendHoursLink(Part part) => part.School || part.EmployerWriter;

    /// <summary>What the caller may do to an hours entry in <paramref name="status"/> (approved entries are locked).</summary>
    public static List<HoursAction> HoursActions(Part part, string status)
    {
        var actions = new List<HoursAction>();
        if (MayTake(LogHours, part) && status != "approved")
        {
            actions.AddRange([HoursAction.Edit, HoursAction.Delete]);
        }

        if (status == "submitted" && MayDecideHours(part))
        {
            actions.Add(HoursAction.Decide);
        }

        if (status == "submitted" && MaySendHoursLink(part))
        {
            actions.Add(HoursAction.CreateLink);
        }

        return actions;
    }
}
