using System.Data.Common;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Contracts.Matching;
using LaunchPath.Matching;

namespace LaunchPath.Api.Features.Matching.Rounds;

/// <summary>
/// A round's input as it ran, kept with its result so that, once published, each student's result can be explained
/// (lottery number, and why each choice above it was not theirs) and anyone can re-run the engine on the anonymised
/// input. Written by the run (one row per round, replaced by a re-run); read back, parsed once per node and run.
/// Shared by the round's slices.
/// </summary>
internal static class RoundInputs
{
    private const string Delete = "DELETE FROM match_round_inputs WHERE round_id = @Id";

    private const string Insert = "INSERT INTO match_round_inputs (round_id, student_ids, content, created_at) VALUES (@Id, @StudentIds, @Content, @Now)";

    private const string Select = "SELECT student_ids, content FROM match_round_inputs WHERE round_id = @Id";

    public static IEnumerable<string> Statements => [Delete, Insert, Select];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>What is stored: the published form without the seed and salt (those live on the round).</summary>
    private sealed record Stored(List<PublishedOpportunity> Opportunities, List<PublishedEntry> Entries, int[] Assignment);

    /// <summary>Replaces the round's stored input (inside the run's transaction).</summary>
    public static async Task SaveAsync(DbConnection connection, DbTransaction transaction, Guid roundId, MatchInput input, IReadOnlyList<Guid> studentIds,
        IReadOnlyList<Guid> opportunityIds, bool[] ranksApplicants, int[] assignment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var opportunities = opportunityIds.Select((id, o) => new PublishedOpportunity
        {
            OpportunityId = id.ToString("D"),
            Seats = input.Capacities[o],
            ReservedSeats = input.InReserveGroup is null ? 0 : input.Reserves?[o] ?? 0,
            RanksApplicants = ranksApplicants[o],
            Filled = 0,
        }).ToList();

        var unacceptable = input.Unacceptable ?? new HashSet<long>();
        var entries = new List<PublishedEntry>(input.StudentCount);
        for (var s = 0; s < input.StudentCount; s++)
        {
            var from = input.PreferenceStart[s];
            var choices = input.Preferences[from..input.PreferenceStart[s + 1]];
            var ranked = choices.Any(o => ranksApplicants[o]);
            var refused = unacceptable.Count == 0 ? [] : choices.Where(o => unacceptable.Contains(MatchInput.Pair(o, s))).ToList();
            entries.Add(new PublishedEntry
            {
                Choices = choices,
                Ranks = ranked ? choices.Select((o, i) => ranksApplicants[o] && input.RankAt![from + i] != MatchInput.Unranked ? input.RankAt[from + i] : (int?)null).ToList() : null,
                NotAcceptable = refused.Count > 0 ? refused : null,
                ReserveGroup = input.InReserveGroup?[s],
            });
        }

        var ids = new byte[studentIds.Count * 16];
        for (var s = 0; s < studentIds.Count; s++)
        {
            studentIds[s].TryWriteBytes(ids.AsSpan(s * 16, 16));
        }

        using var content = new MemoryStream();
        await using (var gzip = new GZipStream(content, CompressionLevel.Fastest, leaveOpen: true))
        {
            await JsonSerializer.SerializeAsync(gzip, new Stored(opportunities, entries, assignment), Json, cancellationToken);
        }

        await connection.ExecuteAsync(new CommandDefinition(Delete, new { Id = roundId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(Insert, new { Id = roundId, StudentIds = ids, Content = content.ToArray(), Now = now }, transaction,
            cancellationToken: cancellationToken));
    }

    /// <summary>A round's stored input, parsed, with its lottery and the explanation of its result.</summary>
    public sealed class Loaded
    {
        public required MatchInput Input { get; init; }
        public required Dictionary<Guid, int> EntryOf { get; init; }
        public required List<PublishedOpportunity> Opportunities { get; init; }
        public required List<PublishedEntry> Entries { get; init; }
        public required int[] Assignment { get; init; }

        /// <summary>Each entry's lottery position (0 = luckiest).</summary>
        public required int[] Lottery { get; init; }

        public required RoundExplanation Explanation { get; init; }

        /// <summary>The published form: the stored input with each opportunity's cutoff, the seed and the salt.</summary>
        public PublishedRound Publish(MatchRoundRecord round) => new()
        {
            RoundId = round.Id.ToString("D"),
            Seed = round.Seed,
            SeedSalt = round.SeedSalt ?? "",
            SeedCommitment = round.SeedCommitment ?? "",
            Opportunities = Opportunities.Select((o, i) => o with
            {
                Filled = Explanation.Cutoffs[i].Filled,
                LastAdmittedLotteryNumber = Explanation.Cutoffs[i].LastLottery + 1,
            }).ToList(),
            Entries = Entries,
            Assignment = Assignment,
        };
    }

    /// <summary>
    /// A published round's input never changes, and a matched one's only with its next run, so each node parses it
    /// once per round and run (a region-wide round's is ≈ 15 MB parsed; the last few rounds are kept).
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Guid Id, int Runs), Lazy<Task<Loaded?>>> Cache = new();

    public static Task<Loaded?> LoadAsync(Db db, MatchRoundRecord round, CancellationToken cancellationToken)
    {
        if (Cache.Count >= 4 && !Cache.ContainsKey((round.Id, round.Runs)))
        {
            Cache.Clear();
        }

        var key = (round.Id, round.Runs);
        var loading = Cache.GetOrAdd(key, k => new Lazy<Task<Loaded?>>(() => ReadAsync(db, k.Id, round.Seed)));
        if (loading.Value.IsFaulted)
        {
            Cache.TryRemove(key, out _); // a failed read is tried again by the next request
        }

        return loading.Value.WaitAsync(cancellationToken);
    }

    private static async Task<Loaded?> ReadAsync(Db db, Guid roundId, int seed)
    {
        await using var connection = await db.OpenAsync(CancellationToken.None);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Select, new { Id = roundId }));
        if (row is null)
        {
            return null;
        }

        Stored stored;
        await using (var gzip = new GZipStream(new MemoryStream(row.Content), CompressionMode.Decompress))
        {
            stored = (await JsonSerializer.DeserializeAsync<Stored>(gzip, Json))!;
        }

        var entryOf = new Dictionary<Guid, int>(row.StudentIds.Length / 16);
        for (var s = 0; s * 16 < row.StudentIds.Length; s++)
        {
            entryOf[new Guid(row.StudentIds.AsSpan(s * 16, 16))] = s;
        }

        var input = ToInput(stored.Opportunities, stored.Entries);
        var lottery = DeferredAcceptance.LotteryRanks(input.StudentCount, seed);
        return new Loaded
        {
            Input = input,
            EntryOf = entryOf,
            Opportunities = stored.Opportunities,
            Entries = stored.Entries,
            Assignment = stored.Assignment,
            Lottery = lottery,
            Explanation = new RoundExplanation(input, lottery, stored.Assignment),
        };
    }

    /// <summary>The engine's input from the published form: what anyone re-running a round does.</summary>
    public static MatchInput ToInput(IReadOnlyList<PublishedOpportunity> opportunities, IReadOnlyList<PublishedEntry> entries)
    {
        var start = new int[entries.Count + 1];
        var preferences = new List<int>();
        var rankAt = new List<int>();
        var unacceptable = new HashSet<long>();
        var ranking = opportunities.Any(o => o.RanksApplicants);
        for (var s = 0; s < entries.Count; s++)
        {
            var entry = entries[s];
            for (var i = 0; i < entry.Choices.Count; i++)
            {
                var o = entry.Choices[i];
                preferences.Add(o);
                rankAt.Add(!opportunities[o].RanksApplicants ? 0 : entry.Ranks?[i] ?? MatchInput.Unranked);
            }

            foreach (var o in entry.NotAcceptable ?? [])
            {
                unacceptable.Add(MatchInput.Pair(o, s));
            }

            start[s + 1] = preferences.Count;
        }

        var reserves = entries.Any(e => e.ReserveGroup is not null);
        return new MatchInput(entries.Count, opportunities.Select(o => o.Seats).ToArray(), start, preferences.ToArray())
        {
            RankAt = ranking ? rankAt.ToArray() : null,
            Unacceptable = unacceptable,
            InReserveGroup = reserves ? entries.Select(e => e.ReserveGroup ?? false).ToArray() : null,
            Reserves = reserves ? opportunities.Select(o => o.ReservedSeats).ToArray() : null,
        };
    }

    private sealed class Row
    {
        public byte[] StudentIds { get; set; } = [];
        public byte[] Content { get; set; } = [];
    }
}
