using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LaunchPath.Contracts.Roster;

namespace LaunchPath.Api.Features.Roster;

/// <summary>
/// Pulls a district's roster from its OneRoster 1.2 REST service (Rostering Service): an OAuth 2.0 client-credentials
/// token, then orgs, users, demographics, academic sessions, courses, classes and enrollments page by page (limit/offset, following X-Total-Count or the Link header),
/// only what changed since the watermark when there is one (filter=dateLastModified&gt;'…'). Expired tokens are renewed
/// once; 429 waits for Retry-After; 5xx, 408 and timeouts are retried with backoff. A pull that cannot finish fails as a
/// whole, so nothing half-pulled is ever applied.
/// </summary>
public sealed class OneRosterPuller(IHttpClientFactory http, IConfiguration configuration, TimeProvider clock, ILogger<OneRosterPuller> logger)
{
    public const string HttpClientName = "oneroster";

    public const string RosteringPath = "/ims/oneroster/rostering/v1p2/";

    /// <summary>The scopes of the Rostering Service LaunchPath reads (core rostering and demographics).</summary>
    public const string Scopes =
        "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly https://purl.imsglobal.org/spec/or/v1p2/scope/roster-demographics.readonly";

    private const int MaxAttempts = 5;
    private const int MaxRecords = 2_000_000;

    public sealed record Credentials(string BaseUrl, string TokenUrl, string ClientId, string ClientSecret);

    /// <summary>What a pull brought: the roster in the JSON import's shape, the newest dateLastModified in it, and the requests it took.</summary>
    public sealed record Pulled(RosterJsonImportRequest Roster, string? Watermark, int Requests);

    /// <summary>Why a pull could not finish, in words for the district admin.</summary>
    public sealed class PullFailed(string message, int? status = null) : Exception(message)
    {
        /// <summary>The HTTP status that stopped the pull, when one did.</summary>
        public int? Status { get; } = status;
    }

    private int PageSize => configuration.GetValue("Roster:PullPageSize", 1000);

    private TimeSpan RetryBase => TimeSpan.FromMilliseconds(configuration.GetValue("Roster:PullRetryBaseMs", 500));

    public async Task<Pulled> PullAsync(Credentials credentials, string? since, CancellationToken cancellationToken)
    {
        var session = new Session(http.CreateClient(HttpClientName), credentials, this);
        var orgs = await CollectAsync<OneRosterOrg>(session, "orgs", since, cancellationToken);
        var users = await CollectAsync<OneRosterUser>(session, "users", since, cancellationToken);
        var demographics = await CollectAsync<OneRosterDemographics>(session, "demographics", since, cancellationToken);
        // Classes are optional: a service (or a client's scope) without them still rosters the district's people.
        var sessions = await OptionalAsync<OneRosterAcademicSession>(session, "academicSessions", since, cancellationToken);
        var courses = await OptionalAsync<OneRosterCourse>(session, "courses", since, cancellationToken);
        var classes = await OptionalAsync<OneRosterClass>(session, "classes", since, cancellationToken);
        var enrollments = await OptionalAsync<OneRosterEnrollment>(session, "enrollments", since, cancellationToken);
        var newest = orgs.Select(o => o.DateLastModified).Concat(users.Select(u => u.DateLastModified)).Concat(demographics.Select(d => d.DateLastModified))
            .Concat(sessions.Select(x => x.DateLastModified)).Concat(courses.Select(x => x.DateLastModified)).Concat(classes.Select(x => x.DateLastModified))
            .Concat(enrollments.Select(x => x.DateLastModified))
            .Select(ParseInstant).Where(t => t is not null).Max();
        var watermark = newest?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) ?? since;
        var roster = new RosterJsonImportRequest
        {
            Mode = since is null ? RosterMode.Bulk : RosterMode.Delta,
            Orgs = orgs,
            Users = users,
            Demographics = demographics,
            AcademicSessions = sessions,
            Courses = courses,
            Classes = classes,
            Enrollments = enrollments,
        };
        logger.LogInformation("Pulled {Orgs} orgs, {Users} users and {Demographics} demographics in {Requests} requests", orgs.Count, users.Count, demographics.Count, session.Requests);
        return new Pulled(roster, watermark, session.Requests);
    }

    private static DateTimeOffset? ParseInstant(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;

    private async Task<List<T>> OptionalAsync<T>(Session session, string collection, string? since, CancellationToken cancellationToken)
    {
        try
        {
            return await CollectAsync<T>(session, collection, since, cancellationToken);
        }
        catch (PullFailed failed) when (failed.Status is 403 or 404)
        {
            logger.LogInformation("The OneRoster service does not offer {Collection} ({Status}); pulled without it", collection, failed.Status);
            return [];
        }
    }

    private async Task<List<T>> CollectAsync<T>(Session session, string collection, string? since, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        var offset = 0;
        var filter = since is null ? "" : "&filter=" + Uri.EscapeDataString($"dateLastModified>'{since}'");
        while (true)
        {
            var url = $"{session.Credentials.BaseUrl.TrimEnd('/')}{RosteringPath}{collection}?limit={PageSize}&offset={offset}{filter}";
            using var response = await session.GetAsync(url, collection, offset, cancellationToken);
            List<T> page;
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
                if (!document.RootElement.TryGetProperty(collection, out var array) || array.ValueKind != JsonValueKind.Array)
                {
                    throw new PullFailed($"{collection} at offset {offset}: the answer has no \"{collection}\" array.");
                }

                page = array.Deserialize<List<T>>(RosterJson.Options) ?? [];
            }
            catch (JsonException exception)
            {
                throw new PullFailed($"{collection} at offset {offset}: the answer is not OneRoster JSON ({BadRequestsPath(exception)}).");
            }

            items.AddRange(page);
            offset += page.Count;
            if (items.Count > MaxRecords)
            {
                throw new PullFailed($"{collection}: more than {MaxRecords:N0} records; a pull reads at most that many.");
            }

            var total = response.Headers.TryGetValues("X-Total-Count", out var totals) && int.TryParse(totals.FirstOrDefault(), out var count) ? count : (int?)null;
            var next = response.Headers.TryGetValues("Link", out var links) && links.Any(l => l.Contains("rel=\"next\"", StringComparison.OrdinalIgnoreCase));
            if (page.Count == 0 || (total is { } known ? offset >= known : !next && page.Count < PageSize))
            {
                return items;
            }
        }
    }

    private static string BadRequestsPath(JsonException exception) => exception.Path is { Length: > 0 } path ? "at " + path : "unreadable";

    /// <summary>One pull's token and request count.</summary>
    private sealed class Session(HttpClient client, Credentials credentials, OneRosterPuller puller)
    {
        private string? _token;
        private DateTimeOffset _expires;

        public Credentials Credentials => credentials;

        public int Requests { get; private set; }

        public async Task<HttpResponseMessage> GetAsync(string url, string collection, int offset, CancellationToken cancellationToken)
        {
            var renewed = false;
            string? last = null;
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var token = await TokenAsync(cancellationToken);
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                HttpResponseMessage response;
                try
                {
                    Requests++;
                    response = await client.SendAsync(request, cancellationToken);
                }
                catch (HttpRequestException exception) when (exception.InnerException is Infrastructure.Http.OutboundConnections.RefusedAddress refused)
                {
                    throw new PullFailed(refused.Message);
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    last = exception is TaskCanceledException ? "timed out" : "could not be reached";
                    await puller.WaitAsync(attempt, null, cancellationToken);
                    continue;
                }

                if (response.IsSuccessStatusCode)
                {
                    return response;
                }

                var status = (int)response.StatusCode;
                last = $"{status} {response.ReasonPhrase}".Trim();
                var retryAfter = response.Headers.RetryAfter;
                response.Dispose();
                if (response.StatusCode == HttpStatusCode.Unauthorized && !renewed)
                {
                    // The token expired (or was revoked) mid-pull: get a new one, once.
                    _token = null;
                    renewed = true;
                    attempt--;
                    continue;
                }

                if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || status >= 500)
                {
                    await puller.WaitAsync(attempt, retryAfter, cancellationToken);
                    continue;
                }

                throw new PullFailed($"{collection} at offset {offset}: the service answered {last}.", status);
            }

            throw new PullFailed($"{collection} at offset {offset}: {last} after {MaxAttempts} attempts; nothing was applied.");
        }

        private async Task<string> TokenAsync(CancellationToken cancellationToken)
        {
            if (_token is not null && puller.Now < _expires)
            {
                return _token;
            }

            string? last = null;
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, credentials.TokenUrl)
                {
                    Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", Scopes)]),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(credentials.ClientId)}:{Uri.EscapeDataString(credentials.ClientSecret)}")));
                HttpResponseMessage response;
                try
                {
                    Requests++;
                    response = await client.SendAsync(request, cancellationToken);
                }
                catch (HttpRequestException exception) when (exception.InnerException is Infrastructure.Http.OutboundConnections.RefusedAddress refused)
                {
                    throw new PullFailed(refused.Message);
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    last = "the token endpoint could not be reached";
                    await puller.WaitAsync(attempt, null, cancellationToken);
                    continue;
                }

                using (response)
                {
                    if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        last = $"the token endpoint answered {(int)response.StatusCode}";
                        await puller.WaitAsync(attempt, response.Headers.RetryAfter, cancellationToken);
                        continue;
                    }

                    if (!response.IsSuccessStatusCode)
                    {
                        throw new PullFailed($"The token endpoint refused the client credentials ({(int)response.StatusCode}). Check the client id and secret.");
                    }

                    try
                    {
                        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                        _token = document.RootElement.GetProperty("access_token").GetString();
                        var lifetime = document.RootElement.TryGetProperty("expires_in", out var expires) && expires.TryGetInt32(out var seconds) ? seconds : 3600;
                        _expires = puller.Now.AddSeconds(Math.Max(1, lifetime - 30));
                    }
                    catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
                    {
                        throw new PullFailed("The token endpoint's answer has no access_token.");
                    }

                    return _token ?? throw new PullFailed("The token endpoint's answer has no access_token.");
                }
            }

            throw new PullFailed($"No token: {last} after {MaxAttempts} attempts.");
        }
    }

    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Waits before a retry: the server's Retry-After (at most a minute), else 1, 2, 4, 8 × the base.</summary>
    private Task WaitAsync(int attempt, RetryConditionHeaderValue? retryAfter, CancellationToken cancellationToken)
    {
        var wait = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - clock.GetUtcNow() : (TimeSpan?)null) ?? RetryBase * Math.Pow(2, attempt - 1);
        wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : wait;
        return Task.Delay(wait, clock, cancellationToken);
    }
}
