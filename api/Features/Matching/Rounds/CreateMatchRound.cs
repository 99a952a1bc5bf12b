using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Matching;
using LaunchPath.Contracts.Organizations;
using Mediator;

namespace LaunchPath.Api.Features.Matching.Rounds;

/// <summary>
/// POST /api/v1/match-rounds — a convener (region round) or district curator (district round) opens a round over
/// published opportunities with their remaining seats. An opportunity is in at most one unpublished round at a time.
/// </summary>
public static class CreateMatchRound
{
    public sealed record Command(Caller Caller, CreateMatchRoundRequest Body) : IRequest<Result<MatchRound>>;

    public sealed class Validator : AbstractValidator<CreateMatchRoundRequest>
    {
        public Validator()
        {
            RuleFor(r => r.OrganizationId).NotEmpty().MustBeId();
            RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
            RuleFor(r => r.OpportunityIds).NotEmpty().Must(ids => ids.Count <= 20_000).WithMessage("At most 20,000 opportunities.")
                .Must(ids => ids.Distinct().Count() == ids.Count).WithMessage("Each opportunity once.");
            RuleForEach(r => r.OpportunityIds).NotEmpty().MustBeId();
            RuleFor(r => r.MaxChoices).InclusiveBetween(1, 20);
            RuleFor(r => r.ReserveGroup).IsInEnum();
            RuleFor(r => r.ReservePercent).InclusiveBetween(0, 50);
            RuleFor(r => r.ReservePercent).Equal(0).When(r => r.ReserveGroup is null).WithMessage("Name the reserveGroup the seats are reserved for.");
        }
    }

    private const string SelectOpportunity = "SELECT id, region_id, status, seats FROM opportunities WHERE id IN (SELECT value FROM json_each(@Ids))";

    private const string SelectBusy =
        "SELECT ro.opportunity_id FROM match_round_opportunities ro JOIN match_rounds r ON r.id = ro.round_id " +
        "WHERE ro.opportunity_id IN (SELECT value FROM json_each(@Ids)) AND r.status <> 'published'";

    private const string Insert =
        "INSERT INTO match_rounds (id, organization_id, region_id, name, status, max_choices, seed, seed_salt, seed_commitment, reserve_group, reserve_percent, progress, runs, created_by, version, created_at) " +
        "VALUES (@Id, @OrganizationId, @RegionId, @Name, 'open', @MaxChoices, @Seed, @SeedSalt, @SeedCommitment, @ReserveGroup, @ReservePercent, 0, 0, @CreatedBy, 1, @Now)";

    private const string InsertOpportunity = "INSERT INTO match_round_opportunities (round_id, opportunity_id, seats) VALUES (@RoundId, @OpportunityId, @Seats)";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Command, Result<MatchRound>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectOpportunity, SelectBusy, Insert, InsertOpportunity, .. MatchRoundRecord.Statements];

        public async ValueTask<Result<MatchRound>> Handle(Command command, CancellationToken cancellationToken)
        {
            var (caller, body) = (command.Caller, command.Body);
            await using var connection = await db.OpenAsync(cancellationToken);
            var org = await Authorize.FindOrgAsync(connection, Guid.Parse(body.OrganizationId), cancellationToken);
            if (org is null || org.Ref.Type is not (OrganizationType.Region or OrganizationType.District))
            {
                return Error.Unprocessable("A match round is for a region or a district.");
            }

            if (Authorize.Check(caller, Permission.OpportunitiesCurate, org.Ref, $"Organization {body.OrganizationId}") is { } denied)
            {
                return denied is { Kind: ErrorKind.NotFound } ? Error.Unprocessable($"Organization {body.OrganizationId} was not found.") : denied;
            }

            var ids = body.OpportunityIds.Select(Guid.Parse).ToList();
            var found = (await connection.QueryAsync<OpportunityRow>(new CommandDefinition(SelectOpportunity, new { Ids = DbIds.Of(ids) }, cancellationToken: cancellationToken)))
                .ToDictionary(o => o.Id);
            var problems = ids.Where(id => !found.TryGetValue(id, out var o) || o.RegionId != org.Ref.RegionId).Select(id => $"{id} is not in this region").ToList();
            problems.AddRange(found.Values.Where(o => o.Status != "published").Select(o => $"{o.Id} is {o.Status}, not published"));
            if (problems.Count > 0)
            {
                return Error.Unprocessable("Every opportunity in a round must be published in the round's region: " + string.Join("; ", problems.Take(10)) + ".");
            }

            var busy = (await connection.QueryAsync<Guid>(new CommandDefinition(SelectBusy, new { Ids = DbIds.Of(ids) }, cancellationToken: cancellationToken))).ToList();
            if (busy.Count > 0)
            {
                return Error.Conflict("These opportunities are already in an unpublished round: " + string.Join(", ", busy.Take(10)) + ".");
            }

            var left = await MatchingFacts.SeatsLeftAsync(connection, ids.Select(i => (i, found[i].Seats)).ToList(), cancellationToken);
            var settings = await MatchingFacts.SettingsAsync(connection, org.Ref.RegionId, cancellationToken);
            var id = Guid.CreateVersion7();

            // The lottery is fixed now, before any choice, and committed to: the commitment is shown from now on, the seed
            // and salt only once the round is published.
            var seed = body.Seed ?? System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue);
            var salt = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                await connection.ExecuteAsync(new CommandDefinition(Insert, new
                {
                    Id = id,
                    OrganizationId = org.Ref.Id,
                    org.Ref.RegionId,
                    Name = body.Name.Trim(),
                    MaxChoices = body.MaxChoices ?? settings.MaxChoices,
                    Seed = seed,
                    SeedSalt = salt,
                    SeedCommitment = MatchRoundRecord.Commitment(id, seed, salt),
                    ReserveGroup = body.ReserveGroup is null ? null : DbEnum.ToText(body.ReserveGroup.Value),
                    body.ReservePercent,
                    CreatedBy = caller.UserId,
                    Now = clock.GetUtcNow(),
                }, transaction, cancellationToken: cancellationToken));
                // Up to 20,000 rows: one prepared statement, not a command each.
                using (var insert = new PreparedCommand(connection, transaction, db.Dialect, InsertOpportunity, "RoundId", "OpportunityId", "Seats"))
                {
                    foreach (var opportunity in ids)
                    {
                        insert.Run(id, opportunity, left[opportunity]);
                    }
                }

                await transaction.CommitAsync(cancellationToken);
            }

            var round = (await MatchRoundRecord.FindAsync(connection, id, cancellationToken))!;
            return await round.ToContractAsync(connection, caller, org, cancellationToken);
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/", async Task<Answer<Created<MatchRound>, Fails.Invalid, Fails.Forbidden, Fails.Conflict, Fails.Unprocessable>> (CreateMatchRoundRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(caller, body), ct)).Match(round => TypedResults.Created($"/api/v1/match-rounds/{round.Id}", round)))
            .Validate<CreateMatchRoundRequest>()
            // Up to 20,000 opportunity ids (≈ 800 KB): a region-wide round does not fit the 256 KB JSON limit.
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes))
            .WithName("createMatchRound")
            .WithSummary("Open a match round")
            .WithDescription("Up to 20,000 opportunities; this body may be up to 1 MB.");

    /// <summary>20,000 ids of 36 characters, quoted and separated, with room for the rest of the request.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    private sealed class OpportunityRow
    {
        public Guid Id { get; set; }
        public Guid RegionId { get; set; }
        public string Status { get; set; } = "";
        public int Seats { get; set; }
    }
}
