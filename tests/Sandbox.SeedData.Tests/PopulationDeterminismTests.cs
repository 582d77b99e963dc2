using Hl7.Fhir.Model;
using Sandbox.SeedData.Population;

namespace Sandbox.SeedData.Tests;

public sealed class PopulationDeterminismTests
{
    private static readonly DateOnly Date = new(2026, 3, 1);

    [Fact]
    public void Generate_SameDate_GivesIdenticalJson()
    {
        var first = PopulationJson.Serialize(PopulationGenerator.Generate(Date));

        var second = PopulationJson.Serialize(PopulationGenerator.Generate(Date));

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("2024-02-29")]
    [InlineData("2025-01-01")]
    [InlineData("2027-12-31")]
    [InlineData("2028-03-01")]
    public void Generate_OtherDate_KeepsIds(string otherDate)
    {
        var first = PopulationGenerator.Generate(Date).Resources.Select(Key).ToList();

        var other = PopulationGenerator.Generate(DateOnly.Parse(otherDate)).Resources.Select(Key).ToList();

        Assert.Equal(first, other);
    }

    [Fact]
    public void Generate_OtherDate_ShiftsBirthDates()
    {
        var first = Patient(PopulationGenerator.Generate(Date), SeedPatients.AvaThompson);

        var later = Patient(PopulationGenerator.Generate(Date.AddDays(400)), SeedPatients.AvaThompson);

        Assert.Equal(FhirValues.BirthDateOf(first).AddDays(400), FhirValues.BirthDateOf(later));
    }

    [Fact]
    public void Generate_OtherDate_ShiftsObservationDates()
    {
        var first = FirstObservation(PopulationGenerator.Generate(Date));

        var later = FirstObservation(PopulationGenerator.Generate(Date.AddDays(30)));

        var shift = FhirValues.EffectiveOf(later) - FhirValues.EffectiveOf(first);
        Assert.Equal(TimeSpan.FromDays(30), shift);
    }

    [Fact]
    public void Generate_AnyDate_PutsNoEventAfterIt()
    {
        var population = PopulationGenerator.Generate(Date);
        var limit = new DateTimeOffset(Date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        var late = population.Resources.OfType<Observation>()
            .Where(observation => FhirValues.EffectiveOf(observation) >= limit)
            .Select(observation => observation.Id)
            .ToList();

        Assert.Empty(late);
    }

    [Fact]
    public void Generate_KnownIds_AreStable()
    {
        var ids = PopulationFixture.Population.Resources.Select(Key).ToHashSet();

        Assert.Contains("Patient/p-ava-thompson", ids);
        Assert.Contains("Patient/p-marcus-johnson", ids);
        Assert.Contains("Practitioner/pr-sarah-mitchell", ids);
        Assert.Contains("Organization/org-riverside-hospital", ids);
        Assert.Contains("Observation/lab-marcus-johnson-1", ids);
        Assert.Contains("Encounter/enc-mateo-garcia-1", ids);
    }

    [Fact]
    public void Generate_Ids_AreUniqueAndValid()
    {
        var keys = PopulationFixture.Population.Resources.Select(Key).ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(PopulationFixture.Population.Resources, resource => Assert.Matches("^[A-Za-z0-9\\-\\.]{1,64}$", resource.Id));
    }

    private static string Key(Resource resource) => $"{resource.TypeName}/{resource.Id}";

    private static Patient Patient(SeedPopulation population, string id) =>
        population.Resources.OfType<Patient>().Single(patient => patient.Id == id);

    private static Observation FirstObservation(SeedPopulation population) =>
        population.Resources.OfType<Observation>().First();
}
