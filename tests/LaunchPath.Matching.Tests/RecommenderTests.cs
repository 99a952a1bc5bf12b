using LaunchPath.Matching;
using LaunchPath.Contracts.Common;
using LaunchPath.Contracts.Matching;
using LaunchPath.Contracts.Opportunities;
using LaunchPath.Contracts.People;

namespace LaunchPath.Matching.Tests;

/// <summary>Recommendations: eligibility is a hard rule, the score is explained by its reasons.</summary>
public sealed class RecommenderTests
{
    private static readonly DateOnly Today = new(2027, 1, 15);
    private static readonly GeoPoint School = new() { Latitude = 37.80, Longitude = -122.27 };

    private static StudentFacts Student(Action<StudentFactsBuilder>? change = null)
    {
        var b = new StudentFactsBuilder();
        change?.Invoke(b);
        return new StudentFacts
        {
            Grade = b.Grade, Age = b.Age, Interests = b.Interests, Pathway = b.Pathway, Completed = b.Completed,
            Availability = WeekMask.From(b.Availability), Home = b.Home, Transportation = b.Transportation, MaxTravelMinutes = b.MaxTravel,
            PrefersPaid = b.PrefersPaid, WantsCredit = b.WantsCredit,
        };
    }

    private static OpportunityFacts Opportunity(ContinuumStage stage = ContinuumStage.Exploration, CareerCluster cluster = CareerCluster.HealthcareHumanServices,
        int? minGrade = null, int? minAge = null, bool hazardous = false, ContinuumStage? prerequisite = null, int seatsLeft = 3, Modality modality = Modality.InPerson,
        GeoPoint? location = null, IEnumerable<WeeklySlot>? schedule = null, Compensation pay = Compensation.Unpaid, bool credit = false, DateOnly? end = null,
        string? pathway = null) => new()
    {
        Stage = stage, Cluster = cluster, MinGrade = minGrade, MinAge = minAge, Hazardous = hazardous, Prerequisite = prerequisite, SeatsLeft = seatsLeft,
        Seats = Math.Max(3, seatsLeft), Modality = modality, Location = modality == Modality.Virtual ? null : location ?? School,
        Schedule = WeekMask.From(schedule ?? []), Compensation = pay, CreditOffered = credit, EndDate = end, Pathway = pathway,
    };

    [Theory]
    [InlineData(37.80, -122.27, 37.87, -122.27)] // 7.8 km north
    [InlineData(37.80, -122.27, 37.80, -122.05)] // 19 km east
    [InlineData(37.80, -122.27, 37.34, -121.89)] // San José, 60 km
    [InlineData(47.61, -122.33, 47.25, -122.44)] // further north, where longitude shrinks more
    public void Travel_distances_agree_with_the_great_circle_within_a_region(double homeLatitude, double homeLongitude, double latitude, double longitude)
    {
        var student = Student(s => { s.Home = new GeoPoint { Latitude = homeLatitude, Longitude = homeLongitude }; s.Transportation = TransportationMode.Car; });
        var minutes = Recommender.TravelMinutes(student, Opportunity(location: new GeoPoint { Latitude = latitude, Longitude = longitude }))!.Value;

        // Haversine, as the textbook gives it.
        var (p1, p2) = (double.DegreesToRadians(homeLatitude), double.DegreesToRadians(latitude));
        var (dp, dl) = (p2 - p1, double.DegreesToRadians(longitude - homeLongitude));
        var h = Math.Sin(dp / 2) * Math.Sin(dp / 2) + Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dl / 2) * Math.Sin(dl / 2);
        var km = 2 * 6371 * Math.Asin(Math.Sqrt(h));
        var expected = km * 1.3 * 2 + 5; // by car, as the recommender estimates it
        minutes.Should().BeApproximately(expected, expected * 0.005);
    }

    [Fact]
    public void Ineligible_opportunities_are_never_recommended_and_say_why()
    {
        var student = Student(s => { s.Grade = 10; s.Age = 15; });
        var cases = new (OpportunityFacts Opportunity, ReasonCode Why)[]
        {
            (Opportunity(minGrade: 11), ReasonCode.BelowMinimumGrade),
            (Opportunity(minAge: 16), ReasonCode.BelowMinimumAge),
            (Opportunity(hazardous: true), ReasonCode.HazardousUnder18),
            (Opportunity(stage: ContinuumStage.Training, prerequisite: ContinuumStage.Exploration), ReasonCode.PrerequisiteMissing),
            (Opportunity(seatsLeft: 0), ReasonCode.NoSeatsLeft),
            (Opportunity(end: Today.AddDays(-1)), ReasonCode.Ended),
            (Opportunity(location: new GeoPoint { Latitude = 38.6, Longitude = -121.5 }), ReasonCode.OutOfReach),
        };

        foreach (var (opportunity, why) in cases)
        {
            Recommender.WhyIneligible(student, opportunity, Today)!.Value.Code.Should().Be(why);
        }

        Recommender.Rank(student, cases.Select(c => c.Opportunity).ToList(), new MatchingWeights(), Today, 10).Should().BeEmpty();
        Recommender.Rank(student, [Opportunity()], new MatchingWeights(), Today, 10).Should().ContainSingle();
    }

    [Fact]
    public void A_student_of_unknown_grade_takes_only_opportunities_without_a_grade_rule()
    {
        var student = Student(s => s.Grade = null);
        var why = Recommender.WhyIneligible(student, Opportunity(minGrade: 9), Today);
        why!.Value.Code.Should().Be(ReasonCode.BelowMinimumGrade);
        why.Value.Detail.Should().Contain("grade is unknown");
        Recommender.Eligible(student, Opportunity(), Today).Should().BeTrue();
        Recommender.Rank(student, [Opportunity(minGrade: 9), Opportunity()], new MatchingWeights(), Today, 5).Should().ContainSingle();
    }

    [Fact]
    public void A_virtual_opportunity_is_never_out_of_reach()
    {
        var student = Student(s => { s.Transportation = TransportationMode.None; s.MaxTravel = 5; });
        var far = Opportunity(location: new GeoPoint { Latitude = 38.6, Longitude = -121.5 });
        var remote = Opportunity(modality: Modality.Virtual);
        Recommender.Eligible(student, far, Today).Should().BeFalse();
        var ranked = Recommender.Rank(student, [far, remote], new MatchingWeights(), Today, 5);
        ranked.Should().ContainSingle().Which.Reasons.Should().Contain(r => r.Code == ReasonCode.Virtual);
    }

    [Fact]
    public void Sequencing_steers_to_exploration_before_an_internship_in_the_same_cluster()
    {
        var internship = Opportunity(stage: ContinuumStage.Training);
        var shadow = Opportunity(stage: ContinuumStage.Exploration);
        var newcomer = Student();
        var ranked = Recommender.Rank(newcomer, [internship, shadow], new MatchingWeights(), Today, 5);
        ranked.Select(r => r.Index).Should().Equal(1, 0);
        ranked[0].Reasons.Should().Contain(r => r.Code == ReasonCode.NextStepOnContinuum);
        ranked[1].Reasons.Should().Contain(r => r.Code == ReasonCode.ExploreFirst && r.Weight < 0);

        var explored = Student(s => s.Completed = new Dictionary<CareerCluster, ContinuumStage> { [CareerCluster.HealthcareHumanServices] = ContinuumStage.Exploration });
        var next = Recommender.Rank(explored, [internship, shadow], new MatchingWeights(), Today, 5);
        next[0].Index.Should().Be(0, "after exploring, the internship is the next step");
        next[0].Reasons.Should().NotContain(r => r.Code == ReasonCode.ExploreFirst);
    }

    [Fact]
    public void Interests_pathway_schedule_pay_and_credit_raise_the_score_and_reasons_add_up()
    {
        var student = Student(s =>
        {
            s.PrefersPaid = true;
            s.WantsCredit = true;
            s.Pathway = "Health Science";
            s.Availability = [new WeeklySlot { Day = DayOfWeek.Tuesday, Start = "15:00", End = "18:00" }];
        });
        var fits = Opportunity(pay: Compensation.Paid, credit: true, pathway: "health science", schedule: [new WeeklySlot { Day = DayOfWeek.Tuesday, Start = "15:30", End = "17:30" }]);
        var clashes = Opportunity(schedule: [new WeeklySlot { Day = DayOfWeek.Monday, Start = "09:00", End = "12:00" }]);
        var other = Opportunity(cluster: CareerCluster.Construction);

        var ranked = Recommender.Rank(student, [other, clashes, fits], new MatchingWeights(), Today, 5);
        ranked.Select(r => r.Index).Should().Equal(2, 1, 0);
        ranked[0].Reasons.Select(r => r.Code).Should().Contain([ReasonCode.InterestMatch, ReasonCode.PathwayAligned, ReasonCode.ScheduleFits, ReasonCode.PaidAsPreferred, ReasonCode.CreditAsPreferred]);
        ranked[1].Reasons.Should().Contain(r => r.Code == ReasonCode.ScheduleConflicts);
        ranked[2].Reasons.Should().Contain(r => r.Code == ReasonCode.NoInterestMatch);
        foreach (var r in ranked)
        {
            r.Reasons.Sum(x => x.Weight).Should().BeApproximately(r.Score, 0.05, "the reasons explain the whole score");
        }
    }

    [Fact]
    public void Weights_change_the_order()
    {
        var student = Student(s => s.PrefersPaid = true);
        var interesting = Opportunity();
        var paidElsewhere = Opportunity(cluster: CareerCluster.Construction, pay: Compensation.Paid);
        Recommender.Rank(student, [interesting, paidElsewhere], new MatchingWeights(), Today, 5)[0].Index.Should().Be(0);
        var payFirst = new MatchingWeights { Interest = 0.1, Pay = 10 };
        Recommender.Rank(student, [interesting, paidElsewhere], payFirst, Today, 5)[0].Index.Should().Be(1);
    }

    [Fact]
    public void The_limit_keeps_the_best_and_ties_keep_input_order()
    {
        var student = Student();
        var many = Enumerable.Range(0, 50).Select(_ => Opportunity()).ToList();
        var ranked = Recommender.Rank(student, many, new MatchingWeights(), Today, 5);
        ranked.Select(r => r.Index).Should().Equal(0, 1, 2, 3, 4);
    }

    public sealed class StudentFactsBuilder
    {
        public int? Grade { get; set; } = 11;
        public int? Age { get; set; } = 16;
        public HashSet<CareerCluster> Interests { get; set; } = [CareerCluster.HealthcareHumanServices];
        public string? Pathway { get; set; }
        public Dictionary<CareerCluster, ContinuumStage> Completed { get; set; } = [];
        public List<WeeklySlot> Availability { get; set; } = [];
        public GeoPoint? Home { get; set; } = new() { Latitude = 37.81, Longitude = -122.26 };
        public TransportationMode? Transportation { get; set; } = TransportationMode.PublicTransit;
        public int? MaxTravel { get; set; } = 40;
        public bool PrefersPaid { get; set; }
        public bool WantsCredit { get; set; }
    }
}
