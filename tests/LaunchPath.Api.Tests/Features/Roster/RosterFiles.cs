using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;

namespace LaunchPath.Api.Tests.Features.Roster;

/// <summary>Builds OneRoster 1.2 CSV rosters for a district: schools, students, guardians, teachers.</summary>
public sealed class RosterFiles
{
    public string Mode { get; set; } = "bulk";
    public List<string> Orgs { get; } = ["sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId"];
    public List<string> Users { get; } =
    [
        "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds," +
        "grades,password,userMasterIdentifier,resourceSourcedIds,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns," +
        "metadata.preferredLanguage",
    ];
    public List<string> Roles { get; } = ["sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId"];
    public List<string> Demographics { get; } =
    [
        "sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander," +
        "white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity,countryOfBirthCode,stateOfBirthAbbreviation,cityOfBirth,publicSchoolResidenceStatus," +
        "metadata.englishLearner,metadata.studentWithDisability,metadata.socioeconomicallyDisadvantaged,metadata.fosterYouth",
    ];

    public List<string> Courses { get; } = ["sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes"];
    public List<string> Classes { get; } =
        ["sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods"];
    public List<string> Enrollments { get; } = ["sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate"];

    public RosterFiles Course(string sourcedId, string title, string code, string org)
    {
        Courses.Add($"{sourcedId},active,2026-08-01,,{title},{code},\"10,11\",{org},Science,");
        return this;
    }

    public RosterFiles Class(string sourcedId, string title, string course, string school)
    {
        Classes.Add($"{sourcedId},active,2026-08-01,\"{title}\",\"10,11\",{course},{sourcedId}-code,scheduled,Room 12,{school},,Science,,1");
        return this;
    }

    public RosterFiles Enrollment(string classSourcedId, string school, string user, string role)
    {
        Enrollments.Add($"e-{classSourcedId}-{user},active,2026-08-01,{classSourcedId},{school},{user},{role},{(role == "teacher").ToString().ToLowerInvariant()},2026-08-15,");
        return this;
    }

    public RosterFiles School(string sourcedId, string name, string districtSourcedId)
    {
        Orgs.Add($"{sourcedId},active,2026-08-01,{name},school,{sourcedId}-cds,{districtSourcedId}");
        return this;
    }

    public RosterFiles Student(string sourcedId, string given, string family, string grade, string school, string agents = "", string status = "active",
        string birthDate = "2010-05-01", bool englishLearner = false, bool hispanic = false, string sex = "female", string language = "")
    {
        Users.Add($"{sourcedId},{status},2026-08-01,true,{sourcedId},,{given},{family},,SSID{sourcedId},{sourcedId}@students.example.test,,,\"{agents}\"," +
                  $"{grade},,,,,,,{school},,\"{language}\"");
        Roles.Add($"r-{sourcedId},active,2026-08-01,{sourcedId},primary,student,2026-08-01,,{school},");
        Demographics.Add($"{sourcedId},active,2026-08-01,{birthDate},{sex},false,false,false,false,{(!hispanic).ToString().ToLowerInvariant()},false," +
                         $"{hispanic.ToString().ToLowerInvariant()},US,CA,Alder,,{englishLearner.ToString().ToLowerInvariant()},false,true,false");
        return this;
    }

    public RosterFiles Guardian(string sourcedId, string given, string family, string school, string role = "parent", string language = "")
    {
        Users.Add($"{sourcedId},active,2026-08-01,true,{sourcedId},,{given},{family},,,{sourcedId}@family.example.test,,,,,,,,,,,{school},,\"{language}\"");
        Roles.Add($"r-{sourcedId},active,2026-08-01,{sourcedId},primary,{role},2026-08-01,,{school},");
        return this;
    }

    public RosterFiles Teacher(string sourcedId, string given, string family, string school)
    {
        Users.Add($"{sourcedId},active,2026-08-01,true,{sourcedId},,{given},{family},,,{sourcedId}@staff.example.test,,,,,,,,,,,{school},");
        Roles.Add($"r-{sourcedId},active,2026-08-01,{sourcedId},primary,teacher,2026-08-01,,{school},");
        return this;
    }

    public IEnumerable<(string Name, string Content)> Files(bool withManifest = true)
    {
        if (withManifest)
        {
            yield return ("manifest.csv",
                $"propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\nfile.orgs,{Mode}\nfile.users,{Mode}\nfile.roles,{Mode}\nfile.demographics,{Mode}\n");
        }

        yield return ("orgs.csv", string.Join('\n', Orgs) + "\n");
        yield return ("users.csv", string.Join('\n', Users) + "\n");
        yield return ("roles.csv", string.Join('\n', Roles) + "\n");
        yield return ("demographics.csv", string.Join('\n', Demographics) + "\n");
        if (Classes.Count > 1)
        {
            yield return ("courses.csv", string.Join('\n', Courses) + "\n");
            yield return ("classes.csv", string.Join('\n', Classes) + "\n");
            yield return ("enrollments.csv", string.Join('\n', Enrollments) + "\n");
        }
    }

    public MultipartFormDataContent Multipart(bool withManifest = true)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, text) in Files(withManifest))
        {
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            content.Add(file, "files", name);
        }

        return content;
    }

    public MultipartFormDataContent Zip()
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in Files())
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open());
                writer.Write(text);
            }
        }

        var content = new MultipartFormDataContent();
        var zip = new ByteArrayContent(buffer.ToArray());
        zip.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        content.Add(zip, "files", "roster.zip");
        return content;
    }
}

/// <summary>
/// A OneRoster 1.1 CSV package as the 1EdTech 1.1 CSV binding shapes it: each user's role and orgs are columns of
/// users.csv (there is no roles.csv), the manifest says oneroster.version 1.1 and lists the files, and a SIS sends its
/// classes, courses, enrollments and academic sessions along.
/// </summary>
public sealed class RosterFiles11
{
    public string Mode { get; set; } = "bulk";
    public string DemographicsKey { get; set; } = "sourcedId";
    public List<string> Orgs { get; } = ["sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId"];
    public List<string> Users { get; } =
        ["sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password"];
    public List<string> Demographics { get; } = [];

    public RosterFiles11 Org(string sourcedId, string name, string type, string parent)
    {
        Orgs.Add($"{sourcedId},active,2026-08-01T00:00:00Z,{name},{type},{sourcedId}-id,{parent}");
        return this;
    }

    public RosterFiles11 User(string sourcedId, string role, string orgs, string given, string family, string grade = "", string agents = "", string birthDate = "")
    {
        Users.Add($"{sourcedId},active,2026-08-01T00:00:00Z,true,\"{orgs}\",{role},{sourcedId},,{given},{family},,ID{sourcedId},{sourcedId}@example.test,,,\"{agents}\",{grade},");
        if (birthDate.Length > 0)
        {
            Demographics.Add($"{sourcedId},active,2026-08-01T00:00:00Z,{birthDate},female,false,false,false,false,true,false,false,US,CA,Alder,");
        }

        return this;
    }

    public MultipartFormDataContent Zip()
    {
        var files = new List<(string, string)>
        {
            ("manifest.csv", "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\nfile.academicSessions,bulk\nfile.categories,absent\n" +
                             $"file.classes,bulk\nfile.classResources,absent\nfile.courses,bulk\nfile.courseResources,absent\nfile.demographics,{Mode}\n" +
                             $"file.enrollments,bulk\nfile.lineItems,absent\nfile.orgs,{Mode}\nfile.resources,absent\nfile.results,absent\nfile.users,{Mode}\n" +
                             "source.systemName,Example SIS\n"),
            ("orgs.csv", string.Join('\n', Orgs) + "\n"),
            ("users.csv", string.Join('\n', Users) + "\n"),
            ("demographics.csv", $"{DemographicsKey},status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican," +
                                 "nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity,countryOfBirthCode," +
                                 "stateOfBirthAbbreviation,cityOfBirth,publicSchoolResidenceStatus\n" + string.Join('\n', Demographics) + "\n"),
            ("academicSessions.csv", "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear\nterm-1,active,2026-08-01T00:00:00Z,Fall 2026,term,2026-08-15,2026-12-20,,2027\n"),
            ("courses.csv", "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes\n"),
            ("classes.csv", "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\n"),
            ("enrollments.csv", "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate\n"),
            ("export-info.txt", "Exported by Example SIS\n"),
        };
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in files)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open());
                writer.Write(text);
            }
        }

        var content = new MultipartFormDataContent();
        var zip = new ByteArrayContent(buffer.ToArray());
        zip.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        content.Add(zip, "files", "oneroster-1.1.zip");
        return content;
    }
}
