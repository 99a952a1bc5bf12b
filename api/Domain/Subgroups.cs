namespace LaunchPath.Api.Domain;

/// <summary>
/// The program subgroups equity is measured by (ESSA and Perkins V: English learners, students with disabilities,
/// socioeconomically disadvantaged students, foster youth), and the small-cell rule every report applies: a group of
/// fewer than <see cref="SmallCell"/> students is shown only as suppressed, so no one can be singled out.
/// </summary>
internal static class Subgroups
{
    public const int SmallCell = 10;

    /// <summary>A student's program-subgroup flags.</summary>
    public readonly record struct Flags(bool EnglishLearner, bool StudentWithDisability, bool SocioeconomicallyDisadvantaged, bool FosterYouth);

    /// <summary>The program subgroups, by their wire name, in the order reports list them.</summary>
    public static readonly IReadOnlyList<(string Name, Func<Flags, bool> In)> Program =
    [
        ("englishLearner", f => f.EnglishLearner),
        ("studentWithDisability", f => f.StudentWithDisability),
        ("socioeconomicallyDisadvantaged", f => f.SocioeconomicallyDisadvantaged),
        ("fosterYouth", f => f.FosterYouth),
    ];

    /// <summary>Whether a group of <paramref name="students"/> is too small to show.</summary>
    public static bool Suppressed(int students) => students < SmallCell;
}
