using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Contracts.Organizations;
using LaunchPath.Api.Infrastructure.Security;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Opportunities;

namespace LaunchPath.Api.Domain;

/// <summary>The opportunities row, its audience, and the one mapping to and from the wire. Shared by the area's slices.</summary>
internal sealed class OpportunityRecord
{
    public const string Columns =
        "op.id, op.employer_id, e.name AS employer_name, op.region_id, op.title, op.description, op.duties, op.type, op.stage, op.career_cluster, " +
        "op.pathway, op.skills, op.modality, op.site_name, op.address_line1, op.address_line2, op.address_city, op.address_state, " +
        "op.address_postal_code, op.address_country, op.latitude, op.longitude, op.seats, op.start_date, op.end_date, op.schedule, " +
        "op.expected_hours, op.compensation, op.hourly_wage_cents, op.stipend_cents, op.credit_offered, op.credit_description, op.min_grade, " +
        "op.min_age, op.prerequisite_stage, op.required_forms, op.hazardous, op.audience, op.status, op.rejection_reason, op.submitted_at, " +
        "op.decided_at, op.version, op.created_at, op.updated_at, op.worksite_id";

    public const string From = "opportunities op JOIN organizations e ON e.id = op.employer_id";

    /// <summary>Columns written from <see cref="OpportunityFields"/>, in insert order.</summary>
    public const string FieldColumns =
        "title, description, duties, type, stage, career_cluster, pathway, skills, modality, site_name, address_line1, address_line2, " +
        "address_city, address_state, address_postal_code, address_country, latitude, longitude, seats, start_date, end_date, schedule, " +
        "expected_hours, compensation, hourly_wage_cents, stipend_cents, credit_offered, credit_description, min_grade, min_age, " +
        "prerequisite_stage, required_forms, hazardous, audience, worksite_id";

    public static readonly string FieldParameters = string.Join(", ", FieldColumns.Split(", ").Select(c => "@" + c));

    public static readonly string FieldAssignments = string.Join(", ", FieldColumns.Split(", ").Select(c => $"{c} = @{c}"));

    private const string SelectAudience =
        "SELECT a.opportunity_id, a.organization_id, o.type, o.region_id, o.district_id FROM opportunity_audiences a JOIN organizations o ON o.id = a.organization_id " +
        "WHERE a.opportunity_id IN (SELECT value FROM json_each(@Ids))";
    private const string DeleteAudience = "DELETE FROM opportunity_audiences WHERE opportunity_id = @Id";

    private const string InsertAudience = "INSERT INTO opportunity_audiences (opportunity_id, organization_id) VALUES (@OpportunityId, @OrganizationId)";

    public static IEnumerable<string> Statements => [SelectAudience, DeleteAudience, InsertAudience];

    public Guid Id { get; set; }
    public Guid EmployerId { get; set; }
    public string EmployerName { get; set; } = "";
    public Guid RegionId { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public string? Duties { get; set; }
    public string Type { get; set; } = "";
    public string Stage { get; set; } = "";
    public string CareerCluster { get; set; } = "";
    public string? Pathway { get; set; }
    public string Skills { get; set; } = "[]";
    public string Modality { get; set; } = "";
    public string? SiteName { get; set; }
    public string? AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? AddressCity { get; set; }
    public string? AddressState { get; set; }
    public string? AddressPostalCode { get; set; }
    public string? AddressCountry { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public int Seats { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public string Schedule { get; set; } = "[]";
    public int? ExpectedHours { get; set; }
    public string Compensation { get; set; } = "";
    public int? HourlyWageCents { get; set; }
    public int? StipendCents { get; set; }
    public bool CreditOffered { get; set; }
    public string? CreditDescription { get; set; }
    public int? MinGrade { get; set; }
    public int? MinAge { get; set; }
    public string? PrerequisiteStage { get; set; }
    public string RequiredForms { get; set; } = "[]";
    public bool Hazardous { get; set; }
    public string Audience { get; set; } = "";
    public string Status { get; set; } = "";
    public string? RejectionReason { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid? WorksiteId { get; set; }

    /// <summary>The quality criteria of these fields, once worked out (the fields of a record read do not change).</summary>
    private IReadOnlyList<QualityCriterion>? _quality;

    public OpportunityStatus OpportunityStatus => DbEnum.Parse<OpportunityStatus>(Status);

    public AudienceScope AudienceScope => DbEnum.Parse<AudienceScope>(Audience);

    /// <summary>
    /// What <see cref="ToContract(IReadOnlyList{OrgRef}, Caller)"/> gives the caller, from a contract of this record already built for another caller
    /// (a region snapshot's): only the allowed actions depend on who asks, so the JSON columns are not read again.
    /// </summary>
    public Opportunity ToContract(Opportunity built, IReadOnlyList<OrgRef> audience, Caller caller) =>
        built with { AllowedActions = Allowed(audience, caller) };

    /// <summary>The opportunity as <paramref name="caller"/> sees it, with what it may do to it.</summary>
    public Opportunity ToContract(IReadOnlyList<OrgRef> audience, Caller caller)
    {
        var fields = new OpportunityFields
        {
            Title = Title,
            Description = Description,
            Duties = Duties,
            Type = DbEnum.Parse<OpportunityType>(Type),
            Stage = DbEnum.Parse<ContinuumStage>(Stage),
            CareerCluster = DbEnum.Parse<CareerCluster>(CareerCluster),
            Pathway = Pathway,
            Skills = DbJson.Read<List<string>>(Skills, []),
            Modality = DbEnum.Parse<Modality>(Modality),
            SiteName = SiteName,
            WorksiteId = WorksiteId?.ToString("D"),
            Address = AddressColumns.ToContract(AddressLine1, AddressLine2, AddressCity, AddressState, AddressPostalCode, AddressCountry),
            Location = Latitude is { } lat && Longitude is { } lon ? new GeoPoint { Latitude = lat, Longitude = lon } : null,
            Seats = Seats,
            StartDate = StartDate,
            EndDate = EndDate,
            Schedule = DbJson.Read<List<WeeklySlot>>(Schedule, []),
            ExpectedHours = ExpectedHours,
            Compensation = DbEnum.Parse<Compensation>(Compensation),
            HourlyWage = HourlyWageCents / 100m,
            StipendAmount = StipendCents / 100m,
            CreditOffered = CreditOffered,
            CreditDescription = CreditDescription,
            MinGrade = MinGrade,
            MinAge = MinAge,
            PrerequisiteStage = PrerequisiteStage is null ? null : DbEnum.Parse<ContinuumStage>(PrerequisiteStage),
            RequiredForms = DbJson.Read<List<string>>(RequiredForms, []),
            Hazardous = Hazardous,
            Audience = AudienceScope,
            AudienceOrganizationIds = audience.Select(o => o.Id.ToString("D")).Order(StringComparer.Ordinal).ToList(),
        };
        return new Opportunity
        {
            AllowedActions = Allowed(audience, caller),
            Id = Id.ToString("D"),
            EmployerId = EmployerId.ToString("D"),
            EmployerName = EmployerName,
            RegionId = RegionId.ToString("D"),
            Status = OpportunityStatus,
            RejectionReason = RejectionReason,
            SubmittedAt = SubmittedAt,
            DecidedAt = DecidedAt,
            Version = Version,
            CreatedAt = CreatedAt,
            UpdatedAt = UpdatedAt,
            Fields = fields,
            // A snapshot's records serve many requests (students' searches): their criteria are worked out once.
            Quality = _quality ??= OpportunityQuality.Of(fields),
        };
    }

    private IReadOnlyList<OpportunityAction> Allowed(IReadOnlyList<OrgRef> audience, Caller caller) =>
        OpportunityRules.Allowed(OpportunityRules.PartOf(caller, EmployerId, RegionId, AudienceScope, audience), OpportunityStatus);

    /// <summary>Parameters named after <see cref="FieldColumns"/>.</summary>
    public static DynamicParameters Parameters(OpportunityFields f)
    {
        var parameters = new DynamicParameters(AddressColumns.Parameters(f.Modality == Contracts.Opportunities.Modality.Virtual ? null : f.Address));
        parameters.AddDynamicParams(new
        {
            title = f.Title.Trim(),
            description = f.Description.Trim(),
            duties = AddressColumns.Normalize(f.Duties),
            type = DbEnum.ToText(f.Type),
            stage = DbEnum.ToText(f.Stage),
            career_cluster = DbEnum.ToText(f.CareerCluster),
            pathway = AddressColumns.Normalize(f.Pathway),
            skills = DbJson.Write(f.Skills.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList()),
            modality = DbEnum.ToText(f.Modality),
            site_name = AddressColumns.Normalize(f.SiteName),
            // Coarse location only (about 1 km): enough for travel estimates, not a precise address.
            latitude = f.Location is null ? (double?)null : Math.Round(f.Location.Latitude, 2),
            longitude = f.Location is null ? (double?)null : Math.Round(f.Location.Longitude, 2),
            seats = f.Seats,
            start_date = f.StartDate,
            end_date = f.EndDate,
            schedule = DbJson.Write(f.Schedule),
            expected_hours = f.ExpectedHours,
            compensation = DbEnum.ToText(f.Compensation),
            hourly_wage_cents = f.Compensation == Contracts.Opportunities.Compensation.Paid ? (int?)Math.Round(f.HourlyWage!.Value * 100m) : null,
            stipend_cents = f.Compensation == Contracts.Opportunities.Compensation.Stipend ? (int?)Math.Round(f.StipendAmount!.Value * 100m) : null,
            credit_offered = f.CreditOffered,
            credit_description = f.CreditOffered ? AddressColumns.Normalize(f.CreditDescription) : null,
            min_grade = f.MinGrade,
            min_age = f.Hazardous ? Math.Max(f.MinAge ?? 18, 18) : f.MinAge,
            prerequisite_stage = f.PrerequisiteStage is null ? null : DbEnum.ToText(f.PrerequisiteStage.Value),
            required_forms = DbJson.Write(f.RequiredForms.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToList()),
            hazardous = f.Hazardous,
            audience = DbEnum.ToText(f.Audience),
            worksite_id = f.WorksiteId is { } worksite ? Guid.Parse(worksite) : (Guid?)null,
        });
        return parameters;
    }

    /// <summary>Each opportunity's audience organizations (empty for a region-wide audience).</summary>
    public static async Task<Dictionary<Guid, IReadOnlyList<OrgRef>>> AudiencesAsync(DbConnection connection, IReadOnlyList<Guid> ids, DbTransaction? transaction,
        CancellationToken cancellationToken)
    {
        var rows = ids.Count == 0 ? [] : (await connection.QueryAsync<AudienceRow>(
            new CommandDefinition(SelectAudience, new { Ids = DbIds.Of(ids) }, transaction, cancellationToken: cancellationToken))).ToList();
        var byOpportunity = rows.ToLookup(r => r.OpportunityId, r => new OrgRef(r.OrganizationId, DbEnum.Parse<OrganizationType>(r.Type), r.RegionId, r.DistrictId));
        return ids.Distinct().ToDictionary(id => id, id => (IReadOnlyList<OrgRef>)byOpportunity[id].ToList());
    }

    public static async Task ReplaceAudienceAsync(DbConnection connection, DbTransaction transaction, Guid id, IEnumerable<Guid> organizations, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(DeleteAudience, new { Id = id }, transaction, cancellationToken: cancellationToken));
        foreach (var organization in organizations.Distinct())
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertAudience, new { OpportunityId = id, OrganizationId = organization }, transaction, cancellationToken: cancellationToken));
        }
    }

    private sealed class AudienceRow
    {
        public Guid OpportunityId { get; set; }
        public Guid OrganizationId { get; set; }
        public string Type { get; set; } = "";
        public Guid RegionId { get; set; }
        public Guid? DistrictId { get; set; }
    }
}
