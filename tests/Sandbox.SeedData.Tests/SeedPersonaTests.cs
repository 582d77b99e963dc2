using Sandbox.SeedData.Personas;

namespace Sandbox.SeedData.Tests;

public sealed class SeedPersonaTests
{
    private static readonly HashSet<string> PopulationKeys =
        PopulationFixture.Population.Resources.Select(resource => $"{resource.TypeName}/{resource.Id}").ToHashSet();

    [Fact]
    public void Personas_FhirUser_ResolvesInPopulation()
    {
        var missing = SeedPersonas.All.Where(persona => !PopulationKeys.Contains(persona.FhirUser)).Select(persona => persona.Username);

        Assert.Empty(missing);
    }

    [Fact]
    public void Personas_PatientIds_ResolveInPopulation()
    {
        var missing = SeedPersonas.All.SelectMany(persona => persona.PatientIds).Where(id => !PopulationKeys.Contains($"Patient/{id}"));

        Assert.Empty(missing);
    }

    [Fact]
    public void Personas_Usernames_AreUnique()
    {
        var usernames = SeedPersonas.All.Select(persona => persona.Username).ToList();

        Assert.Equal(usernames.Count, usernames.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Personas_CoverRequiredRoles()
    {
        var practitioners = SeedPersonas.All.Count(persona => persona.Kind == PersonaKind.Practitioner);
        var patients = SeedPersonas.All.Count(persona => persona.Kind == PersonaKind.Patient);

        Assert.True(practitioners >= 4, $"Found {practitioners} practitioner personas.");
        Assert.True(patients >= 2, $"Found {patients} patient personas.");
    }

    [Fact]
    public void ParentPersona_OpensOwnRecordAndChild()
    {
        var parent = SeedPersonas.ParentPatient;

        Assert.Equal($"Patient/{SeedPatients.LuciaGarcia}", parent.FhirUser);
        Assert.Contains(SeedPatients.LuciaGarcia, parent.PatientIds);
        Assert.Contains(SeedPatients.MateoGarcia, parent.PatientIds);
    }

    [Fact]
    public void PractitionerPersonas_HaveNoPatientList()
    {
        var practitioners = SeedPersonas.All.Where(persona => persona.Kind == PersonaKind.Practitioner);

        Assert.All(practitioners, persona => Assert.Empty(persona.PatientIds));
        Assert.All(practitioners, persona => Assert.StartsWith("Practitioner/", persona.FhirUser));
    }
}
