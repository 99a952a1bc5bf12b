using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Dapper;
using LaunchPath.Api.Features.Roster;
using LaunchPath.Api.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// LaunchPath benchmarks: timed console runs that print their figures (not unit tests).
//   dotnet run -c Release --project scripts/bench/LaunchPath.Bench -- roster [users]
//   dotnet run -c Release --project scripts/bench/LaunchPath.Bench -- match [students] [opportunities] [choices] [ranked]
//   dotnet run -c Release --project scripts/bench/LaunchPath.Bench -- recommend [opportunities] [students]
//   dotnet run -c Release --project scripts/bench/LaunchPath.Bench -- region          (builds data/bench/region.db, then a round over it)
//   dotnet run -c Release --project scripts/bench/LaunchPath.Bench -- round           (another round on a copy of region.db)
//   dotnet run -c Release --project scripts/bench/LaunchPath.Bench -- api [connections] [seconds] [case]
//   dotnet run -c Release --project scripts/bench/LaunchPath.Bench -- choices [connections] [seconds]
//   dotnet run -c Release --project scripts/bench/LaunchPath.Bench -- mixed [clients] [seconds]
var what = args.FirstOrDefault() ?? "roster";
switch (what)
{
    case "roster":
        await RosterBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 100_000);
        break;
    case "recommend":
        RecommendBench.Run(args.Length > 1 ? int.Parse(args[1]) : 10_000, args.Length > 2 ? int.Parse(args[2]) : 500);
        break;
    case "match":
        MatchBench.Run(args.Length > 1 ? int.Parse(args[1]) : 100_000, args.Length > 2 ? int.Parse(args[2]) : 10_000, args.Length > 3 ? int.Parse(args[3]) : 10,
            ranked: args.Contains("ranked"));
        break;
    case "region":
        await RegionBench.BuildAsync();
        await RegionBench.RoundAsync(HttpBench.RegionDatabase);
        break;
    case "round":
    {
        using var copy = new HttpBench.RegionCopy();
        await RegionBench.RoundAsync(copy.Path);
        break;
    }
    case "api":
        await ApiLoadBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 50, args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5,
            args.Length > 3 ? args[3] : null);
        break;
    case "choices":
        await ChoicesBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 50, args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10);
        break;
    case "mixed":
        await MixedBench.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 100, args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 60);
        break;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{what}'. Known: roster, match, recommend, region, round, api, choices, mixed");
        return 2;
}

return 0;

/// <summary>
/// Imports a generated OneRoster roster of N students (users, roles, demographics) into a fresh SQLite database through
/// the same parser and writer as the API's import job, in one transaction. Target: 100k users at ≥ 100k rows/s.
/// </summary>
internal static class RosterBench
{
    public static async Task RunAsync(int users)
    {
        DapperTypeHandlers.Register();
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        var directory = Path.Combine(Path.GetTempPath(), "launchpath-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var options = new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(directory, "bench.db")}" };
            new DatabaseMigrator(Options.Create(options), NullLogger<DatabaseMigrator>.Instance).Migrate();
            var db = new Db(Options.Create(options));

            // Warm up on a district of its own, then measure: the API imports in a long-running process, so the figures are
            // for code the JIT has already optimized (tiered compilation needs a few runs and a moment to get there).
            var warmDistrict = await SeedDistrictAsync(db, "warm");
            var warmZip = Generate(20_000, "warm");
            for (var run = 0; run < 3; run++)
            {
                await ImportAsync(db, warmDistrict, warmZip, 20_000, "warm-up", print: false);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
            var zip = Generate(users);
            var districtId = await SeedDistrictAsync(db);
            Console.WriteLine($"roster: {users:N0} students, payload {zip.Length / 1024.0 / 1024.0:0.0} MiB (zip of users, roles, demographics, orgs)");

            await ImportAsync(db, districtId, zip, users, "first import", print: true);
            await ImportAsync(db, districtId, zip, users, "re-import, unchanged", print: true);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task ImportAsync(Db db, Guid districtId, byte[] zip, int users, string label, bool print)
    {
            {
                var total = Stopwatch.StartNew();
                var parse = Stopwatch.StartNew();
                var batch = RosterBatch.FromZip(zip, null);
                parse.Stop();
                await using var connection = await db.OpenAsync(CancellationToken.None);
                await using var transaction = await connection.BeginTransactionAsync();
                var apply = Stopwatch.StartNew();
                var applier = new RosterApplier(connection, transaction, db.Dialect, TimeProvider.System);
                var counts = await applier.ApplyAsync(districtId, batch, _ => { }, CancellationToken.None);
                await transaction.CommitAsync();
                apply.Stop();
                total.Stop();
                if (counts is null)
                {
                    throw new InvalidOperationException("Import failed: " + string.Join("; ", batch.Errors.Take(5).Select(e => $"{e.File}:{e.Line} {e.Reason}")));
                }

                var seconds = total.Elapsed.TotalSeconds;
                if (!print)
                {
                    return;
                }

                Console.WriteLine($"{label}: parse {parse.Elapsed.TotalMilliseconds:0} ms, " +
                                  $"load {applier.LoadTime.TotalMilliseconds:0} ms, check {applier.PlanTime.TotalMilliseconds:0} ms, write {applier.WriteTime.TotalMilliseconds:0} ms, total {seconds * 1000:0} ms → " +
                                  $"{users / seconds:N0} users/s, {batch.TotalRows / seconds:N0} rows/s over {batch.TotalRows:N0} rows " +
                                  $"(created {counts.PeopleCreated:N0}, unchanged {counts.PeopleUnchanged:N0}) " +
                                  $"[target ≥ 100,000 rows/s: {(batch.TotalRows / seconds >= 100_000 ? "met" : "NOT met")}]; " +
                                  $"peak RSS {PeakMiB():N0} MiB [target < 1,024 MiB: {(PeakMiB() < 1024 ? "met" : "NOT met")}]");
            }
    }

    /// <summary>The most memory the process has held so far (Linux: VmHWM), the figure the target bounds.</summary>
    private static long PeakMiB()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64 / (1024 * 1024);
    }

    private static async Task<Guid> SeedDistrictAsync(Db db, string sourcedId = "d")
    {
        var region = Guid.CreateVersion7();
        var district = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        await using var connection = await db.OpenAsync(CancellationToken.None);
        const string insert =
            "INSERT INTO organizations (id, type, name, parent_id, region_id, district_id, scope_key, sourced_id, version, created_at, updated_at) " +
            "VALUES (@Id, @Type, @Name, @Parent, @Region, @District, @Scope, @SourcedId, 1, @Now, @Now)";
        await connection.ExecuteAsync(insert, new { Id = region, Type = "region", Name = "Bench region", Parent = (Guid?)null, Region = region, District = (Guid?)null, Scope = "root", SourcedId = "r-" + sourcedId, Now = now });
        await connection.ExecuteAsync(insert, new { Id = district, Type = "district", Name = "Bench district", Parent = (Guid?)region, Region = region, District = (Guid?)district, Scope = region.ToString("D"), SourcedId = sourcedId, Now = now });
        return district;
    }

    private static byte[] Generate(int users, string district = "d")
    {
        var random = new Random(7);
        var orgs = new StringBuilder("sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n");
        for (var s = 0; s < 20; s++)
        {
            orgs.Append($"sch{s},active,2026-08-01,Bench School {s},school,cds{s},{district}\n");
        }

        var userCsv = new StringBuilder("sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone," +
                                        "agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,preferredGivenName,preferredMiddleName," +
                                        "preferredFamilyName,primaryOrgSourcedId,pronouns\n");
        var roles = new StringBuilder("sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId\n");
        var demographics = new StringBuilder("sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican," +
                                             "nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity,countryOfBirthCode," +
                                             "stateOfBirthAbbreviation,cityOfBirth,publicSchoolResidenceStatus,metadata.englishLearner,metadata.studentWithDisability," +
                                             "metadata.socioeconomicallyDisadvantaged,metadata.fosterYouth\n");
        for (var i = 0; i < users; i++)
        {
            var school = $"sch{i % 20}";
            var grade = 6 + random.Next(8);
            userCsv.Append($"u{i},active,2026-08-01,true,u{i},,Given{i},Family{i},,SSID{i:0000000000},u{i}@students.example.test,,,,{grade:00},,,,,,,{school},\n");
            roles.Append($"r{i},active,2026-08-01,u{i},primary,student,2026-08-01,,{school},\n");
            demographics.Append($"u{i},active,2026-08-01,{2008 + random.Next(8)}-0{1 + random.Next(9)}-1{random.Next(10)},{(random.Next(2) == 0 ? "female" : "male")}," +
                                $"false,{B(random, 10)},{B(random, 10)},false,{B(random, 40)},false,{B(random, 40)},US,CA,Alder,," +
                                $"{B(random, 20)},{B(random, 12)},{B(random, 50)},{B(random, 100)}\n");
        }

        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in new[]
                     {
                         ("manifest.csv", "propertyName,value\nfile.users,bulk\n"), ("orgs.csv", orgs.ToString()), ("users.csv", userCsv.ToString()),
                         ("roles.csv", roles.ToString()), ("demographics.csv", demographics.ToString()),
                     })
            {
                using var writer = new StreamWriter(archive.CreateEntry(name, CompressionLevel.Fastest).Open());
                writer.Write(text);
            }
        }

        return buffer.ToArray();
    }

    private static string B(Random random, int oneIn) => random.Next(oneIn) == 0 ? "true" : "false";
}
