using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Messaging;
using Mediator;

namespace LaunchPath.Api.Features.Messages;

/// <summary>
/// GET and PUT /api/v1/me/message-preferences — the signed-in person chooses how the messages they may stop reach
/// them (each as it happens, one email a day, none) and the language of everything LaunchPath sends them. The
/// language is also written on their own student or guardian record, where staff see it (it wins over the record's
/// until a roster that sends one imports again).
/// </summary>
public static class MyMessagePreferences
{
    public sealed record Query(Caller Caller) : IRequest<Result<MessagePreferences>>;

    public sealed record Command(Caller Caller, MessagePreferencesRequest Body) : IRequest<Result<MessagePreferences>>;

    private const string SetRecordLanguage =
        "UPDATE people SET preferred_language = @Language, version = version + 1, updated_at = @Now " +
        "WHERE user_id = @UserId AND kind IN ('student', 'guardian') AND (preferred_language IS NULL OR preferred_language <> @Language)";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<Query, Result<MessagePreferences>>, IRequestHandler<Command, Result<MessagePreferences>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [SetRecordLanguage, .. MessagePreferenceStore.Statements(dialect)];

        public async ValueTask<Result<MessagePreferences>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (query.Caller is not { UserId: not null, Email: { } email })
            {
                return NotAPerson;
            }

            await using var connection = await db.OpenAsync(cancellationToken);
            var (delivery, language) = await MessagePreferenceStore.ReadAsync(connection, Outbox.Normalize(email), cancellationToken);
            return new MessagePreferences { Email = email, Delivery = delivery, Language = language };
        }

        public async ValueTask<Result<MessagePreferences>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (command.Caller is not { UserId: { } userId, Email: { } email })
            {
                return NotAPerson;
            }

            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                await MessagePreferenceStore.WriteAsync(connection, transaction, db.Dialect, Outbox.Normalize(email), command.Body.Delivery, command.Body.Language, now, cancellationToken);
                if (command.Body.Language is { } language)
                {
                    await connection.ExecuteAsync(new CommandDefinition(SetRecordLanguage, new { Language = language, Now = now, UserId = userId }, transaction,
                        cancellationToken: cancellationToken));
                }

                await transaction.CommitAsync(cancellationToken);
            }

            return new MessagePreferences { Email = email, Delivery = command.Body.Delivery, Language = command.Body.Language };
        }

        private static Error NotAPerson => Error.Forbidden("Message preferences are a signed-in person's own; an API key has none.");
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/me/message-preferences", async Task<Answer<Ok<MessagePreferences>, Fails.Forbidden>> (Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller), ct)).Match(preferences => TypedResults.Ok(preferences)))
            .WithName("getMyMessagePreferences")
            .WithSummary("How the messages I may stop reach me, and in which language LaunchPath writes to me");
        api.MapPut("/me/message-preferences", async Task<Answer<Ok<MessagePreferences>, Fails.Invalid, Fails.Forbidden>> (MessagePreferencesRequest body, Caller caller, IMediator mediator,
                    CancellationToken ct) =>
                (await mediator.Send(new Command(caller, body), ct)).Match(preferences => TypedResults.Ok(preferences)))
            .Validate<MessagePreferencesRequest>()
            .WithName("putMyMessagePreferences")
            .WithSummary("Choose how the messages I may stop reach me (each, one email a day, none) and the language LaunchPath writes to me in")
            .WithDescription("What a placement requires (consent and acknowledgement links, account links, staff warnings) always goes, at once.");
    }
}
