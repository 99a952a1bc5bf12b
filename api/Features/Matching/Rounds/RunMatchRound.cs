using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Jobs;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Matching;
using LaunchPath.Contracts.Matching;
using LaunchPath.Contracts.Opportunities;
using Mediator;

namespace LaunchPath.Api.Features.Matching.Rounds;

/// <summary>
/// POST /api/v1/match-rounds/{id}/run — queue the round (open, or matched and not yet published: a re-run replaces the
/// proposed placements). A job, on whichever node claims it, loads the choices and rankings, runs deferred acceptance with the round's seed,
/// writes proposed placements and statistics, and reports progress on the round while it runs. One run at a time is a
/// conditional write (only an open or matched round is queued); a client that sends the round's ETag in If-Match gets
/// exactly one run for any number of identical requests, since every run moves the version on.
/// </summary>
public static class RunMatchRound
{
    /// <summary>ExpectedVersion is the If-Match version, when sent.</summary>
    public sealed record Command(Caller Caller, Guid Id, int? ExpectedVersion = null) : IRequest<Result<MatchRound>>;

    private const string Queue =
        "UPDATE match_rounds SET status = 'queued', progress = 0, version = version + 1 WHERE id = @Id AND status IN ('open', 'matched') " +
        "AND (@Expected IS NULL OR version = @Expected)";

    public sealed class Handler(Db db, JobQueue jobs) : IRequestHandler<Command, Result<MatchRound>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Queue, .. MatchRoundRecord.Statements];

        public async ValueTask<Result<MatchRound>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (round, org, error) = await MatchRoundRecord.LoadAsync(connection, command.Caller, command.Id, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            if (MatchRoundRecord.CheckManager(command.Caller, org!) is { } denied)
            {
                return denied;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (await connection.ExecuteAsync(new CommandDefinition(Queue, new { command.Id, Expected = command.ExpectedVersion }, transaction, cancellationToken: cancellationToken)) == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                var now = (await MatchRoundRecord.FindAsync(connection, command.Id, cancellationToken))!;
                return MatchRoundRecord.CheckOpen(now)
                       ?? (command.ExpectedVersion is { } expected && now.Version != expected ? Error.VersionMismatch : null)
                       ?? Error.Conflict("The round is already queued or running.");
            }

            await jobs.EnqueueAsync(connection, transaction, MatchRoundJob.JobKind, command.Id, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            jobs.Wake();
            var queued = (await MatchRoundRecord.FindAsync(connection, command.Id, cancellationToken))!;
            return await queued.ToContractAsync(connection, command.Caller, org, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/{id:guid}/run", async Task<Answer<Accepted<MatchRound>, Fails.Forbidden, Fails.NotFound, Fails.Conflict, Fails.Versioned>> (Guid id, HttpRequest request, Caller caller, IMediator mediator, CancellationToken ct) =>
            {
                int? expected = null;
                if (request.Headers.IfMatch.Count > 0)
                {
                    var version = Concurrency.ExpectedVersion(request);
                    if (!version.IsSuccess)
                    {
                        return version.Error!;
                    }

                    expected = version.Value ?? null;
                }

                return (await mediator.Send(new Command(caller, id, expected), ct)).Match(round => TypedResults.Accepted($"/api/v1/match-rounds/{round.Id}", round));
            })
            .WithName("runMatchRound")
            .WithSummary("Run (or re-run) a match round")
            .WithDescription("202; poll the round for progress. Re-running before publishing replaces the proposed placements; the same seed gives the same result. " +
                             "One run at a time: 409 while the round is queued or running. Send the round's ETag (or version) in If-Match to run it only " +
                             "if nobody ran it since you read it (412 otherwise): any number of identical requests then start one run.");
}

/// <summary>
/// Runs one match round as a job, on whichever node claims it. The proposed placements, the statistics and the job's
/// completion commit in one transaction while this run holds the lease; a run taken over after its node died starts
/// again from the stored choices and rankings, and the round's seed makes it the same match.
/// </summary>
public sealed class MatchRoundJob(Db db, TimeProvider clock, ILogger<MatchRoundJob> logger) : IJobHandler, ISqlSource
{
    internal const string JobKind = "match-round";

    /// <summary>Queued, or running on a node that died (this run took the job over).</summary>
    private const string Start = "UPDATE match_rounds SET status = 'running', progress = 5 WHERE id = @Id AND status IN ('queued', 'running')";

    private const string Progress = "UPDATE match_rounds SET progress = @Progress WHERE id = @Id";

    /// <summary>
    /// Each student's choices as one list, best first (written with the choice rows by every submission); students no
    /// longer active are left out by the caller (see SelectStudents).
    /// </summary>
    private const string SelectChoices = "SELECT student_id, opportunity_ids FROM match_round_choice_lists WHERE round_id = @Id ORDER BY student_id";

    private const string SelectSeats =
        "SELECT ro.opportunity_id, ro.seats, op.employer_id, op.stage, op.career_cluster FROM match_round_opportunities ro " +
        "JOIN opportunities op ON op.id = ro.opportunity_id WHERE ro.round_id = @Id ORDER BY ro.opportunity_id";

    private const string SelectRankings = "SELECT opportunity_id, student_id, rank, unacceptable FROM match_round_rankings WHERE round_id = @Id";

    private const string SelectStudents =
        "SELECT p.id, p.school_id, p.district_id, sp.english_learner, sp.student_with_disability, sp.socioeconomically_disadvantaged, sp.foster_youth " +
        "FROM people p JOIN student_profiles sp ON sp.person_id = p.id WHERE p.region_id = @Region AND p.kind = 'student' AND p.status = 'active'";

    private const string DeleteProposed = "DELETE FROM placements WHERE match_round_id = @Id AND status = 'proposed'";

    private const string InsertPlacement =
        "INSERT INTO placements (id, student_id, opportunity_id, employer_id, school_id, district_id, region_id, status, source, match_round_id, choice_rank, " +
        "stage, stage_order, career_cluster, version, created_at, updated_at) VALUES (@id, @student, @opportunity, @employer, @school, @district, @region, " +
        "'proposed', 'matchRound', @round, @rank, @stage, @stageOrder, @cluster, 1, @now, @now)";

    private const string Finish =
        "UPDATE match_rounds SET status = 'matched', progress = 100, stats_json = @Statistics, runs = runs + 1, matched_at = @Now, version = version + 1 WHERE id = @Id";

    private const string Fail = "UPDATE match_rounds SET status = 'open', progress = 0 WHERE id = @Id AND status IN ('queued', 'running')";

    public static IEnumerable<string> Statements(SqlDialect dialect) =>
        [Start, Progress, SelectChoices, SelectSeats, SelectRankings, SelectStudents, DeleteProposed, InsertPlacement, Finish, Fail, .. RoundInputs.Statements];

    public async Task RunAsync(JobContext job, CancellationToken cancellationToken) => await RunAsync(job, job.SubjectId!.Value, cancellationToken);

    /// <summary>The run will not be tried again: the round is open again, so its managers can run it.</summary>
    public async Task GiveUpAsync(JobContext job, CancellationToken cancellationToken)
    {
        logger.LogError("Match round {RoundId} could not be run; it is open again", job.SubjectId);
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Fail, new { Id = job.SubjectId }, cancellationToken: cancellationToken));
    }

    private async Task RunAsync(JobContext job, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(Start, new { Id = id }, cancellationToken: cancellationToken)) == 0)
        {
            return;
        }

        var timer = System.Diagnostics.Stopwatch.StartNew();
        await using var bulk = await BulkSession.StartAsync(connection, db.Dialect, cancellationToken);
        var phases = new List<(string, double)>();

        var round = (await MatchRoundRecord.FindAsync(connection, id, cancellationToken))!;
        var seats = (await connection.QueryAsync<SeatRow>(new CommandDefinition(SelectSeats, new { Id = id }, cancellationToken: cancellationToken))).ToList();
        var opportunityIndex = seats.Select((o, i) => (o.OpportunityId, i)).ToDictionary(x => x.OpportunityId, x => x.i);
        phases.Add(("seats", timer.Elapsed.TotalMilliseconds));

        // The region's active students (a student who left keeps no place in the round) and the choices are read at the
        // same time, each on its own connection: two streams of a hundred thousand rows, neither waiting for the other.
        var readingStudents = Task.Run(async () =>
        {
            await using var studentConnection = await db.OpenAsync(cancellationToken);
            return ReadStudents(studentConnection, round.RegionId);
        }, cancellationToken);
        var choices = ReadChoices(connection, id, opportunityIndex);
        phases.Add(("choices", timer.Elapsed.TotalMilliseconds));
        var students = await readingStudents;
        phases.Add(("students", timer.Elapsed.TotalMilliseconds));

        var rankings = (await connection.QueryAsync<RankingRow>(new CommandDefinition(SelectRankings, new { Id = id }, cancellationToken: cancellationToken))).ToList();
        phases.Add(("rankings", timer.Elapsed.TotalMilliseconds));
        await connection.ExecuteAsync(new CommandDefinition(Progress, new { Id = id, Progress = 30 }, cancellationToken: cancellationToken));

        var (input, studentIds, ranksApplicants) = BuildInput(round, seats, opportunityIndex, choices, students, rankings);
        var loaded = timer.Elapsed;
        var result = DeferredAcceptance.Run(input, round.Seed);
        var matched = timer.Elapsed;
        await connection.ExecuteAsync(new CommandDefinition(Progress, new { Id = id, Progress = 70 }, cancellationToken: cancellationToken));

        // The statistics are worked out while the placements are written.
        var statisticsMs = 0.0;
        var building = Task.Run(() =>
        {
            var started = timer.Elapsed;
            var built = MatchStatisticsBuilder.Build(input, result, studentIds.Select(s => students[s]).ToList());
            statisticsMs = (timer.Elapsed - started).TotalMilliseconds;
            return built;
        }, cancellationToken);
        // So is the stored form of the input and result (what publication shows), on a third thread.
        var packing = Task.Run(() => RoundInputs.Pack(input, studentIds, seats.Select(o => o.OpportunityId).ToList(), ranksApplicants, result.Assignment), cancellationToken);
        var now = clock.GetUtcNow();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        phases.Add(("begin", timer.Elapsed.TotalMilliseconds));
        await connection.ExecuteAsync(new CommandDefinition(DeleteProposed, new { Id = id }, transaction, cancellationToken: cancellationToken));
        phases.Add(("delete", timer.Elapsed.TotalMilliseconds));
        using (var insert = new PreparedCommand(connection, transaction, db.Dialect, InsertPlacement,
                   "id", "student", "opportunity", "employer", "school", "district", "region", "round", "rank", "stage", "stageOrder", "cluster", "now"))
        {
            StorePlacements(insert, round, input, result, studentIds, students, seats, now);
        }

        phases.Add(("placements", timer.Elapsed.TotalMilliseconds));
        await RoundInputs.SaveAsync(connection, transaction, id, await packing, now, cancellationToken);
        phases.Add(("input", timer.Elapsed.TotalMilliseconds));
        var statistics = await building;
        phases.Add(("statistics (took " + Math.Round(statisticsMs) + ")", timer.Elapsed.TotalMilliseconds));
        await connection.ExecuteAsync(new CommandDefinition(Finish, new { Id = id, Statistics = DbJson.Write(statistics), Now = now }, transaction, cancellationToken: cancellationToken));
        await job.CompleteAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        MatchRoundRecord.CarryCounts(id, round.Version, round.Version + 1); // Finish moved the version on; the choices are the same
        phases.Add(("commit", timer.Elapsed.TotalMilliseconds));
        logger.LogInformation("Match round {RoundId}: {Matched} of {Students} students matched in {Proposals} proposals; loaded in {LoadMs} ms, " +
                              "matched in {MatchMs} ms, stored in {StoreMs} ms (ms from the start: {Phases})", id, statistics.Matched, statistics.Students, statistics.Proposals,
            (int)loaded.TotalMilliseconds, (int)(matched - loaded).TotalMilliseconds, (int)(timer.Elapsed - matched).TotalMilliseconds,
            string.Join(", ", phases.Select(p => $"{p.Item1} {p.Item2:0}")));
    }

    /// <summary>
    /// The engine's input: dense indexes, students in id order (not the database's text order), so that a seed always
    /// means the same lottery on either engine. Compiled optimized at its first call (it runs once per round, over a
    /// million choices).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static (MatchInput Input, List<Guid> StudentIds, bool[] RanksApplicants) BuildInput(MatchRoundRecord round, List<SeatRow> seats, Dictionary<Guid, int> opportunityIndex,
        (List<Guid> Students, List<int> Start, List<int> Preferences) choices, Dictionary<Guid, StudentRow> students, List<RankingRow> rankings)
    {
        // A student no longer active keeps no place in the round.
        var order = Enumerable.Range(0, choices.Students.Count).Where(i => students.ContainsKey(choices.Students[i]))
            .OrderBy(i => choices.Students[i]).ToArray();
        var studentIds = order.Select(i => choices.Students[i]).ToList();
        var studentIndex = new Dictionary<Guid, int>(studentIds.Count);
        var start = new int[studentIds.Count + 1];
        for (var s = 0; s < order.Length; s++)
        {
            studentIndex[studentIds[s]] = s;
            start[s + 1] = start[s] + choices.Start[order[s] + 1] - choices.Start[order[s]];
        }

        var preferences = new int[start[^1]];
        for (var s = 0; s < order.Length; s++)
        {
            choices.Preferences.CopyTo(choices.Start[order[s]], preferences, start[s], start[s + 1] - start[s]);
        }

        // Employers' ranks beside the preference lists (the engine's fast form), and the pairs they marked unacceptable.
        var unacceptable = new HashSet<long>();
        var ranked = new List<(int Opportunity, int Student, int Rank)>();
        foreach (var row in rankings)
        {
            if (!studentIndex.TryGetValue(row.StudentId, out var s))
            {
                continue;
            }

            var o = opportunityIndex[row.OpportunityId];
            if (row.Rank is { } rank)
            {
                ranked.Add((o, s, Math.Max(0, rank)));
            }

            if (row.Unacceptable)
            {
                unacceptable.Add(MatchInput.Pair(o, s));
            }
        }

        var reserveGroup = round.ReserveGroup is null ? (ReserveGroup?)null : DbEnum.Parse<ReserveGroup>(round.ReserveGroup);
        var input = new MatchInput(studentIds.Count, seats.Select(o => o.Seats).ToArray(), start, preferences)
        {
            RankAt = MatchInput.RankAtFrom(start, preferences, seats.Count, ranked),
            Unacceptable = unacceptable,
            InReserveGroup = reserveGroup is null ? null : studentIds.Select(s => students[s].In(reserveGroup.Value)).ToArray(),
            Reserves = reserveGroup is null ? null : seats.Select(o => o.Seats * round.ReservePercent / 100).ToArray(),
        };

        var ranksApplicants = new bool[seats.Count];
        foreach (var (o, _, _) in ranked)
        {
            ranksApplicants[o] = true;
        }

        return (input, studentIds, ranksApplicants);
    }

    /// <summary>A proposed placement for every student matched, through one prepared statement (compiled optimized at its first call).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void StorePlacements(PreparedCommand insert, MatchRoundRecord round, MatchInput input, MatchResult result, List<Guid> studentIds,
        Dictionary<Guid, StudentRow> students, List<SeatRow> seats, DateTimeOffset now)
    {
        var stageOrders = seats.Select(o => o.Stage).Distinct().ToDictionary(stage => stage, stage => (int)DbEnum.Parse<ContinuumStage>(stage));
        for (var s = 0; s < studentIds.Count; s++)
        {
            var o = result.Assignment[s];
            if (o < 0)
            {
                continue;
            }

            var student = students[studentIds[s]];
            var opportunity = seats[o];
            insert.Run(Guid.CreateVersion7(), student.Id, opportunity.OpportunityId, opportunity.EmployerId, student.SchoolId, student.DistrictId, round.RegionId,
                round.Id, result.ChoiceRank(input, s) + 1, opportunity.Stage, stageOrders[opportunity.Stage], opportunity.CareerCluster, now);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private Dictionary<Guid, StudentRow> ReadStudents(System.Data.Common.DbConnection connection, Guid regionId)
    {
        var students = new Dictionary<Guid, StudentRow>();
        using var reader = new FastReader(connection, null, db.Dialect, SelectStudents, ("Region", regionId));
        while (reader.Read())
        {
            var student = new StudentRow
            {
                Id = reader.Id(0), SchoolId = reader.Id(1), DistrictId = reader.Id(2), EnglishLearner = reader.Flag(3), StudentWithDisability = reader.Flag(4),
                SocioeconomicallyDisadvantaged = reader.Flag(5), FosterYouth = reader.Flag(6),
            };
            students[student.Id] = student;
        }

        return students;
    }

    /// <summary>
    /// The round's choices, streamed as one list per student: a hundred thousand rows for a region-wide round, read
    /// straight into lists, without a row object each. Start[i]..Start[i + 1] are the choices of Students[i].
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private (List<Guid> Students, List<int> Start, List<int> Preferences) ReadChoices(System.Data.Common.DbConnection connection, Guid id, Dictionary<Guid, int> opportunityIndex)
    {
        var students = new List<Guid>();
        var start = new List<int> { 0 };
        var preferences = new List<int>(opportunityIndex.Count * 8);
        var list = new List<Guid>();
        using var reader = new FastReader(connection, null, db.Dialect, SelectChoices, ("Id", id));
        while (reader.Read())
        {
            students.Add(reader.Id(0));
            list.Clear();
            reader.IdList(1, list);
            foreach (var opportunity in list)
            {
                preferences.Add(opportunityIndex[opportunity]);
            }

            start.Add(preferences.Count);
        }

        return (students, start, preferences);
    }

    private sealed class SeatRow
    {
        public Guid OpportunityId { get; set; }
        public int Seats { get; set; }
        public Guid EmployerId { get; set; }
        public string Stage { get; set; } = "";
        public string CareerCluster { get; set; } = "";
    }

    private sealed class RankingRow
    {
        public Guid OpportunityId { get; set; }
        public Guid StudentId { get; set; }
        public int? Rank { get; set; }
        public bool Unacceptable { get; set; }
    }
}

internal sealed class StudentRow
{
    public Guid Id { get; set; }
    public Guid SchoolId { get; set; }
    public Guid DistrictId { get; set; }
    public bool EnglishLearner { get; set; }
    public bool StudentWithDisability { get; set; }
    public bool SocioeconomicallyDisadvantaged { get; set; }
    public bool FosterYouth { get; set; }

    public Subgroups.Flags Flags => new(EnglishLearner, StudentWithDisability, SocioeconomicallyDisadvantaged, FosterYouth);

    public bool In(ReserveGroup group) => group switch
    {
        ReserveGroup.EnglishLearner => EnglishLearner,
        ReserveGroup.StudentWithDisability => StudentWithDisability,
        ReserveGroup.SocioeconomicallyDisadvantaged => SocioeconomicallyDisadvantaged,
        _ => FosterYouth,
    };
}

/// <summary>Round statistics: matched, first and top-3 choice shares, unfilled seats, and the same by subgroup (n &lt; 10 withheld).</summary>
internal static class MatchStatisticsBuilder
{
    public static MatchStatistics Build(MatchInput input, MatchResult result, IReadOnlyList<StudentRow> students)
    {
        var ranks = Enumerable.Range(0, input.StudentCount).Select(s => result.ChoiceRank(input, s)).ToArray();

        SubgroupStatistics Group(string name, Func<StudentRow, bool> member)
        {
            var members = Enumerable.Range(0, input.StudentCount).Where(s => member(students[s])).ToList();
            if (Subgroups.Suppressed(members.Count))
            {
                return new SubgroupStatistics { Group = name, Students = members.Count, Suppressed = true };
            }

            return new SubgroupStatistics
            {
                Group = name,
                Students = members.Count,
                Suppressed = false,
                Matched = members.Count(s => ranks[s] >= 0),
                FirstChoiceShare = Math.Round((double)members.Count(s => ranks[s] == 0) / members.Count, 3),
                TopThreeShare = Math.Round((double)members.Count(s => ranks[s] is >= 0 and < 3) / members.Count, 3),
            };
        }

        var n = Math.Max(1, input.StudentCount);
        var matched = ranks.Count(r => r >= 0);
        var seats = input.Capacities.Sum();
        return new MatchStatistics
        {
            Students = input.StudentCount,
            Matched = matched,
            Unmatched = input.StudentCount - matched,
            FirstChoiceShare = Math.Round((double)ranks.Count(r => r == 0) / n, 3),
            TopThreeShare = Math.Round((double)ranks.Count(r => r is >= 0 and < 3) / n, 3),
            Seats = seats,
            UnfilledSeats = seats - matched,
            Proposals = result.Proposals,
            BySubgroup = [Group("all", _ => true), .. Subgroups.Program.Select(g => Group(g.Name, s => g.In(s.Flags)))],
        };
    }
}
