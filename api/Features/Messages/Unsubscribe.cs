using Dapper;
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

    private const string SelectOptedOut = "SELECT COUNT(*) FROM message_opt_outs WHERE recipient_normalized = @Normalized";

    private const string InsertOptOut = "INSERT INTO message_opt_outs (recipient_normalized, opted_out_at) VALUES (@Normalized, @Now)";

    public sealed class QueryHandler(Db db, Unsubscribes unsubscribes) : IRequestHandler<Query, Result<UnsubscribeStatus>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectOptedOut, InsertOptOut];

        public async ValueTask<Result<UnsubscribeStatus>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (unsubscribes.Address(query.Token) is not { } address)
            {
                return Error.NotFound("Unsubscribe link");
            }

            await using var connection = await db.OpenAsync(cancellationToken);
            var stopped = await connection.ExecuteScalarAsync<int>(new CommandDefinition(SelectOptedOut, new { Normalized = address }, cancellationToken: cancellationToken)) > 0;
            return new UnsubscribeStatus { Email = address.ToLowerInvariant(), Stopped = stopped };
        }
    }

    public sealed class CommandHandler(Db db, Unsubscribes unsubscribes, TimeProvider clock) : IRequestHandler<Command, Result<UnsubscribeStatus>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectOptedOut, InsertOptOut];

        public async ValueTask<Result<UnsubscribeStatus>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (unsubscribes.Address(command.Token) is not { } address)
            {
                return Error.NotFound("Unsubscribe link");
            }

            await using var connection = await db.OpenAsync(cancellationToken);
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(InsertOptOut, new { Normalized = address, Now = clock.GetUtcNow() }, cancellationToken: cancellationToken));
            }
            catch (System.Data.Common.DbException exception) when (db.Dialect.IsUniqueViolation(exception))
            {
                // Stopped already (a second click, or the mail program's one-click and the page's): the same answer.
            }

            return new UnsubscribeStatus { Email = address.ToLowerInvariant(), Stopped = true };
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
    }
}
