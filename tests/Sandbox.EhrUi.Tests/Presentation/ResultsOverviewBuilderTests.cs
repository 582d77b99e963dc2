using Hl7.Fhir.Model;
using Sandbox.EhrUi.Presentation;

namespace Sandbox.EhrUi.Tests.Presentation;

public sealed class ResultsOverviewBuilderTests
{
    [Fact]
    public void Build_BloodPressure_SplitsComponentTrends()
    {
        Observation[] observations =
        [
            TestResources.BloodPressure("bp1", "2020-01-01T10:00:00+00:00", 130, 85),
            TestResources.BloodPressure("bp2", "2021-01-01T10:00:00+00:00", 120, 80),
        ];

        var overview = ResultsOverviewBuilder.Build(observations);

        Assert.Equal(["Diastolic blood pressure", "Systolic blood pressure"], overview.Trends.Select(t => t.Title));
        Assert.Equal([130m, 120m], overview.Trends[1].Points.Select(p => p.Value));
        Assert.Equal("mmHg", overview.Trends[1].Unit);
    }

    [Fact]
    public void Build_BloodPressure_RowJoinsComponents()
    {
        Observation[] observations =
        [
            TestResources.BloodPressure("bp1", "2020-01-01T10:00:00+00:00", 130, 85),
            TestResources.BloodPressure("bp2", "2021-01-01T10:00:00+00:00", 120, 80),
        ];

        var overview = ResultsOverviewBuilder.Build(observations);

        var row = Assert.Single(overview.Rows);
        Assert.Equal("120/80 mmHg", row.Value);
        Assert.Equal(2, row.ResultCount);
        Assert.Equal("1 Jan 2021 10:00", row.Date);
    }

    [Fact]
    public void Build_SingleValue_HasRowButNoTrend()
    {
        var weight = TestResources.Vital("w1", "29463-7", "Body weight", "2020-01-01T10:00:00+00:00", 80.5m, "kg");

        var overview = ResultsOverviewBuilder.Build([weight]);

        Assert.Single(overview.Rows);
        Assert.Empty(overview.Trends);
    }

    [Fact]
    public void Build_Trend_PointsOldestFirst()
    {
        Observation[] observations =
        [
            TestResources.Vital("w2", "29463-7", "Body weight", "2021-01-01T10:00:00+00:00", 82m, "kg"),
            TestResources.Vital("w1", "29463-7", "Body weight", "2020-01-01T10:00:00+00:00", 80m, "kg"),
            TestResources.Vital("w3", "29463-7", "Body weight", "2022-01-01T10:00:00+00:00", 79m, "kg"),
        ];

        var overview = ResultsOverviewBuilder.Build(observations);

        var trend = Assert.Single(overview.Trends);
        Assert.Equal([80m, 82m, 79m], trend.Points.Select(p => p.Value));
    }

    [Fact]
    public void Build_EnteredInError_IsLeftOut()
    {
        var wrong = TestResources.Vital("w1", "29463-7", "Body weight", "2020-01-01T10:00:00+00:00", 800m, "kg");
        wrong.Status = ObservationStatus.EnteredInError;
        var right = TestResources.Vital("w2", "29463-7", "Body weight", "2020-01-01T11:00:00+00:00", 80m, "kg");

        var overview = ResultsOverviewBuilder.Build([wrong, right]);

        var row = Assert.Single(overview.Rows);
        Assert.Equal("80 kg", row.Value);
        Assert.Equal(1, row.ResultCount);
    }

    [Fact]
    public void Build_ReferenceRange_ComesFromLatestResult()
    {
        var older = Lab("k1", "2020-01-01T10:00:00+00:00", 4.1m, low: 3.0m, high: 5.5m);
        var newer = Lab("k2", "2021-01-01T10:00:00+00:00", 5.9m, low: 3.5m, high: 5.1m);

        var overview = ResultsOverviewBuilder.Build([older, newer]);

        var trend = Assert.Single(overview.Trends);
        Assert.Equal(3.5m, trend.Range?.Low);
        Assert.Equal(5.1m, trend.Range?.High);
        Assert.Equal("3.5–5.1 mmol/L", overview.Rows[0].ReferenceRange);
    }

    [Fact]
    public void Build_Rows_VitalSignsBeforeLaboratory()
    {
        var lab = Lab("k1", "2020-01-01T10:00:00+00:00", 4.1m, low: null, high: null);
        var vital = TestResources.Vital("w1", "29463-7", "Body weight", "2020-01-01T10:00:00+00:00", 80m, "kg");

        var overview = ResultsOverviewBuilder.Build([lab, vital]);

        Assert.Equal(["Vital signs", "Laboratory"], overview.Rows.Select(r => r.Category));
    }

    [Fact]
    public void Build_DifferentUnits_SeparateTrends()
    {
        Observation[] observations =
        [
            TestResources.Vital("t1", "8310-5", "Body temperature", "2020-01-01T10:00:00+00:00", 37m, "Cel"),
            TestResources.Vital("t2", "8310-5", "Body temperature", "2020-02-01T10:00:00+00:00", 37.5m, "Cel"),
            TestResources.Vital("t3", "8310-5", "Body temperature", "2020-03-01T10:00:00+00:00", 99m, "[degF]"),
            TestResources.Vital("t4", "8310-5", "Body temperature", "2020-04-01T10:00:00+00:00", 98.6m, "[degF]"),
        ];

        var overview = ResultsOverviewBuilder.Build(observations);

        Assert.Equal(2, overview.Trends.Count);
        Assert.All(overview.Trends, trend => Assert.Equal(2, trend.Points.Count));
    }

    private static Observation Lab(string id, string time, decimal value, decimal? low, decimal? high)
    {
        var observation = new Observation
        {
            Id = id,
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory")],
            Code = new CodeableConcept(TestResources.Loinc, "6298-4", "Potassium", "Potassium"),
            Effective = new FhirDateTime(time),
            Value = new Quantity(value, "mmol/L", "http://unitsofmeasure.org") { Unit = "mmol/L" },
        };
        if (low is not null || high is not null)
        {
            observation.ReferenceRange.Add(new Observation.ReferenceRangeComponent
            {
                Low = low is null ? null : new Quantity(low.Value, "mmol/L") { Unit = "mmol/L" },
                High = high is null ? null : new Quantity(high.Value, "mmol/L") { Unit = "mmol/L" },
            });
        }

        return observation;
    }
}
