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

    /// <summary>
    /// Ranking scores only the groups of opportunities whose bound can still beat the worst kept; whatever the student,
    /// the weights and the region, it must return exactly what scoring every opportunity returns: the same
    /// opportunities, scores and order, ties in input order. Coarse random values make ties and bounds met exactly common.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Ranking_without_scoring_everything_returns_what_scoring_everything_returns(int seed)
    {
        var random = new Random(seed);
        var clusters = Enum.GetValues<CareerCluster>();
        var stages = Enum.GetValues<ContinuumStage>();
        string? Pathway() => random.Next(3) switch { 0 => "Health Science", 1 => "health science", _ => null };
        WeekMask Week() => WeekMask.From(Enumerable.Range(0, random.Next(3))
            .Select(_ => new WeeklySlot { Day = (DayOfWeek)random.Next(7), Start = $"{14 + random.Next(3)}:00", End = $"{17 + random.Next(2)}:00" }));
        // Places on a coarse grid (equal distances, so equal scores) or anywhere in a region of about 30 km, or the odd one
        // far away.
        GeoPoint Place() => random.Next(3) switch
        {
            0 => new GeoPoint { Latitude = 37.7 + random.Next(5) * 0.05, Longitude = -122.3 + random.Next(5) * 0.05 },
            1 => new GeoPoint { Latitude = 37.55 + random.NextDouble() * 0.3, Longitude = -122.05 + random.NextDouble() * 0.3 },
            _ => random.Next(20) == 0 ? new GeoPoint { Latitude = 34.05, Longitude = -118.25 } : new GeoPoint { Latitude = 37.8, Longitude = -122.27 },
        };
        for (var run = 0; run < 100; run++)
        {
            var opportunities = Enumerable.Range(0, 20 + random.Next(400)).Select(_ => new OpportunityFacts
            {
                Stage = stages[random.Next(stages.Length)], Cluster = clusters[random.Next(4)], MinGrade = random.Next(4) == 0 ? 11 : null,
                MinAge = random.Next(6) == 0 ? 16 : null, Hazardous = random.Next(30) == 0, Prerequisite = random.Next(6) == 0 ? ContinuumStage.Exploration : null,
                Modality = random.Next(5) == 0 ? Modality.Virtual : Modality.InPerson,
                Location = random.Next(8) == 0 ? null : Place(),
                Schedule = Week(), Compensation = (Compensation)random.Next(3), CreditOffered = random.Next(2) == 0,
                Seats = random.Next(4) == 0 ? 0 : 4, SeatsLeft = random.Next(6) - 1, EndDate = random.Next(10) == 0 ? Today.AddDays(-1) : null, Pathway = Pathway(),
            }).ToList();
            var student = new StudentFacts
            {
                Grade = random.Next(5) == 0 ? null : 9 + random.Next(4), Age = random.Next(5) == 0 ? null : 14 + random.Next(5),
                Interests = clusters.Take(4).Where(_ => random.Next(3) == 0).ToHashSet(),
                Completed = clusters.Take(4).Where(_ => random.Next(4) == 0).ToDictionary(c => c, _ => stages[random.Next(stages.Length)]),
                Pathway = Pathway(), Availability = Week(),
                Home = random.Next(6) == 0 ? null : Place(),
                Transportation = random.Next(4) == 0 ? null : (TransportationMode)random.Next(6), MaxTravelMinutes = random.Next(3) == 0 ? null : 20 + 10 * random.Next(4),
                PrefersPaid = random.Next(2) == 0, WantsCredit = random.Next(2) == 0,
            };
            var weights = random.Next(6) switch
            {
                0 => new MatchingWeights(),
                1 => new MatchingWeights { Interest = 0, Sequencing = 0, Seats = 0 },
                2 => new MatchingWeights { Travel = 10, Interest = 0.5 },
                3 => new MatchingWeights { Pay = -1 }, // not a region's setting (0–100), but scored all the same
                _ => new MatchingWeights { Interest = random.Next(5), Pathway = random.Next(5), Sequencing = random.Next(5), Schedule = random.Next(5),
                    Travel = random.Next(5), Pay = random.Next(5), Credit = random.Next(5), Seats = random.Next(5) },
            };
            var limit = 1 + random.Next(30);

            // Half the runs hide some opportunities from the student (another school's audience, say).
            var hidden = run % 2 == 0 ? null : opportunities.Select(_ => random.Next(3) == 0).ToArray();

            var expected = opportunities.Select((o, i) => (Index: i, Eligible: Recommender.Eligible(student, o, Today), Score: Recommender.Score(student, o, weights, null)))
                .Where(x => x.Eligible && hidden?[x.Index] != true).OrderByDescending(x => x.Score).ThenBy(x => x.Index).Take(limit).Select(x => (x.Index, x.Score)).ToList();
            var ranked = Recommender.Rank(student, RecommendationIndex.Of(opportunities), hidden is null ? null : i => !hidden[i], weights, Today, limit);

            ranked.Select(r => (r.Index, r.Score)).Should().Equal(expected, $"run {run} of seed {seed}");
            ranked.Should().OnlyContain(r => Math.Abs(r.Reasons.Sum(x => x.Weight) - r.Score) < 0.1);
            if (hidden is null)
            {
                Recommender.Rank(student, opportunities, weights, Today, limit).Select(r => (r.Index, r.Score)).Should().Equal(expected, "scoring every one");
            }
        }
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
