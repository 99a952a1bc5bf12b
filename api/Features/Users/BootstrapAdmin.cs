using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;

namespace LaunchPath.Api.Features.Users;

/// <summary>
/// Creates the first platform administrator from configuration (Bootstrap:AdminEmail, Bootstrap:AdminPassword) if that
/// account does not exist yet. Platform administrators create regions; everything else is delegated from there.
/// </summary>
public sealed class BootstrapAdmin(Db db, IConfiguration configuration, PasswordHasher<Accounts.Account> hasher, TimeProvider clock, ILogger<BootstrapAdmin> logger)
{
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
        if (await Accounts.ExistsAsync(connection, email, cancellationToken))
        {
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var created = await Accounts.CreateAsync(connection, transaction, db.Dialect, hasher,
            new Accounts.NewAccount(email, "Platform administrator", password, null, null, null, PlatformAdmin: true), clock.GetUtcNow(), cancellationToken);
        if (created.IsSuccess)
        {
            // Not created when another node created it at the same moment (the unique index refused the second).
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Created the bootstrap platform administrator account");
        }
    }
}
