using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Events;
using LaunchPath.Contracts.Identity;
using LaunchPath.Contracts.Organizations;

namespace LaunchPath.Api.Features.Events;

/// <summary>
/// A teacher's request for an industry professional, as stored, and who sees it: the school's staff (and district and
/// convener staff above it) see it with every offer and may accept one; an employer's staff in the region see it on
/// their request board with their own employer's offers only. No student is named in a request.
/// </summary>
internal sealed class ClassroomRequestRecord
{
    public const string Columns =
        "cr.id, cr.region_id, cr.school_id, s.name AS school_name, s.district_id, cl.title AS class_title, cr.class_id, u.display_name AS requested_by, cr.topic, " +
        "cr.career_cluster, cr.grade, cr.students, cr.preferred_times, cr.modality, cr.unit_connection, cr.status, cr.session_id, cr.created_at";

    public const string From =
        "classroom_requests cr JOIN organizations s ON s.id = cr.school_id JOIN users u ON u.id = cr.requested_by LEFT JOIN classes cl ON cl.id = cr.class_id";

    private const string SelectOne = $"SELECT {Columns} FROM {From} WHERE cr.id = @Id";

    private const string SelectOffers =
        "SELECT o.id, o.request_id, o.employer_id, o.volunteer_id, vu.display_name AS volunteer_name, e.name AS employer_name, o.starts_at, o.ends_at, o.location, " +
        "o.virtual_url, o.note, o.status FROM classroom_request_offers o JOIN users vu ON vu.id = o.volunteer_id JOIN organizations e ON e.id = o.employer_id " +
        "WHERE o.request_id IN (SELECT value FROM json_each(@Ids)) ORDER BY o.starts_at, o.id";

    private const string SelectClusters = "SELECT clusters FROM volunteers WHERE user_id = @UserId AND active = 1";

    public static IEnumerable<string> Statements => [SelectOne, SelectOffers, SelectClusters];

    public Guid Id { get; set; }
    public Guid RegionId { get; set; }
    public Guid SchoolId { get; set; }
    public string SchoolName { get; set; } = "";
    public Guid? DistrictId { get; set; }
    public string? ClassTitle { get; set; }
    public Guid? ClassId { get; set; }
    public string RequestedBy { get; set; } = "";
    public string Topic { get; set; } = "";
    public string CareerCluster { get; set; } = "";
    public int? Grade { get; set; }
    public int Students { get; set; }
    public string PreferredTimes { get; set; } = "";
    public string Modality { get; set; } = "";
    public string UnitConnection { get; set; } = "";
    public string Status { get; set; } = "";
    public Guid? SessionId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public OrgRef School => new(SchoolId, OrganizationType.School, RegionId, DistrictId);

    /// <summary>The school's staff, and district or convener staff above it (those who read its people).</summary>
    public static bool SchoolSide(Caller caller, OrgRef school) => caller.PermissionsAt(school).Contains(Permission.PeopleRead);

    /// <summary>The employers of this region the caller belongs to (whose request board it is).</summary>
    public static List<Guid> EmployersIn(Caller caller, Guid regionId) =>
        caller.Grants.Where(g => g.Organization.Type == OrganizationType.Employer && g.Organization.RegionId == regionId).Select(g => g.Organization.Id).Distinct().ToList();

    public static async Task<ClassroomRequestRecord?> FindAsync(DbConnection connection, Guid id, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<ClassroomRequestRecord>(new CommandDefinition(SelectOne, new { Id = id }, cancellationToken: cancellationToken));

    /// <summary>Whether the caller sees the request at all: the school side, or an employer of its region.</summary>
    public bool VisibleTo(Caller caller) => caller.IsPlatformAdmin || SchoolSide(caller, School) || EmployersIn(caller, RegionId).Count > 0;

    /// <summary>The requests as the caller sees them: offers filtered to the caller's employers unless they are on the school side.</summary>
    public static async Task<List<ClassroomRequest>> ToContractsAsync(DbConnection connection, Caller caller, IReadOnlyList<ClassroomRequestRecord> rows, CancellationToken cancellationToken)
    {
        var offers = rows.Count == 0
            ? []
            : (await connection.QueryAsync<OfferRow>(new CommandDefinition(SelectOffers, new { Ids = DbIds.Of(rows.Select(r => r.Id)) }, cancellationToken: cancellationToken))).ToList();
        var clusters = caller.UserId is null
            ? []
            : DbJson.Read<List<CareerCluster>>(await connection.ExecuteScalarAsync<string?>(new CommandDefinition(SelectClusters, new { caller.UserId }, cancellationToken: cancellationToken)), []);
        return rows.Select(row =>
        {
            var schoolSide = caller.IsPlatformAdmin || SchoolSide(caller, row.School);
            var mine = EmployersIn(caller, row.RegionId).ToHashSet();
            var cluster = DbEnum.Parse<CareerCluster>(row.CareerCluster);
            return new ClassroomRequest
            {
                Id = row.Id.ToString("D"),
                SchoolId = row.SchoolId.ToString("D"),
                SchoolName = row.SchoolName,
                ClassTitle = row.ClassTitle,
                RequestedBy = row.RequestedBy,
                Topic = row.Topic,
                CareerCluster = cluster,
                Grade = row.Grade,
                Students = row.Students,
                PreferredTimes = row.PreferredTimes,
                Modality = DbEnum.Parse<RequestModality>(row.Modality),
                UnitConnection = row.UnitConnection,
                Status = DbEnum.Parse<ClassroomRequestStatus>(row.Status),
                SessionId = row.SessionId?.ToString("D"),
                CreatedAt = row.CreatedAt,
                Offers = offers.Where(o => o.RequestId == row.Id && (schoolSide || mine.Contains(o.EmployerId))).Select(o => new ClassroomOffer
                {
                    Id = o.Id.ToString("D"),
                    VolunteerName = o.VolunteerName,
                    EmployerName = o.EmployerName,
                    StartsAt = o.StartsAt,
                    EndsAt = o.EndsAt,
                    Location = o.Location,
                    VirtualUrl = o.VirtualUrl,
                    Note = o.Note,
                    Status = DbEnum.Parse<OfferStatus>(o.Status),
                }).ToList(),
                MatchesMe = clusters.Contains(cluster),
                CanAccept = schoolSide && row.Status == "open",
            };
        }).ToList();
    }

    private sealed class OfferRow
    {
        public Guid Id { get; set; }
        public Guid RequestId { get; set; }
        public Guid EmployerId { get; set; }
        public Guid VolunteerId { get; set; }
        public string VolunteerName { get; set; } = "";
        public string EmployerName { get; set; } = "";
        public DateTimeOffset StartsAt { get; set; }
        public DateTimeOffset EndsAt { get; set; }
        public string? Location { get; set; }
        public string? VirtualUrl { get; set; }
        public string? Note { get; set; }
        public string Status { get; set; } = "";
    }
}
