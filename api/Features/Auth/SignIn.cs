using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace LaunchPath.Api.Features.Auth;

/// <summary>
/// POST /api/v1/auth/token — exchange email and password for a bearer token. Failed attempts slow down the account
/// (<see cref="SignInThrottle"/>); a generous ceiling per client address stops floods without locking out a classroom.
/// </summary>
public static class SignIn
{
    public sealed record Command(SignInRequest Body) : IRequest<Result<AccessToken>>;

    public sealed class Validator : AbstractValidator<SignInRequest>
    {
        public Validator()
        {
            RuleFor(r => r.Email).NotEmpty().MaximumLength(320);
            RuleFor(r => r.Password).NotEmpty().MaximumLength(500);
        }
    }

    public sealed class Handler(Db db, TokenIssuer tokens, PasswordHasher<Accounts.Account> hasher, SignInThrottle throttle) : IRequestHandler<Command, Result<AccessToken>>, ISqlSource
    {
        private const string Select = "SELECT id, password_hash, disabled FROM users WHERE email_normalized = @Email";
        private const string Rehash = "UPDATE users SET password_hash = @Hash WHERE id = @Id";

        // Verified when the account does not exist, so that a wrong email takes as long as a wrong password.
        private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<Accounts.Account>().HashPassword(new Accounts.Account(), Guid.NewGuid().ToString()));

        public static IEnumerable<string> Statements(SqlDialect dialect) => [Select, Rehash, .. SignInThrottle.Statements(dialect)];

        public async ValueTask<Result<AccessToken>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var email = Accounts.Normalize(command.Body.Email);
            var account = SignInThrottle.KeyOf(email);
            if (await throttle.WaitAsync(connection, account, cancellationToken) is { } wait)
            {
                // The password is not even checked while the account waits: guessing gains nothing.
                return Error.TooManyRequests(
                    $"Too many failed sign-ins for this account. Try again in {Math.Ceiling(wait.TotalSeconds):0} seconds, or ask for a new password.", wait);
            }

            var user = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Select, new { Email = email }, cancellationToken: cancellationToken));
            var verdict = hasher.VerifyHashedPassword(new Accounts.Account(), user?.PasswordHash ?? DummyHash.Value, command.Body.Password);
            if (user?.PasswordHash is null || user.Disabled || verdict == PasswordVerificationResult.Failed)
            {
                await throttle.FailedAsync(connection, account, cancellationToken);
                return WrongCredentials;
            }

            await throttle.SucceededAsync(connection, account, cancellationToken);

            if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            {
                await connection.ExecuteAsync(new CommandDefinition(Rehash,
                    new { user.Id, Hash = hasher.HashPassword(new Accounts.Account(), command.Body.Password) }, cancellationToken: cancellationToken));
            }

            var (token, expiresAt) = tokens.Issue(user.Id);
            return new AccessToken { Token = token, TokenType = "Bearer", ExpiresAt = expiresAt };
        }

        private static readonly Error WrongCredentials = new(ErrorKind.Unauthorized, "Sign-in failed", "The email or password is incorrect.");

        private sealed class Row
        {
            public Guid Id { get; set; }
            public string? PasswordHash { get; set; }
            public bool Disabled { get; set; }
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/token", async Task<Answer<Ok<AccessToken>, Fails.Invalid, Fails.Unauthorized, Fails.TooManyRequests>> (SignInRequest body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Command(body), ct)).Match(token => TypedResults.Ok(token)))
            .Validate<SignInRequest>()
            .AllowAnonymous()
            .RequireSignInRateLimit()
            .WithName("signIn")
            .WithSummary("Sign in with email and password")
            .WithDescription("Returns a bearer token for the Authorization header. After 5 failed attempts within an hour an account waits " +
                             "30 seconds, doubling with each further failure (at most 15 minutes); a client address may make 60 attempts a minute. " +
                             "Both answer 429 with Retry-After.");
}
