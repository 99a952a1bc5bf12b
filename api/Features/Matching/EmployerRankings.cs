using Dapper;
using FluentValidation;
using System.Security.Cryptography;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Matching;
using LaunchPath.Contracts.Organizations;
using Mediator;

namespace LaunchPath.Api.Features.Matching;

/// <summary>
/// GET /api/v1/match-rounds/{id}/opportunities/{opportunityId}/applicants and PUT .../ranking — the employer (or the
/// round's manager) sees who ranked the opportunity and may rank them or mark some unacceptable, by applicant id (a
/// pseudonym per round, opportunity and student). Employers — an outside party under FERPA, signed in or through an API
/// key — see the student id, name, grade, school, interests and skills only of students who consented to share their
/// profile; others appear as "Applicant n" with their choice rank alone. Every disclosure is recorded (34 CFR 99.32).
/// </summary>
public static class EmployerRankings
{
    public sealed record Applicants(Caller Caller, Guid RoundId, Guid OpportunityId) : IRequest<Result<List<RoundApplicant>>>;

    public sealed record Rank(Caller Caller, Guid RoundId, Guid OpportunityId, EmployerRankingRequest Body) : IRequest<Result<List<RoundApplicant>>>;

    public sealed class Validator : AbstractValidator<EmployerRankingRequest>
    {
        public Validator()
        {
            RuleForEach(r => r.Ranked).NotEmpty().MustBeId().WithMessage("'{PropertyName}' must be an applicant id from the applicants list.");
            RuleForEach(r => r.Unacceptable).NotEmpty().MustBeId().WithMessage("'{PropertyName}' must be an applicant id from the applicants list.");
            RuleFor(r => r).Must(r => !r.Ranked.Intersect(r.Unacceptable).Any()).WithName("unacceptable").WithMessage("A student cannot be both ranked and unacceptable.");
            RuleFor(r => r.Ranked).Must(ids => ids.Distinct().Count() == ids.Count).WithMessage("Rank each student once.");
        }
    }

    private const string SelectApplicants =
        "SELECT c.student_id, c.rank AS choice_rank, p.given_name, p.preferred_name, p.family_name, p.user_id AS student_user_id, " +
        "p.school_id, s.region_id AS school_region_id, s.district_id AS school_district_id, s.name AS school_name, sp.grade, sp.career_interests, sp.skills, " +
        "sp.share_with_employers, r.rank AS employer_rank, r.unacceptable FROM match_round_choices c " +
        "JOIN people p ON p.id = c.student_id JOIN student_profiles sp ON sp.person_id = p.id JOIN organizations s ON s.id = p.school_id " +
        "LEFT JOIN match_round_rankings r ON r.round_id = c.round_id AND r.opportunity_id = c.opportunity_id AND r.student_id = c.student_id " +
        "WHERE c.round_id = @RoundId AND c.opportunity_id = @OpportunityId ORDER BY c.student_id";

    private const string InRound = "SELECT COUNT(*) FROM match_round_opportunities WHERE round_id = @RoundId AND opportunity_id = @OpportunityId";

    private const string DeleteRanking = "DELETE FROM match_round_rankings WHERE round_id = @RoundId AND opportunity_id = @OpportunityId";

    private const string InsertRanking =
        "INSERT INTO match_round_rankings (round_id, opportunity_id, student_id, rank, unacceptable) VALUES (@RoundId, @OpportunityId, @StudentId, @Rank, @Unacceptable)";

    public sealed class Handler(Db db, TimeProvider clock, SigningKey signingKey) : IRequestHandler<Applicants, Result<List<RoundApplicant>>>, IRequestHandler<Rank, Result<List<RoundApplicant>>>, ISqlSource
    {
        public static IEnumerable<string> Statements(SqlDialect dialect) => [SelectApplicants, InRound, DeleteRanking, InsertRanking, .. Disclosures.Statements, .. MatchRoundRecord.Statements];

        private readonly byte[] _pseudonymKey = HMACSHA256.HashData(signingKey.Key.Key, "launchpath applicant id v1"u8);

        /// <summary>The applicant id of a student in a round and opportunity: keyed, so it cannot be computed or reversed outside the server.</summary>
        private Guid ApplicantId(Guid roundId, Guid opportunityId, Guid studentId)
        {
            Span<byte> input = stackalloc byte[48];
            roundId.TryWriteBytes(input[..16]);
            opportunityId.TryWriteBytes(input[16..32]);
            studentId.TryWriteBytes(input[32..]);
            Span<byte> hash = stackalloc byte[32];
            HMACSHA256.HashData(_pseudonymKey, input, hash);
            return new Guid(hash[..16]);
        }

        public async ValueTask<Result<List<RoundApplicant>>> Handle(Applicants query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var access = await CheckAsync(connection, query.Caller, query.RoundId, query.OpportunityId, cancellationToken);
            return access.Error ?? (Result<List<RoundApplicant>>)await ListAsync(connection, query.Caller, query.RoundId, query.OpportunityId, access.EmployerId, cancellationToken);
        }

        public async ValueTask<Result<List<RoundApplicant>>> Handle(Rank command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var access = await CheckAsync(connection, command.Caller, command.RoundId, command.OpportunityId, cancellationToken);
            if (access.Error is not null)
            {
                return access.Error;
            }

            if (MatchRoundRecord.CheckOpen(access.Round!) is { } closed)
            {
                return closed;
            }

            var applicants = (await connection.QueryAsync<ApplicantRow>(new CommandDefinition(SelectApplicants,
                new { command.RoundId, command.OpportunityId }, cancellationToken: cancellationToken)))
                .ToDictionary(a => ApplicantId(command.RoundId, command.OpportunityId, a.StudentId), a => a.StudentId);
            var named = command.Body.Ranked.Concat(command.Body.Unacceptable).Select(Guid.Parse).ToList();
            var strangers = named.Where(id => !applicants.ContainsKey(id)).ToList();
            if (strangers.Count > 0)
            {
                return Error.Unprocessable("Only applicants of this opportunity in this round can be ranked; these applicant ids are not: " +
                                           string.Join(", ", strangers.Take(10)) + ".");
            }

            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                await connection.ExecuteAsync(new CommandDefinition(DeleteRanking, new { command.RoundId, command.OpportunityId }, transaction, cancellationToken: cancellationToken));
                for (var i = 0; i < command.Body.Ranked.Count; i++)
                {
                    await connection.ExecuteAsync(new CommandDefinition(InsertRanking, new
                    {
                        command.RoundId, command.OpportunityId, StudentId = applicants[Guid.Parse(command.Body.Ranked[i])], Rank = (int?)(i + 1), Unacceptable = false,
                    }, transaction, cancellationToken: cancellationToken));
                }

                foreach (var id in command.Body.Unacceptable)
                {
                    await connection.ExecuteAsync(new CommandDefinition(InsertRanking, new
                    {
                        command.RoundId, command.OpportunityId, StudentId = applicants[Guid.Parse(id)], Rank = (int?)null, Unacceptable = true,
                    }, transaction, cancellationToken: cancellationToken));
                }

                await transaction.CommitAsync(cancellationToken);
            }

            return await ListAsync(connection, command.Caller, command.RoundId, command.OpportunityId, access.EmployerId, cancellationToken);
        }

        /// <summary>The employer's writers or the round's manager; the opportunity must be in the round.</summary>
        private static async Task<(MatchRoundRecord? Round, Guid EmployerId, Error? Error)> CheckAsync(System.Data.Common.DbConnection connection, Caller caller, Guid roundId, Guid opportunityId, CancellationToken cancellationToken)
        {
            var (round, org, error) = await MatchRoundRecord.LoadAsync(connection, caller, roundId, cancellationToken);
            if (error is not null)
            {
                return (null, Guid.Empty, error);
            }

            var opportunity = await OpportunityQueries.FindVisibleAsync(connection, Caller.System, opportunityId, cancellationToken);
            var inRound = opportunity is not null && await connection.ExecuteScalarAsync<int>(new CommandDefinition(InRound,
                new { RoundId = roundId, OpportunityId = opportunityId }, cancellationToken: cancellationToken)) > 0;
            if (!inRound)
            {
                return (null, Guid.Empty, Error.NotFound($"Opportunity {opportunityId} in this round"));
            }

            var employer = (await Authorize.FindOrgAsync(connection, opportunity!.EmployerId, cancellationToken))!;
            if (!OpportunityAccess.CanWrite(caller, employer.Ref) && MatchRoundRecord.CheckManager(caller, org!) is not null)
            {
                return (null, Guid.Empty, Error.Forbidden("Only the employer's staff (or the round's manager) see and rank applicants."));
            }

            return (round, employer.Ref.Id, null);
        }

        private async Task<List<RoundApplicant>> ListAsync(System.Data.Common.DbConnection connection, Caller caller, Guid roundId, Guid opportunityId, Guid employerId, CancellationToken cancellationToken)
        {
            var rows = (await connection.QueryAsync<ApplicantRow>(new CommandDefinition(SelectApplicants, new { RoundId = roundId, OpportunityId = opportunityId }, cancellationToken: cancellationToken))).ToList();
            var result = new List<RoundApplicant>();
            var disclosures = new List<Disclosures.Disclosure>();
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                // Employer staff and keys are outside parties: who the applicant is only with consent, and each disclosure recorded.
                var school = new OrgRef(row.SchoolId, OrganizationType.School, row.SchoolRegionId, row.SchoolDistrictId);
                var outsideParty = Disclosures.IsOutsideParty(caller, employerId, school, row.StudentUserId);
                var shown = !outsideParty || row.ShareWithEmployers;
                if (outsideParty && shown)
                {
                    disclosures.Add(new Disclosures.Disclosure(row.StudentId, employerId, "name, grade, school, career interests, skills",
                        "consent: the student shares the profile with employers", $"match round {roundId}, opportunity {opportunityId}"));
                }

                result.Add(new RoundApplicant
                {
                    ApplicantId = ApplicantId(roundId, opportunityId, row.StudentId).ToString("D"),
                    StudentId = shown ? row.StudentId.ToString("D") : null,
                    DisplayName = shown ? $"{row.PreferredName ?? row.GivenName} {row.FamilyName}" : $"Applicant {i + 1}",
                    ProfileShared = row.ShareWithEmployers,
                    Grade = shown ? row.Grade : null,
                    SchoolName = shown ? row.SchoolName : null,
                    Interests = shown ? DbJson.Read<List<string>>(row.CareerInterests, []) : [],
                    Skills = shown ? DbJson.Read<List<string>>(row.Skills, []) : [],
                    ChoiceRank = row.ChoiceRank,
                    EmployerRank = row.EmployerRank,
                    Unacceptable = row.Unacceptable,
                });
            }

            await Disclosures.RecordAsync(connection, caller, disclosures, clock.GetUtcNow(), cancellationToken);
            return result;
        }
    }

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/{id:guid}/opportunities/{opportunityId:guid}/applicants", async (Guid id, Guid opportunityId, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Applicants(caller, id, opportunityId), ct)).Match(list => TypedResults.Ok(list)))
            .WithName("listRoundApplicants")
            .WithSummary("Students who ranked an opportunity in a round (what the employer may see)")
            .Produces<List<RoundApplicant>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id:guid}/opportunities/{opportunityId:guid}/ranking", async (Guid id, Guid opportunityId, EmployerRankingRequest body, Caller caller, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new Rank(caller, id, opportunityId, body), ct)).Match(list => TypedResults.Ok(list)))
            .Validate<EmployerRankingRequest>()
            .WithName("rankApplicants")
            .WithSummary("The employer's ranking of applicants (and those it will not take)")
            .Produces<List<RoundApplicant>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private sealed class ApplicantRow
    {
        public Guid StudentId { get; set; }
        public Guid? StudentUserId { get; set; }
        public Guid SchoolId { get; set; }
        public Guid SchoolRegionId { get; set; }
        public Guid? SchoolDistrictId { get; set; }
        public int ChoiceRank { get; set; }
        public string GivenName { get; set; } = "";
        public string? PreferredName { get; set; }
        public string FamilyName { get; set; } = "";
        public string SchoolName { get; set; } = "";
        public int? Grade { get; set; }
        public string CareerInterests { get; set; } = "[]";
        public string Skills { get; set; } = "[]";
        public bool ShareWithEmployers { get; set; }
        public int? EmployerRank { get; set; }
        public bool Unacceptable { get; set; }
    }
}
