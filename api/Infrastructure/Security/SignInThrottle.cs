using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;

namespace LaunchPath.Api.Infrastructure.Security;

/// <summary>
/// Failed sign-ins per account, in the database so every node counts the same: after <see cref="FreeFailures"/>
/// failures within an hour the account waits 30 seconds, doubling with each further failure up to 15 minutes; a
/// success clears the count. Accounts are keyed by a hash of the email (known or not: the answer does not tell which),
/// so a guessing burst against one account slows that account only, never a classroom behind one address.
/// </summary>
public sealed class SignInThrottle(Db db, TimeProvider clock, IConfiguration configuration) : ISqlSource
{
    private const string Select = "SELECT failures, blocked_until FROM sign_in_throttle WHERE account_key = @Key";

    private const string Increment =
        "UPDATE sign_in_throttle SET failures = CASE WHEN updated_at < @WindowStart THEN 1 ELSE failures + 1 END, updated_at = @Now WHERE account_key = @Key";

    private const string Insert = "INSERT INTO sign_in_throttle (account_key, failures, blocked_until, updated_at) VALUES (@Key, 1, NULL, @Now)";

    private const string Block = "UPDATE sign_in_throttle SET blocked_until = @Until WHERE account_key = @Key";

    private const string Clear = "DELETE FROM sign_in_throttle WHERE account_key = @Key";

    internal const string Expire = "DELETE FROM sign_in_throttle WHERE updated_at < @Cutoff";

    public static IEnumerable<string> Statements(SqlDialect dialect) => [Select, Increment, Insert, Block, Clear, Expire];

    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private int FreeFailures => configuration.GetValue("RateLimits:SignInFailuresPerAccount", 5);

    private sealed class Row
    {
        public int Failures { get; set; }
        public DateTimeOffset? BlockedUntil { get; set; }
    }

    public static string KeyOf(string normalizedEmail) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedEmail)));

    /// <summary>How long the account must still wait, or null when it may try now.</summary>
    public async Task<TimeSpan?> WaitAsync(DbConnection connection, string key, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Select, new { Key = key }, cancellationToken: cancellationToken));
        var now = clock.GetUtcNow();
        return row?.BlockedUntil is { } until && until > now ? until - now : null;
    }

    /// <summary>Counts a failure (atomically, across nodes) and, past the free ones, makes the account wait.</summary>
    public async Task FailedAsync(DbConnection connection, string key, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var parameters = new { Key = key, Now = now, WindowStart = now - Window };
        if (await connection.ExecuteAsync(new CommandDefinition(Increment, parameters, cancellationToken: cancellationToken)) == 0)
        {
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(Insert, parameters, cancellationToken: cancellationToken));
            }
            catch (DbException exception) when (db.Dialect.IsUniqueViolation(exception))
            {
                await connection.ExecuteAsync(new CommandDefinition(Increment, parameters, cancellationToken: cancellationToken));
            }
        }

        var failures = (await connection.QuerySingleAsync<Row>(new CommandDefinition(Select, new { Key = key }, cancellationToken: cancellationToken))).Failures;
        if (failures >= FreeFailures)
        {
            var seconds = Math.Min(15 * 60, 30 * Math.Pow(2, Math.Min(10, failures - FreeFailures)));
            await connection.ExecuteAsync(new CommandDefinition(Block, new { Key = key, Until = now + TimeSpan.FromSeconds(seconds) }, cancellationToken: cancellationToken));
        }
    }

    public Task SucceededAsync(DbConnection connection, string key, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(Clear, new { Key = key }, cancellationToken: cancellationToken));
}

/// <summary>
/// Every few hours, on one node at a time: forgets failed sign-ins and access changes older than a day (every node has
/// long read the changes).
/// </summary>
public sealed class SecurityCleanup(Db db, TimeProvider clock) : LaunchPath.Api.Infrastructure.Jobs.IRecurringJob
{
    internal const string JobKind = "security-cleanup";

    public async Task RunAsync(LaunchPath.Api.Infrastructure.Jobs.JobContext job, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var cutoff = new { Cutoff = clock.GetUtcNow() - TimeSpan.FromDays(1) };
        await connection.ExecuteAsync(new CommandDefinition(SignInThrottle.Expire, cutoff, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(AccessChanges.Expire, cutoff, cancellationToken: cancellationToken));
    }
}
