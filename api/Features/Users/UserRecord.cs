using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;

namespace LaunchPath.Api.Features.Users;

/// <summary>Reads users with the memberships a caller may see (only those inside its UsersManage scope). Shared by the area.</summary>
internal static class UserRecord
{
    public static string SelectUsers =>
        "SELECT id, email, display_name, disabled FROM users WHERE id IN (SELECT value FROM json_each(@Ids)) ORDER BY id";

    public static string SelectMemberships =>
        "SELECT m.id, m.user_id, m.role, o.id AS organization_id, o.name AS organization_name, o.type AS organization_type " +
        "FROM memberships m JOIN organizations o ON o.id = m.organization_id " +
        $"WHERE m.user_id IN (SELECT value FROM json_each(@Ids)) AND {TenantScope.CoversSql("o")} ORDER BY m.created_at, m.id";

    /// <summary>Whether the user has a membership inside the scope (a user outside it is a 404 to this caller).</summary>
    public static string SelectVisible =>
        "SELECT COUNT(*) FROM memberships m JOIN organizations o ON o.id = m.organization_id " +
        $"WHERE m.user_id = @UserId AND {TenantScope.CoversSql("o")}";

    public static IEnumerable<string> Statements => [SelectUsers, SelectMemberships, SelectVisible];

    public static async Task<bool> IsVisibleAsync(DbConnection connection, Guid userId, TenantScope scope, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new { UserId = userId });
        parameters.AddDynamicParams(scope.Parameters());
        return scope.All || await connection.ExecuteScalarAsync<int>(new CommandDefinition(SelectVisible, parameters, cancellationToken: cancellationToken)) > 0;
    }

    public static async Task<List<UserSummary>> LoadAsync(DbConnection connection, IReadOnlyList<Guid> ids, TenantScope scope, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var users = await connection.QueryAsync<UserRow>(new CommandDefinition(SelectUsers, new { Ids = DbIds.Of(ids) }, cancellationToken: cancellationToken));
        var parameters = new DynamicParameters(new { Ids = DbIds.Of(ids) });
        parameters.AddDynamicParams(scope.Parameters());
        var memberships = (await connection.QueryAsync<MembershipRow>(new CommandDefinition(SelectMemberships, parameters, cancellationToken: cancellationToken)))
            .ToLookup(m => m.UserId);
        return users.Select(u => new UserSummary
        {
            Id = u.Id.ToString("D"),
            Email = u.Email,
            DisplayName = u.DisplayName,
            Disabled = u.Disabled,
            Memberships = memberships[u.Id].Select(m => new MembershipInfo
            {
                OrganizationId = m.OrganizationId.ToString("D"),
                OrganizationName = m.OrganizationName,
                OrganizationType = m.OrganizationType,
                Role = DbEnum.Parse<Role>(m.Role),
                Permissions = Access.PermissionsOf(DbEnum.Parse<Role>(m.Role)).Order().ToList(),
            }).ToList(),
        }).ToList();
    }

    private sealed class UserRow
    {
        public Guid Id { get; set; }
        public string Email { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public bool Disabled { get; set; }
    }

    private sealed class MembershipRow
    {
        public Guid Id { get; set; }
        public Guid UserId { get; set; }
        public string Role { get; set; } = "";
        public Guid OrganizationId { get; set; }
        public string OrganizationName { get; set; } = "";
        public string OrganizationType { get; set; } = "";
    }
}
