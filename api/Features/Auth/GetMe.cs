using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;

namespace LaunchPath.Api.Features.Auth;

/// <summary>GET /api/v1/me — who the caller is, its memberships and the permissions it holds.</summary>
public static class GetMe
{
    private const string SelectStudent = "SELECT id FROM people WHERE user_id = @UserId AND kind = 'student'";

    /// <summary>The person's own choice of language, else their record's (a guardian or student record linked to the account).</summary>
    private const string SelectLanguage =
        "SELECT COALESCE((SELECT language FROM message_preferences WHERE recipient_normalized = @Normalized), " +
        "(SELECT MIN(preferred_language) FROM people WHERE user_id = @UserId))";

    internal sealed class Sql : ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectStudent, SelectLanguage];
    }

    public static CurrentCaller Describe(Caller caller, Guid? studentId, string? language = null) => new()
    {
        StudentId = studentId?.ToString("D"),
        Language = language,
        UserId = caller.UserId?.ToString("D"),
        Email = caller.Email,
        DisplayName = caller.DisplayName,
        ApiKeyId = caller.ApiKeyId?.ToString("D"),
        IsPlatformAdmin = caller.IsPlatformAdmin,
        Memberships = caller.Grants.Where(g => g.Role is not null).Select(g => new MembershipInfo
        {
            OrganizationId = g.Organization.Id.ToString("D"),
            OrganizationName = g.OrganizationName,
            OrganizationType = DbEnum.ToText(g.Organization.Type),
            Role = g.Role!.Value,
            Permissions = g.Permissions.Order().ToList(),
        }).ToList(),
        Permissions = caller.IsPlatformAdmin
            ? Enum.GetValues<Permission>()
            : caller.Grants.SelectMany(g => g.Permissions).Distinct().Order().ToList(),
    };

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/me", async Task<Ok<CurrentCaller>> (Caller caller, Db db, CancellationToken ct) =>
            {
                Guid? studentId = null;
                string? language = null;
                if (caller.UserId is { } userId)
                {
                    await using var connection = await db.OpenAsync(ct);
                    studentId = await connection.QueryFirstOrDefaultAsync<Guid?>(new CommandDefinition(SelectStudent, new { UserId = userId }, cancellationToken: ct));
                    language = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(SelectLanguage,
                        new { UserId = userId, Normalized = Outbox.Normalize(caller.Email ?? "") }, cancellationToken: ct));
                }

                return TypedResults.Ok(Describe(caller, studentId, language));
            })
            .WithTags("Auth")
            .WithName("getMe")
            .WithSummary("The signed-in caller");
}
