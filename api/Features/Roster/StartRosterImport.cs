using System.Text.Json;
using FluentValidation;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Roster;
using Mediator;

namespace LaunchPath.Api.Features.Roster;

/// <summary>
/// POST /api/v1/districts/{id}/roster-imports (OneRoster 1.2 CSV files or one zip, multipart) and
/// POST /api/v1/districts/{id}/roster-imports/json — queue a roster import for the district. 202 with the job; poll
/// GET /api/v1/roster-imports/{id} for progress and the result.
/// </summary>
public static class StartRosterImport
{
    public const long MaxUploadBytes = 200L * 1024 * 1024;

    public sealed record Command(Caller Caller, Guid DistrictId, string Source, RosterMode Mode, byte[] Payload, bool Preview = false) : IRequest<Result<RosterImport>>;

    public sealed class JsonValidator : AbstractValidator<RosterJsonImportRequest>
    {
        public JsonValidator()
        {
            RuleFor(r => r.Mode).IsInEnum();
            RuleFor(r => r).Must(r => r.Orgs.Count + r.Users.Count + r.Roles.Count + r.Demographics.Count > 0)
                .WithName("users").WithMessage("The roster is empty.");
        }
    }

    public sealed class Handler(Db db, RosterJobs jobs, TimeProvider clock) : IRequestHandler<Command, Result<RosterImport>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [.. RosterJobs.Statements, .. RosterApplier.Statements];

        public async ValueTask<Result<RosterImport>> Handle(Command command, CancellationToken cancellationToken)
        {
            Authorize.Org? district;
            await using (var connection = await db.OpenAsync(cancellationToken))
            {
                (district, var refused) = await RosterDistrict.FindAsync(connection, command.Caller, command.DistrictId, cancellationToken);
                if (refused is not null)
                {
                    return refused;
                }
            }

            var id = await jobs.EnqueueAsync(district!.Ref.Id, district.Ref.RegionId, command.Source, command.Mode, command.Payload,
                command.Caller.UserId, command.Caller.ApiKeyId, clock.GetUtcNow(), command.Preview, cancellationToken);
            await using var read = await db.OpenAsync(cancellationToken);
            return RosterJobs.ToContract((await RosterJobs.FindAsync(read, id, cancellationToken))!, command.Caller, clock.GetUtcNow());
        }
    }

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPost("/districts/{id:guid}/roster-imports", async Task<Answer<Accepted<RosterImport>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.TooLarge>> (Guid id, IFormFileCollection files, string? mode, bool? preview, Caller caller, IMediator mediator, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                QueryEnums.TryParse<RosterMode>(mode, "mode", errors, out var requestedMode);
                if (files.Count == 0)
                {
                    errors["files"] = ["Upload the OneRoster CSV files (manifest.csv, orgs.csv, users.csv, roles.csv, demographics.csv) or one zip of them."];
                }

                // Files LaunchPath does not read (other OneRoster files, a README) are accepted; the import lists them in its notes.
                var isZip = files.Count == 1 && files[0].FileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

                if (errors.Count > 0)
                {
                    return Error.Invalid(errors);
                }

                byte[] payload;
                if (isZip)
                {
                    using var buffer = new MemoryStream();
                    await files[0].CopyToAsync(buffer, ct);
                    payload = buffer.ToArray();
                }
                else
                {
                    var streams = files.Select(f => (f.FileName, f.OpenReadStream())).ToList();
                    payload = RosterBatch.Zip(streams);
                    streams.ForEach(s => s.Item2.Dispose());
                }

                if (RosterBatch.CheckZip(payload) is { } tooLarge)
                {
                    return Error.TooLarge("Roster too large", tooLarge);
                }

                var manifestMode = RosterBatch.ManifestMode(payload);
                var looksLikeZip = payload.Length > 4 && payload[0] == 'P' && payload[1] == 'K';
                if (manifestMode is null && requestedMode is null && looksLikeZip)
                {
                    return Error.Invalid(
                        new Dictionary<string, string[]> { ["mode"] = ["Include manifest.csv (file.users = bulk or delta), or say mode=bulk or mode=delta."] });
                }

                var result = await mediator.Send(new Command(caller, id, "csv", manifestMode ?? requestedMode ?? RosterMode.Bulk, payload, preview == true), ct);
                return result.Match(job => TypedResults.Accepted($"/api/v1/roster-imports/{job.Id}", job));
            })
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxUploadBytes))
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxUploadBytes })
            .WithQueryEnum<RosterMode>("mode")
            .WithName("startRosterImport")
            .WithSummary("Import a OneRoster 1.1 or 1.2 CSV roster")
            .WithDescription("Multipart upload of the CSV files or one zip, OneRoster 1.1 (roles in users.csv) or 1.2 (roles.csv). The manifest's file.users " +
                             "sets bulk or delta; without a manifest, say mode. Files LaunchPath does not read are noted, not refused. A zip of more than " +
                             "64 files, more than 512 MB decompressed, or a file that decompresses to more than 100 times its size is a 413. " +
                             "All-or-nothing: a bad row rejects the whole import with per-row errors. With preview=true nothing is written: the import " +
                             "ends previewed with what would change (confirm it to apply it). A bulk import that would deactivate more than 10 % of the " +
                             "district's active people ends needsConfirmation, with nothing written, until a district admin confirms it.");

        group.MapPost("/districts/{id:guid}/roster-imports/json", async Task<Answer<Accepted<RosterImport>, Fails.Invalid, Fails.Forbidden, Fails.NotFound>> (Guid id, RosterJsonImportRequest body, bool? preview, Caller caller, IMediator mediator, CancellationToken ct) =>
            {
                var payload = RosterJson.Pack(body);
                var result = await mediator.Send(new Command(caller, id, "json", body.Mode, payload, preview == true), ct);
                return result.Match(job => TypedResults.Accepted($"/api/v1/roster-imports/{job.Id}", job));
            })
            .Validate<RosterJsonImportRequest>()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxUploadBytes))
            .WithName("startRosterJsonImport")
            .WithSummary("Import a roster as OneRoster-shaped JSON");
    }
}
