using System.Security.Claims;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;

namespace LaunchPath.Api.Infrastructure.Security;

/// <summary>
/// Turns an authenticated principal into a <see cref="Caller"/> with its grants, from the database. Authentication
/// calls it once (a disabled user or a revoked key fails authentication); endpoints get the same instance.
/// </summary>
public sealed class CallerLoader(Db db, CallerCache cache)
{
    public const string UserIdClaim = "sub";
    public const string ApiKeyIdClaim = "lp_key";
    private const string ItemKey = "LaunchPath.Caller";

    private const string SelectUser =
        "SELECT id, email, display_name, is_platform_admin, disabled, tokens_valid_after FROM users WHERE id = @Id";

    private const string SelectUserByExternalSubject =
        "SELECT id, email, display_name, is_platform_admin, disabled, tokens_valid_after FROM users WHERE external_subject = @Subject";

    private const string SelectMemberships =
        "SELECT m.role, o.id AS organization_id, o.type, o.region_id, o.district_id, o.name FROM memberships m " +
        "JOIN organizations o ON o.id = m.organization_id WHERE m.user_id = @UserId";

    private const string SelectApiKey =
        "SELECT k.id, k.permissions, k.revoked_at, o.id AS organization_id, o.type, o.region_id, o.district_id, o.name " +
        "FROM api_keys k JOIN organizations o ON o.id = k.organization_id WHERE k.id = @Id";

    public static IEnumerable<string> Statements() => [SelectUser, SelectUserByExternalSubject, SelectMemberships, SelectApiKey];

    public ValueTask<Caller> LoadAsync(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var cached) && cached is Caller caller
            ? ValueTask.FromResult(caller)
            : ValueTask.FromResult(Caller.Anonymous);

    /// <summary>Loads a local user's caller; null when the user is unknown or disabled.</summary>
    public async Task<Caller?> ForUserAsync(HttpContext context, Guid userId, CancellationToken cancellationToken)
    {
        if (cache.Find(AccessChanges.User, userId) is { } known)
        {
            context.Items[ItemKey] = known;
            return known;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var user = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(SelectUser, new { Id = userId }, cancellationToken: cancellationToken));
        return await Finish(context, connection, user, cancellationToken);
    }

    /// <summary>
    /// A user's caller for work done for them outside a request (a digest of what waits for them); null when the user
    /// is unknown or disabled.
    /// </summary>
    public async Task<Caller?> ForUserAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (cache.Find(AccessChanges.User, userId) is { } known)
        {
            return known;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var user = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(SelectUser, new { Id = userId }, cancellationToken: cancellationToken));
        return await Finish(null, connection, user, cancellationToken);
    }

    /// <summary>Loads the caller of an external (district SSO) identity; null when no account is linked to it.</summary>
    public async Task<Caller?> ForExternalSubjectAsync(HttpContext context, string subject, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var user = await connection.QuerySingleOrDefaultAsync<UserRow>(
            new CommandDefinition(SelectUserByExternalSubject, new { Subject = subject }, cancellationToken: cancellationToken));
        return await Finish(context, connection, user, cancellationToken);
    }

    public async Task<Caller?> ForApiKeyAsync(HttpContext context, Guid keyId, CancellationToken cancellationToken)
    {
        if (cache.Find(AccessChanges.ApiKey, keyId) is { } known)
        {
            context.Items[ItemKey] = known;
            return known;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var key = await connection.QuerySingleOrDefaultAsync<ApiKeyRow>(new CommandDefinition(SelectApiKey, new { Id = keyId }, cancellationToken: cancellationToken));
        if (key is null || key.RevokedAt is not null)
        {
            return null;
        }

        var permissions = ApiKeyFormat.ParsePermissions(key.Permissions).ToHashSet();
        var grant = new Grant(key.ToOrgRef(), key.Name, null, permissions);
        var caller = new Caller(null, null, null, key.Id, false, [grant]);
        context.Items[ItemKey] = caller;
        cache.Keep(AccessChanges.ApiKey, keyId, caller);
        return caller;
    }

    private async Task<Caller?> Finish(HttpContext? context, System.Data.Common.DbConnection connection, UserRow? user, CancellationToken cancellationToken)
    {
        if (user is null || user.Disabled)
        {
            return null;
        }

        var memberships = await connection.QueryAsync<MembershipRow>(
            new CommandDefinition(SelectMemberships, new { UserId = user.Id }, cancellationToken: cancellationToken));
        var grants = memberships
            .Select(m => (Row: m, Role: DbEnum.Parse<Role>(m.Role)))
            .Select(m => new Grant(m.Row.ToOrgRef(), m.Row.Name, m.Role, Access.PermissionsOf(m.Role).ToHashSet()))
            .ToList();
        var caller = new Caller(user.Id, user.Email, user.DisplayName, null, user.IsPlatformAdmin, grants) { TokensValidAfter = user.TokensValidAfter };
        if (context is not null)
        {
            context.Items[ItemKey] = caller;
        }

        cache.Keep(AccessChanges.User, user.Id, caller);
        return caller;
    }

    public static Guid? ClaimGuid(ClaimsPrincipal principal, string type) =>
        Guid.TryParse(principal.FindFirst(type)?.Value, out var id) ? id : null;

    private sealed class UserRow
    {
        public Guid Id { get; set; }
        public string Email { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public bool IsPlatformAdmin { get; set; }
        public bool Disabled { get; set; }
        public DateTimeOffset? TokensValidAfter { get; set; }
    }

    private class OrgColumns
    {
        public Guid OrganizationId { get; set; }
        public string Type { get; set; } = "";
        public Guid RegionId { get; set; }
        public Guid? DistrictId { get; set; }
        public string Name { get; set; } = "";

        public OrgRef ToOrgRef() => new(OrganizationId, DbEnum.Parse<OrganizationType>(Type), RegionId, DistrictId);
    }

    private sealed class MembershipRow : OrgColumns
    {
        public string Role { get; set; } = "";
    }

    private sealed class ApiKeyRow : OrgColumns
    {
        public Guid Id { get; set; }
        public string Permissions { get; set; } = "";
        public DateTimeOffset? RevokedAt { get; set; }
    }
}
