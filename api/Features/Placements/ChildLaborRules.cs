namespace LaunchPath.Api.Features.Placements;

/// <summary>
/// 29 CFR 570.35, hours and times for minors aged 14 and 15: at most 3 hours on a school day and 18 hours in a school
/// week; at most 8 hours on a non-school day and 40 hours in a non-school week; only between 7 a.m. and 7 p.m., or
/// 9 p.m. from June 1 through Labor Day. Where a region applies California's rule, also California Labor Code 1391 for
/// 16- and 17-year-olds: (a)(3) at most 8 hours in a day and 48 in a week, not before 5 a.m., not after 10 p.m. on a day
/// before a school day (until 12:30 a.m. before a non-school day); (a)(4) while school is in session at most 4 hours on
/// a school day, except in school-approved work experience or cooperative vocational education (then the 8 of (a)(3)).
/// School days are taken as Monday–Friday outside June 1–Labor Day (a district calendar with holidays would refine
/// this; California counts a day of 240 minutes' attendance or more, 1391(b)); weeks run Sunday–Saturday. Pure: the
/// caller supplies the other entries.
/// </summary>
public static class ChildLaborRules
{
    public readonly record struct Entry(DateOnly Date, TimeOnly Start, int Minutes);

    /// <summary>
    /// The rule the new entry would break, in words, or null when it is allowed: the federal rule for 14–15-year-olds,
    /// and with <paramref name="california"/> California's for 16–17-year-olds (<paramref name="workExperience"/>: the
    /// placement is school-approved work experience, 1391(a)(4)(A)).
    /// </summary>
    public static string? Violation(int? ageOnDate, Entry entry, IEnumerable<Entry> others, bool california = false, bool workExperience = false)
    {
        if (ageOnDate is 16 or 17)
        {
            return california ? California1617(entry, others.ToList(), workExperience) : null;
        }

        if (ageOnDate is not (14 or 15))
        {
            return null;
        }

        var summer = IsSummer(entry.Date);
        var latest = summer ? new TimeOnly(21, 0) : new TimeOnly(19, 0);
        var endMinutes = entry.Start.Hour * 60 + entry.Start.Minute + entry.Minutes;
        if (entry.Start < new TimeOnly(7, 0) || endMinutes > latest.Hour * 60)
        {
            return $"29 CFR 570.35: 14- and 15-year-olds may work only between 7 a.m. and {(summer ? "9 p.m. (June 1 through Labor Day)" : "7 p.m.")}; " +
                   $"this entry runs {entry.Start:HH\\:mm}–{Clock(endMinutes)} on {entry.Date:ddd yyyy-MM-dd}.";
        }

        var list = others.ToList();
        var schoolDay = IsSchoolDay(entry.Date);
        var dayTotal = DayTotal(entry, list);
        var dayLimit = schoolDay ? 3 * 60 : 8 * 60;
        if (dayTotal > dayLimit)
        {
            return $"29 CFR 570.35: 14- and 15-year-olds may work at most {dayLimit / 60} hours on a {(schoolDay ? "school" : "non-school")} day; " +
                   $"this entry makes {Duration(dayTotal)} on {entry.Date:ddd yyyy-MM-dd}.";
        }

        var (weekStart, weekTotal) = WeekTotal(entry, list);
        var schoolWeek = Enumerable.Range(0, 7).Any(d => IsSchoolDay(weekStart.AddDays(d)));
        var weekLimit = schoolWeek ? 18 * 60 : 40 * 60;
        if (weekTotal > weekLimit)
        {
            return $"29 CFR 570.35: 14- and 15-year-olds may work at most {weekLimit / 60} hours in a {(schoolWeek ? "school" : "non-school")} week; " +
                   $"this entry makes {Duration(weekTotal)} in the week of {weekStart:yyyy-MM-dd}.";
        }

        return null;
    }

    private static string? California1617(Entry entry, List<Entry> others, bool workExperience)
    {
        var startMinutes = entry.Start.Hour * 60 + entry.Start.Minute;
        var endMinutes = startMinutes + entry.Minutes;
        var beforeSchoolDay = IsSchoolDay(entry.Date.AddDays(1));
        var latest = beforeSchoolDay ? 22 * 60 : 24 * 60 + 30;
        if (startMinutes < 5 * 60 || endMinutes > latest)
        {
            return $"California Labor Code 1391(a)(3): 16- and 17-year-olds may work only from 5 a.m. to {(beforeSchoolDay ? "10 p.m. on a day before a school day" : "12:30 a.m. after a day before a non-school day")}; " +
                   $"this entry runs {entry.Start:HH\\:mm}–{Clock(endMinutes)} on {entry.Date:ddd yyyy-MM-dd}.";
        }

        var schoolDay = IsSchoolDay(entry.Date);
        var dayTotal = DayTotal(entry, others);
        var dayLimit = schoolDay && !workExperience ? 4 * 60 : 8 * 60;
        if (dayTotal > dayLimit)
        {
            return schoolDay && !workExperience
                ? $"California Labor Code 1391(a)(4): while school is in session, 16- and 17-year-olds may work at most 4 hours on a school day (8 in school-approved work experience); this entry makes {Duration(dayTotal)} on {entry.Date:ddd yyyy-MM-dd}."
                : $"California Labor Code 1391(a)(3): 16- and 17-year-olds may work at most 8 hours in a day; this entry makes {Duration(dayTotal)} on {entry.Date:ddd yyyy-MM-dd}.";
        }

        var (weekStart, weekTotal) = WeekTotal(entry, others);
        return weekTotal > 48 * 60
            ? $"California Labor Code 1391(a)(3): 16- and 17-year-olds may work at most 48 hours in a week; this entry makes {Duration(weekTotal)} in the week of {weekStart:yyyy-MM-dd}."
            : null;
    }

    /// <summary>The minutes on the entry's day, the entry's included.</summary>
    private static int DayTotal(Entry entry, List<Entry> others) => entry.Minutes + others.Where(o => o.Date == entry.Date).Sum(o => o.Minutes);

    /// <summary>The entry's week (Sunday–Saturday) and its minutes, the entry's included.</summary>
    private static (DateOnly Start, int Minutes) WeekTotal(Entry entry, List<Entry> others)
    {
        var start = entry.Date.AddDays(-(int)entry.Date.DayOfWeek);
        var end = start.AddDays(6);
        return (start, entry.Minutes + others.Where(o => o.Date >= start && o.Date <= end).Sum(o => o.Minutes));
    }

    public static bool IsSummer(DateOnly date) => date >= new DateOnly(date.Year, 6, 1) && date <= LaborDay(date.Year);

    public static bool IsSchoolDay(DateOnly date) => !IsSummer(date) && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The first Monday in September.</summary>
    public static DateOnly LaborDay(int year)
    {
        var first = new DateOnly(year, 9, 1);
        return first.AddDays(((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7);
    }

    private static string Duration(int minutes) => minutes % 60 == 0 ? $"{minutes / 60} h" : $"{minutes / 60} h {minutes % 60} min";

    private static string Clock(int minutes) => $"{minutes / 60 % 24:00}:{minutes % 60:00}";
}
