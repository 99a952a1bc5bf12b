using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Matching;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Matching;
using Mediator;

namespace LaunchPath.Api.Features.Matching;

/// <summary>
/// GET /api/v1/students/{id}/recommendations — published opportunities the student is eligible for, best first, each
/// with its reasons and their weights. GET /api/v1/opportunities/{id}/candidates — the inverse, for coordinators: the
/// best-fit eligible students in the opportunity's audience that the caller may see.
/// </summary>
public static class Recommendations
{
    public sealed record ForStudent(Caller Caller, Guid StudentId, int Limit) : IRequest<Result<List<RecommendedOpportunity>>>;

    public sealed record ForOpportunity(Caller Caller, Guid OpportunityId, int Limit) : IRequest<Result<List<RecommendedStudent>>>;

    private static string SelectCandidates(string visible) =>
        $"SELECT {StudentRecord.Columns} FROM {StudentRecord.From} WHERE p.kind = 'student' AND p.status = 'active' AND p.region_id = @RegionId AND {visible} " +
        "AND (@Audience = 'region' OR p.school_id IN @AudienceIds OR p.district_id IN @AudienceIds)";

    public sealed class Handler(Db db, TimeProvider clock) : IRequestHandler<ForStudent, Result<List<RecommendedOpportunity>>>,
        IRequestHandler<ForOpportunity, Result<List<RecommendedStudent>>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) =>
            [SelectCandidates(StudentAccess.VisibleSql(Caller.Anonymous).Sql), .. MatchingFacts.Statements, .. StudentAccess.Statements, .. OpportunityQueries.Statements];

        public async ValueTask<Result<List<RecommendedOpportunity>>> Handle(ForStudent query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var student = await StudentAccess.FindVisibleAsync(connection, query.Caller, query.StudentId, cancellationToken);
            if (student is null)
            {
                return Error.NotFound($"Student {query.StudentId}");
            }

            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var facts = (await MatchingFacts.StudentsAsync(connection, [student], today, cancellationToken))[student.Id];
            var rows = (await connection.QueryAsync<OpportunityRecord>(new CommandDefinition(MatchingFacts.SelectForStudent,
                new { student.RegionId, student.SchoolId, student.DistrictId }, cancellationToken: cancellationToken))).ToList();
            var audiences = await OpportunityRecord.AudiencesAsync(connection, rows.Select(r => r.Id).ToList(), null, cancellationToken);
            var opportunities = rows.Select(r => r.ToContract(audiences[r.Id], query.Caller)).ToList();
            var left = await MatchingFacts.SeatsLeftAsync(connection, rows.Select(r => (r.Id, r.Seats)).ToList(), cancellationToken);
            var seatsLeft = rows.Select(r => left[r.Id]).ToList();
            var settings = await MatchingFacts.SettingsAsync(connection, student.RegionId, cancellationToken);

            var ranked = Recommender.Rank(facts, opportunities.Select((o, i) => MatchingFacts.Opportunity(o, seatsLeft[i])).ToList(),
                settings.Weights, today, query.Limit);
            return ranked.Select(r => new RecommendedOpportunity
            {
                Opportunity = opportunities[r.Index],
                Score = Math.Round(r.Score, 2),
                SeatsLeft = seatsLeft[r.Index],
                Reasons = r.Reasons.Select(MatchingFacts.ToContract).ToList(),
            }).ToList();
        }

        public async ValueTask<Result<List<RecommendedStudent>>> Handle(ForOpportunity query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var row = await OpportunityQueries.FindVisibleAsync(connection, query.Caller, query.OpportunityId, cancellationToken);
            if (row is null)
            {
                return Error.NotFound($"Opportunity {query.OpportunityId}");
            }

            if (!query.Caller.Has(Permission.PeopleRead))
            {
                return Error.Forbidden("Finding candidates needs access to student records (school and district staff, conveners).");
            }

            var opportunity = await OpportunityQueries.ToContractAsync(connection, row, query.Caller, cancellationToken);
            var (visible, parameters) = StudentAccess.VisibleSql(query.Caller);
            parameters.AddDynamicParams(new
            {
                row.RegionId,
                Audience = row.Audience,
                AudienceIds = DbIds.Of(opportunity.Fields.AudienceOrganizationIds.Select(Guid.Parse)),
            });
            var students = (await connection.QueryAsync<StudentRecord>(new CommandDefinition(SelectCandidates(visible), parameters, cancellationToken: cancellationToken))).ToList();
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var facts = await MatchingFacts.StudentsAsync(connection, students, today, cancellationToken);
            var left = await MatchingFacts.SeatsLeftAsync(connection, [(row.Id, row.Seats)], cancellationToken);
            var opportunityFacts = MatchingFacts.Opportunity(opportunity, left[row.Id]);
            var weights = (await MatchingFacts.SettingsAsync(connection, row.RegionId, cancellationToken)).Weights;

            return students
                .Where(s => Recommender.Eligible(facts[s.Id], opportunityFacts with { SeatsLeft = Math.Max(1, opportunityFacts.SeatsLeft) }, today))
                .Select(s =>
                {
                    var reasons = new List<Reason>();
                    var score = Recommender.Score(facts[s.Id], opportunityFacts, weights, reasons);
                    return (Student: s, Score: score, Reasons: reasons);
                })
                .OrderByDescending(x => x.Score).ThenBy(x => x.Student.Id)
                .Take(query.Limit)
                .Select(x => new RecommendedStudent
                {
                    StudentId = x.Student.Id.ToString("D"),
                    Name = $"{x.Student.PreferredName ?? x.Student.GivenName} {x.Student.FamilyName}",
                    SchoolName = x.Student.SchoolName,
                    Grade = x.Student.Grade,
                    Score = Math.Round(x.Score, 2),
                    Reasons = x.Reasons.Select(MatchingFacts.ToContract).ToList(),
                }).ToList();
        }
    }

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/students/{id:guid}/recommendations", async (Guid id, int? limit, Caller caller, IMediator mediator, CancellationToken ct) =>
                limit is < 1 or > 100
                    ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be between 1 and 100."] })
                    : (await mediator.Send(new ForStudent(caller, id, limit ?? 20), ct)).Match(list => TypedResults.Ok(list)))
            .WithName("getRecommendations")
            .WithSummary("Recommended opportunities for a student, with reasons")
            .WithDescription("Only published opportunities the student is eligible for (grade, age, prerequisites, seats, dates, travel reach). limit 1–100, default 20.")
            .Produces<List<RecommendedOpportunity>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/opportunities/{id:guid}/candidates", async (Guid id, int? limit, Caller caller, IMediator mediator, CancellationToken ct) =>
                limit is < 1 or > 100
                    ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be between 1 and 100."] })
                    : (await mediator.Send(new ForOpportunity(caller, id, limit ?? 20), ct)).Match(list => TypedResults.Ok(list)))
            .WithName("getCandidates")
            .WithSummary("Best-fit eligible students for an opportunity (coordinators)")
            .Produces<List<RecommendedStudent>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
