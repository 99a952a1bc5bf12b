using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Placements;
using Mediator;

namespace LaunchPath.Api.Features.Placements;

/// <summary>
/// The training agreement / learning plan of an approved placement:
/// PUT /api/v1/placements/{id}/agreement (the school or the employer writes it; rewriting clears acknowledgements),
/// POST .../agreement/acknowledge (a signed-in party acknowledges as student, guardian, supervisor or coordinator),
/// POST .../agreement/links (the school issues a one-time link for a guardian or supervisor without an account),
/// GET and POST /api/v1/links/{token} (the link holder reads the terms and acknowledges, once, before it expires).
/// The placement becomes active as soon as every required party has acknowledged the current version; a guardian is
/// required for minors (by birth date).
/// </summary>
public static class Agreements
{
    public sealed record Write(Caller Caller, Guid Id, AgreementRequest Body) : IRequest<Result<Placement>>;

    public sealed record Acknowledge(Caller Caller, Guid Id, AgreementParty Party) : IRequest<Result<Placement>>;

    public sealed record IssueLink(Caller Caller, Guid Id, AgreementParty Party, string BaseUrl) : IRequest<Result<ActionLink>>;

    public sealed record ReadLink(string Token) : IRequest<Result<LinkedAgreement>>;

    public sealed record UseLink(string Token, string Name) : IRequest<Result<LinkedAgreement>>;

    public sealed class Validator : AbstractValidator<AgreementRequest>
    {
        public Validator()
        {
            RuleFor(r => r.Objectives).NotEmpty().Must(o => o.Count <= 20).WithMessage("Between 1 and 20 learning objectives.");
            RuleForEach(r => r.Objectives).ChildRules(o =>
            {
                o.RuleFor(x => x.Description).NotEmpty().MaximumLength(500);
                o.RuleForEach(x => x.Skills).NotEmpty().MaximumLength(100);
            });
            RuleFor(r => r.EndDate).GreaterThanOrEqualTo(r => r.StartDate).When(r => r.StartDate is not null && r.EndDate is not null);
            RuleFor(r => r.SupervisorName).NotEmpty().MaximumLength(200);
            RuleFor(r => r.SupervisorEmail).NotEmpty().EmailAddress().MaximumLength(320);
            RuleFor(r => r.Compensation).NotEmpty().MaximumLength(400);
            RuleFor(r => r.Credit).NotEmpty().MaximumLength(400);
        }
    }

    public sealed class LinkValidator : AbstractValidator<LinkAcknowledgeRequest>
    {
        public LinkValidator() => RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
    }

    private const string SelectVersion = "SELECT version FROM agreements WHERE placement_id = @Id";

    private const string SelectTerms = "SELECT terms FROM agreements WHERE placement_id = @Id";
    private const string InsertAgreement = "INSERT INTO agreements (placement_id, terms, version, created_at, updated_at) VALUES (@Id, @Terms, 1, @Now, @Now)";

    private const string UpdateAgreement = "UPDATE agreements SET terms = @Terms, version = version + 1, updated_at = @Now WHERE placement_id = @Id";
    private const string ClearAcknowledgements = "DELETE FROM acknowledgements WHERE placement_id = @Id";

    private const string ToPending = "UPDATE placements SET status = 'agreementPending', version = version + 1, updated_at = @Now WHERE id = @Id AND status IN ('approved', 'agreementPending')";

    private const string InsertAcknowledgement =
        "INSERT INTO acknowledgements (placement_id, party, agreement_version, name, via, user_id, at) VALUES (@Id, @Party, @Version, @Name, @Via, @UserId, @Now)";

    private const string SelectParties = "SELECT party FROM acknowledgements WHERE placement_id = @Id AND agreement_version = @Version";

    private const string Activate = "UPDATE placements SET status = 'active', version = version + 1, updated_at = @Now WHERE id = @Id AND status = 'agreementPending'";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Write, Result<Placement>>, IRequestHandler<Acknowledge, Result<Placement>>,
        IRequestHandler<IssueLink, Result<ActionLink>>, IRequestHandler<ReadLink, Result<LinkedAgreement>>, IRequestHandler<UseLink, Result<LinkedAgreement>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) =>
        [
            SelectVersion, SelectTerms, InsertAgreement, UpdateAgreement, ClearAcknowledgements, ToPending, InsertAcknowledgement, SelectParties, Activate, 
            .. ActionLinks.Statements, .. PlacementRecord.Statements,
        ];

        public async ValueTask<Result<Placement>> Handle(Write command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var placement = await PlacementRecord.FindVisibleAsync(connection, command.Caller, command.Id, cancellationToken);
            if (placement is null)
            {
                return Error.NotFound($"Placement {command.Id}");
            }

            // Permission before state: a caller who may not write the agreement learns nothing from a 409.
            var part = await PlacementRules.PartOfAsync(connection, command.Caller, placement, cancellationToken, askGuardian: false);
            if (!PlacementRules.MayTake(PlacementAction.WriteAgreement, part))
            {
                return Error.Forbidden("The school or the employer writes the training agreement.");
            }

            if (PlacementRules.AgreementClosed(placement, Today) is { } closed)
            {
                return closed;
            }

            var now = clock.GetUtcNow();
            var terms = DbJson.Write(command.Body);
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                var exists = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(SelectVersion, new { command.Id }, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(exists is null ? InsertAgreement : UpdateAgreement, new { command.Id, Terms = terms, Now = now }, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(ClearAcknowledgements, new { command.Id }, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(ToPending, new { command.Id, Now = now }, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
            }

            return await ReloadAsync(connection, command.Caller, command.Id, cancellationToken);
        }

        public async ValueTask<Result<Placement>> Handle(Acknowledge command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var placement = await PlacementRecord.FindVisibleAsync(connection, command.Caller, command.Id, cancellationToken);
            if (placement is null)
            {
                return Error.NotFound($"Placement {command.Id}");
            }

            var caller = command.Caller;
            var part = await PlacementRules.PartOfAsync(connection, caller, placement, cancellationToken, askGuardian: command.Party == AgreementParty.Guardian);
            // A coordinator acknowledges as a person: an API key holding the school's permissions cannot.
            if (!PlacementRules.MayActAs(command.Party, part) || caller.UserId is null)
            {
                return Error.Forbidden($"You cannot acknowledge as the {DbEnum.ToText(command.Party)}.");
            }

            if (PlacementRules.AgreementClosed(placement, Today) is { } closed)
            {
                return closed;
            }

            var result = await RecordAsync(connection, placement, command.Party, caller.DisplayName ?? caller.Email ?? "unknown", "account", caller.UserId, cancellationToken);
            return result ?? await ReloadAsync(connection, caller, command.Id, cancellationToken);
        }

        public async ValueTask<Result<ActionLink>> Handle(IssueLink command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var placement = await PlacementRecord.FindVisibleAsync(connection, command.Caller, command.Id, cancellationToken);
            if (placement is null)
            {
                return Error.NotFound($"Placement {command.Id}");
            }

            var part = await PlacementRules.PartOfAsync(connection, command.Caller, placement, cancellationToken, askGuardian: false);
            if (!PlacementRules.MayTake(PlacementAction.CreateLink, part))
            {
                return Error.Forbidden("The school issues acknowledgement links.");
            }

            if (PlacementRules.AgreementClosed(placement, Today) is { } closed)
            {
                return closed;
            }

            if (command.Party is not (AgreementParty.Guardian or AgreementParty.Supervisor))
            {
                return Error.Validation("party", "Links are for a guardian or a supervisor; students and coordinators sign in.");
            }

            var (token, expires) = await ActionLinks.IssueAsync(connection, ActionLinks.Acknowledge, command.Id, DbEnum.ToText(command.Party), null,
                command.Caller.UserId, clock.GetUtcNow(), cancellationToken);
            return new ActionLink { Token = token, Url = $"{command.BaseUrl.TrimEnd('/')}/acknowledge/{token}", ExpiresAt = expires };
        }

        public async ValueTask<Result<LinkedAgreement>> Handle(ReadLink query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (link, placement, error) = await LinkAsync(connection, query.Token, cancellationToken);
            return error ?? (Result<LinkedAgreement>)await LinkedAsync(connection, link!, placement!, clock.GetUtcNow(), cancellationToken);
        }

        public async ValueTask<Result<LinkedAgreement>> Handle(UseLink command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (link, placement, error) = await LinkAsync(connection, command.Token, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            if (placement!.IsExpired(Today) || placement.PlacementStatus != PlacementStatus.AgreementPending)
            {
                return Error.Conflict("This agreement can no longer be acknowledged.");
            }

            if (!await ActionLinks.UseOnceAsync(connection, link!.Id, clock.GetUtcNow(), cancellationToken))
            {
                return ActionLinks.UsedOrExpired;
            }

            if (await RecordAsync(connection, placement, DbEnum.Parse<AgreementParty>(link.Party!), command.Name.Trim(), "link", null, cancellationToken) is { } failed)
            {
                return failed;
            }

            return await LinkedAsync(connection, link, placement, clock.GetUtcNow(), cancellationToken);
        }

        private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        /// <summary>Records one party's acknowledgement of the current version and activates the placement when all are in.</summary>
        private async Task<Error?> RecordAsync(DbConnection connection, PlacementRecord placement, AgreementParty party, string name, string via, Guid? userId, CancellationToken cancellationToken)
        {
            var version = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(SelectVersion, new { placement.Id }, cancellationToken: cancellationToken));
            if (version is null || placement.PlacementStatus != PlacementStatus.AgreementPending)
            {
                return Error.Conflict("There is no agreement to acknowledge yet.");
            }

            var now = clock.GetUtcNow();
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(InsertAcknowledgement, new
                {
                    placement.Id, Party = DbEnum.ToText(party), Version = version, Name = name, Via = via, UserId = userId, Now = now,
                }, cancellationToken: cancellationToken));
            }
            catch (DbException exception) when (db.Dialect.IsUniqueViolation(exception))
            {
                return Error.Conflict($"The {DbEnum.ToText(party)} has already acknowledged this agreement.");
            }

            var done = (await connection.QueryAsync<string>(new CommandDefinition(SelectParties, new { placement.Id, Version = version }, cancellationToken: cancellationToken)))
                .Select(DbEnum.Parse<AgreementParty>).ToHashSet();
            if (placement.RequiredParties(Today).All(done.Contains))
            {
                await connection.ExecuteAsync(new CommandDefinition(Activate, new { placement.Id, Now = now }, cancellationToken: cancellationToken));
            }

            return null;
        }

        private async Task<(ActionLinks.Link? Link, PlacementRecord? Placement, Error? Error)> LinkAsync(DbConnection connection, string token, CancellationToken cancellationToken)
        {
            var (link, error) = await ActionLinks.FindAsync(connection, token, ActionLinks.Acknowledge, clock.GetUtcNow(), cancellationToken);
            return link is null ? (null, null, error) : (link, await PlacementRecord.FindVisibleAsync(connection, Caller.System, link.PlacementId, cancellationToken), null);
        }

        private static async Task<LinkedAgreement> LinkedAsync(DbConnection connection, ActionLinks.Link link, PlacementRecord placement, DateTimeOffset now, CancellationToken cancellationToken)
        {
            if (DbEnum.Parse<AgreementParty>(link.Party!) == AgreementParty.Supervisor)
            {
                await placement.RecordLinkDisclosureAsync(connection, "training agreement link", now, cancellationToken);
            }

            var terms = await connection.QuerySingleAsync<string>(new CommandDefinition(SelectTerms, new { placement.Id }, cancellationToken: cancellationToken));
            return new LinkedAgreement
            {
                Party = DbEnum.Parse<AgreementParty>(link.Party!),
                OpportunityTitle = placement.OpportunityTitle,
                EmployerName = placement.EmployerName,
                StudentFirstName = placement.PreferredName ?? placement.GivenName,
                Terms = DbJson.Read<AgreementRequest>(terms, null!),
                ExpiresAt = link.ExpiresAt,
            };
        }

        private async Task<Result<Placement>> ReloadAsync(DbConnection connection, Caller caller, Guid id, CancellationToken cancellationToken)
        {
            var row = await PlacementRecord.FindVisibleAsync(connection, Caller.System, id, cancellationToken);
            return await row!.ToContractAsync(connection, caller, clock.GetUtcNow(), cancellationToken);
        }

    }

    public static void Map(IEndpointRouteBuilder placements, IEndpointRouteBuilder links)
    {
        placements.MapPut("/{id:guid}/agreement", async (Guid id, AgreementRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Write(caller, id, body), ct)).Match(placement => TypedResults.Ok(placement)))
            .Validate<AgreementRequest>()
            .WithName("writeAgreement")
            .WithSummary("Write (or rewrite) the training agreement of an approved placement")
            .WithDescription("Rewriting clears earlier acknowledgements: everyone acknowledges the current version.")
            .Produces<Placement>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        placements.MapPost("/{id:guid}/agreement/acknowledge", async (Guid id, AcknowledgeRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Acknowledge(caller, id, body.Party), ct)).Match(placement => TypedResults.Ok(placement)))
            .WithName("acknowledgeAgreement")
            .WithSummary("Acknowledge the agreement as the student, guardian, supervisor or coordinator")
            .Produces<Placement>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        placements.MapPost("/{id:guid}/agreement/links", async (Guid id, CreateLinkRequest body, Caller caller, HttpRequest request, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new IssueLink(caller, id, body.Party, $"{request.Scheme}://{request.Host}"), ct)).Match(link =>
                {
                    request.HttpContext.Response.Headers.CacheControl = "no-store";
                    return TypedResults.Created($"/api/v1/links/{link.Token}", link);
                }))
            .WithName("createAcknowledgementLink")
            .WithSummary("A one-time link for a guardian or supervisor to acknowledge without an account")
            .Produces<ActionLink>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        links.MapGet("/{token}", async (string token, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ReadLink(token), ct)).Match(agreement => TypedResults.Ok(agreement)))
            .AllowAnonymous()
            .WithName("getLinkedAgreement")
            .WithSummary("What a one-time link asks its holder to acknowledge")
            .Produces<LinkedAgreement>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
        links.MapPost("/{token}/acknowledge", async (string token, LinkAcknowledgeRequest body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new UseLink(token, body.Name), ct)).Match(agreement => TypedResults.Ok(agreement)))
            .Validate<LinkAcknowledgeRequest>()
            .AllowAnonymous()
            .RequireRateLimiting(SecurityServices.SignInPolicy)
            .WithName("acknowledgeByLink")
            .WithSummary("Acknowledge through a one-time link (works once, before it expires)")
            .Produces<LinkedAgreement>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);
    }
}
