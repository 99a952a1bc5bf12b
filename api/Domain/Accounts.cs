using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Contracts.Identity;
using Microsoft.AspNetCore.Identity;

namespace LaunchPath.Api.Domain;

/// <summary>
/// Sign-in accounts: the one way an account is created (an administrator's new user, a student's account, the bootstrap
/// platform administrator), how an email is compared, and the key the password hasher is registered under. A duplicate
/// email or external subject is refused by the database's unique indexes, so two concurrent creations cannot both win.
/// </summary>
public static class Accounts
{
    /// <summary>The shape PasswordHasher is keyed on; LaunchPath's hashes do not depend on the user object.</summary>
    public sealed class Account;

    /// <summary>A new account: its sign-in email and name, a password or an external (SSO) subject, and its first role.</summary>
    public sealed record NewAccount(string Email, string DisplayName, string? Password, string? ExternalSubject, Guid? OrganizationId, Role? Role, bool PlatformAdmin = false);

    private const string InsertUser =
        "INSERT INTO users (id, email, email_normalized, display_name, password_hash, external_subject, is_platform_admin, disabled, version, created_at, updated_at) " +
        "VALUES (@Id, @Email, @EmailNormalized, @DisplayName, @PasswordHash, @ExternalSubject, @PlatformAdmin, 0, 1, @Now, @Now)";

    private const string InsertMembership =
        "INSERT INTO memberships (id, user_id, organization_id, role, created_at) VALUES (@Id, @UserId, @OrganizationId, @Role, @Now)";

    private const string SelectByEmail = "SELECT COUNT(*) FROM users WHERE email_normalized = @EmailNormalized";

    public static IEnumerable<string> Statements => [InsertUser, InsertMembership, SelectByEmail];

    public static readonly Error Duplicate = Error.Conflict("An account with this email or external subject already exists.");

    /// <summary>How emails are compared: trimmed, upper-cased (invariant).</summary>
    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    /// <summary>
    /// Inserts the account and its first membership inside <paramref name="transaction"/>; a duplicate answers
    /// <see cref="Duplicate"/> (the caller's transaction is then to be rolled back, which disposing it does).
    /// </summary>
    public static async Task<Result<Guid>> CreateAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, PasswordHasher<Account> hasher,
        NewAccount account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertUser, new
            {
                Id = id,
                Email = account.Email.Trim(),
                EmailNormalized = Normalize(account.Email),
                DisplayName = account.DisplayName.Trim(),
                PasswordHash = account.Password is null ? null : hasher.HashPassword(new Account(), account.Password),
                ExternalSubject = string.IsNullOrWhiteSpace(account.ExternalSubject) ? null : account.ExternalSubject.Trim(),
                account.PlatformAdmin,
                Now = now,
            }, transaction, cancellationToken: cancellationToken));
            if (account is { OrganizationId: { } organizationId, Role: { } role })
            {
                await InsertMembershipAsync(connection, transaction, id, organizationId, role, now, cancellationToken);
            }
        }
        catch (DbException exception) when (dialect.IsUniqueViolation(exception))
        {
            return Duplicate;
        }

        return id;
    }

    /// <summary>
    /// Gives an account a role at an organization; false when it already holds it (the unique index decides, so two
    /// concurrent grants of the same role cannot both insert).
    /// </summary>
    public static async Task<bool> AddMembershipAsync(DbConnection connection, SqlDialect dialect, Guid userId, Guid organizationId, Role role, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        try
        {
            await InsertMembershipAsync(connection, null, userId, organizationId, role, now, cancellationToken);
            await AccessChanges.RecordAsync(connection, null, AccessChanges.User, userId, now, cancellationToken);
            return true;
        }
        catch (DbException exception) when (dialect.IsUniqueViolation(exception))
        {
            return false;
        }
    }

    private static Task<int> InsertMembershipAsync(DbConnection connection, DbTransaction? transaction, Guid userId, Guid organizationId, Role role, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(InsertMembership,
            new { Id = Guid.CreateVersion7(), UserId = userId, OrganizationId = organizationId, Role = DbEnum.ToText(role), Now = now },
            transaction, cancellationToken: cancellationToken));

    /// <summary>True when an account signs in with this email.</summary>
    public static async Task<bool> ExistsAsync(DbConnection connection, string email, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<int>(new CommandDefinition(SelectByEmail, new { EmailNormalized = Normalize(email) }, cancellationToken: cancellationToken)) > 0;
}
