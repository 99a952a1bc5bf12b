// Typed endpoint answers: Answer<TOk, F1..Fn> is what an endpoint returns. Its type lists the success result and the
// failures the endpoint may answer, and ASP.NET reads the OpenAPI response list from that type (IEndpointMetadataProvider),
// so the contract comes from the compiler rather than hand-written .Produces calls. A handler's Result<T> converts to it
// implicitly; an Error whose kind the type does not list is refused at the conversion (UndeclaredFailureException, a 500
// that names the operation's missing failure in the log), so an endpoint cannot answer what its contract does not say.
// Arities 1 to 7 are written out below; they differ only in how many failure types they list.
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace LaunchPath.Api.Infrastructure.Http;

/// <summary>The endpoint answers <typeparamref name="TOk"/> or one of 1 declared failure.</summary>
public sealed class Answer<TOk, F1> : IResult, INestedHttpResult, IEndpointMetadataProvider
    where TOk : IResult, IEndpointMetadataProvider
    where F1 : IFailure
{
    private Answer(IResult result) => Result = result;

    public IResult Result { get; }

    public Task ExecuteAsync(HttpContext httpContext) => Result.ExecuteAsync(httpContext);

    public static implicit operator Answer<TOk, F1>(TOk ok) => new(ok);

    public static implicit operator Answer<TOk, F1>(Error error) => new(Answers.Declared(error, F1.Kinds));

    public static implicit operator Answer<TOk, F1>(Reply<TOk> reply) => 
        reply.Error is { } error ? new(Answers.Declared(error, F1.Kinds)) : new(reply.Ok!);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        TOk.PopulateMetadata(method, builder);
        Answers.Describe<F1>(builder);
    }
}

/// <summary>The endpoint answers <typeparamref name="TOk"/> or one of 2 declared failures.</summary>
public sealed class Answer<TOk, F1, F2> : IResult, INestedHttpResult, IEndpointMetadataProvider
    where TOk : IResult, IEndpointMetadataProvider
    where F1 : IFailure
    where F2 : IFailure
{
    private Answer(IResult result) => Result = result;

    public IResult Result { get; }

    public Task ExecuteAsync(HttpContext httpContext) => Result.ExecuteAsync(httpContext);

    public static implicit operator Answer<TOk, F1, F2>(TOk ok) => new(ok);

    public static implicit operator Answer<TOk, F1, F2>(Error error) => new(Answers.Declared(error, F1.Kinds, F2.Kinds));

    public static implicit operator Answer<TOk, F1, F2>(Reply<TOk> reply) => 
        reply.Error is { } error ? new(Answers.Declared(error, F1.Kinds, F2.Kinds)) : new(reply.Ok!);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        TOk.PopulateMetadata(method, builder);
        Answers.Describe<F1>(builder);
        Answers.Describe<F2>(builder);
    }
}

/// <summary>The endpoint answers <typeparamref name="TOk"/> or one of 3 declared failures.</summary>
public sealed class Answer<TOk, F1, F2, F3> : IResult, INestedHttpResult, IEndpointMetadataProvider
    where TOk : IResult, IEndpointMetadataProvider
    where F1 : IFailure
    where F2 : IFailure
    where F3 : IFailure
{
    private Answer(IResult result) => Result = result;

    public IResult Result { get; }

    public Task ExecuteAsync(HttpContext httpContext) => Result.ExecuteAsync(httpContext);

    public static implicit operator Answer<TOk, F1, F2, F3>(TOk ok) => new(ok);

    public static implicit operator Answer<TOk, F1, F2, F3>(Error error) => new(Answers.Declared(error, F1.Kinds, F2.Kinds, F3.Kinds));

    public static implicit operator Answer<TOk, F1, F2, F3>(Reply<TOk> reply) => 
        reply.Error is { } error ? new(Answers.Declared(error, F1.Kinds, F2.Kinds, F3.Kinds)) : new(reply.Ok!);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        TOk.PopulateMetadata(method, builder);
        Answers.Describe<F1>(builder);
        Answers.Describe<F2>(builder);
        Answers.Describe<F3>(builder);
    }
}

/// <summary>The endpoint answers <typeparamref name="TOk"/> or one of 4 declared failures.</summary>
public sealed class Answer<TOk, F1, F2, F3, F4> : IResult, INestedHttpResult, IEndpointMetadataProvider
    where TOk : IResult, IEndpointMetadataProvider
    where F1 : IFailure
    where F2 : IFailure
    where F3 : IFailure
    where F4 : IFailure
{
    private Answer(IResult result) => Result = result;

    public IResult Result { get; }

    public Task ExecuteAsync(HttpContext httpContext) => Result.ExecuteAsync(httpContext);

    public static implicit operator Answer<TOk, F1, F2, F3, F4>(TOk ok) => new(ok);

    public static implicit operator Answer<TOk, F1, F2, F3, F4>(Error error) => new(Answers.Declared(error, F1.Kinds, F2.Kinds, F3.Kinds, F4.Kinds));

    public static implicit operator Answer<TOk, F1, F2, F3, F4>(Reply<TOk> reply) => 
        reply.Error is { } error ? new(Answers.Declared(error, F1.Kinds, F2.Kinds, F3.Kinds, F4.Kinds)) : new(reply.Ok!);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        TOk.PopulateMetadata(method, builder);
        Answers.Describe<F1>(builder);
        Answers.Describe<F2>(builder);
        Answers.Describe<F3>(builder);
        Answers.Describe<F4>(builder);
    }
}

/// <summary>The endpoint answers <typeparamref name="TOk"/> or one of 5 declared failures.</summary>
public sealed class Answer<TOk, F1, F2, F3, F4, F5> : IResult, INestedHttpResult, IEndpointMetadataProvider
    where TOk : IResult, IEndpointMetadataProvider
    where F1 : IFailure
    where F2 : IFailure
    where F3 : IFailure
    where F4 : IFailure
    where F5 : IFailure
{
    private Answer(IResult result) => Result = result;

    public IResult Result { get; }

    public Task ExecuteAsync(HttpContext httpContext) => Result.ExecuteAsync(httpContext);

    public static implicit operator Answer<TOk, F1, F2, F3, F4, F5>(TOk ok) => new(ok);

    public static implicit operator Answer<TOk, F1, F2, F3, F4, F5>(Error error) => new(Answers.Declared(error, F1.Kinds, F2.Kinds, F3.Kinds, F4.Kinds, F5.Kinds));

    public static implicit operator Answer<TOk, F1, F2, F3, F4, F5>(Reply<TOk> reply) => 
        reply.Error is { } error ? new(Answers.Declared(error, F1.Kinds, F2.Kinds, F3.Kinds, F4.Kinds, F5.Kinds)) : new(reply.Ok!);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        TOk.PopulateMetadata(method, builder);
        Answers.Describe<F1>(builder);
        Answers.Describe<F2>(builder);
        Answers.Describe<F3>(builder);
        Answers.Describe<F4>(builder);
        Answers.Describe<F5>(builder);
    }
}

/// <summary>The endpoint answers <typeparamref name="TOk"/> or one of 6 declared failures.</summary>
public sealed class Answer<TOk, F1, F2, F3, F4, F5, F6> : IResult, INestedHttpResult, IEndpointMetadataProvider
    where TOk : IResult, IEndpointMetadataProvider
    where F1 : IFailure
    where F2 : IFailure
    where F3 : IFailure
    where F4 : IFailure
    where F5 : IFailure
    where F6 : IFailure
{
    private Answer(IResult result) => Result = result;

    public IResult Result { get; }

    public Task ExecuteAsync(HttpContext httpContext) => Result.ExecuteAsync(httpContext);

    public static implicit operator Answer<TOk, F1, F2, F3, F4, F5, F6>(TOk ok) => new(ok);

    public static implicit operator Answer<TOk, F1, F2, F3, F4, F5, F6>(Error error) => new(Answers.Declared(error, F1.Kinds, F2.Kinds, F3.Kinds, F4.Kinds, F5.Kinds, F6.Kinds));

    public static implicit operator Answer<TOk, F1, F2, F3, F4, F5, F6>(Reply<TOk> reply) => 
        reply.Error is { } error ? new(Answers.Declared(error, F1.Kinds, F2.Kinds, F3.Kinds, F4.Kinds, F5.Kinds, F6.Kinds)) : new(reply.Ok!);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        TOk.PopulateMetadata(method, builder);
        Answers.Describe<F1>(builder);
        Answers.Describe<F2>(builder);
        Answers.Describe<F3>(builder);
        Answers.Describe<F4>(builder);
        Answers.Describe<F5>(builder);
        Answers.Describe<F6>(builder);
    }
}

/// <summary>The endpoint answers <typeparamref name="TOk"/> or one of 7 declared failures.</summary>
public sealed class Answer<TOk, F1, F2, F3, F4, F5, F6, F7> : IResult, INestedHttpResult, IEndpointMetadataProvider
    where TOk : IResult, IEndpointMetadataProvider
    where F1 : IFailure
    where F2 : IFailure
    where F3 : IFailure
    where F4 : IFailure
    where F5 : IFailure
    where F6 : IFailure
    where F7 : IFailure
{
    private Answer(IResult result) => Result = result;

    public IResult Result { get; }

    public Task ExecuteAsync(HttpContext httpContext) => Result.ExecuteAsync(httpContext);

    public static implicit operator Answer<TOk, F1, F2, F3, F4, F5, F6, F7>(TOk ok) => new(ok);

    public static implicit operator Answer<TOk, F1, F2, F3, F4, F5, F6, F7>(Error error) => new(Answers.Declared(error, F1.Kinds, F2.Kinds, F3.Kinds, F4.Kinds, F5.Kinds, F6.Kinds, F7.Kinds));

    public static implicit operator Answer<TOk, F1, F2, F3, F4, F5, F6, F7>(Reply<TOk> reply) => 
        reply.Error is { } error ? new(Answers.Declared(error, F1.Kinds, F2.Kinds, F3.Kinds, F4.Kinds, F5.Kinds, F6.Kinds, F7.Kinds)) : new(reply.Ok!);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        TOk.PopulateMetadata(method, builder);
        Answers.Describe<F1>(builder);
        Answers.Describe<F2>(builder);
        Answers.Describe<F3>(builder);
        Answers.Describe<F4>(builder);
        Answers.Describe<F5>(builder);
        Answers.Describe<F6>(builder);
        Answers.Describe<F7>(builder);
    }
}
