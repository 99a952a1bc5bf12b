using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Matching;
using Mediator;

namespace LaunchPath.Api.Features.Matching.Rounds;

/// <summary>
/// GET /api/v1/match-rounds/{id}/unmatched — once a round is published, the students who ranked choices in it and got
/// none: the follow-up list for their school's coordinator (each sees only the students they may see).
/// </summary>
public static class ListUnmatched
{
    public sealed record Query(Caller Caller, Guid Id) : IRequest<Result<List<UnmatchedStudent>>>;

    private static string Select(string visible) =>
        "SELECT p.id, p.given_name, p.preferred_name, p.family_name, sch.name AS school_name, sp.grade FROM match_round_choice_lists cl " +
        "JOIN people p ON p.id = cl.student_id JOIN student_profiles sp ON sp.person_id = p.id JOIN organizations sch ON sch.id = p.school_id " +
        $"WHERE cl.round_id = @RoundId AND p.status = 'active' AND {visible} " +
        "AND NOT EXISTS (SELECT 1 FROM placements pl WHERE pl.match_round_id = @RoundId AND pl.student_id = p.id) " +
        "ORDER BY sch.name, p.family_name, p.given_name, p.id";

    public sealed class Handler(Db db) : IRequestHandler<Query, Result<List<UnmatchedStudent>>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [Select(StudentAccess.VisibleSql(Caller.Anonymous).Sql), .. MatchRoundRecord.Statements];

        public async ValueTask<Result<List<UnmatchedStudent>>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (round, _, error) = await MatchRoundRecord.LoadAsync(connection, query.Caller, query.Id, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            if (!query.Caller.IsPlatformAdmin && !query.Caller.GrantsWith(Permission.PeopleRead).Any())
            {
                return Error.Forbidden("The follow-up list is for school, district and convener staff.");
            }

            if (round!.RoundStatus != MatchRoundStatus.Published)
            {
                return Error.Conflict("Who was not matched is known once the round is published.");
            }

            var (visible, parameters) = StudentAccess.VisibleSql(query.Caller);
            parameters.Add("RoundId", round.Id);
            var rows = await connection.QueryAsync<Row>(new CommandDefinition(Select(visible), parameters, cancellationToken: cancellationToken));
            return rows.Select(r => new UnmatchedStudent
            {
                StudentId = r.Id.ToString("D"),
                Name = PersonNames.Full(r.GivenName, r.PreferredName, r.FamilyName),
                SchoolName = r.SchoolName,
                Grade = r.Grade,
            }).ToList();
        }
    }

    private sealed class Row
    {
        public Guid Id { get; set; }
        public string GivenName { get; set; } = "";
        public string? PreferredName { get; set; }
        public string FamilyName { get; set; } = "";
        public string SchoolName { get; set; } = "";
        public int? Grade { get; set; }
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/{id:guid}/unmatched", async Task<Answer<Ok<List<UnmatchedStudent>>, Fails.NotFound, Fails.Forbidden, Fails.Conflict>> (Guid id, Caller caller, IMediator mediator,
                CancellationToken ct) =>
                (await mediator.Send(new Query(caller, id), ct)).Match(list => TypedResults.Ok(list)))
            .WithName("listUnmatched")
            .WithSummary("Students a published round did not match, to follow up")
            .WithDescription("Only the students the caller may see (a school's coordinator: their school's). 409 until the round is published.");
}
