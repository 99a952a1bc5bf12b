using System.Net;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LaunchPath.Api.Tests.Architecture;

/// <summary>
/// Secure by default: a fallback policy requires a signed-in caller everywhere, and the few endpoints open to anyone
/// are named here. Adding an AllowAnonymous endpoint without naming it below fails this test, and so does an endpoint
/// reachable without a caller although it is not on the list.
/// </summary>
public sealed class AnonymousEndpointsTests : IClassFixture<AnonymousEndpointsTests.Api>
{
    private static readonly string[] Named =
    [
        "* /health/live",
        "* /health/ready",
        "POST /api/v1/auth/token",
        // Forgot password (202 whatever the address) and the invitation or reset link that sets a password.
        "POST /api/v1/auth/password-reset",
        "GET /api/v1/auth/password-links/{token}",
        "POST /api/v1/auth/password-links/{token}",
        // An unsubscribe link (and a mail program's one-click POST): the token is the proof.
        "GET /api/v1/unsubscribe/{token}",
        "POST /api/v1/unsubscribe/{token}",
        "PUT /api/v1/unsubscribe/{token}/preferences",
        // A calendar app reads a person's feed by its secret address: apps cannot sign in.
        "GET /api/v1/calendar-feeds/{token}",
        // A guardian answers a trip permission request from the email's link.
        "GET /api/v1/permission-links/{token}",
        "POST /api/v1/permission-links/{token}",
        "GET /api/v1/partner-applications/regions",
        "POST /api/v1/partner-applications",
        "GET /api/v1/links/{token}",
        "POST /api/v1/links/{token}/acknowledge",
        "GET /api/v1/links/{token}/hours",
        "POST /api/v1/links/{token}/hours",
    ];

    private readonly Api _api;

    public AnonymousEndpointsTests(Api api) => _api = api;

    public sealed class Api : IDisposable
    {
        public ApiFactory Factory { get; } = new(DatabaseProvider.Sqlite);

        public void Dispose() => Factory.Dispose();
    }

    private IReadOnlyList<RouteEndpoint> Endpoints() =>
        _api.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !e.RoutePattern.RawText!.StartsWith("/__test", StringComparison.Ordinal))
            .ToList();

    private static IEnumerable<string> Names(RouteEndpoint endpoint) =>
        (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(method => $"{method} {endpoint.RoutePattern.RawText}");

    [Fact]
    public void The_anonymous_endpoints_are_exactly_the_named_ones()
    {
        Endpoints().Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null).SelectMany(Names)
            .Should().BeEquivalentTo(Named, "every endpoint open to anyone is named in this test on purpose");
    }

    [Fact]
    public async Task Every_other_endpoint_answers_401_to_a_caller_without_credentials()
    {
        var client = _api.Factory.CreateClient();
        var checkedCount = 0;
        foreach (var endpoint in Endpoints().Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null))
        {
            var path = System.Text.RegularExpressions.Regex.Replace(endpoint.RoutePattern.RawText!, @"\{[^}]+\}", Guid.CreateVersion7().ToString("D"));
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
                response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "{0} {1} is not named as anonymous", method, endpoint.RoutePattern.RawText);
                checkedCount++;
            }
        }

        checkedCount.Should().BeGreaterThan(80, "the whole API is checked, not a handful");
    }
}
