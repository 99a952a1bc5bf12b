using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Events;
using Mediator;

namespace LaunchPath.Api.Features.Events;

/// <summary>
/// GET and POST /api/v1/permission-links/{token} — a guardian, not signed in, opens the link from their email: it shows
/// the trip for their child; they grant or refuse permission, signed with their name, until the session starts (a later
/// answer replaces an earlier one). An unknown, expired or cancelled link is a 404: the token proves who may answer.
/// </summary>
public static class TripPermissionLinks
{
    public sealed record View(string Token) : IRequest<Result<TripPermissionView>>;

    public sealed record Answer(string Token, TripPermissionAnswer Body) : IRequest<Result<TripPermissionView>>;

    public sealed class Validator : AbstractValidator<TripPermissionAnswer>
    {
        public Validator() => RuleFor(r => r.GuardianName).NotEmpty().MaximumLength(200);
    }

    private const string SelectLink =
        "SELECT l.session_id, l.student_id, l.expires_at, s.given_name, s.preferred_name, op.title, e.name AS employer_name, es.starts_at, es.ends_at, es.location, es.status AS session_status, " +
        "er.permission, er.status AS registration_status FROM event_permission_links l JOIN event_sessions es ON es.id = l.session_id JOIN opportunities op ON op.id = es.opportunity_id " +
        "JOIN organizations e ON e.id = op.employer_id JOIN people s ON s.id = l.student_id " +
        "JOIN event_registrations er ON er.session_id = l.session_id AND er.student_id = l.student_id WHERE l.token_hash = @Hash";

    private const string MarkUsed = "UPDATE event_permission_links SET used_at = @Now WHERE token_hash = @Hash";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<View, Result<TripPermissionView>>, IRequestHandler<Answer, Result<TripPermissionView>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectLink, MarkUsed, .. TripPermissions.Statements];

        public async ValueTask<Result<TripPermissionView>> Handle(View query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var link = await FindAsync(connection, query.Token, cancellationToken);
            return link is null ? NotFound : link.ToContract();
        }

        public async ValueTask<Result<TripPermissionView>> Handle(Answer command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var link = await FindAsync(connection, command.Token, cancellationToken);
            if (link is null)
            {
                return NotFound;
            }

            var now = clock.GetUtcNow();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (!await TripPermissions.DecideAsync(connection, transaction, link.SessionId, link.StudentId, command.Body.Granted,
                    $"{command.Body.GuardianName.Trim()} (guardian, by email link)", now, cancellationToken))
            {
                return NotFound;
            }

            await connection.ExecuteAsync(new CommandDefinition(MarkUsed, new { Now = now, Hash = ActionLinks.Hash(command.Token) }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return (await FindAsync(connection, command.Token, cancellationToken))!.ToContract();
        }

        /// <summary>The link's trip while it can still be answered: the session not started nor cancelled, the registration standing.</summary>
        private async Task<LinkRow?> FindAsync(System.Data.Common.DbConnection connection, string token, CancellationToken cancellationToken)
        {
            if (token.Length is 0 or > 200)
            {
                return null;
            }

            var row = await connection.QuerySingleOrDefaultAsync<LinkRow>(new CommandDefinition(SelectLink, new { Hash = ActionLinks.Hash(token) }, cancellationToken: cancellationToken));
            return row is null || row.ExpiresAt <= clock.GetUtcNow() || row.SessionStatus == "cancelled" || row.RegistrationStatus == "cancelled" ? null : row;
        }

        private static readonly Error NotFound = Error.NotFound("This permission link (it may have expired, or the trip was cancelled)");
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/permission-links/{token}", async Task<Answer<Ok<TripPermissionView>, Fails.NotFound>> (string token, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new View(token), ct)).Match(view => TypedResults.Ok(view)))
            .AllowAnonymous().RequireLinkRateLimit().WithTags("Links").WithName("getTripPermissionLink").WithSummary("The trip a guardian's permission link is for");
        api.MapPost("/permission-links/{token}", async Task<Answer<Ok<TripPermissionView>, Fails.Invalid, Fails.NotFound>> (string token, TripPermissionAnswer body, IMediator mediator,
                    CancellationToken ct) =>
                (await mediator.Send(new Answer(token, body), ct)).Match(view => TypedResults.Ok(view)))
            .Validate<TripPermissionAnswer>().AllowAnonymous().RequireLinkRateLimit().WithTags("Links").WithName("answerTripPermissionLink")
            .WithSummary("A guardian grants or refuses permission for a trip, from the email's link");
    }

    private sealed class LinkRow
    {
        public Guid SessionId { get; set; }
        public Guid StudentId { get; set; }
        public DateTimeOffset ExpiresAt { get; set; }
        public string GivenName { get; set; } = "";
        public string? PreferredName { get; set; }
        public string Title { get; set; } = "";
        public string EmployerName { get; set; } = "";
        public DateTimeOffset StartsAt { get; set; }
        public DateTimeOffset EndsAt { get; set; }
        public string? Location { get; set; }
        public string SessionStatus { get; set; } = "";
        public string? Permission { get; set; }
        public string RegistrationStatus { get; set; } = "";

        public TripPermissionView ToContract() => new()
        {
            StudentFirstName = PersonNames.First(GivenName, PreferredName),
            OpportunityTitle = Title,
            EmployerName = EmployerName,
            StartsAt = StartsAt,
            EndsAt = EndsAt,
            Location = Location,
            Decision = Permission is null ? null : DbEnum.Parse<TripPermission>(Permission),
        };
    }
}
