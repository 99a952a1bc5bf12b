using System.Data.Common;
using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Placements;
using Mediator;

namespace LaunchPath.Api.Features.Placements.Agreements;

/// <summary>
/// What the agreement use cases share: recording one party's acknowledgement of the current version (the placement
/// becomes active when every required party has; a guardian is required for minors, by birth date), finding the
/// placement behind a one-time link, and what a link holder is shown.
/// </summary>
internal static class AgreementRecords
{
    internal const string SelectVersion = "SELECT version FROM agreements WHERE placement_id = @Id";

    internal const string SelectTerms = "SELECT terms FROM agreements WHERE placement_id = @Id";

    private const string InsertAcknowledgement =
        "INSERT INTO acknowledgements (placement_id, party, agreement_version, name, via, user_id, at) VALUES (@Id, @Party, @Version, @Name, @Via, @UserId, @Now)";

    private const string SelectParties = "SELECT party FROM acknowledgements WHERE placement_id = @Id AND agreement_version = @Version";

    private const string Activate = "UPDATE placements SET status = 'active', version = version + 1, updated_at = @Now WHERE id = @Id AND status = 'agreementPending'";

    public static IEnumerable<string> Statements =>
        [SelectVersion, SelectTerms, InsertAcknowledgement, SelectParties, Activate, .. ActionLinks.Statements, .. PlacementRecord.Statements, .. PlacementMessages.Statements, .. Partnerships.Statements];

    /// <summary>
    /// Records one party's acknowledgement of the current version and, when it was the last one required and the region's
    /// requirements of the employer are met, makes the placement active and tells the student (and a minor's guardians),
    /// all in one transaction.
    /// </summary>
    public static async Task<Error?> RecordAsync(DbConnection connection, SqlDialect dialect, Outbox outbox, string baseUrl, PlacementRecord placement, AgreementParty party, string name,
        string via, Guid? userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var version = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(SelectVersion, new { placement.Id }, transaction, cancellationToken: cancellationToken));
            if (version is null || placement.PlacementStatus != PlacementStatus.AgreementPending)
            {
                return Error.Conflict("There is no agreement to acknowledge yet.");
            }

            try
            {
                await connection.ExecuteAsync(new CommandDefinition(InsertAcknowledgement, new
                {
                    placement.Id, Party = DbEnum.ToText(party), Version = version, Name = name, Via = via, UserId = userId, Now = now,
                }, transaction, cancellationToken: cancellationToken));
            }
            catch (DbException exception) when (dialect.IsUniqueViolation(exception))
            {
                return Error.Conflict($"The {DbEnum.ToText(party)} has already acknowledged this agreement.");
            }

            // The last acknowledgement starts the placement, unless the region requires of the employer what it lacks
            // (it then waits, with its activationGaps, for the school to activate it once they are met).
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            if (await AllAcknowledgedAsync(connection, transaction, placement, today, cancellationToken)
                && (await ActivationGapsAsync(connection, transaction, placement, today, cancellationToken)).Count == 0
                && await connection.ExecuteAsync(new CommandDefinition(Activate, new { placement.Id, Now = now }, transaction, cancellationToken: cancellationToken)) == 1)
            {
                await PlacementMessages.WriteAsync(connection, transaction, outbox, placement, PlacementStatus.Active, null, baseUrl, userId, now, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        outbox.Wake();
        return null;
    }

    /// <summary>Whether every party the placement requires has acknowledged the current version of its agreement (false when there is none).</summary>
    public static async Task<bool> AllAcknowledgedAsync(DbConnection connection, DbTransaction? transaction, PlacementRecord placement, DateOnly today, CancellationToken cancellationToken)
    {
        var version = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(SelectVersion, new { placement.Id }, transaction, cancellationToken: cancellationToken));
        if (version is null)
        {
            return false;
        }

        var done = (await connection.QueryAsync<string>(new CommandDefinition(SelectParties, new { placement.Id, Version = version }, transaction, cancellationToken: cancellationToken)))
            .Select(DbEnum.Parse<AgreementParty>).ToHashSet();
        return placement.RequiredParties(today).All(done.Contains);
    }

    /// <summary>What the region still requires before the placement starts under its agreement (whose supervisor must be cleared), in words.</summary>
    public static async Task<List<string>> ActivationGapsAsync(DbConnection connection, DbTransaction? transaction, PlacementRecord placement, DateOnly today,
        CancellationToken cancellationToken)
    {
        var terms = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(SelectTerms, new { placement.Id }, transaction, cancellationToken: cancellationToken));
        return await Partnerships.PlacementGapsAsync(connection, placement.ActivationCase(DbJson.Read<AgreementRequest?>(terms, null)), activation: true, today, cancellationToken,
            transaction);
    }

    public static async Task<(ActionLinks.Link? Link, PlacementRecord? Placement, Error? Error)> LinkAsync(DbConnection connection, string token, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var (link, error) = await ActionLinks.FindAsync(connection, token, ActionLinks.Acknowledge, now, cancellationToken);
        return link is null ? (null, null, error) : (link, await PlacementRecord.FindVisibleAsync(connection, Caller.System, link.PlacementId, cancellationToken), null);
    }

    public static async Task<LinkedAgreement> LinkedAsync(DbConnection connection, ActionLinks.Link link, PlacementRecord placement, DateTimeOffset now, CancellationToken cancellationToken)
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

    /// <summary>The placement as the caller sees it now (after a change).</summary>
    public static async Task<Result<Placement>> ReloadAsync(DbConnection connection, Caller caller, Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await PlacementRecord.FindVisibleAsync(connection, Caller.System, id, cancellationToken);
        return await row!.ToContractAsync(connection, caller, now, cancellationToken);
    }

    /// <summary>
    /// The placement, when the caller's parts let them act on its agreement now (<paramref name="allowed"/>): 404 when
    /// unseen, 403 (saying <paramref name="forbidden"/>) otherwise, then 409 when the agreement is closed. Permission
    /// before state: a caller who may not act learns nothing from a 409.
    /// </summary>
    public static async Task<(PlacementRecord? Placement, Error? Error)> OpenForAsync(DbConnection connection, Caller caller, Guid id,
        Func<PlacementRules.Part, bool> allowed, string forbidden, DateTimeOffset now, CancellationToken cancellationToken, bool askGuardian = false)
    {
        var placement = await PlacementRecord.FindVisibleAsync(connection, caller, id, cancellationToken);
        if (placement is null)
        {
            return (null, Error.NotFound($"Placement {id}"));
        }

        var part = await PlacementRules.PartOfAsync(connection, caller, placement, cancellationToken, askGuardian);
        if (!allowed(part))
        {
            return (null, Error.Forbidden(forbidden));
        }

        return PlacementRules.AgreementClosed(placement, DateOnly.FromDateTime(now.UtcDateTime)) is { } closed ? (null, closed) : (placement, null);
    }
}
