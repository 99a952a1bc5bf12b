using LaunchPath.Contracts.Matching;
using LaunchPath.Matching;

namespace LaunchPath.Matching.Tests;

/// <summary>
/// The reasons a round gives a student for each choice above the one they got, checked against the textbook rules
/// (<see cref="ReferenceDeferredAcceptance.Choose"/>) on generated rounds.
/// </summary>
public sealed class RoundExplanationProperties
{
    [Theory]
    [MemberData(nameof(DeferredAcceptanceProperties.Variants), MemberType = typeof(DeferredAcceptanceProperties))]
    public void Every_choice_above_the_result_has_the_reason_the_rules_give(bool rankings, bool unacceptable, bool reserves)
    {
        var seen = new HashSet<ChoiceOutcome>();
        for (var seed = 0; seed < 200; seed++)
        {
            var input = Instances.Random(9000 + seed, students: 10 + seed % 50, opportunities: 1 + seed % 9, maxChoices: 5, rankings, unacceptable, reserves, maxCapacity: 4);
            var lottery = DeferredAcceptance.LotteryRanks(input.StudentCount, seed);
            var assignment = DeferredAcceptance.Run(input, seed).Assignment;
            var explanation = new RoundExplanation(input, lottery, assignment);
            var withoutReserves = new MatchInput(input.StudentCount, input.Capacities, input.PreferenceStart, input.Preferences)
            {
                Rankings = input.Rankings, Unacceptable = input.Unacceptable,
            };

            for (var s = 0; s < input.StudentCount; s++)
            {
                var outcomes = explanation.Explain(s);
                var list = ReferenceDeferredAcceptance.PreferenceList(input, s).ToList();
                outcomes.Select(x => x.Opportunity).Should().Equal(assignment[s] < 0 ? list : list.TakeWhile(o => o != assignment[s]).Append(assignment[s]),
                    $"seed {seed}: student {s}'s choices down to the one they got");
                foreach (var (o, outcome) in outcomes)
                {
                    seen.Add(outcome);
                    var held = Enumerable.Range(0, input.StudentCount).Where(h => assignment[h] == o).ToList();
                    var because = $"seed {seed}: student {s}, opportunity {o}, {outcome}";
                    var cutoff = explanation.Cutoffs[o];
                    cutoff.Filled.Should().Be(held.Count, because);
                    switch (outcome)
                    {
                        case ChoiceOutcome.Matched:
                            assignment[s].Should().Be(o, because);
                            break;
                        case ChoiceOutcome.NoSeats:
                            input.Capacities[o].Should().Be(0, because);
                            break;
                        case ChoiceOutcome.NotAcceptable:
                            ReferenceDeferredAcceptance.Acceptable(input, o, s).Should().BeFalse(because);
                            break;
                        case ChoiceOutcome.ReservedSeats:
                            // Without the reserve the opportunity would have taken them over one of its students.
                            input.InReserveGroup![s].Should().BeFalse(because);
                            ReferenceDeferredAcceptance.Choose(withoutReserves, lottery, o, held.Append(s)).Should().Contain(s, because);
                            break;
                        case ChoiceOutcome.FilledByLottery:
                        case ChoiceOutcome.RankedHigher:
                            ReferenceDeferredAcceptance.Choose(withoutReserves, lottery, o, held.Append(s)).Should().NotContain(s, because);
                            cutoff.Full.Should().BeTrue(because);
                            var mine = ReferenceDeferredAcceptance.Priority(input, lottery, o, s);
                            var last = ReferenceDeferredAcceptance.Priority(input, lottery, o, assignment.Select((a, h) => (a, h)).Single(x => x.a == o && lottery[x.h] == cutoff.LastLottery).h);
                            if (outcome == ChoiceOutcome.FilledByLottery)
                            {
                                (mine.Ranked, mine.Rank).Should().Be((last.Ranked, last.Rank), because);
                                lottery[s].Should().BeGreaterThan(cutoff.LastLottery!.Value, because);
                            }
                            else
                            {
                                (mine.Ranked, mine.Rank).CompareTo((last.Ranked, last.Rank)).Should().BePositive(because);
                            }

                            break;
                    }
                }
            }
        }

        seen.Should().Contain(ChoiceOutcome.FilledByLottery);
        if (rankings)
        {
            seen.Should().Contain(ChoiceOutcome.RankedHigher);
        }

        if (unacceptable)
        {
            seen.Should().Contain(ChoiceOutcome.NotAcceptable);
        }

        if (reserves)
        {
            seen.Should().Contain(ChoiceOutcome.ReservedSeats);
        }
    }
}
