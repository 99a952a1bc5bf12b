using LaunchPath.Api.Features.Placements;

namespace LaunchPath.Api.Tests.Features.Placements;

/// <summary>29 CFR 570.35 for 14- and 15-year-olds, on fixed dates (a school-year Wednesday and a July Wednesday).</summary>
public sealed class ChildLaborRulesTests
{
    private static readonly DateOnly SchoolWednesday = new(2027, 2, 10);
    private static readonly DateOnly SummerWednesday = new(2027, 7, 14);

    private static ChildLaborRules.Entry At(DateOnly date, int hour, int minute, int minutes) => new(date, new TimeOnly(hour, minute), minutes);

    [Fact]
    public void Sixteen_year_olds_and_unknown_ages_are_not_limited_by_these_rules()
    {
        ChildLaborRules.Violation(16, At(SchoolWednesday, 6, 0, 10 * 60), []).Should().BeNull();
        ChildLaborRules.Violation(null, At(SchoolWednesday, 6, 0, 10 * 60), []).Should().BeNull();
    }

    [Fact]
    public void At_most_three_hours_on_a_school_day_and_eight_on_a_non_school_day()
    {
        ChildLaborRules.Violation(15, At(SchoolWednesday, 15, 30, 180), []).Should().BeNull();
        ChildLaborRules.Violation(15, At(SchoolWednesday, 15, 30, 150), [At(SchoolWednesday, 14, 0, 31)])
            .Should().Contain("at most 3 hours on a school day").And.Contain("3 h 1 min");

        var saturday = SchoolWednesday.AddDays(3);
        ChildLaborRules.Violation(14, At(saturday, 9, 0, 8 * 60), []).Should().BeNull();
        ChildLaborRules.Violation(14, At(saturday, 9, 0, 8 * 60 + 15), []).Should().Contain("8 hours on a non-school day");
        ChildLaborRules.Violation(15, At(SummerWednesday, 9, 0, 8 * 60), []).Should().BeNull("summer weekdays are non-school days");
    }

    [Fact]
    public void At_most_eighteen_hours_in_a_school_week_and_forty_in_a_non_school_week()
    {
        var sunday = SchoolWednesday.AddDays(-3);
        var week = Enumerable.Range(1, 5).Select(d => At(sunday.AddDays(d), 15, 30, 180)).ToList(); // 15 h Monday–Friday
        ChildLaborRules.Violation(15, At(sunday.AddDays(6), 10, 0, 180), week).Should().BeNull("18 h exactly");
        ChildLaborRules.Violation(15, At(sunday.AddDays(6), 10, 0, 181), week).Should().Contain("18 hours in a school week");

        var summerSunday = SummerWednesday.AddDays(-3);
        var summerWeek = Enumerable.Range(1, 4).Select(d => At(summerSunday.AddDays(d), 9, 0, 8 * 60)).ToList(); // 32 h
        ChildLaborRules.Violation(15, At(summerSunday.AddDays(5), 9, 0, 8 * 60), summerWeek).Should().BeNull("40 h exactly");
        ChildLaborRules.Violation(15, At(summerSunday.AddDays(6), 9, 0, 60), summerWeek.Append(At(summerSunday.AddDays(5), 9, 0, 8 * 60)).ToList())
            .Should().Contain("40 hours in a non-school week", "41 h in the week even though each day is within 8 h");
    }

    [Fact]
    public void Only_between_seven_and_seven_or_nine_in_summer()
    {
        ChildLaborRules.Violation(15, At(SchoolWednesday, 6, 30, 60), []).Should().Contain("between 7 a.m. and 7 p.m.");
        ChildLaborRules.Violation(15, At(SchoolWednesday, 17, 0, 150), []).Should().Contain("17:00–19:30");
        ChildLaborRules.Violation(15, At(SummerWednesday, 18, 0, 180), []).Should().BeNull("until 9 p.m. in summer");
        ChildLaborRules.Violation(15, At(SummerWednesday, 18, 30, 180), []).Should().Contain("9 p.m.");
    }

    [Fact]
    public void Summer_runs_from_june_first_through_labor_day()
    {
        ChildLaborRules.LaborDay(2027).Should().Be(new DateOnly(2027, 9, 6));
        ChildLaborRules.LaborDay(2026).Should().Be(new DateOnly(2026, 9, 7));
        ChildLaborRules.IsSummer(new DateOnly(2027, 5, 31)).Should().BeFalse();
        ChildLaborRules.IsSummer(new DateOnly(2027, 6, 1)).Should().BeTrue();
        ChildLaborRules.IsSummer(new DateOnly(2027, 9, 6)).Should().BeTrue();
        ChildLaborRules.IsSummer(new DateOnly(2027, 9, 7)).Should().BeFalse();
    }
    [Fact]
    public void California_limits_sixteen_and_seventeen_year_olds_where_the_region_applies_it()
    {
        var friday = SchoolWednesday.AddDays(2);
        var saturday = SchoolWednesday.AddDays(3);
        ChildLaborRules.Violation(17, At(SchoolWednesday, 14, 0, 6 * 60), [], california: false).Should().BeNull("the federal rule sets no hours at 16–17");
        ChildLaborRules.Violation(17, At(SchoolWednesday, 14, 0, 4 * 60), [], california: true).Should().BeNull();
        ChildLaborRules.Violation(17, At(SchoolWednesday, 14, 0, 3 * 60), [At(SchoolWednesday, 7, 0, 61)], california: true)
            .Should().StartWith("California Labor Code 1391(a)(4)").And.Contain("4 h 1 min");
        ChildLaborRules.Violation(16, At(SchoolWednesday, 9, 0, 8 * 60), [], california: true, workExperience: true).Should().BeNull("work experience: the 8 hours of (a)(3)");
        ChildLaborRules.Violation(16, At(SchoolWednesday, 9, 0, 8 * 60 + 1), [], california: true, workExperience: true).Should().Contain("at most 8 hours in a day");
        ChildLaborRules.Violation(16, At(SchoolWednesday, 4, 59, 60), [], california: true).Should().Contain("from 5 a.m.");
        ChildLaborRules.Violation(16, At(SchoolWednesday, 19, 0, 3 * 60), [], california: true).Should().BeNull("until 10 p.m. before a school day");
        ChildLaborRules.Violation(16, At(SchoolWednesday, 19, 0, 3 * 60 + 1), [], california: true).Should().Contain("10 p.m. on a day before a school day");
        ChildLaborRules.Violation(16, At(friday, 19, 30, 5 * 60), [], california: true).Should().Contain("at most 4 hours on a school day", "Friday is a school day");
        ChildLaborRules.Violation(16, At(friday, 21, 30, 3 * 60), [], california: true, workExperience: true).Should().BeNull("until 12:30 a.m. before a non-school day");
        ChildLaborRules.Violation(16, At(friday, 21, 30, 3 * 60 + 1), [], california: true, workExperience: true).Should().Contain("12:30 a.m.");
        ChildLaborRules.Violation(16, At(saturday, 9, 0, 8 * 60), [], california: true).Should().BeNull("8 hours on a non-school day");
        var week = Enumerable.Range(0, 6).Select(d => At(SummerWednesday.AddDays(d - 3), 9, 0, 8 * 60)).ToList(); // Sunday–Friday of a summer week: 48 h
        ChildLaborRules.Violation(16, At(SummerWednesday.AddDays(3), 9, 0, 60), week, california: true).Should().Contain("at most 48 hours in a week");
        ChildLaborRules.Violation(16, At(SummerWednesday.AddDays(4), 9, 0, 60), week, california: true).Should().BeNull("the next Sunday starts a new week");
    }
}
