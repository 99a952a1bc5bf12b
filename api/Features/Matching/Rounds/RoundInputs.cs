using System.Data.Common;
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

    /// <summary>The stored form's version (the first int of content).</summary>
    private const int Format = 1;

    /// <summary>A run's input and result as stored: the students' ids apart, the rest as the engine's arrays.</summary>
    public sealed record Packed(byte[] StudentIds, byte[] Content);

    /// <summary>
    /// The run's input and result in their stored form: the engine's own arrays written out as they are (little-endian
    /// ints: a few milliseconds and ≈ 4–8 MB for a region-wide round), so the run's time hardly changes. The published
    /// form (JSON, anonymised) is made from it when asked for.
    /// </summary>
    public static Packed Pack(MatchInput input, IReadOnlyList<Guid> studentIds, IReadOnlyList<Guid> opportunityIds, bool[] ranksApplicants, int[] assignment)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The stored round input is written little-endian.");
        }

        var ids = new byte[studentIds.Count * 16];
        for (var s = 0; s < studentIds.Count; s++)
        {
            studentIds[s].TryWriteBytes(ids.AsSpan(s * 16, 16));
        }

        var m = input.OpportunityCount;
        var n = input.StudentCount;
        var unacceptable = input.Unacceptable?.ToArray() ?? [];
        using var content = new MemoryStream();
        using (var writer = new BinaryWriter(content, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Format);
            writer.Write(m);
            for (var o = 0; o < m; o++)
            {
                writer.Write(opportunityIds[o].ToByteArray());
                writer.Write(input.Capacities[o]);
                writer.Write(input.InReserveGroup is null ? 0 : input.Reserves?[o] ?? 0);
                writer.Write(ranksApplicants[o]);
            }

            writer.Write(n);
            writer.Write(input.Preferences.Length);
            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(input.PreferenceStart.AsSpan()));
            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(input.Preferences.AsSpan()));
            writer.Write(input.RankAt is not null);
            if (input.RankAt is not null)
            {
                writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(input.RankAt.AsSpan()));
            }

            writer.Write(unacceptable.Length);
            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(unacceptable.AsSpan()));
            writer.Write(input.InReserveGroup is not null);
            if (input.InReserveGroup is not null)
            {
                writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(input.InReserveGroup.AsSpan()));
            }

            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(assignment.AsSpan(0, n)));
        }

        return new Packed(ids, content.ToArray());
    }

    /// <summary>Replaces the round's stored input (inside the run's transaction).</summary>
    public static async Task SaveAsync(DbConnection connection, DbTransaction transaction, Guid roundId, Packed packed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(Delete, new { Id = roundId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(Insert, new { Id = roundId, packed.StudentIds, packed.Content, Now = now }, transaction,
            cancellationToken: cancellationToken));
    }

    /// <summary>A round's stored input, read back, with its lottery and the explanation of its result.</summary>
    public sealed class Loaded
    {
        public required MatchInput Input { get; init; }
        public required Dictionary<Guid, int> EntryOf { get; init; }
        public required Guid[] OpportunityIds { get; init; }
        public required bool[] RanksApplicants { get; init; }
        public required int[] Assignment { get; init; }

        /// <summary>Each entry's lottery position (0 = luckiest).</summary>
        public required int[] Lottery { get; init; }

        public required RoundExplanation Explanation { get; init; }

        /// <summary>The published form: the input anonymised, each opportunity's cutoff, the result, the seed and the salt.</summary>
        public PublishedRound Publish(MatchRoundRecord round)
        {
            var input = Input;
            var unacceptable = input.Unacceptable ?? new HashSet<long>();
            var entries = new List<PublishedEntry>(input.StudentCount);
            for (var s = 0; s < input.StudentCount; s++)
            {
                var from = input.PreferenceStart[s];
                var choices = input.Preferences[from..input.PreferenceStart[s + 1]];
                var refused = unacceptable.Count == 0 ? [] : choices.Where(o => unacceptable.Contains(MatchInput.Pair(o, s))).ToList();
                entries.Add(new PublishedEntry
                {
                    Choices = choices,
                    Ranks = choices.Any(o => RanksApplicants[o])
                        ? choices.Select((o, i) => RanksApplicants[o] && input.RankAt![from + i] != MatchInput.Unranked ? input.RankAt[from + i] : (int?)null).ToList()
                        : null,
                    NotAcceptable = refused.Count > 0 ? refused : null,
                    ReserveGroup = input.InReserveGroup?[s],
                });
            }

            return new PublishedRound
            {
                RoundId = round.Id.ToString("D"),
                Seed = round.Seed,
                SeedSalt = round.SeedSalt ?? "",
                SeedCommitment = round.SeedCommitment ?? "",
                Opportunities = OpportunityIds.Select((id, o) => new PublishedOpportunity
                {
                    OpportunityId = id.ToString("D"),
                    Seats = input.Capacities[o],
                    ReservedSeats = input.Reserves?[o] ?? 0, // read back only with a reserve group
                    RanksApplicants = RanksApplicants[o],
                    Filled = Explanation.Cutoffs[o].Filled,
                    LastAdmittedLotteryNumber = Explanation.Cutoffs[o].LastLottery + 1,
                }).ToList(),
                Entries = entries,
                Assignment = Assignment,
            };
        }
    }

    /// <summary>
    /// A published round's input never changes, and a matched one's only with its next run, so each node reads it
    /// once per round and run (the last few rounds are kept).
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

        var entryOf = new Dictionary<Guid, int>(row.StudentIds.Length / 16);
        for (var s = 0; s * 16 < row.StudentIds.Length; s++)
        {
            entryOf[new Guid(row.StudentIds.AsSpan(s * 16, 16))] = s;
        }

        using var reader = new BinaryReader(new MemoryStream(row.Content));
        if (reader.ReadInt32() != Format)
        {
            throw new InvalidDataException($"Match round {roundId}'s stored input is in an unknown format.");
        }

        var m = reader.ReadInt32();
        var opportunityIds = new Guid[m];
        var capacities = new int[m];
        var reserves = new int[m];
        var ranksApplicants = new bool[m];
        for (var o = 0; o < m; o++)
        {
            opportunityIds[o] = new Guid(reader.ReadBytes(16));
            capacities[o] = reader.ReadInt32();
            reserves[o] = reader.ReadInt32();
            ranksApplicants[o] = reader.ReadBoolean();
        }

        var n = reader.ReadInt32();
        var length = reader.ReadInt32();
        var start = Ints(reader, n + 1);
        var preferences = Ints(reader, length);
        var rankAt = reader.ReadBoolean() ? Ints(reader, length) : null;
        var unacceptable = new HashSet<long>(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(reader.ReadBytes(reader.ReadInt32() * 8)).ToArray());
        var group = reader.ReadBoolean() ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, bool>(reader.ReadBytes(n)).ToArray() : null;
        var assignment = Ints(reader, n);

        var input = new MatchInput(n, capacities, start, preferences)
        {
            RankAt = rankAt,
            Unacceptable = unacceptable,
            InReserveGroup = group,
            Reserves = group is null ? null : reserves,
        };
        var lottery = DeferredAcceptance.LotteryRanks(n, seed);
        return new Loaded
        {
            Input = input,
            EntryOf = entryOf,
            OpportunityIds = opportunityIds,
            RanksApplicants = ranksApplicants,
            Assignment = assignment,
            Lottery = lottery,
            Explanation = new RoundExplanation(input, lottery, assignment),
        };
    }

    private static int[] Ints(BinaryReader reader, int count) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(reader.ReadBytes(count * 4)).ToArray();

    private sealed class Row
    {
        public byte[] StudentIds { get; set; } = [];
        public byte[] Content { get; set; } = [];
    }
}
