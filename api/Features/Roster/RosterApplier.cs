using System.Data.Common;
using Dapper;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Api.Infrastructure.Messaging;
using LaunchPath.Contracts.People;
using LaunchPath.Contracts.Roster;

namespace LaunchPath.Api.Features.Roster;

/// <summary>
/// Checks a parsed roster against itself and the district's current data, then writes it in the caller's transaction:
/// schools, students (with grade and demographics), guardians, educators and guardian links, keyed on sourcedId within
/// the district. Unchanged rows are not touched, so re-running a file changes nothing. Bulk mode deactivates rostered
/// people absent from the file. Any error means no write at all.
/// </summary>
internal sealed class RosterApplier(DbConnection connection, DbTransaction transaction, SqlDialect dialect, TimeProvider clock)
{
    private static readonly HashSet<string> StudentRoles = ["student"];
    private static readonly HashSet<string> GuardianRoles = ["parent", "guardian", "relative"];
    private static readonly HashSet<string> EducatorRoles =
        ["teacher", "counselor", "aide", "principal", "administrator", "siteAdministrator", "districtAdministrator", "proctor", "systemAdministrator"];

    private const string SelectDistrict = "SELECT id, region_id, sourced_id, scope_key FROM organizations WHERE id = @Id AND type = 'district'";

    private const string SelectSchools = "SELECT id, sourced_id, name, identifier FROM organizations WHERE parent_id = @Id AND type = 'school'";

    private const string SelectPeople =
        "SELECT p.id, p.kind, p.school_id, p.sourced_id, p.identifier, p.given_name, p.family_name, p.preferred_name, p.email, p.phone, p.preferred_language, p.status, " +
        "sp.grade, sp.birth_date, sp.english_learner, sp.student_with_disability, sp.socioeconomically_disadvantaged, sp.foster_youth, " +
        "sp.race_ethnicity, sp.gender FROM people p LEFT JOIN student_profiles sp ON sp.person_id = p.id " +
        "WHERE p.district_id = @Id AND p.sourced_id IS NOT NULL";

    private const string SelectLinks =
        "SELECT g.student_id, g.guardian_id, g.relationship FROM guardianships g JOIN people s ON s.id = g.student_id WHERE s.district_id = @Id";

    private const string InsertSchool =
        "INSERT INTO organizations (id, type, name, parent_id, region_id, district_id, scope_key, sourced_id, identifier, version, created_at, updated_at) " +
        "VALUES (@id, 'school', @name, @parent, @region, @district, @scope, @sourced, @identifier, 1, @now, @now)";

    private const string UpdateSchool =
        "UPDATE organizations SET name = @name, identifier = @identifier, version = version + 1, updated_at = @now WHERE id = @id";

    private const string InsertPerson =
        "INSERT INTO people (id, kind, region_id, district_id, school_id, sourced_id, identifier, given_name, family_name, preferred_name, email, phone, " +
        "preferred_language, status, version, created_at, updated_at) VALUES (@id, @kind, @region, @district, @school, @sourced, @identifier, @given, @family, " +
        "@preferred, @email, @phone, @language, @status, 1, @now, @now)";

    private const string InsertProfile =
        "INSERT INTO student_profiles (person_id, grade, birth_date, career_interests, skills, availability, english_learner, student_with_disability, " +
        "socioeconomically_disadvantaged, foster_youth, race_ethnicity, gender) VALUES (@id, @grade, @birth, '[]', '[]', '[]', @el, @swd, @sed, @foster, @race, @gender)";

    private const string UpdatePerson =
        "UPDATE people SET school_id = @school, identifier = @identifier, given_name = @given, family_name = @family, preferred_name = @preferred, " +
        "email = @email, phone = @phone, preferred_language = @language, status = @status, version = version + 1, updated_at = @now WHERE id = @id";


    private const string UpdateProfile =
        "UPDATE student_profiles SET grade = @grade, birth_date = @birth, english_learner = @el, student_with_disability = @swd, " +
        "socioeconomically_disadvantaged = @sed, foster_youth = @foster, race_ethnicity = @race, gender = @gender WHERE person_id = @id";

    private const string Deactivate = "UPDATE people SET status = 'inactive', version = version + 1, updated_at = @now WHERE id = @id";

    /// <summary>The district takes the sourcedId its SIS gives it in orgs.csv, once (roles at the district name it).</summary>
    private const string AdoptDistrictSourcedId =
        "UPDATE organizations SET sourced_id = @Sourced, version = version + 1, updated_at = @Now WHERE id = @Id AND sourced_id IS NULL";

    private const string SourcedIdTaken = "SELECT COUNT(*) FROM organizations WHERE scope_key = @Scope AND sourced_id = @Sourced AND id <> @Id";

    private const string InsertLink = "INSERT INTO guardianships (student_id, guardian_id, relationship) VALUES (@student, @guardian, @relationship)";

    private const string DeleteLink = "DELETE FROM guardianships WHERE student_id = @student AND guardian_id = @guardian";

    public static IEnumerable<string> Statements =>
    [
        SelectDistrict, SelectSchools, SelectPeople, SelectLinks, InsertSchool, UpdateSchool, InsertPerson, UpdatePerson, InsertProfile, UpdateProfile,
        Deactivate, InsertLink, DeleteLink, AdoptDistrictSourcedId, SourcedIdTaken, .. RosterClasses.Statements,
    ];

    /// <summary>Validates and, when the roster is clean, writes it. Returns the counts, or null with errors added to the batch.</summary>
    /// <summary>Time spent reading the district's current roster, checking the input, and writing (for the benchmark and logs).</summary>
    public TimeSpan LoadTime { get; private set; }

    public TimeSpan PlanTime { get; private set; }

    public TimeSpan WriteTime { get; private set; }

    public async Task<RosterCounts?> ApplyAsync(Guid districtId, RosterBatch batch, Action<int> progress, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        if (dialect.BulkSessionSql is { } session)
        {
            await connection.ExecuteAsync(new CommandDefinition(session, transaction: transaction, cancellationToken: cancellationToken));
        }

        var district = await connection.QuerySingleAsync<DistrictRow>(new CommandDefinition(SelectDistrict, new { Id = districtId }, transaction, cancellationToken: cancellationToken));
        var schools = (await connection.QueryAsync<SchoolRow>(new CommandDefinition(SelectSchools, new { Id = districtId }, transaction, cancellationToken: cancellationToken)))
            .Where(s => s.SourcedId is not null).ToDictionary(s => s.SourcedId!, StringComparer.Ordinal);
        var existing = (await connection.QueryAsync<PersonRow>(new CommandDefinition(SelectPeople, new { Id = districtId }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(p => p.SourcedId, StringComparer.Ordinal);
        var links = (await connection.QueryAsync<LinkRow>(new CommandDefinition(SelectLinks, new { Id = districtId }, transaction, cancellationToken: cancellationToken)))
            .ToLookup(l => l.StudentId);

        LoadTime = clock.GetElapsedTime(started);
        var planned = clock.GetTimestamp();
        var classes = new RosterClasses(connection, transaction, dialect);
        await classes.LoadAsync(districtId, cancellationToken);

        var guardiansLinked = links.SelectMany(l => l).Select(l => l.GuardianId).ToHashSet();
        var plan = Plan(district, schools, existing, guardiansLinked, batch);
        var knownSchools = new HashSet<string>(schools.Keys.Concat(plan.Schools.Select(s => s.Org.SourcedId)), StringComparer.Ordinal);
        var plannedPeople = plan.People.Select(p => p.User.SourcedId).ToHashSet(StringComparer.Ordinal);
        classes.Check(batch, knownSchools, sourcedId => plannedPeople.Contains(sourcedId) || existing.ContainsKey(sourcedId), plan.Skipped);
        if (district.Adopted is { } adopted && await connection.ExecuteScalarAsync<int>(new CommandDefinition(SourcedIdTaken,
                new { Scope = district.ScopeKey, Sourced = adopted, district.Id }, transaction, cancellationToken: cancellationToken)) > 0)
        {
            batch.Error("orgs.csv", 0, "sourcedId", $"Another district of the region already has the sourcedId '{RosterBatch.Truncate(adopted)}'.");
        }

        PlanTime = clock.GetElapsedTime(planned);
        if (batch.ErrorCount > 0)
        {
            return null;
        }

        var writing = clock.GetTimestamp();
        var counts = Write(district, schools, existing, links, plan, batch, classes, progress, cancellationToken);
        WriteTime = clock.GetElapsedTime(writing);
        return counts;
    }

    /// <summary>A person the import writes; when the roster sends a language (<c>LanguageSent</c>), <c>Language</c> is what the record takes (null: English).</summary>
    private sealed record PlannedPerson(int Line, OneRosterUser User, string Kind, string? SchoolSourcedId, int? Grade, bool Active, OneRosterDemographics? Demographics,
        bool LanguageSent, string? Language);

    private sealed record RosterPlan(List<(int Line, OneRosterOrg Org)> Schools, List<PlannedPerson> People, Dictionary<string, string> GuardianRelationships, SkipTally Skipped);

    /// <summary>Rows left out, counted by reason, with the first few sourcedIds of each.</summary>
    internal sealed class SkipTally
    {
        private readonly Dictionary<string, (int Count, List<string> Sample)> _byReason = new(StringComparer.Ordinal);

        public int Total { get; private set; }

        /// <param name="reason">Why.</param>
        /// <param name="sourcedId">Whose row.</param>
        /// <param name="wholeRow">False for a value left out of a row that was imported (it is listed, not counted as a row skipped).</param>
        public void Add(string reason, string? sourcedId, bool wholeRow = true)
        {
            if (wholeRow)
            {
                Total++;
            }

            if (!_byReason.TryGetValue(reason, out var entry))
            {
                entry = (0, []);
            }

            if (sourcedId is not null && entry.Sample.Count < SampleSize)
            {
                entry.Sample.Add(sourcedId);
            }

            _byReason[reason] = (entry.Count + 1, entry.Sample);
        }

        public List<RosterSkip> ToContract() =>
            _byReason.OrderByDescending(r => r.Value.Count).Select(r => new RosterSkip { Reason = r.Key, Count = r.Value.Count, Sample = r.Value.Sample }).ToList();
    }

    /// <summary>How many sourcedIds an import shows of each kind of change.</summary>
    public const int SampleSize = 20;

    /// <summary>What the last <see cref="ApplyAsync"/> changed (or would change, when its transaction is rolled back).</summary>
    public RosterChanges? Changes { get; private set; }

    /// <summary>People with a role LaunchPath uses in the input (created, updated or unchanged by the import).</summary>
    public int PeopleInInput { get; private set; }

    private RosterPlan Plan(DistrictRow district, Dictionary<string, SchoolRow> schools, Dictionary<string, PersonRow> existing, HashSet<Guid> guardiansLinked,
        RosterBatch batch)
    {
        var rolesFile = batch.RolesFile;
        var departments = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (district.SourcedId is null && batch.Orgs.FirstOrDefault(o => o.Row.Type == "district" && !string.IsNullOrWhiteSpace(o.Row.SourcedId)).Row is { } fileDistrict)
        {
            district.Adopted = fileDistrict.SourcedId; // before the schools, whose parent it is
        }

        var skipped = new SkipTally();
        var fileSchools = new List<(int, OneRosterOrg)>();
        var seenOrgs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, org) in batch.Orgs)
        {
            if (Required(batch, "orgs.csv", line, "sourcedId", org.SourcedId) is null || Required(batch, "orgs.csv", line, "type", org.Type) is null)
            {
                continue;
            }

            if (!seenOrgs.Add(org.SourcedId))
            {
                batch.Error("orgs.csv", line, "sourcedId", $"sourcedId '{RosterBatch.Truncate(org.SourcedId)}' appears twice.");
                continue;
            }

            switch (org.Type)
            {
                case "district":
                    if (district.SourcedId is not null && org.SourcedId != district.SourcedId)
                    {
                        batch.Error("orgs.csv", line, "sourcedId", $"This import is for the district with sourcedId '{district.SourcedId}', not '{RosterBatch.Truncate(org.SourcedId)}'.");
                    }
                    else if (district.SourcedId is null)
                    {
                        if (district.Adopted is not null && district.Adopted != org.SourcedId)
                        {
                            batch.Error("orgs.csv", line, "type", "orgs.csv names two districts; an import is for one district.");
                        }

                        district.Adopted = org.SourcedId;
                    }

                    break;
                case "department":
                    // A department's people belong to its school.
                    departments[org.SourcedId] = org.ParentSourcedId;
                    break;
                case "school":
                    Required(batch, "orgs.csv", line, "name", org.Name);
                    if (org.ParentSourcedId is not null && (district.SourcedId ?? district.Adopted) is { } parentDistrict && org.ParentSourcedId != parentDistrict)
                    {
                        batch.Error("orgs.csv", line, "parentSourcedId", $"The school's parent '{RosterBatch.Truncate(org.ParentSourcedId)}' is not this district.");
                    }
                    else if (!IsDeleted(org.Status))
                    {
                        fileSchools.Add((line, org));
                    }

                    break;
                default:
                    skipped.Add($"org of type '{RosterBatch.Truncate(org.Type)}' (LaunchPath keeps districts and schools)", org.SourcedId);
                    break;
            }
        }

        var knownSchools = new HashSet<string>(schools.Keys.Concat(fileSchools.Select(s => s.Item2.SourcedId)), StringComparer.Ordinal);

        var rolesByUser = new Dictionary<string, List<(int Line, OneRosterRole Role)>>(StringComparer.Ordinal);
        var districtSourcedId = district.SourcedId ?? district.Adopted;
        foreach (var (line, listed) in batch.Roles)
        {
            var role = listed;
            if (Required(batch, rolesFile, line, "userSourcedId", role.UserSourcedId) is null || Required(batch, rolesFile, line, "role", role.Role) is null
                || Required(batch, rolesFile, line, "orgSourcedId", role.OrgSourcedId) is null || IsDeleted(role.Status))
            {
                continue;
            }

            if (!StudentRoles.Contains(role.Role) && !GuardianRoles.Contains(role.Role) && !EducatorRoles.Contains(role.Role) && !role.Role.StartsWith("ext:", StringComparison.Ordinal))
            {
                batch.Error(rolesFile, line, "role", $"'{RosterBatch.Truncate(role.Role)}' is not a OneRoster role.");
                continue;
            }

            if (departments.TryGetValue(role.OrgSourcedId, out var parent))
            {
                if (parent is null || !knownSchools.Contains(parent))
                {
                    batch.Error(rolesFile, line, "orgSourcedId", $"Department '{RosterBatch.Truncate(role.OrgSourcedId)}' does not belong to one of the district's schools.");
                    continue;
                }

                role = role with { OrgSourcedId = parent };
            }

            if (!knownSchools.Contains(role.OrgSourcedId) && role.OrgSourcedId != districtSourcedId)
            {
                batch.Error(rolesFile, line, "orgSourcedId", $"'{RosterBatch.Truncate(role.OrgSourcedId)}' is not this district or one of its schools.");
                continue;
            }

            if (!rolesByUser.TryGetValue(role.UserSourcedId, out var list))
            {
                rolesByUser[role.UserSourcedId] = list = [];
            }

            list.Add((line, role));
        }

        var demographics = new Dictionary<string, OneRosterDemographics>(StringComparer.Ordinal);
        var userIds = new HashSet<string>(batch.Users.Select(u => u.Row.SourcedId), StringComparer.Ordinal);
        foreach (var (line, row) in batch.Demographics)
        {
            if (Required(batch, "demographics.csv", line, "sourcedId", row.SourcedId) is null)
            {
                continue;
            }

            if (!userIds.Contains(row.SourcedId) && !existing.ContainsKey(row.SourcedId))
            {
                batch.Error("demographics.csv", line, "sourcedId", $"No user '{RosterBatch.Truncate(row.SourcedId)}' in users.csv or in the district.");
                continue;
            }

            if (!demographics.TryAdd(row.SourcedId, row))
            {
                batch.Error("demographics.csv", line, "sourcedId", $"sourcedId '{RosterBatch.Truncate(row.SourcedId)}' appears twice.");
            }
        }

        var people = new List<PlannedPerson>();
        var relationships = new Dictionary<string, string>(StringComparer.Ordinal);
        var seenUsers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, user) in batch.Users)
        {
            if (Required(batch, "users.csv", line, "sourcedId", user.SourcedId) is null
                || Required(batch, "users.csv", line, "givenName", user.GivenName) is null
                || Required(batch, "users.csv", line, "familyName", user.FamilyName) is null)
            {
                continue;
            }

            if (!seenUsers.Add(user.SourcedId))
            {
                batch.Error("users.csv", line, "sourcedId", $"sourcedId '{RosterBatch.Truncate(user.SourcedId)}' appears twice.");
                continue;
            }

            // The same rule as the API's validators: one '@' with text on both sides.
            if (user.Email is { } email && (email.Length > 320 || email.IndexOf('@') is var at && (at <= 0 || at == email.Length - 1 || email.IndexOf('@', at + 1) >= 0)))
            {
                batch.Error("users.csv", line, "email", $"'{RosterBatch.Truncate(email)}' is not an email address.");
            }

            if (user.GivenName.Length > 100 || user.FamilyName.Length > 100)
            {
                batch.Error("users.csv", line, "givenName", "Names are at most 100 characters.");
            }

            var roles = rolesByUser.GetValueOrDefault(user.SourcedId) ?? [];
            var known = existing.GetValueOrDefault(user.SourcedId);
            // One person may hold several roles (1.2 primary and secondary): a teacher who is also a parent stays an
            // educator and is linked to their children as a guardian.
            var kind = roles.Any(r => StudentRoles.Contains(r.Role.Role)) ? "student"
                : roles.Any(r => EducatorRoles.Contains(r.Role.Role)) ? "educator"
                : roles.Any(r => GuardianRoles.Contains(r.Role.Role)) ? "guardian"
                : known?.Kind;
            if (kind is null)
            {
                skipped.Add(roles.Count == 0 ? "user without a role (no roles.csv row, and no role column in users.csv)" : "user whose roles LaunchPath does not use", user.SourcedId);
                continue;
            }

            if (known is not null && known.Kind != kind)
            {
                batch.Error("users.csv", line, "sourcedId", $"'{RosterBatch.Truncate(user.SourcedId)}' is a {known.Kind} in LaunchPath and cannot become a {kind}.");
                continue;
            }

            foreach (var guardianRole in roles.Where(r => GuardianRoles.Contains(r.Role.Role)))
            {
                relationships[user.SourcedId] = guardianRole.Role.Role;
            }

            var schoolRole = roles.OrderBy(r => r.Role.RoleType == "primary" ? 0 : 1).FirstOrDefault(r => knownSchools.Contains(r.Role.OrgSourcedId)).Role;
            var school = schoolRole?.OrgSourcedId
                         ?? (user.PrimaryOrgSourcedId is { } primary && knownSchools.Contains(primary) ? primary : null)
                         ?? (known?.SchoolId is { } knownSchool ? schools.Values.FirstOrDefault(s => s.Id == knownSchool)?.SourcedId : null);
            int? grade = null;
            if (kind == "student")
            {
                if (school is null)
                {
                    batch.Error(roles.Count > 0 ? rolesFile : "users.csv", roles.Count > 0 ? roles[0].Line : line, "orgSourcedId",
                        $"Student '{RosterBatch.Truncate(user.SourcedId)}' needs a role at one of the district's schools.");
                    continue;
                }

                // Grades are optional in OneRoster, and UG and Other say nothing of the year: such a student is imported
                // with the grade unknown (null), eligible only for opportunities without a grade rule.
                var code = user.Grades.FirstOrDefault(g => !string.IsNullOrWhiteSpace(g));
                if (code is not null && !IsUngraded(code))
                {
                    grade = ParseGrade(code);
                    if (grade is null)
                    {
                        batch.Error("users.csv", line, "grades", $"'{RosterBatch.Truncate(code)}' is not a OneRoster grade level (IT, PR, PK, TK, KG, 01–13, PS, UG, Other).");
                        continue;
                    }
                }

                if (grade < 6)
                {
                    skipped.Add("student below grade 6 (LaunchPath serves grade 6 to postsecondary)", user.SourcedId);
                    continue;
                }
            }

            // A language LaunchPath cannot read never fails an import (one family's "Mixteco Alto" must not hold back a
            // district's nightly sync): the person is imported without it, and the import says so.
            var language = LanguageTags.FromRoster(user.PreferredLanguage, out var languageCode);
            if (language == RosterLanguage.Unreadable)
            {
                skipped.Add("metadata.preferredLanguage not recognized: imported without it (use a BCP 47 tag such as es or es-MX)", user.SourcedId, wholeRow: false);
            }
            else if (language == RosterLanguage.NotWritten)
            {
                skipped.Add("metadata.preferredLanguage is a language LaunchPath does not write in (it writes English and Spanish): written to in English", user.SourcedId,
                    wholeRow: false);
            }

            people.Add(new PlannedPerson(line, user, kind, school, grade, !IsDeleted(user.Status) && user.EnabledUser != false, demographics.GetValueOrDefault(user.SourcedId),
                language is RosterLanguage.Written or RosterLanguage.NotWritten, languageCode));
        }

        // Guardian links must name guardians that exist in the file or the district.
        // A guardian is anyone with a parent, guardian or relative role in the file, a guardian the district holds, or
        // someone already linked to a student as one.
        var plannedKinds = people.ToDictionary(p => p.User.SourcedId, p => p.Kind, StringComparer.Ordinal);
        bool IsGuardian(string agent) =>
            relationships.ContainsKey(agent)
            || (!plannedKinds.ContainsKey(agent) && existing.GetValueOrDefault(agent) is { } held && (held.Kind == "guardian" || guardiansLinked.Contains(held.Id)));
        foreach (var person in people.Where(p => p.Kind == "student"))
        {
            foreach (var agent in person.User.AgentSourcedIds)
            {
                var agentKind = plannedKinds.GetValueOrDefault(agent) ?? existing.GetValueOrDefault(agent)?.Kind;
                if (agentKind is null || !IsGuardian(agent))
                {
                    batch.Error("users.csv", person.Line, "agentSourcedIds",
                        agentKind is null ? $"Agent '{RosterBatch.Truncate(agent)}' is not in users.csv or the district." : $"Agent '{RosterBatch.Truncate(agent)}' is a {agentKind}, not a parent or guardian.");
                }
            }
        }

        return new RosterPlan(fileSchools, people, relationships, skipped);
    }

    private RosterCounts Write(DistrictRow district, Dictionary<string, SchoolRow> schools, Dictionary<string, PersonRow> existing, ILookup<Guid, LinkRow> links,
        RosterPlan plan, RosterBatch batch, RosterClasses classes, Action<int> progress, CancellationToken cancellationToken)
    {
        // Values that repeat on every row are converted to the engine's form once.
        var now = dialect.ToDb(clock.GetUtcNow());
        var regionId = dialect.ToDb(district.RegionId);
        var districtId = dialect.ToDb(district.Id);
        var schoolIds = new Dictionary<string, object>(StringComparer.Ordinal);
        int schoolsCreated = 0, schoolsUpdated = 0, created = 0, updated = 0, unchanged = 0, deactivated = 0, linkChanges = 0;
        List<string> createdSample = [], updatedSample = [], deactivatedSample = [];
        var processed = batch.Orgs.Count + batch.Roles.Count + batch.Demographics.Count;

        using (var insertSchool = Prepare(InsertSchool, "id", "name", "parent", "region", "district", "scope", "sourced", "identifier", "now"))
        using (var updateSchool = Prepare(UpdateSchool, "name", "identifier", "now", "id"))
        {
            foreach (var (_, org) in plan.Schools)
            {
                if (schools.TryGetValue(org.SourcedId, out var current))
                {
                    if (current.Name != org.Name.Trim() || current.Identifier != org.Identifier)
                    {
                        updateSchool.Run(org.Name.Trim(), org.Identifier, now, current.Id);
                        schoolsUpdated++;
                    }

                    continue;
                }

                var id = Guid.CreateVersion7();
                insertSchool.Run(id, org.Name.Trim(), district.Id, district.RegionId, district.Id, district.Id.ToString("D"), org.SourcedId, org.Identifier, now);
                schools[org.SourcedId] = new SchoolRow { Id = id, SourcedId = org.SourcedId, Name = org.Name.Trim(), Identifier = org.Identifier };
                schoolsCreated++;
            }
        }

        if (district.Adopted is { } sourcedId)
        {
            using var adopt = Prepare(AdoptDistrictSourcedId, "Sourced", "Now", "Id");
            adopt.Run(sourcedId, now, district.Id);
        }

        var ids = existing.ToDictionary(e => e.Key, e => e.Value.Id, StringComparer.Ordinal);
        using (var insertPerson = Prepare(InsertPerson, "id", "kind", "region", "district", "school", "sourced", "identifier", "given", "family", "preferred", "email", "phone", "language", "status", "now"))
        using (var insertProfile = Prepare(InsertProfile, "id", "grade", "birth", "el", "swd", "sed", "foster", "race", "gender"))
        using (var updatePerson = Prepare(UpdatePerson, "school", "identifier", "given", "family", "preferred", "email", "phone", "language", "status", "now", "id"))
        using (var updateProfile = Prepare(UpdateProfile, "grade", "birth", "el", "swd", "sed", "foster", "race", "gender", "id"))
        {
            foreach (var person in plan.People)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var user = person.User;
                Guid? school = person.SchoolSourcedId is null ? null : schools[person.SchoolSourcedId].Id;
                var schoolValue = person.SchoolSourcedId is null ? null
                    : schoolIds.TryGetValue(person.SchoolSourcedId, out var cached) ? cached
                    : schoolIds[person.SchoolSourcedId] = dialect.ToDb(school);
                var status = person.Active ? "active" : "inactive";
                var given = user.GivenName.Trim();
                var family = user.FamilyName.Trim();
                var preferred = user.PreferredGivenName?.Trim();
                var current = existing.GetValueOrDefault(user.SourcedId);
                var profile = person.Kind == "student" ? Profile(person, current) : null;

                if (current is null)
                {
                    var id = Guid.CreateVersion7();
                    ids[user.SourcedId] = id;
                    insertPerson.Run(id, person.Kind, regionId, districtId, schoolValue, user.SourcedId, user.Identifier, given, family, preferred, user.Email, user.Phone, person.Language,
                        status, now);
                    if (profile is not null)
                    {
                        insertProfile.Run(id, person.Grade, profile.Birth, profile.El, profile.Swd, profile.Sed, profile.Foster, profile.Race, profile.Gender);
                    }

                    if (created++ < SampleSize)
                    {
                        createdSample.Add(user.SourcedId);
                    }
                }
                else
                {
                    var language = person.LanguageSent ? person.Language : current.PreferredLanguage;
                    var personChanged = current.SchoolId != school || current.Identifier != user.Identifier || current.GivenName != given
                                        || current.FamilyName != family || current.PreferredName != preferred || current.Email != user.Email
                                        || current.Phone != user.Phone || current.PreferredLanguage != language || current.Status != status;
                    var profileChanged = profile is not null && (current.Grade != person.Grade || current.BirthDate != profile.Birth
                        || current.EnglishLearner != profile.El || current.StudentWithDisability != profile.Swd
                        || current.SocioeconomicallyDisadvantaged != profile.Sed || current.FosterYouth != profile.Foster
                        || current.RaceEthnicity != profile.Race || current.Gender != profile.Gender);
                    if (personChanged || profileChanged)
                    {
                        updatePerson.Run(schoolValue, user.Identifier, given, family, preferred, user.Email, user.Phone, language, status, now, current.Id);
                        if (profileChanged)
                        {
                            updateProfile.Run(person.Grade, profile!.Birth, profile.El, profile.Swd, profile.Sed, profile.Foster, profile.Race, profile.Gender, current.Id);
                        }

                        if (updated++ < SampleSize)
                        {
                            updatedSample.Add(user.SourcedId);
                        }
                    }
                    else
                    {
                        unchanged++;
                    }
                }

                if (++processed % 5000 == 0)
                {
                    progress(processed);
                }
            }
        }

        if (batch.Mode == RosterMode.Bulk && batch.Users.Count > 0)
        {
            var inFile = new HashSet<string>(batch.Users.Select(u => u.Row.SourcedId), StringComparer.Ordinal);
            using var deactivate = Prepare(Deactivate, "now", "id");
            foreach (var absent in existing.Values.Where(p => p.Status == "active" && !inFile.Contains(p.SourcedId)))
            {
                deactivate.Run(now, absent.Id);
                if (deactivated++ < SampleSize)
                {
                    deactivatedSample.Add(absent.SourcedId);
                }
            }
        }

        using (var insertLink = Prepare(InsertLink, "student", "guardian", "relationship"))
        using (var deleteLink = Prepare(DeleteLink, "student", "guardian"))
        {
            foreach (var student in plan.People.Where(p => p.Kind == "student"))
            {
                var studentId = ids[student.User.SourcedId];
                var wanted = student.User.AgentSourcedIds.Select(a => ids[a]).ToHashSet();
                var have = links[studentId].ToDictionary(l => l.GuardianId);
                foreach (var guardian in wanted.Where(g => !have.ContainsKey(g)))
                {
                    var agent = student.User.AgentSourcedIds.First(a => ids[a] == guardian);
                    insertLink.Run(studentId, guardian, plan.GuardianRelationships.GetValueOrDefault(agent) ?? "guardian");
                    linkChanges++;
                }

                if (batch.Mode == RosterMode.Bulk || student.User.AgentSourcedIds.Count > 0)
                {
                    foreach (var stale in have.Keys.Where(g => !wanted.Contains(g)))
                    {
                        deleteLink.Run(studentId, stale);
                        linkChanges++;
                    }
                }
            }
        }

        var (classesWritten, enrollmentsWritten) = classes.Write(district.Id, batch, schools.ToDictionary(s => s.Key, s => s.Value.Id, StringComparer.Ordinal), ids, now);
        progress(batch.TotalRows);
        var activeBefore = existing.Values.Count(p => p.Status == "active");
        PeopleInInput = created + updated + unchanged;
        Changes = new RosterChanges
        {
            Created = createdSample,
            Updated = updatedSample,
            Deactivated = deactivatedSample,
            Skipped = plan.Skipped.ToContract(),
            ActiveBefore = activeBefore,
            DeactivatedShare = activeBefore == 0 ? 0 : Math.Round((double)deactivated / activeBefore, 4),
        };
        return new RosterCounts
        {
            SchoolsCreated = schoolsCreated,
            SchoolsUpdated = schoolsUpdated,
            PeopleCreated = created,
            PeopleUpdated = updated,
            PeopleUnchanged = unchanged,
            PeopleDeactivated = deactivated,
            RowsSkipped = plan.Skipped.Total,
            GuardianLinks = linkChanges,
            ClassesWritten = classesWritten,
            EnrollmentsWritten = enrollmentsWritten,
        };
    }

    private sealed record ProfileValues(DateOnly? Birth, bool El, bool Swd, bool Sed, bool Foster, string Race, string? Gender);

    /// <summary>The stored JSON of every combination of the six OneRoster race/ethnicity flags (bit i: the flag's order below), made once.</summary>
    private static readonly string[] RaceJson = Enumerable.Range(0, 64).Select(mask => DbJson.Write(new[]
        {
            RaceEthnicity.AmericanIndianOrAlaskaNative, RaceEthnicity.Asian, RaceEthnicity.BlackOrAfricanAmerican, RaceEthnicity.HispanicOrLatino,
            RaceEthnicity.NativeHawaiianOrOtherPacificIslander, RaceEthnicity.White,
        }.Where((_, bit) => (mask & (1 << bit)) != 0).Order().ToList())).ToArray();

    /// <summary>Demographics from the file; where the file has none for this student, what LaunchPath already holds.</summary>
    private static ProfileValues Profile(PlannedPerson person, PersonRow? current)
    {
        if (person.Demographics is not { } d)
        {
            return new ProfileValues(current?.BirthDate, current?.EnglishLearner ?? false, current?.StudentWithDisability ?? false,
                current?.SocioeconomicallyDisadvantaged ?? false, current?.FosterYouth ?? false, current?.RaceEthnicity ?? "[]", current?.Gender);
        }

        var races = (d.AmericanIndianOrAlaskaNative == true ? 1 : 0) | (d.Asian == true ? 2 : 0) | (d.BlackOrAfricanAmerican == true ? 4 : 0)
                    | (d.HispanicOrLatinoEthnicity == true ? 8 : 0) | (d.NativeHawaiianOrOtherPacificIslander == true ? 16 : 0) | (d.White == true ? 32 : 0);
        var gender = d.Sex?.ToLowerInvariant() switch
        {
            "female" => DbEnum.ToText(Gender.Female),
            "male" => DbEnum.ToText(Gender.Male),
            "other" => DbEnum.ToText(Gender.NonBinary),
            "unspecified" => DbEnum.ToText(Gender.NotReported),
            _ => null,
        };
        return new ProfileValues(d.BirthDate, d.EnglishLearner ?? false, d.StudentWithDisability ?? false, d.SocioeconomicallyDisadvantaged ?? false,
            d.FosterYouth ?? false, RaceJson[races], gender);
    }

    /// <summary>
    /// OneRoster grade levels (CEDS): "06".."12" (or "6".."12"), "13" and "PS" (postsecondary) → 6..13; "IT", "PR", "PK",
    /// "TK", "KG" and "01".."05" → below 6. "UG" (ungraded) and "Other" are grades with no year: see <see cref="IsUngraded"/>.
    /// </summary>
    internal static int? ParseGrade(string code) => code.Trim().ToUpperInvariant() switch
    {
        "IT" or "PR" or "PK" or "TK" or "KG" => 0,
        "PS" or "13" => 13,
        var text when text.Length <= 2 && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var grade)
                      && grade is >= 1 and <= 12 => grade,
        _ => null,
    };

    internal static bool IsUngraded(string code) => code.Trim().ToUpperInvariant() is "UG" or "OTHER";

    /// <summary>A required value of a row, or null with the error recorded.</summary>
    internal static string? Required(RosterBatch batch, string file, int line, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            batch.Error(file, line, field, $"{field} is required.");
            return null;
        }

        return value;
    }

    private static bool IsDeleted(string? status) => string.Equals(status, "tobedeleted", StringComparison.OrdinalIgnoreCase);

    private PreparedCommand Prepare(string sql, params string[] names) => new(connection, transaction, dialect, sql, names);

    private sealed class DistrictRow
    {
        public Guid Id { get; set; }
        public Guid RegionId { get; set; }
        public string? SourcedId { get; set; }
        public string ScopeKey { get; set; } = "";

        /// <summary>The sourcedId orgs.csv gives a district that had none yet: taken when the import is written.</summary>
        public string? Adopted { get; set; }
    }

    private sealed class SchoolRow
    {
        public Guid Id { get; set; }
        public string? SourcedId { get; set; }
        public string Name { get; set; } = "";
        public string? Identifier { get; set; }
    }

    private sealed class PersonRow
    {
        public Guid Id { get; set; }
        public string Kind { get; set; } = "";
        public Guid? SchoolId { get; set; }
        public string SourcedId { get; set; } = "";
        public string? Identifier { get; set; }
        public string GivenName { get; set; } = "";
        public string FamilyName { get; set; } = "";
        public string? PreferredName { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }
        public string? PreferredLanguage { get; set; }
        public string Status { get; set; } = "";
        public int? Grade { get; set; }
        public DateOnly? BirthDate { get; set; }
        public bool EnglishLearner { get; set; }
        public bool StudentWithDisability { get; set; }
        public bool SocioeconomicallyDisadvantaged { get; set; }
        public bool FosterYouth { get; set; }
        public string RaceEthnicity { get; set; } = "[]";
        public string? Gender { get; set; }
    }

    private sealed class LinkRow
    {
        public Guid StudentId { get; set; }
        public Guid GuardianId { get; set; }
        public string Relationship { get; set; } = "";
    }
}
