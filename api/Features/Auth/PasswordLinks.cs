using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace LaunchPath.Api.Features.Auth;

/// <summary>
/// "Forgot password" and the one-time links that set a password (an invitation's or a reset's), for people who are not
/// signed in: POST /api/v1/auth/password-reset, GET and POST /api/v1/auth/password-links/{token}.
/// </summary>
public static class PasswordLinks
{
    public sealed record ResetCommand(string Email, string BaseUrl) : IRequest<Result<bool>>;

    public sealed record LinkQuery(string Token) : IRequest<Result<PasswordLink>>;

    public sealed record SetCommand(string Token, string Password) : IRequest<Result<AccessToken>>;

    public sealed class ResetValidator : AbstractValidator<PasswordResetRequest>
    {
        public ResetValidator() => RuleFor(r => r.Email).NotEmpty().MaximumLength(320).EmailAddress();
    }

    public sealed class SetValidator : AbstractValidator<SetPasswordRequest>
    {
        public SetValidator() => RuleFor(r => r.Password).NotEmpty().MinimumLength(12).MaximumLength(200).WithMessage("Choose a password of 12 to 200 characters.");
    }

    /// <summary>Accounts that sign in with a password (not only through their district's sign-on), enabled.</summary>
    private const string SelectAccount = "SELECT id FROM users WHERE email_normalized = @Email AND disabled = 0 AND (password_hash IS NOT NULL OR external_subject IS NULL)";

    private const string SetPassword = "UPDATE users SET password_hash = @Hash, tokens_valid_after = @Now, version = version + 1, updated_at = @Now WHERE id = @Id AND disabled = 0";

    public sealed class ResetHandler(Db db, Outbox outbox, TimeProvider clock) : IRequestHandler<ResetCommand, Result<bool>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectAccount, .. AccountLinks.Statements];

        public async ValueTask<Result<bool>> Handle(ResetCommand command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var userId = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(SelectAccount, new { Email = Accounts.Normalize(command.Email) }, cancellationToken: cancellationToken));
            if (userId is { } id)
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await AccountLinks.SendAsync(connection, transaction, outbox, AccountLinks.PasswordReset, id, command.BaseUrl, null, clock.GetUtcNow(), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                outbox.Wake();
            }

            return true; // the same answer whether or not the address has an account
        }
    }

    public sealed class LinkHandler(Db db, TimeProvider clock) : IRequestHandler<LinkQuery, Result<PasswordLink>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => AccountLinks.Statements;

        public async ValueTask<Result<PasswordLink>> Handle(LinkQuery query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (link, error) = await AccountLinks.FindAsync(connection, query.Token, clock.GetUtcNow(), cancellationToken);
            return error is not null
                ? error
                : new PasswordLink
                {
                    Purpose = DbEnum.Parse<PasswordLinkPurpose>(link!.Purpose), Email = link.Email, DisplayName = link.DisplayName, ExpiresAt = link.ExpiresAt,
                };
        }
    }

    public sealed class SetHandler(Db db, TimeProvider clock, PasswordHasher<Accounts.Account> hasher, TokenIssuer tokens)
        : IRequestHandler<SetCommand, Result<AccessToken>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [SetPassword, .. AccountLinks.Statements, .. AccessChanges.Statements];

        public async ValueTask<Result<AccessToken>> Handle(SetCommand command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var (link, error) = await AccountLinks.FindAsync(connection, command.Token, now, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                if (!await AccountLinks.UseOnceAsync(connection, transaction, link!, now, cancellationToken))
                {
                    return (await AccountLinks.FindAsync(connection, command.Token, now, cancellationToken)).Error ?? Error.Conflict("The link was used at the same moment.");
                }

                await connection.ExecuteAsync(new CommandDefinition(SetPassword, new { Id = link!.UserId, Hash = hasher.HashPassword(new Accounts.Account(), command.Password), Now = now },
                    transaction, cancellationToken: cancellationToken));
                // Every session issued before now stops working, on every node (each forgets the cached caller within a second).
                await AccessChanges.RecordAsync(connection, transaction, AccessChanges.User, link.UserId, now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            var (token, expiresAt) = tokens.Issue(link.UserId);
            return new AccessToken { Token = token, TokenType = "Bearer", ExpiresAt = expiresAt };
        }
    }

    public static void Map(IEndpointRouteBuilder auth)
    {
        auth.MapPost("/password-reset", async Task<Answer<Accepted, Fails.Invalid, Fails.TooManyRequests>> (PasswordResetRequest body, HttpRequest request, PublicUrl publicUrl,
                    IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ResetCommand(body.Email, publicUrl.For(request)), ct)).Match(_ => TypedResults.Accepted((string?)null)))
            .Validate<PasswordResetRequest>()
            .AllowAnonymous()
            .RequireSignInRateLimit()
            .WithName("requestPasswordReset")
            .WithSummary("Email a password reset link")
            .WithDescription("Always 202: the answer does not say whether the address has an account. The link works once, for one hour.");
        auth.MapGet("/password-links/{token}", async Task<Answer<Ok<PasswordLink>, Fails.NotFound, Fails.Gone>> (string token, HttpResponse response, IMediator mediator, CancellationToken ct) =>
            {
                response.Headers.CacheControl = "no-store";
                return (await mediator.Send(new LinkQuery(token), ct)).Match(link => TypedResults.Ok(link));
            })
            .AllowAnonymous()
            .WithName("getPasswordLink")
            .WithSummary("What an invitation or reset link is for (410 once used or expired, saying why)");
        auth.MapPost("/password-links/{token}", async Task<Answer<Ok<AccessToken>, Fails.Invalid, Fails.NotFound, Fails.Conflict, Fails.Gone>> (string token, SetPasswordRequest body,
                    HttpResponse response, IMediator mediator, CancellationToken ct) =>
            {
                response.Headers.CacheControl = "no-store";
                return (await mediator.Send(new SetCommand(token, body.Password), ct)).Match(access => TypedResults.Ok(access));
            })
            .Validate<SetPasswordRequest>()
            .AllowAnonymous()
            .RequireSignInRateLimit()
            .WithName("setPasswordByLink")
            .WithSummary("Choose a password through an invitation or reset link; signs in, and signs out every earlier session");
    }
}
