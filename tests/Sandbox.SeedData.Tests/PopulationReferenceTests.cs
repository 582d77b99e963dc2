using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Tests;

public sealed class PopulationReferenceTests
{
    [Fact]
    public void Population_EveryReference_Resolves()
    {
        var resources = PopulationFixture.Population.Resources;
        var keys = resources.Select(resource => $"{resource.TypeName}/{resource.Id}").ToHashSet();

        var dangling = resources
            .SelectMany(resource => ResourceReferences.In(resource).Select(reference => (Source: resource, Reference: reference)))
            .Where(pair => !keys.Contains(pair.Reference))
            .Select(pair => $"{pair.Source.TypeName}/{pair.Source.Id} -> {pair.Reference}")
            .ToList();

        Assert.Empty(dangling);
    }

    [Fact]
    public void Population_References_AreFound()
    {
        var patient = PopulationFixture.Population.Resources.OfType<Patient>().First();

        var references = ResourceReferences.In(patient).ToList();

        Assert.Contains("Organization/org-northside-family-clinic", references);
    }
}
