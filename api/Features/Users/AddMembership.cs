using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using Mediator;

namespace LaunchPath.Api.Features.Users;

/// <summary>POST /api/v1/users/{id}/memberships — give a user you manage a role at an organization you manage.</summary>
public static class AddMembership
{
    public sealed record Command(Caller Caller, Guid UserId, AddMembershipRequest Body) : IRequest<Result<UserSummary>>;

    public sealed class Validator : AbstractValidator<AddMembershipRequest>
    {
        public Validator()
        {
            RuleFor(r => r.OrganizationId).NotEmpty().MustBeId();
            RuleFor(r => r.Role).IsInEnum();
        }
    }

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<UserSummary>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. Accounts.Statements, .. UserRecord.Statements];

        public async ValueTask<Result<UserSummary>> Handle(Command command, CancellationToken cancellationToken)
        {
            var (caller, body) = (command.Caller, command.Body);
            var scope = caller.Scope(Permission.UsersManage);
            await using var connection = await db.OpenAsync(cancellationToken);
            if (scope.IsEmpty || !await UserRecord.IsVisibleAsync(connection, command.UserId, scope, cancellationToken))
            {
                return Error.NotFound($"User {command.UserId}");
            }

            var org = await Authorize.FindOrgAsync(connection, Guid.Parse(body.OrganizationId), cancellationToken);
            if (org is null)
            {
                return Error.NotFound($"Organization {body.OrganizationId}");
            }

            if (Authorize.Check(caller, Permission.UsersManage, org.Ref, $"Organization {body.OrganizationId}") is { } denied)
            {
                return denied;
            }

            if (!Access.CanBeHeldOn(body.Role, org.Ref.Type))
            {
                return CreateUser.RoleNotHeldThere(body.Role, org.Ref.Type);
            }

            if (!await Accounts.AddMembershipAsync(connection, db.Dialect, command.UserId, org.Ref.Id, body.Role, clock.GetUtcNow(), cancellationToken))
            {
                return Error.Conflict("The user already holds this role at this organization.");
            }

            return (await UserRecord.LoadAsync(connection, [command.UserId], scope, cancellationToken)).Single();
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/{id:guid}/memberships", async Task<Answer<Ok<UserSummary>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Conflict, Fails.Unprocessable>> (Guid id, AddMembershipRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, id, body), ct)).Match(user => TypedResults.Ok(user)))
            .Validate<AddMembershipRequest>()
            .WithName("addMembership")
            .WithSummary("Give a user a role at an organization");
}
