using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.People;
using Mediator;

namespace LaunchPath.Api.Features.People;

/// <summary>GET /api/v1/students — the students the caller may see, by school, grade, status and name.</summary>
public static class ListStudents
{
    public sealed record Query(Caller Caller, Guid? SchoolId, int? Grade, PersonStatus? Status, string? Search, int Take, Guid? After) : IRequest<StudentPage>;

    /// <summary>A search's words: each must be in the given, preferred or family name ("Noah Johnson", "Johnson Noah", "Maria de la Cruz").</summary>
    private const int MaxWords = 4;

    private static string NameMatches(int i) =>
        $"(@Word{i} IS NULL OR p.given_name LIKE @Word{i} ESCAPE '\\' OR p.family_name LIKE @Word{i} ESCAPE '\\' OR p.preferred_name LIKE @Word{i} ESCAPE '\\')";

    public sealed class Handler(Db db) : IRequestHandler<Query, StudentPage>, ISqlSource
    {
        private static string Select(SqlDialect dialect, string visible) => dialect.Limit(
            $"SELECT {StudentRecord.Columns} FROM {StudentRecord.From} WHERE p.kind = 'student' AND {visible} " +
            "AND (@SchoolId IS NULL OR p.school_id = @SchoolId) AND (@Grade IS NULL OR sp.grade = @Grade) " +
            "AND (@Status IS NULL OR p.status = @Status) " +
            $"AND (@Exact IS NULL OR p.identifier = @Exact OR p.sourced_id = @Exact OR ({string.Join(" AND ", Enumerable.Range(0, MaxWords).Select(NameMatches))})) " +
            "AND (@After IS NULL OR p.id > @After) ORDER BY p.id");

        public static IEnumerable<string> Statements(SqlDialect dialect) => [Select(dialect, StudentAccess.VisibleSql(Caller.Anonymous).Sql)];

        public async ValueTask<StudentPage> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (visible, parameters) = StudentAccess.VisibleSql(query.Caller);
            var search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim();
            parameters.AddDynamicParams(new
            {
                query.SchoolId,
                query.Grade,
                Status = query.Status is null ? null : DbEnum.ToText(query.Status.Value),
                Exact = search,
                query.After,
                Take = query.Take + 1,
            });
            var words = search?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            for (var i = 0; i < MaxWords; i++)
            {
                // Past the last slot, the rest of the search is one more word-run (it narrows; it never widens).
                var word = i < MaxWords - 1 || words.Length <= MaxWords ? words.ElementAtOrDefault(i) : string.Join(' ', words[i..]);
                parameters.Add($"Word{i}", word is null ? null : "%" + Like.Escape(word) + "%");
            }

            var rows = (await connection.QueryAsync<StudentRecord>(new CommandDefinition(Select(db.Dialect, visible), parameters, cancellationToken: cancellationToken))).ToList();
            var page = rows.Take(query.Take).ToList();
            return new StudentPage
            {
                Items = page.Select(r => r.ToContract(StudentAccess.CanSeeSubgroups(query.Caller, r))).ToList(),
                NextCursor = rows.Count > query.Take ? Paging.Encode(page[^1].Id.ToString("D")) : null,
            };
        }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/", async Task<Answer<Ok<StudentPage>, Fails.Invalid, Fails.Forbidden>> (Guid? schoolId, int? grade, string? status, string? q, int? limit, string? cursor, Caller caller, IMediator mediator, CancellationToken ct) =>
            {
                var errors = Paging.Check(limit, cursor, key => Guid.TryParse(key, out _), out var take, out var after);
                QueryEnums.TryParse<PersonStatus>(status, "status", errors, out var statusValue);
                if (grade is < 6 or > 13)
                {
                    errors["grade"] = ["grade must be between 6 and 13."];
                }

                if (q is { Length: > 200 })
                {
                    errors["q"] = ["q must be at most 200 characters."];
                }

                if (errors.Count > 0)
                {
                    return Error.Invalid(errors);
                }

                if (!caller.Has(Permission.PeopleRead) && caller.UserId is null)
                {
                    return Error.Forbidden("This API key cannot read people.");
                }

                var query = new Query(caller, schoolId, grade, statusValue, q, take, after is null ? null : Guid.Parse(after));
                return TypedResults.Ok(await mediator.Send(query, ct));
            })
            .WithQueryEnum<PersonStatus>("status")
            .WithName("listStudents")
            .WithSummary("List students")
            .WithDescription("Staff see the students of their schools, districts or region; a student sees themself; a guardian sees their children.");
}
