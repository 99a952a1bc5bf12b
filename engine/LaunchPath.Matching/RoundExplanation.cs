using LaunchPath.Contracts.Matching;

namespace LaunchPath.Matching;

/// <summary>Where an opportunity's seats stopped: its last admitted student's lottery number, among the seats open to all.</summary>
/// <param name="Seats">Its seats in the round.</param>
/// <param name="Filled">Students it took.</param>
/// <param name="LastLottery">
/// The lottery position (0 = luckiest) of the last student admitted to a seat open to all (when every seat went on
/// reserve, of the last admitted), once every seat was taken; null while seats were left.
/// </param>
/// <param name="LastRank">That student's employer rank (0 at an opportunity that ranks nobody; <see cref="MatchInput.Unranked"/> when its employer ranked others).</param>
/// <param name="ReservedFilled">Students it took on reserved seats.</param>
public readonly record struct Cutoff(int Seats, int Filled, int? LastLottery, int LastRank, int ReservedFilled)
{
    public bool Full => Filled >= Seats;
}

/// <summary>
/// Explains a round's result from its input, lottery and assignment alone, by the rules of
/// <see cref="ReferenceDeferredAcceptance"/>: for each opportunity, where its seats stopped; for each choice a student
/// ranked above the one they got, which rule kept it from them. Pure computation, for any stable assignment of the
/// input; built once per round (one pass over the choices), then asked per student.
/// </summary>
public sealed class RoundExplanation
{
    private readonly MatchInput _input;
    private readonly int[] _lottery;
    private readonly int[] _assignment;

    /// <summary>Per opportunity, the students it took with the employer's rank for them, best first.</summary>
    private readonly List<(int Student, int Rank)>[] _held;

    /// <summary>Per opportunity, the last student taken on a seat open to all (null when every one was taken on reserve).</summary>
    private readonly (int Student, int Rank)?[] _lastOpen;

    public RoundExplanation(MatchInput input, int[] lottery, int[] assignment)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(lottery);
        ArgumentNullException.ThrowIfNull(assignment);
        _input = input;
        _lottery = lottery;
        _assignment = assignment;
        _held = Enumerable.Range(0, input.OpportunityCount).Select(_ => new List<(int Student, int Rank)>()).ToArray();
        for (var s = 0; s < input.StudentCount; s++)
        {
            for (var i = input.PreferenceStart[s]; i < input.PreferenceStart[s + 1]; i++)
            {
                if (input.Preferences[i] == assignment[s])
                {
                    _held[assignment[s]].Add((s, RankAt(i, s)));
                    break;
                }
            }
        }

        _lastOpen = new (int, int)?[input.OpportunityCount];
        var cutoffs = new Cutoff[input.OpportunityCount];
        for (var o = 0; o < cutoffs.Length; o++)
        {
            _held[o].Sort((a, b) => (a.Rank, lottery[a.Student]).CompareTo((b.Rank, lottery[b.Student])));

            // The reserved seats go to the best of the group, up to the reserve; the rest competed for the open seats.
            var reserve = input.InReserveGroup is null ? 0 : input.Reserves?[o] ?? 0;
            var reserved = 0;
            foreach (var h in _held[o])
            {
                if (reserved < reserve && input.InReserveGroup![h.Student])
                {
                    reserved++;
                }
                else
                {
                    _lastOpen[o] = h;
                }
            }

            var seats = Math.Max(0, input.Capacities[o]);
            var last = _held[o].Count >= seats && _held[o].Count > 0 ? _lastOpen[o] ?? _held[o][^1] : ((int Student, int Rank)?)null;
            cutoffs[o] = new Cutoff(seats, _held[o].Count, last is { } l ? lottery[l.Student] : null, last?.Rank ?? 0, reserved);
        }

        Cutoffs = cutoffs;
    }

    /// <summary>Each opportunity's cutoff.</summary>
    public IReadOnlyList<Cutoff> Cutoffs { get; }

    /// <summary>
    /// For each choice of <paramref name="student"/> down to the one they got (all of them when unmatched), in their order:
    /// the opportunity and why it was or was not theirs.
    /// </summary>
    public List<(int Opportunity, ChoiceOutcome Outcome)> Explain(int student)
    {
        var outcomes = new List<(int, ChoiceOutcome)>();
        for (var i = _input.PreferenceStart[student]; i < _input.PreferenceStart[student + 1]; i++)
        {
            var o = _input.Preferences[i];
            if (o == _assignment[student])
            {
                outcomes.Add((o, ChoiceOutcome.Matched));
                break;
            }

            outcomes.Add((o, Why(o, student, RankAt(i, student))));
        }

        return outcomes;
    }

    private ChoiceOutcome Why(int o, int student, int rank)
    {
        if (_input.Capacities[o] <= 0)
        {
            return ChoiceOutcome.NoSeats;
        }

        if (_input.Unacceptable?.Contains(MatchInput.Pair(o, student)) ?? false)
        {
            return ChoiceOutcome.NotAcceptable;
        }

        var held = _held[o];
        if (held.Count < _input.Capacities[o])
        {
            throw new InvalidOperationException($"Opportunity {o} had seats left and did not take student {student}: the assignment is not stable for this input.");
        }

        // Without reserves the best `seats` applicants would have had it: had fewer than that been ahead of the student,
        // the reserve is what kept them out.
        var key = (rank, _lottery[student]);
        var ahead = held.Count(h => (h.Rank, _lottery[h.Student]).CompareTo(key) < 0);
        if (ahead < _input.Capacities[o])
        {
            return ChoiceOutcome.ReservedSeats;
        }

        var last = _lastOpen[o] ?? held[^1];
        return last.Rank == rank ? ChoiceOutcome.FilledByLottery : ChoiceOutcome.RankedHigher;
    }

    /// <summary>The employer's rank for the student at preference <paramref name="i"/> (see <see cref="MatchInput.RankAt"/>).</summary>
    private int RankAt(int i, int student)
    {
        if (_input.RankAt is { } rankAt)
        {
            return rankAt[i];
        }

        return _input.Rankings?[_input.Preferences[i]] is { } ranks ? ranks.TryGetValue(student, out var rank) ? rank : MatchInput.Unranked : 0;
    }
}
