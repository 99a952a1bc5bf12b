using System.Security.Cryptography;
using Dapper;
using LaunchPath.Api.Domain;
using LaunchPath.Api.Infrastructure.Data;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.Partners;

namespace LaunchPath.Api.Demo;

/// <summary>
/// Partnerships in every state. The region requires a certificate of general liability insurance (its other rules are
/// left off, so the demo's stories place students as before; the convener turns them on from the Partners page). Each
/// of the 40 employers has a worksite (most checklists approved, some waiting for review, some not done), a certificate
/// in force (a few expiring within 30 days) and a region-wide agreement (most in force, some awaiting the school's
/// signature, some ending soon). Five more employers applied through the public form: one waiting for review, one
/// asked for changes, one declined, one approved whose certificate has lapsed, one approved with nothing yet.
/// </summary>
public sealed partial class DemoSeeder
{
    private static readonly byte[] DemoPdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    private static async Task SeedPartnersAsync(IServiceProvider services, string regionId, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<Db>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var region = Guid.Parse(regionId);
        await using var connection = await db.OpenAsync(cancellationToken);
        var convener = await connection.ExecuteScalarAsync<Guid>(new CommandDefinition(
            "SELECT id FROM users WHERE email_normalized = 'CONVENER@DEMO.LAUNCHPATH.TEST'", cancellationToken: cancellationToken));
        var employers = (await connection.QueryAsync<(Guid Id, string Name)>(new CommandDefinition(
            "SELECT id, name FROM organizations WHERE region_id = @Region AND type = 'employer' ORDER BY sourced_id", new { Region = region }, cancellationToken: cancellationToken))).ToList();
        var rules = Partnerships.Defaults with
        {
            Documents = Partnerships.Defaults.Documents.Select(k => k.Key == "insurance" ? k with { Required = true } : k).ToList(),
        };
        var checklist = DbJson.Write(new WorksiteChecklistRequest
        {
            Answers = rules.Checklist.Select(i => new ChecklistAnswer { Key = i.Key, Answer = i.Key == "hazards.driving" ? "notApplicable" : "yes" }).ToList(),
            StudentsPerSupervisor = 3,
            EmergencyProcedures = "Evacuate by the nearest marked exit and meet at the front lot; the site lead calls 911 and the school.",
            ProtectiveEquipment = "Safety glasses and closed-toe shoes, provided at the door",
            HazardousOrders = [],
        });

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Task Run(string sql, object args) => connection.ExecuteAsync(new CommandDefinition(sql, args, transaction, cancellationToken: cancellationToken));
        await Run("INSERT INTO partnership_requirements (region_id, settings, version, updated_at) VALUES (@Region, @Settings, 1, @Now)",
            new { Region = region, Settings = DbJson.Write(rules with { Version = 0 }), Now = now });

        async Task<Guid> Worksite(Guid employer, string name, string status, int number)
        {
            var id = Guid.CreateVersion7();
            await Run("INSERT INTO worksites (id, employer_id, region_id, name, address_line1, address_city, address_state, address_postal_code, address_country, latitude, longitude, " +
                      "remote, accessibility, transit, checklist_status, checklist, checklist_version, checklist_submitted_at, checklist_reviewed_at, checklist_reviewed_by, version, " +
                      "created_at, updated_at) VALUES (@Id, @Employer, @Region, @Name, @Line1, 'Alder', 'CA', '95001', 'US', 38.12, -121.98, 0, 'Step-free entrance', " +
                      "'Bus 12 stops nearby', @Status, @Checklist, 1, @Submitted, @Reviewed, @Reviewer, 1, @Now, @Now)",
                new
                {
                    Id = id, Employer = employer, Region = region, Name = name, Line1 = $"{100 + number} Industry Way", Status = status,
                    Checklist = status == "none" ? null : checklist, Submitted = status == "none" ? (DateTimeOffset?)null : now.AddDays(-20),
                    Reviewed = status == "approved" ? now.AddDays(-15) : (DateTimeOffset?)null, Reviewer = status == "approved" ? convener : (Guid?)null, Now = now,
                });
            return id;
        }

        Task Certificate(Guid employer, DateOnly expires, string status = "approved") =>
            Run("INSERT INTO employer_documents (id, employer_id, region_id, kind, insurer, policy_number, coverage_cents, aggregate_cents, effective_on, expires_on, file_name, " +
                "content_type, size_bytes, sha256, content, status, reviewed_at, reviewed_by, uploaded_by, created_at) VALUES (@Id, @Employer, @Region, 'insurance', " +
                "'Valley Mutual Insurance', @Policy, 200000000, 400000000, @Effective, @Expires, 'certificate-of-insurance.pdf', 'application/pdf', @Size, @Sha, @Content, @Status, " +
                "@Reviewed, @Reviewer, @Reviewer, @Now)",
                new
                {
                    Id = Guid.CreateVersion7(), Employer = employer, Region = region, Policy = $"GL-{employer.ToString("N")[..8].ToUpperInvariant()}", Effective = expires.AddYears(-1),
                    Expires = expires, Size = (long)DemoPdf.Length, Sha = Convert.ToHexString(SHA256.HashData(DemoPdf)).ToLowerInvariant(), Content = DemoPdf, Status = status,
                    Reviewed = status == "approved" ? now.AddDays(-30) : (DateTimeOffset?)null, Reviewer = convener, Now = now,
                });

        Task Agreement(Guid employer, DateOnly starts, DateOnly ends, bool schoolSigned) =>
            Run("INSERT INTO partnership_agreements (id, employer_id, region_id, district_id, template_version, terms, starts_on, ends_on, employer_signer_name, " +
                "employer_signer_title, employer_signed_at, school_signer_name, school_signer_title, school_signed_at, school_signed_by, created_by, created_at) VALUES (@Id, " +
                "@Employer, @Region, NULL, 1, @Terms, @Starts, @Ends, 'Jordan Lee', 'Operations director', @Signed, @SchoolName, @SchoolTitle, @SchoolSigned, @SchoolBy, @By, @Now)",
                new
                {
                    Id = Guid.CreateVersion7(), Employer = employer, Region = region, Terms = DbJson.Write(rules.AgreementTemplate), Starts = starts, Ends = ends,
                    Signed = now.AddDays(-40), SchoolName = schoolSigned ? "Casey Convener" : null, SchoolTitle = schoolSigned ? "Regional WBL director" : null,
                    SchoolSigned = schoolSigned ? now.AddDays(-38) : (DateTimeOffset?)null, SchoolBy = schoolSigned ? convener : (Guid?)null, By = convener, Now = now,
                });

        for (var i = 0; i < employers.Count; i++)
        {
            var (employer, name) = employers[i];
            var site = await Worksite(employer, name.Replace(" (demo)", "", StringComparison.Ordinal) + " main site", i < 30 ? "approved" : i < 35 ? "submitted" : "none", i);
            await Run("UPDATE opportunities SET worksite_id = @Site WHERE employer_id = @Employer AND modality <> 'virtual'", new { Site = site, Employer = employer });
            await Certificate(employer, i is 3 or 11 or 27 ? today.AddDays(12 + i) : today.AddDays(180 + i * 5));
            await Agreement(employer, today.AddMonths(-10), i is 5 or 17 ? today.AddDays(40) : today.AddYears(1).AddMonths(2), schoolSigned: i is not (8 or 21 or 33));
        }

        // The first employer's demo supervisor is cleared; the region's board lists the supervisors of minors who are not.
        await Run("INSERT INTO supervisor_clearances (id, employer_id, region_id, email_normalized, email, name, kind, district_id, cleared, reference, checked_on, expires_on, " +
                  "recorded_by, created_at) VALUES (@Id, @Employer, @Region, 'supervisor@demo.launchpath.test', 'supervisor@demo.launchpath.test', 'Sam Supervisor (demo)', " +
                  "'backgroundCheck', NULL, 1, 'BG-2026-0117', @Checked, @Expires, @By, @Now)",
            new { Id = Guid.CreateVersion7(), Employer = employers[0].Id, Region = region, Checked = today.AddDays(-60), Expires = today.AddYears(2), By = convener, Now = now });

        // Two minors' placements under way whose training agreement names a mentor nobody has cleared yet: the board's
        // "uncleared supervisors" (the region's clearance rule is off in the demo, so they stay active).
        var supervised = (await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT pl.id FROM placements pl JOIN student_profiles sp ON sp.person_id = pl.student_id WHERE pl.status = 'active' AND pl.employer_id <> @First " +
            "AND sp.birth_date > @Adult AND NOT EXISTS (SELECT 1 FROM agreements a WHERE a.placement_id = pl.id) ORDER BY pl.id",
            new { First = employers[0].Id, Adult = today.AddYears(-18) }, transaction, cancellationToken: cancellationToken))).Take(2).ToList();
        foreach (var placement in supervised)
        {
            var terms = new Contracts.Placements.AgreementRequest
            {
                Objectives = [new Contracts.Placements.LearningObjective { Description = "Keep a weekly log of tasks and what they taught", Skills = ["Reflection"] }],
                SupervisorName = "Riley Brooks", SupervisorEmail = "riley.brooks@mentors.demo.launchpath.test", Compensation = "unpaid", Credit = "WBL hours toward the pathway",
            };
            await Run("INSERT INTO agreements (placement_id, terms, version, created_at, updated_at) VALUES (@Id, @Terms, 1, @Now, @Now)",
                new { Id = placement, Terms = DbJson.Write(terms), Now = now.AddDays(-30) });
            foreach (var party in new[] { "student", "guardian", "supervisor", "coordinator" })
            {
                await Run("INSERT INTO acknowledgements (placement_id, party, agreement_version, name, via, user_id, at) VALUES (@Id, @Party, 1, @Name, 'link', NULL, @At)",
                    new { Id = placement, Party = party, Name = party == "supervisor" ? "Riley Brooks" : $"Demo {party}", At = now.AddDays(-29) });
            }
        }

        // Employers who applied through the public form, one in each state.
        var applicants = new (string Name, string Status, string? Note, string Industry, CareerCluster Cluster)[]
        {
            ("Alder Robotics (demo applicant)", "pending", null, "Industrial automation", CareerCluster.AdvancedManufacturing),
            ("Birch Street Bakery (demo applicant)", "changesRequested", "Please add the address where students would work; the form gave only a P.O. box.", "Food service",
                CareerCluster.HospitalityEventsTourism),
            ("Quick Cash Advance (demo applicant)", "declined", "Payday lending is not among the careers the region's pathways prepare for.", "Consumer lending", CareerCluster.FinancialServices),
            ("Delta Freight (demo partner)", "approved", null, "Logistics", CareerCluster.SupplyChainTransportation),
            ("Elm Family Clinic (demo partner)", "approved", null, "Outpatient care", CareerCluster.HealthcareHumanServices),
        };
        for (var i = 0; i < applicants.Length; i++)
        {
            var (name, status, note, industry, cluster) = applicants[i];
            var id = Guid.CreateVersion7();
            var profile = new PartnerProfile
            {
                OrganizationName = name,
                Industry = industry,
                Contact = new PartnerContact { Name = $"Morgan Diaz {i + 1}", Title = "Owner", Email = $"applicant{i + 1}@partners.demo.launchpath.test" },
                CareerClusters = [cluster],
                ExperienceTypes = [OpportunityType.GuestSpeaker, OpportunityType.WorksiteTour, OpportunityType.JobShadowing],
                StudentsPerYear = 4 + i,
                About = "We would like to host students for tours and job shadows.",
            };
            await Run("INSERT INTO organizations (id, type, name, parent_id, region_id, district_id, scope_key, sourced_id, identifier, industry, career_cluster, partner_status, " +
                      "partner_profile, partner_note, partner_applied_at, partner_reviewed_at, partner_reviewed_by, version, created_at, updated_at) VALUES (@Id, 'employer', @Name, " +
                      "@Region, @Region, NULL, @Scope, NULL, NULL, @Industry, @Cluster, @Status, @Profile, @Note, @Applied, @Reviewed, @Reviewer, 1, @Now, @Now)",
                new
                {
                    Id = id, Name = name, Region = region, Scope = region.ToString("D"), Industry = industry, Cluster = DbEnum.ToText(cluster), Status = status,
                    Profile = DbJson.Write(profile), Note = note, Applied = now.AddDays(-14 + i), Reviewed = status == "pending" ? (DateTimeOffset?)null : now.AddDays(-3),
                    Reviewer = status == "pending" ? (Guid?)null : convener, Now = now,
                });
            await Worksite(id, name.Split(" (")[0] + " shop", status == "pending" ? "none" : i == 3 ? "submitted" : "none", 60 + i);
            if (i == 3)
            {
                await Certificate(id, today.AddDays(-9)); // lapsed: no new placement until a current one is approved
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
