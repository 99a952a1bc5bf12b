using System.Buffers.Text;
using System.Text;

namespace LaunchPath.Api.Infrastructure.Http;

/// <summary>Keyset paging: the cursor is the opaque, URL-safe encoding of the last key returned.</summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static string Encode(string lastKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes("k:" + lastKey));

    public static bool TryDecode(string? cursor, out string? lastKey)
    {
        lastKey = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (!text.StartsWith("k:", StringComparison.Ordinal))
            {
                return false;
            }

            lastKey = text[2..];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Validates limit and cursor together; returns the field errors, if any.</summary>
    public static Dictionary<string, string[]> Check(int? limit, string? cursor, Func<string, bool> isValidKey, out int take, out string? after)
    {
        var errors = new Dictionary<string, string[]>();
        take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        if (!TryDecode(cursor, out after) || (after is not null && !isValidKey(after)))
        {
            errors["cursor"] = ["cursor is not valid; pass back the nextCursor of a previous page."];
        }

        return errors;
    }
}
