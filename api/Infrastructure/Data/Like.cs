namespace LaunchPath.Api.Infrastructure.Data;

/// <summary>Escapes user text for LIKE ... ESCAPE '\' so that %, _ and [ match themselves on both engines.</summary>
public static class Like
{
    public static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal);
}
