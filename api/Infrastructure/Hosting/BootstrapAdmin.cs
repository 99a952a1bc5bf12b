using Dapper;
using LaunchPath.Api.Features.Auth;
using LaunchPath.Api.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;

namespace LaunchPath.Api.Infrastructure.Hosting;

/// <summary>
/// Creates the first platform administrator from configuration (Bootstrap:AdminEmail, Bootstrap:AdminPassword) if that
/// account does not exist yet. Platform administrators create regions; everything else is delegated from there.
/// </summary>
public sealed class BootstrapAdmin(Db db, IConfiguration configuration, PasswordHasher<SignIn.Account> hasher, TimeProvider clock, ILogger<BootstrapAdmin> logger) : ISqlSource
{
    private const string Exists = "SELECT COUNT(*) FROM users WHERE email_normalized = @EmailNormalized";

    private const string Insert =
        "INSERT INTO users (id, email, email_normalized, display_name, password_hash, external_subject, is_platform_admin, disabled, version, created_at, updated_at) " +
        "VALUES (@Id, @Email, @EmailNormalized, @DisplayName, @PasswordHash, NULL, 1, 0, 1, @Now, @Now)";

    public static IEnumerable<string> Statements(SqlDialect dialect) => [Exists, Insert];

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var email = configuration["Bootstrap:AdminEmail"];
        var password = configuration["Bootstrap:AdminPassword"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            return;
        }

        if (password.Length < 12)
        {
            throw new InvalidOperationException("Bootstrap:AdminPassword must be at least 12 characters.");
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var normalized = SignIn.Normalize(email);
        if (await connection.ExecuteScalarAsync<int>(new CommandDefinition(Exists, new { EmailNormalized = normalized }, cancellationToken: cancellationToken)) > 0)
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition(Insert, new
        {
            Id = Guid.CreateVersion7(),
            Email = email.Trim(),
            EmailNormalized = normalized,
            DisplayName = "Platform administrator",
            PasswordHash = hasher.HashPassword(new SignIn.Account(), password),
            Now = clock.GetUtcNow(),
        }, cancellationToken: cancellationToken));
        logger.LogInformation("Created the bootstrap platform administrator account");
    }
}
