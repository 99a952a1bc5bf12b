using Dapper;
using LaunchPath.Api.Features.Opportunities;
using LaunchPath.Api.Features.Organizations;
using LaunchPath.Api.Features.People;
using LaunchPath.Api.Features.Roster;
using LaunchPath.Api.Features.Users;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.Organizations;
using LaunchPath.Contracts.People;
using LaunchPath.Contracts.Roster;
using Mediator;

namespace LaunchPath.Api.Demo;

/// <summary>Demo placements at every stage, with hours, evaluations and reflections.</summary>
public sealed partial class DemoSeeder
{
    private static async Task SeedPlacementsAsync(IServiceProvider services, DemoScale scale, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<Db>();
        var clock = services.GetRequiredService<TimeProvider>();
        var random = new Random(11);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await using var connection = await db.OpenAsync(cancellationToken);
        var students = (await connection.QueryAsync<DemoStudent>(
            "SELECT p.id, p.school_id, p.district_id, p.region_id, sp.grade FROM people p JOIN student_profiles sp ON sp.person_id = p.id " +
            "WHERE p.kind = 'student' ORDER BY p.sourced_id")).ToList();
        var opportunities = (await connection.QueryAsync<DemoOpportunity>(
            "SELECT id, employer_id, stage, type, career_cluster, seats, min_grade FROM opportunities WHERE status = 'published' AND audience = 'region' ORDER BY id")).ToList();
        var rubric = LaunchPath.Api.Domain.Rubrics.Default;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        using var insertPlacement = new PreparedCommand(connection, transaction, db.Dialect,
            "INSERT INTO placements (id, student_id, opportunity_id, employer_id, school_id, district_id, region_id, status, source, stage, stage_order, career_cluster, " +
            "expires_on, completed_at, credit_earned, version, created_at, updated_at) VALUES (@id, @student, @opportunity, @employer, @school, @district, @region, @status, " +
            "@source, @stage, @stageOrder, @cluster, @expires, @completed, @credit, 1, @created, @created)",
            "id", "student", "opportunity", "employer", "school", "district", "region", "status", "source", "stage", "stageOrder", "cluster", "expires", "completed", "credit", "created");
        using var insertHours = new PreparedCommand(connection, transaction, db.Dialect,
            "INSERT INTO hours_entries (id, placement_id, student_id, work_date, start_time, minutes, activity, status, decided_by_name, decided_at, version, created_at, updated_at) " +
            "VALUES (@id, @placement, @student, @date, '15:30', @minutes, @activity, @status, @decider, @decided, 1, @created, @created)",
            "id", "placement", "student", "date", "minutes", "activity", "status", "decider", "decided", "created");
        using var insertEvaluation = new PreparedCommand(connection, transaction, db.Dialect,
            "INSERT INTO evaluations (id, placement_id, kind, rubric_name, ratings, average_level, evaluator_name, submitted_at) " +
            "VALUES (@id, @placement, @kind, @rubric, @ratings, @average, 'Sam Supervisor (demo)', @at)",
            "id", "placement", "kind", "rubric", "ratings", "average", "at");
        var taken = new Dictionary<Guid, int>();
        var used = new HashSet<(Guid, Guid)>();
        var placed = 0;
        foreach (var student in students.OrderBy(_ => random.Next()))
        {
            if (placed >= scale.Placements)
            {
                break;
            }

            var opportunity = opportunities[random.Next(opportunities.Count)];
            if (student.Grade < (opportunity.MinGrade ?? 0) || taken.GetValueOrDefault(opportunity.Id) >= opportunity.Seats || !used.Add((student.Id, opportunity.Id)))
            {
                continue;
            }

            var roll = random.NextDouble();
            var status = roll < 0.4 ? "completed" : roll < 0.6 ? "active" : roll < 0.75 ? "approved" : roll < 0.9 ? "requested" : "withdrawn";
            if (status is "completed" or "active" or "approved")
            {
                taken[opportunity.Id] = taken.GetValueOrDefault(opportunity.Id) + 1;
            }

            var id = Guid.CreateVersion7();
            var created = now.AddDays(-random.Next(30, 120));
            insertPlacement.Run(id, student.Id, opportunity.Id, opportunity.EmployerId, student.SchoolId, student.DistrictId, student.RegionId, status,
                random.Next(3) == 0 ? "assignment" : "application", opportunity.Stage, (int)DbEnum.Parse<ContinuumStage>(opportunity.Stage), opportunity.CareerCluster,
                status is "approved" or "active" or "completed" ? today.AddDays(30) : (DateOnly?)null,
                status == "completed" ? now.AddDays(-random.Next(1, 25)) : (DateTimeOffset?)null,
                status == "completed" && random.Next(2) == 0 ? "WBL hours toward the pathway" : null, created);
            placed++;

            if (status is "completed" or "active")
            {
                for (var d = 0; d < 3 + random.Next(6); d++)
                {
                    var decided = status == "completed" || d < 2;
                    insertHours.Run(Guid.CreateVersion7(), id, student.Id, DateOnly.FromDateTime(created.AddDays(7 + 3 * d).UtcDateTime), 60 + 30 * random.Next(4),
                        "Worked alongside staff on the week's tasks", decided ? "approved" : "submitted", decided ? "Sam Supervisor (demo)" : null,
                        decided ? created.AddDays(8 + 3 * d) : (DateTimeOffset?)null, created.AddDays(7 + 3 * d));
                }
            }

            if (status == "completed")
            {
                var midpoint = rubric.Criteria.Select(c => new LaunchPath.Contracts.Placements.CriterionRating { CriterionId = c.Id, Level = 2 + random.Next(2) }).ToList();
                var final = midpoint.Select(r => r with { Level = Math.Min(4, r.Level!.Value + random.Next(2)) }).ToList();
                insertEvaluation.Run(Guid.CreateVersion7(), id, "midpoint", rubric.Name, DbJson.Write(midpoint), Math.Round(midpoint.Average(r => r.Level!.Value), 2), created.AddDays(20));
                insertEvaluation.Run(Guid.CreateVersion7(), id, "final", rubric.Name, DbJson.Write(final), Math.Round(final.Average(r => r.Level!.Value), 2), created.AddDays(40));
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
