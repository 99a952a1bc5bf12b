using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Contracts.Roster;

namespace LaunchPath.Api.Features.Roster;

/// <summary>A parsed roster: the rows of each OneRoster file with their line numbers, the mode, and the problems found reading them.</summary>
internal sealed class RosterBatch
{
    public const int MaxErrors = 1000;

    public RosterMode Mode { get; set; } = RosterMode.Bulk;

    /// <summary>The OneRoster version read: "1.1" or "1.2" (from manifest.csv, or the columns of users.csv).</summary>
    public string? Version { get; set; }

    /// <summary>Where role rows came from: roles.csv (1.2), or the role and orgSourcedIds columns of users.csv (1.1).</summary>
    public string RolesFile { get; set; } = "roles.csv";

    /// <summary>What the import should tell the district admin that is not an error (files read but not used, and so on).</summary>
    public List<string> Notes { get; } = [];
    public List<(int Line, OneRosterOrg Row)> Orgs { get; } = [];
    public List<(int Line, OneRosterUser Row)> Users { get; } = [];
    public List<(int Line, OneRosterRole Row)> Roles { get; } = [];
    public List<(int Line, OneRosterDemographics Row)> Demographics { get; } = [];
    public List<(int Line, OneRosterAcademicSession Row)> Sessions { get; } = [];
    public List<(int Line, OneRosterCourse Row)> Courses { get; } = [];
    public List<(int Line, OneRosterClass Row)> Classes { get; } = [];
    public List<(int Line, OneRosterEnrollment Row)> Enrollments { get; } = [];
    public List<RosterImportError> Errors { get; } = [];
    public int ErrorCount { get; private set; }

    public int TotalRows => Orgs.Count + Users.Count + Roles.Count + Demographics.Count + Sessions.Count + Courses.Count + Classes.Count + Enrollments.Count;

    public void Error(string file, int line, string? field, string reason)
    {
        ErrorCount++;
        if (Errors.Count < MaxErrors)
        {
            Errors.Add(new RosterImportError { File = file, Line = line, Field = field, Reason = reason });
        }
    }

    public static RosterBatch FromJson(RosterJsonImportRequest request)
    {
        // JSON rows are numbered from 1 within each array; "line" is that index. The REST binding's shapes (a parent,
        // agents and a primary org as references; roles nested in the user, or 1.1's role and orgs) become the CSV
        // binding's rows, so both go through one path.
        var batch = new RosterBatch { Mode = request.Mode };
        batch.Orgs.AddRange(request.Orgs.Select((row, i) => (i + 1, row.ParentSourcedId is null && row.Parent is { } parent ? row with { ParentSourcedId = parent.SourcedId } : row)));
        batch.Roles.AddRange(request.Roles.Select((row, i) => (i + 1, row)));
        var nested = false;
        for (var i = 0; i < request.Users.Count; i++)
        {
            var user = request.Users[i];
            var line = i + 1;
            foreach (var role in user.Roles)
            {
                nested = true;
                batch.Roles.Add((line, new OneRosterRole { UserSourcedId = user.SourcedId, Status = user.Status, RoleType = role.RoleType, Role = role.Role, OrgSourcedId = role.Org.SourcedId }));
            }

            if (user.Role is { } single)
            {
                batch.Version = "1.1";
                var orgs = user.OrgSourcedIds.Concat(user.Orgs.Select(o => o.SourcedId)).ToList();
                for (var j = 0; j < orgs.Count; j++)
                {
                    batch.Roles.Add((line, new OneRosterRole { UserSourcedId = user.SourcedId, Status = user.Status, RoleType = j == 0 ? "primary" : "secondary", Role = single, OrgSourcedId = orgs[j] }));
                }
            }

            batch.Users.Add((line, user with
            {
                AgentSourcedIds = user.AgentSourcedIds.Concat(user.Agents.Select(a => a.SourcedId)).Distinct(StringComparer.Ordinal).ToList(),
                PrimaryOrgSourcedId = user.PrimaryOrgSourcedId ?? user.PrimaryOrg?.SourcedId,
                PreferredGivenName = user.PreferredGivenName ?? user.PreferredFirstName,
                Phone = user.Phone ?? user.Sms,
                PreferredLanguage = user.PreferredLanguage
                                    ?? (user.Metadata?.GetValueOrDefault("preferredLanguage") is { ValueKind: JsonValueKind.String } language ? language.GetString() : null),
            }));
        }

        batch.Version ??= nested || request.Roles.Count > 0 ? "1.2" : null;
        batch.Demographics.AddRange(request.Demographics.Select((row, i) => (i + 1, row)));
        batch.Sessions.AddRange(request.AcademicSessions.Select((row, i) => (i + 1, row with { ParentSourcedId = row.ParentSourcedId ?? row.Parent?.SourcedId })));
        batch.Courses.AddRange(request.Courses.Select((row, i) => (i + 1, row with
        {
            OrgSourcedId = row.OrgSourcedId ?? row.Org?.SourcedId, SchoolYearSourcedId = row.SchoolYearSourcedId ?? row.SchoolYear?.SourcedId,
        })));
        batch.Classes.AddRange(request.Classes.Select((row, i) => (i + 1, row with
        {
            CourseSourcedId = row.CourseSourcedId ?? row.Course?.SourcedId,
            SchoolSourcedId = row.SchoolSourcedId ?? row.School?.SourcedId,
            TermSourcedIds = row.TermSourcedIds.Count > 0 ? row.TermSourcedIds : row.Terms.Select(t => t.SourcedId).ToList(),
        })));
        batch.Enrollments.AddRange(request.Enrollments.Select((row, i) => (i + 1, row with
        {
            ClassSourcedId = row.ClassSourcedId ?? row.Class?.SourcedId,
            SchoolSourcedId = row.SchoolSourcedId ?? row.School?.SourcedId,
            UserSourcedId = row.UserSourcedId ?? row.User?.SourcedId,
        })));
        return batch;
    }

    /// <summary>At most this many files in a zip (a OneRoster package has about a dozen).</summary>
    public const int MaxEntries = 64;

    /// <summary>At most this many bytes once decompressed, all files together.</summary>
    public const long MaxDecompressedBytes = 512L * 1024 * 1024;

    /// <summary>A file that decompresses to more than this many times its compressed size (CSV is 5–10×) is refused.</summary>
    public const int MaxCompressionRatio = 100;

    /// <summary>The longest CSV field read.</summary>
    public const int MaxFieldLength = 64 * 1024;

    /// <summary>
    /// Checks a zip's directory against the limits before anything is read: the number of files, the declared
    /// decompressed size and the compression ratio. Returns what is wrong, naming the limit, or null. The limits are
    /// enforced again while reading, since a zip's directory can lie.
    /// </summary>
    public static string? CheckZip(byte[] zip)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
            if (archive.Entries.Count > MaxEntries)
            {
                return $"The zip holds {archive.Entries.Count} files; a roster may have at most {MaxEntries}.";
            }

            var total = archive.Entries.Sum(e => e.Length);
            if (total > MaxDecompressedBytes)
            {
                return $"The zip decompresses to {total / (1024 * 1024)} MB; a roster may be at most {MaxDecompressedBytes / (1024 * 1024)} MB uncompressed.";
            }

            if (archive.Entries.FirstOrDefault(e => e.Length > 1024 * 1024 && e.Length > (long)MaxCompressionRatio * Math.Max(1, e.CompressedLength)) is { } bomb)
            {
                return $"'{Truncate(Path.GetFileName(bomb.FullName))}' decompresses to more than {MaxCompressionRatio} times its size; a CSV file does not.";
            }

            return null;
        }
        catch (InvalidDataException)
        {
            return null; // not a zip: the job says so
        }
    }

    /// <summary>Reads a zip of OneRoster CSV files (manifest.csv, orgs.csv, users.csv, roles.csv, demographics.csv).</summary>
    public static RosterBatch FromZip(byte[] zip, RosterMode? requestedMode)
    {
        var batch = new RosterBatch();
        if (CheckZip(zip) is { } tooLarge)
        {
            batch.Error("", 0, null, tooLarge);
            return batch;
        }

        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        ZipArchiveEntry? Find(string name) => archive.Entries.FirstOrDefault(e => string.Equals(Path.GetFileName(e.FullName), name, StringComparison.OrdinalIgnoreCase));
        var budget = new ReadBudget(MaxDecompressedBytes);

        var manifest = Find("manifest.csv");
        var modes = manifest is null ? new Dictionary<string, string>() : batch.ReadManifest(manifest);
        var usersMode = modes.GetValueOrDefault("file.users");
        batch.Mode = usersMode switch
        {
            "bulk" => RosterMode.Bulk,
            "delta" => RosterMode.Delta,
            _ => requestedMode ?? RosterMode.Bulk,
        };
        if (manifest is null && requestedMode is null)
        {
            batch.Error("manifest.csv", 0, null, "Include manifest.csv, or say mode=bulk or mode=delta.");
        }

        batch.Version = modes.GetValueOrDefault("oneroster.version") switch
        {
            "1.1" or "1.1.0" => "1.1",
            "1.2" or "1.2.0" => "1.2",
            _ => null, // decided by the columns of users.csv
        };

        foreach (var (file, reader) in new (string, Action<Row, RosterBatch>)[]
                 {
                     ("orgs.csv", ReadOrgs), ("users.csv", ReadUsers), ("roles.csv", ReadRoles), ("demographics.csv", ReadDemographics),
                     ("academicSessions.csv", ReadSessions), ("courses.csv", ReadCourses), ("classes.csv", ReadClasses), ("enrollments.csv", ReadEnrollments),
                 })
        {
            var entry = Find(file);
            if (entry is null)
            {
                if (file == "users.csv" && modes.GetValueOrDefault("file.users") != "absent")
                {
                    batch.Error(file, 0, null, "users.csv is missing.");
                }

                continue;
            }

            using var stream = new BoundedStream(entry.Open(), budget);
            try
            {
                batch.ReadCsv(file, stream, reader);
            }
            catch (RosterLimitException exception)
            {
                batch.Error(file, 0, null, exception.Message);
                return batch;
            }
        }

        batch.Version ??= batch.RolesFile == "users.csv" ? "1.1" : "1.2";
        var read = new HashSet<string>(["manifest.csv", "orgs.csv", "users.csv", "roles.csv", "demographics.csv", "academicSessions.csv", "courses.csv",
            "classes.csv", "enrollments.csv"], StringComparer.OrdinalIgnoreCase);
        var unused = archive.Entries.Where(e => e.Length > 0 || e.Name.Length > 0).Select(e => Path.GetFileName(e.FullName))
            .Where(name => name.Length > 0 && !read.Contains(name)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        if (unused.Count > 0)
        {
            batch.Notes.Add($"Not used by LaunchPath yet, and left as they are: {string.Join(", ", unused.Take(10))}{(unused.Count > 10 ? ", …" : "")}.");
        }

        return batch;
    }

    /// <summary>The manifest's file.users mode, when the zip has a readable manifest.csv.</summary>
    public static RosterMode? ManifestMode(byte[] zip)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
            var manifest = archive.Entries.FirstOrDefault(e => string.Equals(Path.GetFileName(e.FullName), "manifest.csv", StringComparison.OrdinalIgnoreCase));
            if (manifest is null)
            {
                return null;
            }

            return new RosterBatch().ReadManifest(manifest).GetValueOrDefault("file.users") switch
            {
                "bulk" => RosterMode.Bulk,
                "delta" => RosterMode.Delta,
                _ => null,
            };
        }
        catch (InvalidDataException)
        {
            return null; // not a zip: the job reports it
        }
    }

    /// <summary>Zips loose uploaded files so that a job stores one payload whatever the client sent.</summary>
    public static byte[] Zip(IEnumerable<(string Name, Stream Content)> files)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var entry = archive.CreateEntry(Path.GetFileName(name), CompressionLevel.Fastest).Open();
                content.CopyTo(entry);
            }
        }

        return buffer.ToArray();
    }

    private Dictionary<string, string> ReadManifest(ZipArchiveEntry entry)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using var stream = entry.Open();
        ReadCsv("manifest.csv", stream, (row, batch) =>
        {
            var name = row["propertyName"];
            var value = row["value"];
            if (!string.IsNullOrWhiteSpace(name))
            {
                values[name.Trim()] = (value ?? "").Trim().ToLowerInvariant();
            }
        }, required: ["propertyName", "value"]);
        return values;
    }

    /// <summary>Decompressed bytes left to read, across the files of one zip.</summary>
    private sealed class ReadBudget(long bytes)
    {
        public long Left { get; set; } = bytes;
    }

    internal sealed class RosterLimitException(string message) : Exception(message);

    /// <summary>Counts what is read from a zip entry and stops at the budget, whatever the zip's directory declared.</summary>
    private sealed class BoundedStream(Stream inner, ReadBudget budget) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            budget.Left -= read;
            return budget.Left < 0
                ? throw new RosterLimitException($"The roster decompresses to more than {MaxDecompressedBytes / (1024 * 1024)} MB, the most an import reads.")
                : read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private static readonly CsvConfiguration Config = new(CultureInfo.InvariantCulture)
    {
        MaxFieldSize = MaxFieldLength,
        CacheFields = true,
        MissingFieldFound = null,
        HeaderValidated = null,
        DetectColumnCountChanges = false,
    };

    private static readonly Dictionary<string, string[]> RequiredColumns = new()
    {
        ["orgs.csv"] = ["sourcedId", "name", "type"],
        ["users.csv"] = ["sourcedId", "givenName", "familyName"],
        ["roles.csv"] = ["userSourcedId", "role", "orgSourcedId"],
        ["demographics.csv"] = [], // keyed on userSourcedId (some 1.1 exports) or sourcedId: checked in ReadCsv
        ["academicSessions.csv"] = ["sourcedId", "title", "type"],
        ["courses.csv"] = ["sourcedId", "title"],
        ["classes.csv"] = ["sourcedId", "title", "schoolSourcedId"],
        ["enrollments.csv"] = ["sourcedId", "classSourcedId", "userSourcedId", "role"],
    };

    /// <summary>One CSV row, read by column index (header names resolved once per file).</summary>
    internal readonly struct Row(IParser parser, Dictionary<string, int> columns)
    {
        public int Line => parser.RawRow;

        public string? this[string name] =>
            columns.TryGetValue(name, out var index) && index < parser.Count && parser[index] is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value)
                ? value.Trim()
                : null;
    }

    private void ReadCsv(string file, Stream stream, Action<Row, RosterBatch> readRow, string[]? required = null)
    {
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var config = Config with { BadDataFound = args => Error(file, args.Context.Parser?.RawRow ?? 0, null, "Malformed CSV (stray quote).") };
        using var csv = new CsvReader(text, config);
        try
        {
            if (!csv.Read() || !csv.ReadHeader())
            {
                Error(file, 1, null, "The file is empty; it needs a header row.");
                return;
            }

            var header = csv.HeaderRecord!;
            var missing = (required ?? RequiredColumns.GetValueOrDefault(file) ?? []).Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
            if (file == "demographics.csv" && !header.Contains("sourcedId", StringComparer.Ordinal) && !header.Contains("userSourcedId", StringComparer.Ordinal))
            {
                missing.Add("sourcedId");
            }

            if (missing.Count > 0)
            {
                Error(file, 1, string.Join(",", missing), $"Missing column(s): {string.Join(", ", missing)}.");
                return;
            }

            if (file == "users.csv" && header.Contains("role", StringComparer.Ordinal))
            {
                // OneRoster 1.1: each user's role and orgs are columns of users.csv (1.2 moved them to roles.csv).
                RolesFile = "users.csv";
            }

            var columns = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                columns.TryAdd(header[i].Trim(), i);
            }

            var row = new Row(csv.Parser, columns);
            while (csv.Parser.Read())
            {
                readRow(row, this);
            }
        }
        catch (CsvHelperException exception) when (exception.InnerException is RosterLimitException limit)
        {
            throw limit;
        }
        catch (MaxFieldSizeException exception)
        {
            Error(file, exception.Context?.Parser?.RawRow ?? 0, null, $"A field is longer than {MaxFieldLength:N0} characters, the most an import reads.");
        }
        catch (CsvHelperException exception)
        {
            Error(file, exception.Context?.Parser?.RawRow ?? 0, null, "Unreadable CSV: " + exception.Message.Split('\n')[0]);
        }
    }

    private static string? Field(Row row, string name) => row[name];

    private static int Line(Row row) => row.Line;

    private static IReadOnlyList<string> List(string? value) =>
        value is null ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool? Bool(Row csv, RosterBatch batch, string file, string name)
    {
        var value = Field(csv, name);
        if (value is null)
        {
            return null;
        }

        if (value.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (value.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        batch.Error(file, Line(csv), name, $"'{Truncate(value)}' is not true or false.");
        return null;
    }

    private static void ReadOrgs(Row csv, RosterBatch batch) =>
        batch.Orgs.Add((Line(csv), new OneRosterOrg
        {
            SourcedId = Field(csv, "sourcedId") ?? "",
            Status = Field(csv, "status"),
            Name = Field(csv, "name") ?? "",
            Type = Field(csv, "type") ?? "",
            Identifier = Field(csv, "identifier"),
            ParentSourcedId = Field(csv, "parentSourcedId"),
        }));

    private static void ReadUsers(Row csv, RosterBatch batch)
    {
        var sourcedId = Field(csv, "sourcedId") ?? "";
        if (Field(csv, "role") is { } role)
        {
            // 1.1: one role at each of the user's orgs, the first being the primary one.
            var orgs = List(Field(csv, "orgSourcedIds"));
            if (orgs.Count == 0)
            {
                batch.Error("users.csv", Line(csv), "orgSourcedIds", "orgSourcedIds is required with a role.");
            }

            for (var i = 0; i < orgs.Count; i++)
            {
                batch.Roles.Add((Line(csv), new OneRosterRole
                {
                    UserSourcedId = sourcedId, Status = Field(csv, "status"), RoleType = i == 0 ? "primary" : "secondary", Role = role, OrgSourcedId = orgs[i],
                }));
            }
        }

        batch.Users.Add((Line(csv), new OneRosterUser
        {
            SourcedId = sourcedId,
            Status = Field(csv, "status"),
            EnabledUser = Bool(csv, batch, "users.csv", "enabledUser"),
            GivenName = Field(csv, "givenName") ?? "",
            FamilyName = Field(csv, "familyName") ?? "",
            PreferredGivenName = Field(csv, "preferredGivenName"),
            Identifier = Field(csv, "identifier"),
            Email = Field(csv, "email"),
            Phone = Field(csv, "phone") ?? Field(csv, "sms"),
            AgentSourcedIds = List(Field(csv, "agentSourcedIds")),
            Grades = List(Field(csv, "grades")),
            PrimaryOrgSourcedId = Field(csv, "primaryOrgSourcedId"),
            PreferredLanguage = Field(csv, "metadata.preferredLanguage"),
        }));
    }

    private static void ReadRoles(Row csv, RosterBatch batch) =>
        batch.Roles.Add((Line(csv), new OneRosterRole
        {
            SourcedId = Field(csv, "sourcedId"),
            Status = Field(csv, "status"),
            UserSourcedId = Field(csv, "userSourcedId") ?? "",
            RoleType = Field(csv, "roleType"),
            Role = Field(csv, "role") ?? "",
            OrgSourcedId = Field(csv, "orgSourcedId") ?? "",
        }));

    private static void ReadDemographics(Row csv, RosterBatch batch)
    {
        const string file = "demographics.csv";
        DateOnly? birthDate = null;
        if (Field(csv, "birthDate") is { } text)
        {
            // A date, or a date-time whose date part is the birth date (the spec allows either).
            var datePart = text.Length > 10 && text[10] is 'T' or 't' or ' ' ? text[..10] : text;
            if (DateOnly.TryParseExact(datePart, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                birthDate = date;
            }
            else
            {
                batch.Error(file, Line(csv), "birthDate", $"'{Truncate(text)}' is not a date (YYYY-MM-DD).");
            }
        }

        batch.Demographics.Add((Line(csv), new OneRosterDemographics
        {
            SourcedId = Field(csv, "userSourcedId") ?? Field(csv, "sourcedId") ?? "",
            Status = Field(csv, "status"),
            BirthDate = birthDate,
            Sex = Field(csv, "sex"),
            AmericanIndianOrAlaskaNative = Bool(csv, batch, file, "americanIndianOrAlaskaNative"),
            Asian = Bool(csv, batch, file, "asian"),
            BlackOrAfricanAmerican = Bool(csv, batch, file, "blackOrAfricanAmerican"),
            NativeHawaiianOrOtherPacificIslander = Bool(csv, batch, file, "nativeHawaiianOrOtherPacificIslander"),
            White = Bool(csv, batch, file, "white"),
            HispanicOrLatinoEthnicity = Bool(csv, batch, file, "hispanicOrLatinoEthnicity"),
            EnglishLearner = Bool(csv, batch, file, "metadata.englishLearner"),
            StudentWithDisability = Bool(csv, batch, file, "metadata.studentWithDisability"),
            SocioeconomicallyDisadvantaged = Bool(csv, batch, file, "metadata.socioeconomicallyDisadvantaged"),
            FosterYouth = Bool(csv, batch, file, "metadata.fosterYouth"),
        }));
    }

    private static void ReadSessions(Row csv, RosterBatch batch) =>
        batch.Sessions.Add((Line(csv), new OneRosterAcademicSession
        {
            SourcedId = Field(csv, "sourcedId") ?? "", Status = Field(csv, "status"), Title = Field(csv, "title") ?? "", Type = Field(csv, "type") ?? "",
            StartDate = Field(csv, "startDate"), EndDate = Field(csv, "endDate"), ParentSourcedId = Field(csv, "parentSourcedId"), SchoolYear = Field(csv, "schoolYear"),
        }));

    private static void ReadCourses(Row csv, RosterBatch batch) =>
        batch.Courses.Add((Line(csv), new OneRosterCourse
        {
            SourcedId = Field(csv, "sourcedId") ?? "", Status = Field(csv, "status"), Title = Field(csv, "title") ?? "", CourseCode = Field(csv, "courseCode"),
            Grades = List(Field(csv, "grades")), OrgSourcedId = Field(csv, "orgSourcedId"), SchoolYearSourcedId = Field(csv, "schoolYearSourcedId"),
        }));

    private static void ReadClasses(Row csv, RosterBatch batch) =>
        batch.Classes.Add((Line(csv), new OneRosterClass
        {
            SourcedId = Field(csv, "sourcedId") ?? "", Status = Field(csv, "status"), Title = Field(csv, "title") ?? "", ClassCode = Field(csv, "classCode"),
            ClassType = Field(csv, "classType"), CourseSourcedId = Field(csv, "courseSourcedId"), SchoolSourcedId = Field(csv, "schoolSourcedId"),
            TermSourcedIds = List(Field(csv, "termSourcedIds")), Periods = List(Field(csv, "periods")),
        }));

    private static void ReadEnrollments(Row csv, RosterBatch batch) =>
        batch.Enrollments.Add((Line(csv), new OneRosterEnrollment
        {
            SourcedId = Field(csv, "sourcedId") ?? "", Status = Field(csv, "status"), Role = Field(csv, "role") ?? "",
            Primary = Bool(csv, batch, "enrollments.csv", "primary"), BeginDate = Field(csv, "beginDate"), EndDate = Field(csv, "endDate"),
            ClassSourcedId = Field(csv, "classSourcedId"), SchoolSourcedId = Field(csv, "schoolSourcedId"), UserSourcedId = Field(csv, "userSourcedId"),
        }));

    internal static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
