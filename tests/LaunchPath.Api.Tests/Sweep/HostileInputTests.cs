using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using LaunchPath.Api.Tests.Infrastructure;
using Serilog.Events;

namespace LaunchPath.Api.Tests.Sweep;

/// <summary>
/// The defects a black-box sweep found, each reproduced as it was sent, on real Kestrel with the demo data: null array
/// members, extreme dates, multipart uploads with an Idempotency-Key, unknown members and oversized bodies, errors
/// Kestrel answers itself, binder messages that named .NET types, and what the log says about all of it.
/// </summary>
public sealed class HostileInputTests(SweepApi api) : IClassFixture<SweepApi>
{
    private static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<Problem> ShouldBe400With(HttpResponseMessage response, string field, string? containing = null)
    {
        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.Errors.Should().NotBeNull().And.ContainKey(field);
        if (containing is not null)
        {
            problem.Errors![field].Should().Contain(m => m.Contains(containing, StringComparison.Ordinal));
        }

        (await response.Content.ReadAsStringAsync()).Should().NotContainAny("System.", "LaunchPath.", "Nullable<", "`1");
        return problem;
    }

    [Fact]
    public async Task Null_array_members_are_a_400_naming_their_path_before_anything_runs()
    {
        using var admin = api.Admin();
        var rubric = $"/api/v1/regions/{api.Ids.Region}/rubric";
        var put = (string body) => admin.SendAsync(new HttpRequestMessage(HttpMethod.Put, rubric) { Content = Raw(body), Headers = { IfMatch = { EntityTagHeaderValue.Any } } });
        await ShouldBe400With(await put("""{"name":"R","levels":[null,null],"criteria":[{"id":"c1","category":"c","description":"d"}]}"""), "levels[0]", "must not be null");
        await ShouldBe400With(await put("""{"name":"R","levels":[{"level":1,"label":"a"}],"criteria":[null,null]}"""), "criteria[1]");
        await ShouldBe400With(await admin.PostAsync($"/api/v1/placements/{api.Ids.Placement}/evaluations", Raw("""{"kind":"final","ratings":[null,null]}""")), "ratings[0]");

        var imports = $"/api/v1/districts/{api.Ids.District}/roster-imports";
        var before = (await admin.GetStringAsync(imports)).Length;
        await ShouldBe400With(await admin.PostAsync(imports + "/json", Raw("""{"mode":"delta","orgs":[null]}""")), "orgs[0]");
        await ShouldBe400With(await admin.PostAsync(imports + "/json", Raw("""{"mode":"delta","users":[null]}""")), "users[0]");
        await ShouldBe400With(await admin.PostAsync(imports + "/json",
            Raw("""{"mode":"delta","users":[{"sourcedId":"u1","givenName":"A","familyName":"B","agentSourcedIds":[null]}]}""")), "users[0].agentSourcedIds[0]");
        (await admin.GetStringAsync(imports)).Length.Should().Be(before, "no import job was started for a rejected body");
    }

    [Fact]
    public async Task Dates_outside_the_documented_range_are_a_400_not_an_overflow()
    {
        using var admin = api.Admin();
        await ShouldBe400With(await admin.GetAsync($"/api/v1/outcomes?organizationId={api.Ids.Region}&to=9999-12-31"), "to", "between 1900-01-01 and 2199-12-31");
        await ShouldBe400With(await admin.GetAsync($"/api/v1/outcomes?organizationId={api.Ids.Region}&from=0001-01-01"), "from");
        await ShouldBe400With(await admin.GetAsync($"/api/v1/outcomes?organizationId={api.Ids.Region}&to=2024-02-30"), "to", "a date (YYYY-MM-DD)");
        (await admin.GetAsync($"/api/v1/outcomes?organizationId={api.Ids.Region}&from=2025-08-01&to=2199-12-31")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_multipart_upload_with_an_Idempotency_Key_runs_once_and_replays()
    {
        using var admin = api.Admin();
        var url = $"/api/v1/districts/{api.Ids.District}/roster-imports?mode=delta";
        MultipartFormDataContent Upload()
        {
            var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent("sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\nidem-school,active,2026-01-01,Idem High,school,,\n"u8.ToArray()), "files", "orgs.csv");
            return form;
        }

        var key = $"upload-{Guid.NewGuid():N}";
        var first = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = Upload(), Headers = { { "Idempotency-Key", key } } });
        var firstBody = await first.Content.ReadAsStringAsync();
        first.StatusCode.Should().Be(HttpStatusCode.Accepted, firstBody);
        var again = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = Upload(), Headers = { { "Idempotency-Key", key } } });
        again.StatusCode.Should().Be(HttpStatusCode.Accepted);
        again.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()
            .Should().Be(JsonDocument.Parse(firstBody).RootElement.GetProperty("id").GetString(), "the retry is the first import, not a second one");
    }

    [Fact]
    public async Task Unknown_members_are_refused_by_name_and_bodies_over_the_limit_are_a_413_problem()
    {
        using var admin = api.Admin();
        var settings = $"/api/v1/regions/{api.Ids.Region}/matching-settings";
        var current = await admin.GetStringAsync(settings);
        var read = JsonDocument.Parse(current).RootElement;
        var update = $"{{\"weights\":{read.GetProperty("weights").GetRawText()},\"maxChoices\":{read.GetProperty("maxChoices").GetInt32()}";
        var withTypo = update + ",\"maxChoicez\":7}";
        var typo = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Put, settings) { Content = Raw(withTypo), Headers = { IfMatch = { EntityTagHeaderValue.Any } } });
        await ShouldBe400With(typo, "maxChoicez", "not a member");

        var padded = update + ",\"pad\":\"" + new string('x', 2_000_000) + "\"}";
        var huge = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Put, settings) { Content = Raw(padded), Headers = { IfMatch = { EntityTagHeaderValue.Any } } });
        await huge.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
        (await admin.GetStringAsync(settings)).Should().Be(current, "nothing was changed");
    }

    [Fact]
    public async Task Errors_kestrel_answers_itself_are_problems_too()
    {
        using var admin = api.Admin();
        var nul = await admin.GetAsync("/api/v1/students/%00");
        await nul.ShouldBeProblem(HttpStatusCode.BadRequest);

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/organizations") { Content = Raw("""{"type":"region","name":"X"}""") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "clé-ключ");
        await ShouldBe400With(await admin.SendAsync(request), "Idempotency-Key", "ASCII");

        var tooLong = await admin.GetAsync("/api/v1/students/" + new string('a', 10_000));
        var problem = await tooLong.ShouldBeProblem(HttpStatusCode.RequestUriTooLong);
        problem.Instance!.Length.Should().BeLessThan(300, "an over-long path is not echoed whole");

        // A malformed request line, sent as raw bytes.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(api.BaseAddress.Host, api.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync("GET /api/v1/me bad request line HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());
        using var reader = new StreamReader(stream);
        var answer = await reader.ReadToEndAsync();
        answer.Should().StartWith("HTTP/1.1 400").And.Contain("Content-Type: application/problem+json").And.Contain("\"status\":400");
    }

    [Fact]
    public async Task Binder_errors_are_in_the_wires_words_with_an_errors_map()
    {
        using var admin = api.Admin();
        await ShouldBe400With(await admin.GetAsync("/api/v1/placements?limit=abc"), "limit", "whole number");
        await ShouldBe400With(await admin.GetAsync($"/api/v1/outcomes?organizationId=not-a-guid"), "organizationId", "LaunchPath id");
        await ShouldBe400With(await admin.PostAsync("/api/v1/organizations", Raw("""{"type":"planet","name":"X"}""")), "type", "one of: region");
        await ShouldBe400With(await admin.PostAsync("/api/v1/organizations", Raw("""{"type":"region","name":42}""")), "name", "a string");
        await ShouldBe400With(await admin.PostAsync("/api/v1/organizations", Raw("""{"type":"region"}""")), "name", "is required");
        await ShouldBe400With(await admin.PostAsync("/api/v1/organizations", Raw("""{"type":"region","name":"X""")), "name", "not valid JSON");
        await ShouldBe400With(await admin.PostAsync("/api/v1/organizations", Raw("""{"type":"region",""")), "body", "not valid JSON");
        await ShouldBe400With(await admin.PostAsync("/api/v1/organizations", null), "body", "required");
    }

    [Fact]
    public async Task The_log_says_info_for_client_errors_and_aborts_escapes_control_characters_and_keeps_error_for_failures()
    {
        using var admin = api.Admin();
        api.Logs.Clear();
        await admin.GetAsync("/api/v1/placements?limit=abc");
        await admin.GetAsync("/api/v1/students/x%0D%0AFORGED%20line");

        // A client that announces a body and goes away half-way (a reset, as a browser cancelling a request may send):
        // a 499 at Information, not a failure.
        using (var tcp = new TcpClient { LingerState = new LingerOption(true, 0) })
        {
            await tcp.ConnectAsync(api.BaseAddress.Host, api.BaseAddress.Port);
            var head = $"POST /api/v1/organizations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {api.AdminToken}\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{{\"name\":";
            await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head));
            await Task.Delay(200);
        }

        // The server logs a request when it is done with it: wait for the abandoned one (under load this takes a moment).
        for (var waited = 0; waited < 100 && !api.Logs.Events.Any(e => e.Properties.TryGetValue("RequestMethod", out var m) && m.ToString() == "\"POST\""); waited++)
        {
            await Task.Delay(50);
        }

        var events = api.Logs.Events.ToList();
        var seen = string.Join("; ", events.Select(e => $"{e.Level} {e.RenderMessage()} {e.Exception?.GetType().Name}"));
        events.Should().NotContain(e => e.Level >= LogEventLevel.Error, "a 400, a 404 and a client abort are not failures (the log: {0})", seen);
        var requests = events.Where(e => e.Properties.ContainsKey("StatusCode")).ToList();
        requests.Should().Contain(e => e.Properties["StatusCode"].ToString() == "400" && e.Level == LogEventLevel.Information);
        requests.Should().Contain(e => e.Properties["StatusCode"].ToString() == "499" && e.Level == LogEventLevel.Information, "an abort is a 499 (the log: {0})", seen);
        requests.Should().OnlyContain(e => e.Exception == null, "no stack traces for requests that did not fail");
        var forged = requests.Single(e => e.RenderMessage().Contains("FORGED", StringComparison.Ordinal)).RenderMessage();
        forged.Should().NotContain("\r").And.NotContain("\n").And.Contain("\\r\\nFORGED");

        api.Logs.Clear();
        var failure = await api.Admin().GetAsync(ApiFactory.ThrowPath);
        await failure.ShouldBeProblem(HttpStatusCode.InternalServerError);
        (await failure.Content.ReadAsStringAsync()).Should().NotContain("secret");
        api.Logs.Events.Should().Contain(e => e.Level == LogEventLevel.Error && e.Exception != null, "a real failure is logged as an error, with its exception");
    }
}
