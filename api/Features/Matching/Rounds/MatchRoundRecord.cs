using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Matching;
using LaunchPath.Contracts.Organizations;

namespace LaunchPath.Api.Features.Matching.Rounds;

/// <summary>The match_rounds row, its opportunities, and who may see and run it. Shared by the round's slices.</summary>
internal sealed class MatchRoundRecord
{
    public const string Columns =
        "id, organization_id, region_id, name, status, max_choices, seed, seed_salt, seed_commitment, reserve_group, reserve_percent, stats_json, progress, runs, version, created_at, matched_at, published_at";

    private const string Select = "SELECT " + Columns + " FROM match_rounds WHERE id = @Id";

    private const string SelectOpportunities =
        "SELECT ro.opportunity_id, op.title, e.name AS employer_name, ro.seats, " +
        "(SELECT COUNT(*) FROM match_round_choices c WHERE c.round_id = ro.round_id AND c.opportunity_id = ro.opportunity_id) AS applicants " +
        "FROM match_round_opportunities ro JOIN opportunities op ON op.id = ro.opportunity_id JOIN organizations e ON e.id = op.employer_id " +
        "WHERE ro.round_id = @Id ORDER BY op.title, ro.opportunity_id";

    /// <summary>Students with choices: one list row each (see SubmitChoices), a tenth of the choice rows to count.</summary>
    private const string CountStudents = "SELECT COUNT(*) FROM match_round_choice_lists WHERE round_id = @Id";

    public static IEnumerable<string> Statements => [Select, SelectOpportunities, CountStudents];

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid RegionId { get; set; }
    public string Name { get; set; } = "";
    public string Status { get; set; } = "";
    public int MaxChoices { get; set; }
    public int Seed { get; set; }
    public string? SeedSalt { get; set; }
    public string? SeedCommitment { get; set; }
    public string? ReserveGroup { get; set; }
    public int ReservePercent { get; set; }
    public string? StatsJson { get; set; }
    public int Progress { get; set; }
    public int Runs { get; set; }
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? MatchedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    public MatchRoundStatus RoundStatus => DbEnum.Parse<MatchRoundStatus>(Status);

    /// <summary>
    /// The commitment to a round's lottery made when it opens: lowercase hex SHA-256 of
    /// <c>launchpath-round:{id}:{seed}:{salt}</c> (the salt keeps a 31-bit seed from being found by trying them all).
    /// </summary>
    public static string Commitment(Guid id, int seed, string salt) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"launchpath-round:{id:D}:{seed}:{salt}"))));

    public static Task<MatchRoundRecord?> FindAsync(DbConnection connection, Guid id, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<MatchRoundRecord>(new CommandDefinition(Select, new { Id = id }, cancellationToken: cancellationToken));

    /// <summary>
    /// Anyone who reads opportunities in the round's region sees the round, and so do guardians of its students (for
    /// their children's results); subgroup statistics need SubgroupsRead there.
    /// </summary>
    public static bool CanView(Caller caller, MatchRoundRecord round) =>
        caller.IsPlatformAdmin || caller.GrantsWith(Permission.OpportunitiesRead).Any(g => g.Organization.RegionId == round.RegionId)
        || caller.Grants.Any(g => g.Role == Role.Guardian && g.Organization.RegionId == round.RegionId);

    /// <summary>The round's 404 when the caller cannot see it, or null with the round's organization.</summary>
    public static async Task<(MatchRoundRecord? Round, Authorize.Org? Org, Error? Error)> LoadAsync(DbConnection connection, Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var round = await FindAsync(connection, id, cancellationToken);
        if (round is null || !CanView(caller, round))
        {
            return (null, null, Error.NotFound($"Match round {id}"));
        }

        return (round, await Authorize.FindOrgAsync(connection, round.OrganizationId, cancellationToken), null);
    }

    /// <summary>Managing a round (run, publish, results) is curation at the round's region or district.</summary>
    public static Error? CheckManager(Caller caller, Authorize.Org org) =>
        caller.PermissionsAt(org.Ref).Contains(Permission.OpportunitiesCurate)
            ? null
            : Error.Forbidden("Only the convener (or, for a district round, the district's curators) manages this round.");

    /// <summary>Choices, rankings and runs change while the round is open or matched (not queued, running or published).</summary>
    public bool Changing => RoundStatus is MatchRoundStatus.Open or MatchRoundStatus.Matched;

    /// <summary>What <paramref name="caller"/> may do with the round now; <paramref name="org"/> is the round's organization.</summary>
    public List<MatchRoundAction> AllowedActions(Caller caller, Authorize.Org? org)
    {
        var manager = org is not null && CheckManager(caller, org) is null;
        var actions = new List<MatchRoundAction>();
        if (manager && Changing)
        {
            actions.Add(MatchRoundAction.Run);
        }

        if (manager && RoundStatus == MatchRoundStatus.Matched)
        {
            actions.Add(MatchRoundAction.Publish);
        }

        if (Changing && caller.Grants.Any(g => g.Role == Role.Student && g.Organization.RegionId == RegionId))
        {
            actions.Add(MatchRoundAction.SubmitChoices);
        }

        if (Changing && caller.GrantsWith(Permission.OpportunitiesWrite).Any(g => g.Organization.RegionId == RegionId))
        {
            actions.Add(MatchRoundAction.RankApplicants);
        }

        return actions;
    }

    public static Error? CheckOpen(MatchRoundRecord round) =>
        round.Changing
            ? null
            : Error.Conflict(round.RoundStatus == MatchRoundStatus.Published
                ? "The round is published; its choices, rankings and results no longer change."
                : "The round is running; try again when it has finished.");

    /// <summary>
    /// A round's opportunities with their applicants, counted over its (up to a million) choice rows, and its students
    /// with choices, over their lists: ≈ 0.2 s a time at region scale. Queued, running or published, a round's choices cannot change, so each
    /// node counts them once per round and version (a round's progress is read every second or so while it runs).
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Guid Id, int Version), (List<OpportunityRow> Opportunities, int Students)> Counted = new();

    private async Task<(List<OpportunityRow> Opportunities, int Students)> CountAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var settled = RoundStatus is MatchRoundStatus.Queued or MatchRoundStatus.Running or MatchRoundStatus.Published;
        if (settled && Counted.TryGetValue((Id, Version), out var known))
        {
            return known;
        }

        var opportunities = (await connection.QueryAsync<OpportunityRow>(new CommandDefinition(SelectOpportunities, new { Id }, cancellationToken: cancellationToken))).ToList();
        var students = await connection.ExecuteScalarAsync<int>(new CommandDefinition(CountStudents, new { Id }, cancellationToken: cancellationToken));
        if (settled)
        {
            if (Counted.Count >= 64)
            {
                Counted.Clear();
            }

            Counted[(Id, Version)] = (opportunities, students);
        }

        return (opportunities, students);
    }

    /// <summary>
    /// A run that moved a round from one version to the next without its choices changing (queued or running to
    /// matched) hands this node's counts on to the new version, so the first read of the result does not count again.
    /// </summary>
    public static void CarryCounts(Guid id, int from, int to)
    {
        if (Counted.TryGetValue((id, from), out var known))
        {
            Counted[(id, to)] = known;
        }
    }

    public async Task<MatchRound> ToContractAsync(DbConnection connection, Caller caller, Authorize.Org? org, CancellationToken cancellationToken)
    {
        var (opportunities, students) = await CountAsync(connection, cancellationToken);
        var statistics = StatsJson is null ? null : DbJson.Read<MatchStatistics?>(StatsJson, null);
        if (statistics is not null && (org is null || !caller.PermissionsAt(org.Ref).Contains(Permission.SubgroupsRead)))
        {
            statistics = statistics with { BySubgroup = null };
        }

        return new MatchRound
        {
            Id = Id.ToString("D"),
            OrganizationId = OrganizationId.ToString("D"),
            RegionId = RegionId.ToString("D"),
            Name = Name,
            Status = RoundStatus,
            MaxChoices = MaxChoices,
            Seed = RoundStatus == MatchRoundStatus.Published ? Seed : null,
            SeedSalt = RoundStatus == MatchRoundStatus.Published ? SeedSalt : null,
            SeedCommitment = SeedCommitment,
            ReserveGroup = ReserveGroup is null ? null : DbEnum.Parse<ReserveGroup>(ReserveGroup),
            ReservePercent = ReservePercent,
            Opportunities = opportunities.Select(o => new MatchRoundOpportunity
            {
                OpportunityId = o.OpportunityId.ToString("D"),
                Title = o.Title,
                EmployerName = o.EmployerName,
                Seats = o.Seats,
                Applicants = o.Applicants,
            }).ToList(),
            StudentsWithChoices = students,
            Progress = Progress,
            Runs = Runs,
            Statistics = statistics,
            Version = Version,
            CreatedAt = CreatedAt,
            MatchedAt = MatchedAt,
            PublishedAt = PublishedAt,
            AllowedActions = AllowedActions(caller, org),
        };
    }

    private sealed class OpportunityRow
    {
        public Guid OpportunityId { get; set; }
        public string Title { get; set; } = "";
        public string EmployerName { get; set; } = "";
        public int Seats { get; set; }
        public int Applicants { get; set; }
    }
}
