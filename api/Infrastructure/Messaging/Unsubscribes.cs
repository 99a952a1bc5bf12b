using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace LaunchPath.Api.Infrastructure.Messaging;

/// <summary>
/// Which messages a person may stop, and the token in their unsubscribe links: the address the message went to,
/// protected by the Data Protection key ring every node shares (so any node honours any link, and nobody can stop
/// someone else's messages by guessing). What a placement requires (consent, acknowledgement and approval links,
/// account links, warnings to staff) cannot be stopped.
/// </summary>
public sealed class Unsubscribes(IDataProtectionProvider provider)
{
    /// <summary>The messages a person may stop; every other template is required by a placement or an account.</summary>
    public static readonly IReadOnlySet<string> Optional = new HashSet<string>(StringComparer.Ordinal)
    {
        "placement.changed", "placement.requested", "hours.approved", "hours.rejected", "round.result", "placement.applied", "opportunity.decided", "digest.daily", "digest.weekly", "event.seat",
    };

    private readonly IDataProtector _protector = provider.CreateProtector("LaunchPath.Messaging.Unsubscribe.v1");

    public string Token(string normalizedAddress) => _protector.Protect(normalizedAddress);

    /// <summary>The normalized address a token stands for, or null when it is not one LaunchPath issued.</summary>
    public string? Address(string token)
    {
        try
        {
            return token.Length is > 0 and <= 2000 ? _protector.Unprotect(token) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
