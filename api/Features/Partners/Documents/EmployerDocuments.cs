using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Partners;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace LaunchPath.Api.Features.Partners.Documents;

/// <summary>
/// An employer's documents: POST /api/v1/partners/{id}/documents uploads one (multipart: the file and what it is — a
/// certificate of insurance with insurer, policy number and limits, or another of the region's kinds — with its
/// effective and expiry dates); GET /api/v1/documents/{id}/file fetches the file, each read written to the audit
/// (GET .../reads lists them); POST .../review approves or rejects it with a reason. PDF, PNG or JPEG only, judged by
/// the file's first bytes (what the client says is ignored), up to 10 MB. Only the employer's admins and the region's
/// side see them.
/// </summary>
public static class EmployerDocuments
{
    public const int MaxFileBytes = 10 * 1024 * 1024;

    public sealed record Upload(Caller Caller, Guid EmployerId, Fields Body, byte[] Content, string FileName) : IRequest<Result<EmployerDocument>>;

    public sealed record Fields(string Kind, DateOnly EffectiveOn, DateOnly ExpiresOn, string? Insurer, string? PolicyNumber, long? CoverageCents, long? AggregateCents);

    public sealed record Download(Caller Caller, Guid DocumentId) : IRequest<Result<StoredFile>>;

    public sealed record Reads(Caller Caller, Guid DocumentId) : IRequest<Result<List<DocumentRead>>>;

    public sealed record Review(Caller Caller, Guid DocumentId, ReviewRequest Body) : IRequest<Result<EmployerDocument>>;

    private const string Insert =
        "INSERT INTO employer_documents (id, employer_id, region_id, kind, insurer, policy_number, coverage_cents, aggregate_cents, effective_on, expires_on, file_name, " +
        "content_type, size_bytes, sha256, content, status, uploaded_by, created_at) VALUES (@Id, @EmployerId, @RegionId, @Kind, @Insurer, @PolicyNumber, @CoverageCents, " +
        "@AggregateCents, @EffectiveOn, @ExpiresOn, @FileName, @ContentType, @SizeBytes, @Sha256, @Content, 'submitted', @UserId, @Now)";

    private const string SelectOne = $"SELECT {PartnerRecords.DocumentColumns} FROM employer_documents WHERE id = @Id";

    private const string SelectContent = "SELECT content FROM employer_documents WHERE id = @Id";

    private const string InsertRead = "INSERT INTO document_reads (id, document_id, user_id, at) VALUES (@Id, @DocumentId, @UserId, @Now)";

    private const string SelectReads =
        "SELECT u.display_name AS name, u.email, r.at FROM document_reads r JOIN users u ON u.id = r.user_id WHERE r.document_id = @Id ORDER BY r.at DESC, r.id";

    private const string Decide =
        "UPDATE employer_documents SET status = @To, review_note = @Reason, reviewed_at = @Now, reviewed_by = @UserId WHERE id = @Id AND status = 'submitted'";

    /// <summary>The content type a file's first bytes show, or null when it is none of PDF, PNG and JPEG.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head) =>
        head.StartsWith("%PDF-"u8) ? "application/pdf"
        : head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }) ? "image/png"
        : head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }) ? "image/jpeg"
        : null;

    /// <summary>A file name safe to store and send back: its last segment, without control characters, at most 120 characters.</summary>
    public static string SafeName(string? name, string contentType)
    {
        var last = Path.GetFileName((name ?? "").Replace('\\', '/').Split('/')[^1]);
        var clean = new string(last.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim().TrimStart('.');
        var extension = contentType switch { "application/pdf" => ".pdf", "image/png" => ".png", _ => ".jpg" };
        if (clean.Length == 0)
        {
            clean = "document" + extension;
        }

        return clean.Length > 120 ? clean[..(120 - extension.Length)] + extension : clean;
    }

    public sealed class Handler(Db db, TimeProvider clock)
        : IRequestHandler<Upload, Result<EmployerDocument>>, IRequestHandler<Download, Result<StoredFile>>, IRequestHandler<Reads, Result<List<DocumentRead>>>,
            IRequestHandler<Review, Result<EmployerDocument>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Insert, SelectOne, SelectContent, InsertRead, SelectReads, Decide, .. PartnerRecords.Statements];

        public async ValueTask<Result<EmployerDocument>> Handle(Upload command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (standing, refused) = await PartnerRecords.OpenAsync(connection, command.Caller, command.EmployerId, cancellationToken);
            if (refused is not null)
            {
                return refused;
            }

            var rules = await Partnerships.RequirementsAsync(connection, standing!.Employer.Ref.RegionId, cancellationToken);
            var body = command.Body;
            var kind = rules.Documents.FirstOrDefault(k => k.Key == body.Kind);
            if (kind is null)
            {
                return Error.Unprocessable($"The region asks for no document of kind \"{body.Kind}\"; its kinds are: {string.Join(", ", rules.Documents.Select(k => k.Key))}.");
            }

            if (kind.Insurance && (string.IsNullOrWhiteSpace(body.Insurer) || string.IsNullOrWhiteSpace(body.PolicyNumber) || body.CoverageCents is null))
            {
                return Error.Invalid(new Dictionary<string, string[]>
                {
                    ["insurer"] = ["A certificate of insurance names the insurer, the policy number and the each-occurrence limit (coverageCents)."],
                });
            }

            var contentType = Sniff(command.Content);
            if (contentType is null)
            {
                return Error.Unprocessable("The file is not a PDF, PNG or JPEG (judged by its content, not its name).");
            }

            var id = Guid.CreateVersion7();
            var now = clock.GetUtcNow();
            await connection.ExecuteAsync(new CommandDefinition(Insert, new
            {
                Id = id, command.EmployerId, standing.Employer.Ref.RegionId, Kind = kind.Key, Insurer = AddressColumns.Normalize(body.Insurer),
                PolicyNumber = AddressColumns.Normalize(body.PolicyNumber), body.CoverageCents, body.AggregateCents, body.EffectiveOn, body.ExpiresOn,
                FileName = SafeName(command.FileName, contentType), ContentType = contentType, SizeBytes = (long)command.Content.Length,
                Sha256 = Convert.ToHexString(SHA256.HashData(command.Content)).ToLowerInvariant(), command.Content, command.Caller.UserId, Now = now,
            }, cancellationToken: cancellationToken));
            return await ReadAsync(connection, id, rules, now, cancellationToken);
        }

        public async ValueTask<Result<StoredFile>> Handle(Download query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (row, _, refused) = await OpenAsync(connection, query.Caller, query.DocumentId, cancellationToken);
            if (refused is not null)
            {
                return refused;
            }

            var content = await connection.QuerySingleAsync<byte[]>(new CommandDefinition(SelectContent, new { Id = row!.Id }, cancellationToken: cancellationToken));
            // Audited before it leaves: a read that cannot be recorded is not served.
            await connection.ExecuteAsync(new CommandDefinition(InsertRead, new { Id = Guid.CreateVersion7(), DocumentId = row.Id, query.Caller.UserId, Now = clock.GetUtcNow() },
                cancellationToken: cancellationToken));
            return new StoredFile(content, row.ContentType, row.FileName);
        }

        public async ValueTask<Result<List<DocumentRead>>> Handle(Reads query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (row, _, refused) = await OpenAsync(connection, query.Caller, query.DocumentId, cancellationToken);
            if (refused is not null)
            {
                return refused;
            }

            return (await connection.QueryAsync<ReadRow>(new CommandDefinition(SelectReads, new { Id = row!.Id }, cancellationToken: cancellationToken)))
                .Select(r => new DocumentRead { Name = r.Name, Email = r.Email, At = r.At }).ToList();
        }

        public async ValueTask<Result<EmployerDocument>> Handle(Review command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (row, standing, refused) = await OpenAsync(connection, command.Caller, command.DocumentId, cancellationToken);
            if (refused is not null)
            {
                return refused;
            }

            if (!standing!.RegionSide)
            {
                return Error.Forbidden("The region's convener or a district's work-based learning staff review documents.");
            }

            var now = clock.GetUtcNow();
            if (await connection.ExecuteAsync(new CommandDefinition(Decide, new
                {
                    Id = row!.Id, To = command.Body.Approve ? "approved" : "rejected", Reason = AddressColumns.Normalize(command.Body.Reason), command.Caller.UserId, Now = now,
                }, cancellationToken: cancellationToken)) == 0)
            {
                return Error.Conflict($"The document is already {row.Status}.");
            }

            var rules = await Partnerships.RequirementsAsync(connection, standing.Employer.Ref.RegionId, cancellationToken);
            return await ReadAsync(connection, row.Id, rules, now, cancellationToken);
        }

        private static async Task<EmployerDocument> ReadAsync(System.Data.Common.DbConnection connection, Guid id, PartnershipRequirements rules, DateTimeOffset now,
            CancellationToken cancellationToken) =>
            (await connection.QuerySingleAsync<PartnerRecords.DocumentRow>(new CommandDefinition(SelectOne, new { Id = id }, cancellationToken: cancellationToken)))
            .ToContract(rules, DateOnly.FromDateTime(now.UtcDateTime));

        private static async Task<(PartnerRecords.DocumentRow? Row, PartnerRecords.Standing? Standing, Error? Error)> OpenAsync(System.Data.Common.DbConnection connection,
            Caller caller, Guid id, CancellationToken cancellationToken) =>
            await PartnerRecords.OpenOwnedAsync(connection, caller,
                await connection.QuerySingleOrDefaultAsync<PartnerRecords.DocumentRow>(new CommandDefinition(SelectOne, new { Id = id }, cancellationToken: cancellationToken)),
                d => d.EmployerId, $"Document {id}", cancellationToken);
    }

    private sealed class ReadRow
    {
        public string Name { get; set; } = "";
        public string Email { get; set; } = "";
        public DateTimeOffset At { get; set; }
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/partners/{id:guid}/documents", async Task<Answer<Created<EmployerDocument>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.TooLarge, Fails.Unprocessable>> (
                    Guid id, IFormFile? file, [FromForm] string? kind, [FromForm] string? effectiveOn, [FromForm] string? expiresOn, [FromForm] string? insurer,
                    [FromForm] string? policyNumber, [FromForm] string? coverageCents, [FromForm] string? aggregateCents, Caller caller, IMediator mediator, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                if (file is null || file.Length == 0)
                {
                    errors["file"] = ["Attach the document: a PDF, PNG or JPEG."];
                }

                if (string.IsNullOrWhiteSpace(kind) || kind.Length > 40)
                {
                    errors["kind"] = ["Say which of the region's document kinds this is (e.g. insurance)."];
                }

                DateOnly? Date(string name, string? text)
                {
                    if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    {
                        return date;
                    }

                    errors[name] = [$"'{name}' must be a date (yyyy-MM-dd)."];
                    return null;
                }

                long? Cents(string name, string? text)
                {
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        return null;
                    }

                    if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var cents) && cents is > 0 and < 100_000_000_000_00)
                    {
                        return cents;
                    }

                    errors[name] = [$"'{name}' must be a whole number of cents, more than 0."];
                    return null;
                }

                var effective = Date("effectiveOn", effectiveOn);
                var expires = Date("expiresOn", expiresOn);
                if (effective is { } from && expires is { } to && to < from)
                {
                    errors["expiresOn"] = ["'expiresOn' must not be before 'effectiveOn'."];
                }

                var coverage = Cents("coverageCents", coverageCents);
                var aggregate = Cents("aggregateCents", aggregateCents);
                foreach (var (name, value) in new[] { ("insurer", insurer), ("policyNumber", policyNumber) })
                {
                    if (value?.Length > 200)
                    {
                        errors[name] = [$"'{name}' must be 200 characters or fewer."];
                    }
                }

                if (errors.Count > 0)
                {
                    return Error.Invalid(errors);
                }

                if (file!.Length > MaxFileBytes)
                {
                    return Error.TooLarge("File too large", $"A document may be at most {MaxFileBytes / (1024 * 1024)} MB.");
                }

                using var buffer = new MemoryStream((int)file.Length);
                await file.CopyToAsync(buffer, ct);
                var fields = new Fields(kind!.Trim(), effective!.Value, expires!.Value, insurer, policyNumber, coverage, aggregate);
                return (await mediator.Send(new Upload(caller, id, fields, buffer.ToArray(), file.FileName), ct))
                    .Match(document => TypedResults.Created($"/api/v1/documents/{document.Id}", document));
            })
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxFileBytes + 64 * 1024))
            .WithMetadata(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxFileBytes + 64 * 1024 })
            .WithTags("Partners")
            .WithName("uploadEmployerDocument")
            .WithSummary("Upload an employer document (certificate of insurance, workers' compensation, a signed policy)")
            .WithDescription("Multipart: file (PDF, PNG or JPEG, judged by its content; at most 10 MB), kind (one of the region's document kinds), effectiveOn, expiresOn " +
                             "(yyyy-MM-dd); for insurance also insurer, policyNumber and coverageCents (each occurrence), optionally aggregateCents. It waits for the region's review.");
        api.MapGet("/documents/{id:guid}/file", async Task<Answer<StoredFile, Fails.Forbidden, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Download(caller, id), ct)).Match(file => file))
            .WithTags("Partners")
            .WithName("getEmployerDocumentFile")
            .WithSummary("The document's file (each read is audited)");
        api.MapGet("/documents/{id:guid}/reads", async Task<Answer<Ok<List<DocumentRead>>, Fails.Forbidden, Fails.NotFound>> (Guid id, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Reads(caller, id), ct)).Match(reads => TypedResults.Ok(reads)))
            .WithTags("Partners")
            .WithName("listEmployerDocumentReads")
            .WithSummary("Who opened the document's file, and when");
        api.MapPost("/documents/{id:guid}/review", async Task<Answer<Ok<EmployerDocument>, Fails.Invalid, Fails.Forbidden, Fails.NotFound, Fails.Conflict>> (Guid id, ReviewRequest body,
                    Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Review(caller, id, body), ct)).Match(document => TypedResults.Ok(document)))
            .Validate<ReviewRequest>()
            .WithTags("Partners")
            .WithName("reviewEmployerDocument")
            .WithSummary("Approve or reject an employer document");
    }
}
