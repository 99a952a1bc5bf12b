using System.Reflection;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LaunchPath.Api.Tests.Architecture;

/// <summary>
/// Types that cannot lie: every API endpoint returns a typed answer, so its OpenAPI responses come from its return type;
/// and an answer refuses an error its type does not declare instead of sending it.
/// </summary>
public sealed class TypedAnswersTests : IClassFixture<AnonymousEndpointsTests.Api>
{
    private readonly AnonymousEndpointsTests.Api _api;

    public TypedAnswersTests(AnonymousEndpointsTests.Api api) => _api = api;

    private static Type Unwrapped(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? type.GetGenericArguments()[0]
            : type;

    [Fact]
    public void Every_API_endpoint_returns_a_typed_answer_that_describes_itself()
    {
        var endpoints = _api.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .ToList();
        endpoints.Should().HaveCountGreaterThan(80);

        var untyped = endpoints
            .Select(e => (Name: e.DisplayName, Returns: e.Metadata.OfType<MethodInfo>().Select(m => Unwrapped(m.ReturnType)).FirstOrDefault()))
            .Where(e => e.Returns is null || e.Returns.IsInterface || !typeof(IEndpointMetadataProvider).IsAssignableFrom(e.Returns))
            .Select(e => $"{e.Name} returns {e.Returns?.Name ?? "nothing known"}")
            .ToList();
        untyped.Should().BeEmpty("an endpoint that returns IResult needs hand-written .Produces calls, which can lie");

        foreach (var endpoint in endpoints)
        {
            endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Should()
                .Contain(m => m.StatusCode >= 200 && m.StatusCode < 300, "{0} documents its success", endpoint.DisplayName);
        }
    }

    [Fact]
    public void A_declared_failure_becomes_its_problem()
    {
        Answer<Ok<string>, Fails.NotFound, Fails.Versioned> answer = Error.NotFound("Placement 1");
        answer.Result.Should().BeOfType<ProblemHttpResult>().Which.StatusCode.Should().Be(StatusCodes.Status404NotFound);

        answer = Error.VersionMismatch;
        answer.Result.Should().BeOfType<ProblemHttpResult>().Which.StatusCode.Should().Be(StatusCodes.Status412PreconditionFailed);

        answer = TypedResults.Ok("fine");
        answer.Result.Should().BeOfType<Ok<string>>();
    }

    [Fact]
    public void An_undeclared_failure_is_refused_rather_than_sent()
    {
        var convert = () => { Answer<Ok<string>, Fails.NotFound> answer = Error.Conflict("taken"); return answer; };
        convert.Should().Throw<UndeclaredFailureException>().Which.Kind.Should().Be(ErrorKind.Conflict);

        Result<string> result = Error.Forbidden("not yours");
        var fromHandler = () => { Answer<Ok<string>, Fails.NotFound> answer = result.Match(TypedResults.Ok); return answer; };
        fromHandler.Should().Throw<UndeclaredFailureException>();
    }

    [Fact]
    public void The_answer_type_is_the_documented_response_list()
    {
        var builder = new TestEndpointBuilder();
        Answer<Created<string>, Fails.Forbidden, Fails.Versioned>.PopulateMetadata(typeof(TypedAnswersTests).GetMethod(nameof(Unwrapped), BindingFlags.NonPublic | BindingFlags.Static)!, builder);
        builder.Metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.StatusCode).Should().BeEquivalentTo([201, 403, 400, 412, 428]);
    }

    private sealed class TestEndpointBuilder : EndpointBuilder
    {
        public override Endpoint Build() => throw new NotSupportedException();
    }
}
