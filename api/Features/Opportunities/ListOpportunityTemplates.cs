using LaunchPath.Api.Infrastructure.Http;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Opportunities;

namespace LaunchPath.Api.Features.Opportunities;

/// <summary>
/// GET /api/v1/opportunity-templates — job description templates by experience type and career cluster: meaningful
/// tasks, skills to be gained and validated, learning objectives tied to the evaluation rubric's categories, supervision,
/// a typical schedule, pay or credit. An employer starts from one so that the quality criteria are met by construction.
/// Templates for a cluster come before those for any cluster.
/// </summary>
public static class ListOpportunityTemplates
{
    public static readonly IReadOnlyList<OpportunityTemplate> All =
    [
        new()
        {
            Key = "jobShadow", Name = "Job shadow (any field)", Type = OpportunityType.JobShadowing, Stage = ContinuumStage.Exploration,
            Title = "Job shadow: a day with our team",
            Description = "Spend a day beside one of our professionals to see what the work is really like, ask questions and try a few tasks.",
            Duties = "Follow a professional through meetings and hands-on work\nInterview two staff members about their career paths\nTry one supervised task and write a short reflection",
            Skills = ["Professional communication", "Workplace norms", "Career research"],
            LearningObjectives = ["Describe three roles in the organization and the path to each (career awareness)", "Practice professional conduct and communication (workplace skills)"],
            Supervision = "One named host for the whole visit; never alone with a student behind closed doors.",
            Schedule = "One school day, 9 am to 2 pm", Compensation = Compensation.Unpaid, CreditOffered = false, ExpectedHours = 5,
        },
        new()
        {
            Key = "worksiteTour", Name = "Worksite tour for a class", Type = OpportunityType.WorksiteTour, Stage = ContinuumStage.Exploration,
            Title = "Behind the scenes: a tour of our worksite",
            Description = "A guided tour for a class, with a demonstration and a conversation with people who work here.",
            Duties = "Walk the site with a guide and see each stage of the work\nWatch a live demonstration and try a safe hands-on activity\nAsk staff about the training their jobs need",
            Skills = ["Industry awareness", "Safety awareness"],
            LearningObjectives = ["Connect the work seen to what the class is learning (academic connection)", "Name the safety practices the site uses (workplace safety)"],
            Supervision = "A guide for every 15 students, with the teacher present throughout.",
            Schedule = "Two hours on a school day", Compensation = Compensation.Unpaid, CreditOffered = false, ExpectedHours = 2,
        },
        new()
        {
            Key = "guestSpeaker", Name = "Guest speaker in a classroom", Type = OpportunityType.GuestSpeaker, Stage = ContinuumStage.Awareness,
            Title = "Career talk: what we do and how to get here",
            Description = "A professional visits a class (or joins online) to talk about their work, their path and a problem they solved.",
            Duties = "Present a real problem from your work and how you solved it\nAnswer students' questions about training and pay\nLeave the class with one small challenge to try",
            Skills = ["Career awareness"],
            LearningObjectives = ["Students name the training and skills a career needs (career awareness)"],
            Supervision = "The teacher leads the class; the speaker is never alone with students.",
            Schedule = "One class period", Compensation = Compensation.Unpaid, CreditOffered = false, ExpectedHours = 1,
        },
        new()
        {
            Key = "internshipHealth", Name = "Paid internship in healthcare", Type = OpportunityType.PaidInternship, Stage = ContinuumStage.Preparation,
            CareerCluster = CareerCluster.HealthcareHumanServices,
            Title = "Patient services intern",
            Description = "A paid internship on a clinic's patient services team: greeting and guiding patients, keeping rooms stocked and learning how a care team works.",
            Duties = "Greet patients and guide them to the right area\nRestock exam rooms and check supplies against the list\nHelp with intake paperwork under a staff member's supervision\nKeep a weekly learning log and present one improvement idea",
            Skills = ["Patient communication", "Infection control basics", "Medical terminology", "Teamwork"],
            LearningObjectives = ["Communicate clearly and kindly with patients (communication)", "Follow infection control procedures (safety)", "Use medical terminology correctly (technical skills)"],
            Supervision = "A named supervisor on every shift; a cleared mentor meets the intern weekly.",
            Schedule = "Tuesdays and Thursdays 3:30–6:30 pm, 10 weeks", Compensation = Compensation.Paid, CreditOffered = true,
            CreditDescription = "Work experience credit through the school", ExpectedHours = 60,
        },
        new()
        {
            Key = "internshipTech", Name = "Paid internship in software", Type = OpportunityType.PaidInternship, Stage = ContinuumStage.Preparation,
            CareerCluster = CareerCluster.DigitalTechnology,
            Title = "Junior developer intern",
            Description = "Join a product team for a summer: fix real bugs, write tests and ship a small feature with a mentor's review.",
            Duties = "Fix two small bugs from the team's backlog with a mentor\nWrite automated tests for the code you change\nShip one small feature through code review\nDemo your work to the team at the end",
            Skills = ["Programming", "Version control", "Testing", "Collaboration"],
            LearningObjectives = ["Write and test working code (technical skills)", "Use code review and version control (workplace practice)", "Present work to a team (communication)"],
            Supervision = "A mentor reviews every change; the team lead is the named supervisor.",
            Schedule = "Monday to Thursday 9 am–1 pm, 6 weeks in summer", Compensation = Compensation.Paid, CreditOffered = false, ExpectedHours = 96,
        },
        new()
        {
            Key = "internshipTrades", Name = "Paid internship in construction", Type = OpportunityType.PaidInternship, Stage = ContinuumStage.Preparation,
            CareerCluster = CareerCluster.Construction,
            Title = "Construction trades intern",
            Description = "Work beside a crew on a job site (never on tasks the hazardous occupations orders forbid minors), learning tools, plans and safety.",
            Duties = "Prepare materials and keep the site organized\nRead a plan with the foreman and measure layouts\nUse hand tools on supervised tasks that are legal for your age\nComplete an OSHA-style safety orientation and daily safety check",
            Skills = ["Blueprint reading", "Measurement", "Jobsite safety", "Hand tools"],
            LearningObjectives = ["Read and measure from plans (academic connection: geometry)", "Follow jobsite safety rules (safety)", "Work as part of a crew (teamwork)"],
            Supervision = "A journeyman supervises at all times, one adult for every two interns.",
            Schedule = "Saturdays 7 am–12 pm, 12 weeks", Compensation = Compensation.Paid, CreditOffered = true, CreditDescription = "CTE pathway credit", ExpectedHours = 60,
        },
        new()
        {
            Key = "mentorship", Name = "Career mentorship", Type = OpportunityType.Mentorship, Stage = ContinuumStage.Exploration,
            Title = "Career mentor for a semester",
            Description = "Meet a professional every two weeks to plan next steps: courses, certifications, a résumé and a first application.",
            Duties = "Meet your mentor every two weeks and set a goal for the next meeting\nBuild a résumé and practise an interview\nResearch one certification or program with your mentor",
            Skills = ["Goal setting", "Interview skills", "Résumé writing"],
            LearningObjectives = ["Set and track a career goal (career planning)", "Complete a résumé and a mock interview (employability)"],
            Supervision = "Meetings at school or online with the school informed; mentors are cleared before they start.",
            Schedule = "Every other week, 45 minutes, one semester", Compensation = Compensation.Unpaid, CreditOffered = false, ExpectedHours = 6,
        },
        new()
        {
            Key = "apprenticeship", Name = "Pre-apprenticeship", Type = OpportunityType.PreApprenticeship, Stage = ContinuumStage.Training,
            Title = "Pre-apprenticeship: first steps into the trade",
            Description = "A structured program with related classroom instruction and paid on-the-job learning that leads to a registered apprenticeship.",
            Duties = "Complete the program's related instruction modules\nWork supervised shifts on the competencies of the apprenticeship's first level\nKeep the competency log signed off by your journeyworker",
            Skills = ["Trade fundamentals", "Safety certification", "Professionalism"],
            LearningObjectives = ["Master the first-level competencies (technical skills)", "Earn the program's safety certification (credential)"],
            Supervision = "A journeyworker for every two pre-apprentices; a program coordinator checks in monthly.",
            Schedule = "Two afternoons a week plus Saturdays, one school year", Compensation = Compensation.Paid, CreditOffered = true,
            CreditDescription = "Dual credit with the community college", ExpectedHours = 200,
        },
    ];

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapGet("/opportunity-templates", Answer<Ok<List<OpportunityTemplate>>, Fails.Invalid> (string? type, string? careerCluster) =>
            {
                var errors = new Dictionary<string, string[]>();
                QueryEnums.TryParse<OpportunityType>(type, "type", errors, out var kind);
                QueryEnums.TryParse<CareerCluster>(careerCluster, "careerCluster", errors, out var cluster);
                if (errors.Count > 0)
                {
                    return Error.Invalid(errors);
                }

                return TypedResults.Ok(All
                    .Where(t => (kind is null || t.Type == kind) && (cluster is null || t.CareerCluster is null || t.CareerCluster == cluster))
                    .OrderBy(t => t.CareerCluster is null ? 1 : 0).ThenBy(t => t.Name, StringComparer.Ordinal).ToList());
            })
            .WithQueryEnum<OpportunityType>("type")
            .WithQueryEnum<CareerCluster>("careerCluster")
            .WithTags("Opportunities")
            .WithName("listOpportunityTemplates")
            .WithSummary("Job description templates by experience type and career cluster");
}
