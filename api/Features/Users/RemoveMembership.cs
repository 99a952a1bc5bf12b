using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using Mediator;

namespace LaunchPath.Api.Features.Users;

/// <summary>DELETE /api/v1/users/{id}/memberships/{organizationId}/{role} — take a role away; effective on the user's next request.</summary>
public static class RemoveMembership
{
    public sealed record Command(Caller Caller, Guid UserId, Guid OrganizationId, Role Role) : IRequest<Result<bool>>;

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<bool>>, ISqlSource
    {
        private const string Delete = "DELETE FROM memberships WHERE user_id = @UserId AND organization_id = @OrganizationId AND role = @Role";

        public static IEnumerable<string> Statements(SqlDialect dialect) => [Delete, .. AccessChanges.Statements];

        public async ValueTask<Result<bool>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var org = await Authorize.FindOrgAsync(connection, command.OrganizationId, cancellationToken);
            if (org is null || Authorize.Check(command.Caller, Permission.UsersManage, org.Ref, "Membership") is not null)
            {
                return Error.NotFound("Membership");
            }

            var deleted = await connection.ExecuteAsync(new CommandDefinition(Delete,
                new { command.UserId, command.OrganizationId, Role = DbEnum.ToText(command.Role) }, cancellationToken: cancellationToken));
            if (deleted == 0)
            {
                return Error.NotFound("Membership");
            }

            await AccessChanges.RecordAsync(connection, null, AccessChanges.User, command.UserId, clock.GetUtcNow(), cancellationToken);
            return true;
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapDelete("/{id:guid}/memberships/{organizationId:guid}/{role}", async Task<Answer<NoContent, Fails.Invalid, Fails.NotFound>> (Guid id, Guid organizationId, string role, Caller caller, IMediator mediator, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                if (!QueryEnums.TryParse<Role>(role, "role", errors, out var parsed) || parsed is null)
                {
                    return Error.Invalid(errors);
                }

                return (await mediator.Send(new Command(caller, id, organizationId, parsed.Value), ct)).Match(_ => TypedResults.NoContent());
            })
            .WithQueryEnum<Role>("role")
            .WithName("removeMembership")
            .WithSummary("Take a role away from a user");
}
