using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using static HttpBench;

/// <summary>
/// The region-scale data set (data/bench/region.db) and a round over it, end to end through the API:
/// 120k students in 4 schools, 15k opportunities (over 10k of them published to the whole region), 20k placements (the demo seeder at scale), then a round of 100k
/// students × 10k opportunities × 10 choices with a 20 % reserve: opening, running (POST run → matched) and publishing
/// are timed. Choices are written straight into the database (choice submission through the API is its own benchmark).
/// </summary>
internal static class RegionBench
{
    public const int Students = 100_000;
    public const int Opportunities = 10_000;
    public const int Choices = 10;

    public static async Task BuildAsync()
    {
        var database = RegionDatabase;
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            File.Delete(file);
        }

        var seeding = Stopwatch.StartNew();
        await using (var api = await ApiProcess.StartAsync(database, new Dictionary<string, string>
        {
            ["Demo__Seed"] = "true",
            ["Demo__StudentsPerSchool"] = "30000",
            ["Demo__Opportunities"] = "15000",
            ["Demo__Placements"] = "20000",
            ["Bootstrap__AdminEmail"] = "admin@demo.launchpath.test",
            ["Bootstrap__AdminPassword"] = Password,
            ["Jobs__Enabled"] = "false",
        }))
        {
            Console.WriteLine($"region: seeded in {seeding.Elapsed.TotalSeconds:0.0} s");
        }

        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        foreach (var (label, sql) in new[]
                 {
                     ("students", "SELECT COUNT(*) FROM people WHERE kind = 'student'"),
                     ("opportunities", "SELECT COUNT(*) FROM opportunities"),
                     ("published", "SELECT COUNT(*) FROM opportunities WHERE status = 'published'"),
                     ("placements", "SELECT COUNT(*) FROM placements"),
                 })
        {
            Console.WriteLine($"region: {label} {await connection.ExecuteScalarAsync<long>(sql):N0}");
        }
    }

    /// <summary>Opens a round over the region through the API, fills in every student's choices, runs it and publishes it.</summary>
    public static async Task RoundAsync(string database)
    {
        await using var api = await ApiProcess.StartAsync(database);
        var token = await api.TokenAsync("convener@demo.launchpath.test");
        api.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        List<string> opportunityIds;
        List<string> studentIds;
        string regionId;
        await using (var read = new SqliteConnection($"Data Source={database}"))
        {
            await read.OpenAsync();
            regionId = await read.ExecuteScalarAsync<string>("SELECT id FROM organizations WHERE type = 'region'") ?? throw new InvalidOperationException("no region");
            opportunityIds = (await read.QueryAsync<string>(
                "SELECT id FROM opportunities WHERE status = 'published' AND audience = 'region' ORDER BY id LIMIT @Take", new { Take = Opportunities })).ToList();
            studentIds = (await read.QueryAsync<string>("SELECT id FROM people WHERE kind = 'student' AND status = 'active' ORDER BY id LIMIT @Take", new { Take = Students })).ToList();
        }

        var open = Stopwatch.StartNew();
        var created = await api.Client.PostAsJsonAsync("/api/v1/match-rounds", new
        {
            organizationId = regionId, name = "Region-scale bench round", opportunityIds, maxChoices = Choices, seed = 7,
            reserveGroup = "socioeconomicallyDisadvantaged", reservePercent = 20,
        });
        open.Stop();
        if (!created.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"open: {created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        }

        var round = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Console.WriteLine($"round: opened over {opportunityIds.Count:N0} opportunities in {open.Elapsed.TotalMilliseconds:N0} ms [target ≤ 500 ms: {(open.Elapsed.TotalMilliseconds <= 500 ? "met" : "NOT met")}]");

        await using (var write = new SqliteConnection($"Data Source={database}"))
        {
            await write.OpenAsync();
            await using var transaction = await write.BeginTransactionAsync();
            var command = write.CreateCommand();
            command.Transaction = (SqliteTransaction)transaction;
            command.CommandText = "INSERT INTO match_round_choices (round_id, student_id, rank, opportunity_id) VALUES ($r, $s, $k, $o)";
            var (r, s, k, o) = (command.Parameters.Add("$r", SqliteType.Text), command.Parameters.Add("$s", SqliteType.Text),
                command.Parameters.Add("$k", SqliteType.Integer), command.Parameters.Add("$o", SqliteType.Text));
            r.Value = round;
            // A submission writes the choices as rows and as one list per student (what a run reads): both, as the API does.
            var lists = write.CreateCommand();
            lists.Transaction = (SqliteTransaction)transaction;
            lists.CommandText = "INSERT INTO match_round_choice_lists (round_id, student_id, opportunity_ids) VALUES ($r, $s, $l)";
            var (listRound, listStudent, list) = (lists.Parameters.Add("$r", SqliteType.Text), lists.Parameters.Add("$s", SqliteType.Text), lists.Parameters.Add("$l", SqliteType.Text));
            listRound.Value = round;
            var random = new Random(3);
            // Popular opportunities draw more choices, as in real rounds (a few employers are everyone's first pick).
            foreach (var student in studentIds)
            {
                s.Value = student;
                var picked = new HashSet<int>();
                var chosen = new List<string>();
                for (var rank = 1; picked.Count < Choices; rank++)
                {
                    var index = (int)(Math.Pow(random.NextDouble(), 2) * opportunityIds.Count);
                    if (!picked.Add(index))
                    {
                        rank--;
                        continue;
                    }

                    k.Value = rank;
                    o.Value = opportunityIds[index];
                    command.ExecuteNonQuery();
                    chosen.Add(opportunityIds[index]);
                }

                listStudent.Value = student;
                list.Value = System.Text.Json.JsonSerializer.Serialize(chosen);
                lists.ExecuteNonQuery();
            }

            await transaction.CommitAsync();
            // Choices arrive over the days a round is open, long before it runs: the log they were written to is folded
            // into the database first, as SQLite does as it goes, not by the run's first write (a 50 MB checkpoint).
            await using var checkpoint = write.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
        }

        var run = Stopwatch.StartNew();
        var started = await api.Client.PostAsync($"/api/v1/match-rounds/{round}/run", null);
        started.EnsureSuccessStatusCode();
        JsonElement state;
        var progress = new List<int>();
        do
        {
            await Task.Delay(20);
            state = await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/match-rounds/{round}");
            progress.Add(state.GetProperty("progress").GetInt32());
        }
        while (state.GetProperty("status").GetString() is "queued" or "running");
        run.Stop();
        var statistics = state.GetProperty("statistics");
        Console.WriteLine($"round: run → {state.GetProperty("status").GetString()} in {run.Elapsed.TotalMilliseconds:N0} ms, {statistics.GetProperty("matched").GetInt32():N0} of " +
                          $"{statistics.GetProperty("students").GetInt32():N0} matched, progress seen {string.Join("→", progress.Distinct())} " +
                          $"[target ≤ 1,500 ms: {(run.Elapsed.TotalMilliseconds <= 1500 ? "met" : "NOT met")}]");

        var publish = Stopwatch.StartNew();
        (await api.Client.PostAsync($"/api/v1/match-rounds/{round}/publish", null)).EnsureSuccessStatusCode();
        publish.Stop();
        Console.WriteLine($"round: published in {publish.Elapsed.TotalMilliseconds:N0} ms [target ≤ 1,000 ms: {(publish.Elapsed.TotalMilliseconds <= 1000 ? "met" : "NOT met")}]");
        Console.WriteLine($"round: API RSS {api.RssMiB():N0} MiB");
    }
}
