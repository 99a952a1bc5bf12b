using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Opportunities;
using Mediator;

namespace LaunchPath.Api.Features.Opportunities;

/// <summary>
/// PUT /api/v1/opportunities/{id} — replace a draft's (or a rejected one's) fields; needs If-Match. Submitted and
/// published opportunities are frozen so that what was curated is what students see.
/// </summary>
public static class UpdateOpportunity
{
    public sealed record Command(Caller Caller, Guid Id, int? ExpectedVersion, OpportunityFields Body) : IRequest<Result<Opportunity>>;

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<Opportunity>>, ISqlSource
    {
        private static readonly string Update =
            $"UPDATE opportunities SET {OpportunityRecord.FieldAssignments}, version = version + 1, updated_at = @Now " +
            "WHERE id = @Id AND version = @Version AND status IN ('draft', 'rejected')";

        public static IEnumerable<string> Statements(SqlDialect dialect) => [Update, .. OpportunityQueries.Statements, .. OpportunityAccess.Statements];

        public async ValueTask<Result<Opportunity>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var current = await OpportunityQueries.FindVisibleAsync(connection, command.Caller, command.Id, cancellationToken);
            if (current is null)
            {
                return Error.NotFound($"Opportunity {command.Id}");
            }

            var part = OpportunityRules.PartOf(command.Caller, current.EmployerId, current.RegionId, current.AudienceScope, []);
            if (!OpportunityRules.MayTake(OpportunityAction.Edit, part))
            {
                return Error.Forbidden("Your role does not allow editing this opportunity.");
            }

            if (!OpportunityRules.OpenTo(OpportunityAction.Edit, current.OpportunityStatus))
            {
                return Error.Conflict($"The opportunity is {current.Status}; only drafts and rejected opportunities can be edited.");
            }

            if (command.ExpectedVersion is { } expected && expected != current.Version)
            {
                return Error.VersionMismatch;
            }

            if (await OpportunityAccess.CheckAudienceAsync(connection, current.RegionId, command.Body, cancellationToken) is { } audienceError)
            {
                return audienceError;
            }

            if (await OpportunityAccess.CheckWorksiteAsync(connection, current.EmployerId, command.Body, cancellationToken) is { } worksiteError)
            {
                return worksiteError;
            }

            var parameters = OpportunityRecord.Parameters(command.Body);
            parameters.AddDynamicParams(new { command.Id, current.Version, Now = clock.GetUtcNow() });
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                if (await connection.ExecuteAsync(new CommandDefinition(Update, parameters, transaction, cancellationToken: cancellationToken)) == 0)
                {
                    return Error.VersionMismatch;
                }

                await OpportunityRecord.ReplaceAudienceAsync(connection, transaction, command.Id, command.Body.AudienceOrganizationIds.Select(Guid.Parse), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            var row = await OpportunityQueries.FindVisibleAsync(connection, Caller.System, command.Id, cancellationToken);
            return await OpportunityQueries.ToContractAsync(connection, row!, command.Caller, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPut("/{id:guid}", async Task<Answer<Ok<Opportunity>, Fails.Forbidden, Fails.NotFound, Fails.Conflict, Fails.Unprocessable, Fails.Versioned>> (Guid id, OpportunityFields body, Caller caller, HttpRequest request, IMediator mediator, CancellationToken ct) =>
                await Concurrency.VersionedUpdate(request, expected => mediator.Send(new Command(caller, id, expected, body), ct), o => o.Version))
            .Validate<OpportunityFields>()
            .WithName("updateOpportunity")
            .WithSummary("Edit a draft or rejected opportunity")
            .WithDescription("Send the ETag from GET in If-Match. 409 once submitted or published.");
}
