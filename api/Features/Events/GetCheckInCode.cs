using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Api.Infrastructure.Security;
using Mediator;
using QRCoder;

namespace LaunchPath.Api.Features.Events;

/// <summary>
/// GET /api/v1/event-sessions/{id}/check-in-qr — the session's check-in code as a QR code (PNG) for the host to show at
/// the event: scanned, it opens the session's page with the code filled in, so a student with a seat checks in with a
/// tap. Only for those who manage the session (the code is the proof of being there).
/// </summary>
public static class GetCheckInCode
{
    public sealed record Query(Caller Caller, Guid Id) : IRequest<Result<byte[]>>;

    public sealed class Handler(Db db, PublicUrl publicUrl) : IRequestHandler<Query, Result<byte[]>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => EventSessionRecord.Statements;

        public async ValueTask<Result<byte[]>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (loaded, error) = await EventSessionRecord.LoadAsync(connection, query.Caller, query.Id, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            if (!loaded!.CanManage)
            {
                return Error.Forbidden("Only the host or a curator shows the check-in code.");
            }

            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(CheckInLink(publicUrl.Current, loaded.Session), QRCodeGenerator.ECCLevel.M);
            return new PngByteQRCode(data).GetGraphic(12);
        }
    }

    /// <summary>What the QR code holds: the session's page, with the code to fill in.</summary>
    internal static string CheckInLink(string origin, EventSessionRecord session) => $"{origin}/#/events/{session.Id:D}?code={session.CheckInCode}";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) =>
        api.MapGet("/event-sessions/{id:guid}/check-in-qr", async Task<Answer<PngFile, Fails.Forbidden, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(png => new PngFile(png)))
            .WithName("getCheckInQr")
            .WithSummary("The session's check-in code as a QR code (PNG), for the host to show");
}
