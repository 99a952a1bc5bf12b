using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.Organizations;
using Mediator;

namespace LaunchPath.Api.Features.Opportunities;

/// <summary>POST /api/v1/opportunities — an employer (or a convener for it) drafts an opportunity.</summary>
public static class CreateOpportunity
{
    public sealed record Command(Caller Caller, CreateOpportunityRequest Body) : IRequest<Result<Opportunity>>;

    public sealed class Validator : AbstractValidator<CreateOpportunityRequest>
    {
        public Validator()
        {
            RuleFor(r => r.EmployerId).NotEmpty().MustBeId();
            RuleFor(r => r.Fields).NotNull().SetValidator(new OpportunityFieldsValidator());
        }
    }

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<Opportunity>>, ISqlSource
    {
        private static readonly string Insert =
            $"INSERT INTO opportunities (id, employer_id, region_id, {OpportunityRecord.FieldColumns}, status, created_by_user_id, version, created_at, updated_at) " +
            $"VALUES (@Id, @EmployerId, @RegionId, {OpportunityRecord.FieldParameters}, 'draft', @CreatedBy, 1, @Now, @Now)";

        public static IEnumerable<string> Statements(SqlDialect dialect) => [Insert, .. OpportunityQueries.Statements, .. OpportunityAccess.Statements, .. Partnerships.Statements];

        public async ValueTask<Result<Opportunity>> Handle(Command command, CancellationToken cancellationToken)
        {
            var (caller, body) = (command.Caller, command.Body);
            await using var connection = await db.OpenAsync(cancellationToken);
            var employer = await Authorize.FindOrgAsync(connection, Guid.Parse(body.EmployerId), cancellationToken);
            if (employer is null || !Authorize.CanSee(caller, employer.Ref) || employer.Ref.Type != OrganizationType.Employer)
            {
                return Error.Unprocessable($"Employer {body.EmployerId} was not found.");
            }

            if (!OpportunityAccess.CanWrite(caller, employer.Ref))
            {
                return Error.Forbidden($"Your role does not allow posting opportunities for {employer.Name}.");
            }

            if (await Partnerships.NotPostingAsync(connection, employer.Ref.Id, cancellationToken) is { } notPartner)
            {
                return Error.Unprocessable(notPartner);
            }

            if (await OpportunityAccess.CheckAudienceAsync(connection, employer.Ref.RegionId, body.Fields, cancellationToken) is { } audienceError)
            {
                return audienceError;
            }

            if (await OpportunityAccess.CheckWorksiteAsync(connection, employer.Ref.Id, body.Fields, cancellationToken) is { } worksiteError)
            {
                return worksiteError;
            }

            var id = Guid.CreateVersion7();
            var parameters = OpportunityRecord.Parameters(body.Fields);
            parameters.AddDynamicParams(new { Id = id, EmployerId = employer.Ref.Id, RegionId = employer.Ref.RegionId, CreatedBy = caller.UserId, Now = clock.GetUtcNow() });
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                await connection.ExecuteAsync(new CommandDefinition(Insert, parameters, transaction, cancellationToken: cancellationToken));
                await OpportunityRecord.ReplaceAudienceAsync(connection, transaction, id, body.Fields.AudienceOrganizationIds.Select(Guid.Parse), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            var row = await OpportunityQueries.FindVisibleAsync(connection, Caller.System, id, cancellationToken);
            return await OpportunityQueries.ToContractAsync(connection, row!, command.Caller, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/", async Task<Answer<Created<Opportunity>, Fails.Invalid, Fails.Forbidden, Fails.Unprocessable>> (CreateOpportunityRequest body, Caller caller, IMediator mediator, HttpResponse response, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, body), ct)).Match(opportunity =>
                {
                    response.SetETag(opportunity.Version);
                    return TypedResults.Created($"/api/v1/opportunities/{opportunity.Id}", opportunity);
                }))
            .Validate<CreateOpportunityRequest>()
            .WithName("createOpportunity")
            .WithSummary("Draft an opportunity")
            .WithDescription("Creates a draft for an employer. Submit it for curation; students see it once approved. 422 while the employer is not an approved partner of its region, " +
                             "or when worksiteId is not one of the employer's worksites.");
}
