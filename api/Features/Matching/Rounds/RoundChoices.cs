using Dapper;
using FluentValidation;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Matching;
using LaunchPath.Contracts.Matching;
using LaunchPath.Contracts.Organizations;
using Mediator;

namespace LaunchPath.Api.Features.Matching.Rounds;

/// <summary>A student's ranked choices in a round, read as the wire shows them.</summary>
internal static class RoundChoices
{
    private const string SelectChoices = "SELECT opportunity_id FROM match_round_choices WHERE round_id = @RoundId AND student_id = @StudentId ORDER BY rank";

    public static IEnumerable<string> Statements => [SelectChoices];

    public static async Task<StudentChoices> ReadAsync(System.Data.Common.DbConnection connection, Guid roundId, Guid studentId, CancellationToken cancellationToken)
    {
        var ids = await connection.QueryAsync<Guid>(new CommandDefinition(SelectChoices, new { RoundId = roundId, StudentId = studentId }, cancellationToken: cancellationToken));
        return new StudentChoices { RoundId = roundId.ToString("D"), StudentId = studentId.ToString("D"), OpportunityIds = ids.Select(i => i.ToString("D")).ToList() };
    }
}
