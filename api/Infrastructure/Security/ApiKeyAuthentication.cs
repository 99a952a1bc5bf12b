using System.Security.Claims;
using System.Text.Encodings.Web;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LaunchPath.Api.Infrastructure.Security;

/// <summary>Authenticates integrations by the X-Api-Key header; a revoked, unknown or malformed key is a 401.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    Db db,
    CallerLoader callers,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder), ISqlSource
{
    public const string SchemeName = "ApiKey";

    private const string SelectKey = "SELECT id, secret_hash FROM api_keys WHERE prefix = @Prefix AND revoked_at IS NULL";
    private const string Touch = "UPDATE api_keys SET last_used_at = @Now WHERE id = @Id AND (last_used_at IS NULL OR last_used_at < @Stale)";

    public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectKey, Touch, .. CallerLoader.Statements()];

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeyFormat.Header, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiKeyFormat.TryParse(values.ToString(), out var prefix, out var secret))
        {
            return AuthenticateResult.Fail("Malformed API key.");
        }

        Guid keyId;
        await using (var connection = await db.OpenAsync(Context.RequestAborted))
        {
            var key = await connection.QuerySingleOrDefaultAsync<KeyRow>(
                new CommandDefinition(SelectKey, new { Prefix = prefix }, cancellationToken: Context.RequestAborted));
            if (key is null || !ApiKeyFormat.Matches(secret, key.SecretHash))
            {
                return AuthenticateResult.Fail("Unknown or revoked API key.");
            }

            keyId = key.Id;
            var now = clock.GetUtcNow();
            // Record use at most once a minute per key, not on every request.
            await connection.ExecuteAsync(new CommandDefinition(Touch, new { Id = keyId, Now = now, Stale = now.AddMinutes(-1) }, cancellationToken: Context.RequestAborted));
        }

        if (await callers.ForApiKeyAsync(Context, keyId, Context.RequestAborted) is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var identity = new ClaimsIdentity([new Claim(CallerLoader.ApiKeyIdClaim, keyId.ToString("D"))], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private sealed class KeyRow
    {
        public Guid Id { get; set; }
        public string SecretHash { get; set; } = "";
    }
}
