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

namespace LaunchPath.Api.Features.Matching.Rounds;

/// <summary>
/// A round's applicants to one opportunity as its employer may see them: a pseudonymous applicant id (stable within the
/// round and opportunity, keyed on the server), and who the student is only with their consent, each disclosure logged.
/// Listing and ranking share who may see them and the pseudonym.
/// </summary>
internal static class RoundApplicants
{
    internal const string SelectApplicants =
        "SELECT c.student_id, c.rank AS choice_rank, p.given_name, p.preferred_name, p.family_name, p.user_id AS student_user_id, " +
        "p.school_id, s.region_id AS school_region_id, s.district_id AS school_district_id, s.name AS school_name, sp.grade, sp.career_interests, sp.skills, " +
        "sp.share_with_employers, r.rank AS employer_rank, r.unacceptable FROM match_round_choices c " +
        "JOIN people p ON p.id = c.student_id JOIN student_profiles sp ON sp.person_id = p.id JOIN organizations s ON s.id = p.school_id " +
        "LEFT JOIN match_round_rankings r ON r.round_id = c.round_id AND r.opportunity_id = c.opportunity_id AND r.student_id = c.student_id " +
        "WHERE c.round_id = @RoundId AND c.opportunity_id = @OpportunityId ORDER BY c.student_id";

    private const string InRound = "SELECT COUNT(*) FROM match_round_opportunities WHERE round_id = @RoundId AND opportunity_id = @OpportunityId";

    public static IEnumerable<string> Statements => [SelectApplicants, InRound, .. Disclosures.Statements, .. MatchRoundRecord.Statements, .. OpportunityQueries.Statements];

    /// <summary>The key applicant ids are derived with (never leaves the server, does not rotate).</summary>
    public static byte[] PseudonymKey(SigningKeys keys) => keys.PseudonymSecret;

    /// <summary>The applicant id of a student in a round and opportunity: keyed, so it cannot be computed or reversed outside the server.</summary>
    public static Guid ApplicantId(byte[] key, Guid roundId, Guid opportunityId, Guid studentId)
    {
        Span<byte> input = stackalloc byte[48];
        roundId.TryWriteBytes(input[..16]);
        opportunityId.TryWriteBytes(input[16..32]);
        studentId.TryWriteBytes(input[32..]);
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(key, input, hash);
        return new Guid(hash[..16]);
    }

    public static async Task<(MatchRoundRecord? Round, Guid EmployerId, Error? Error)> CheckAsync(System.Data.Common.DbConnection connection, Caller caller, Guid roundId, Guid opportunityId, CancellationToken cancellationToken)
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

    public static async Task<List<RoundApplicant>> ListAsync(System.Data.Common.DbConnection connection, Caller caller, Guid roundId, Guid opportunityId, Guid employerId, byte[] key,
        DateTimeOffset now, CancellationToken cancellationToken)
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
                ApplicantId = ApplicantId(key, roundId, opportunityId, row.StudentId).ToString("D"),
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

        await Disclosures.RecordAsync(connection, caller, disclosures, now, cancellationToken);
        return result;
    }

    internal sealed class ApplicantRow
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
