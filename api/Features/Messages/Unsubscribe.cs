using FluentValidation;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Messaging;
using Mediator;

namespace LaunchPath.Api.Features.Messages;

/// <summary>
/// GET and POST /api/v1/unsubscribe/{token} — for people who are not signed in: which address an unsubscribe link is
/// for, and stopping the messages it may stop (POST, which is also what a mail program's one-click unsubscribe sends,
/// RFC 8058; GET changes nothing, so a link scanner that opens it stops nothing).
/// </summary>
public static class Unsubscribe
{
    public sealed record Query(string Token) : IRequest<Result<UnsubscribeStatus>>;

    public sealed record Command(string Token) : IRequest<Result<UnsubscribeStatus>>;

    /// <summary>Choose how the link's address gets such messages (each, one a day, none) and their language.</summary>
    public sealed record Choose(string Token, MessagePreferencesRequest Body) : IRequest<Result<UnsubscribeStatus>>;

    public sealed class Validator : AbstractValidator<MessagePreferencesRequest>
    {
        public Validator()
        {
            RuleFor(r => r.Delivery).IsInEnum();
            RuleFor(r => r.Language).MustBeLanguage();
        }
    }

    public sealed class Handler(Db db, Unsubscribes unsubscribes, TimeProvider clock)
        : IRequestHandler<Query, Result<UnsubscribeStatus>>, IRequestHandler<Command, Result<UnsubscribeStatus>>, IRequestHandler<Choose, Result<UnsubscribeStatus>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => MessagePreferenceStore.Statements(dialect);

        public async ValueTask<Result<UnsubscribeStatus>> Handle(Query query, CancellationToken cancellationToken) =>
            await ChangeAsync(query.Token, null, cancellationToken);

        public async ValueTask<Result<UnsubscribeStatus>> Handle(Command command, CancellationToken cancellationToken) =>
            await ChangeAsync(command.Token, current => (MessageDelivery.None, current.Language), cancellationToken);

        public async ValueTask<Result<UnsubscribeStatus>> Handle(Choose command, CancellationToken cancellationToken) =>
            await ChangeAsync(command.Token, _ => (command.Body.Delivery, command.Body.Language), cancellationToken);

        /// <summary>Reads the link's address's choices and, given <paramref name="change"/>, stores the new ones (idempotent: a second click answers the same).</summary>
        private async Task<Result<UnsubscribeStatus>> ChangeAsync(string token, Func<(MessageDelivery Delivery, string? Language), (MessageDelivery, string?)>? change,
            CancellationToken cancellationToken)
        {
            if (unsubscribes.Address(token) is not { } address)
            {
                return Error.NotFound("Unsubscribe link");
            }

            await using var connection = await db.OpenAsync(cancellationToken);
            var choice = await MessagePreferenceStore.ReadAsync(connection, address, cancellationToken);
            if (change is not null)
            {
                choice = change(choice);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await MessagePreferenceStore.WriteAsync(connection, transaction, db.Dialect, address, choice.Delivery, choice.Language, clock.GetUtcNow(), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            return new UnsubscribeStatus { Email = address.ToLowerInvariant(), Stopped = choice.Delivery == MessageDelivery.None, Delivery = choice.Delivery, Language = choice.Language };
        }
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/unsubscribe/{token}", async Task<Answer<Ok<UnsubscribeStatus>, Fails.NotFound>> (string token, HttpResponse response, IMediator mediator, CancellationToken ct) =>
            {
                response.Headers.CacheControl = "no-store";
                return (await mediator.Send(new Query(token), ct)).Match(status => TypedResults.Ok(status));
            })
            .AllowAnonymous()
            .WithName("getUnsubscribe")
            .WithSummary("Which address an unsubscribe link is for, and whether its optional messages are stopped");
        // No body is read: a mail program's one-click POST sends "List-Unsubscribe=One-Click" as a form, which is fine.
        api.MapPost("/unsubscribe/{token}", async Task<Answer<Ok<UnsubscribeStatus>, Fails.NotFound>> (string token, HttpResponse response, IMediator mediator, CancellationToken ct) =>
            {
                response.Headers.CacheControl = "no-store";
                return (await mediator.Send(new Command(token), ct)).Match(status => TypedResults.Ok(status));
            })
            .AllowAnonymous()
            .RequireSignInRateLimit()
            .WithName("unsubscribe")
            .WithSummary("Stop the optional messages to a link's address (consent, approval and account messages still go)");
        api.MapPut("/unsubscribe/{token}/preferences", async Task<Answer<Ok<UnsubscribeStatus>, Fails.Invalid, Fails.NotFound>> (string token, MessagePreferencesRequest body,
                    HttpResponse response, IMediator mediator, CancellationToken ct) =>
            {
                response.Headers.CacheControl = "no-store";
                return (await mediator.Send(new Choose(token, body), ct)).Match(status => TypedResults.Ok(status));
            })
            .Validate<MessagePreferencesRequest>()
            .AllowAnonymous()
            .RequireSignInRateLimit()
            .WithName("chooseMessageDelivery")
            .WithSummary("Choose, from a link, how the optional messages reach its address (each, one email a day, none) and in which language");
    }
}
