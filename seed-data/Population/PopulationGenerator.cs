using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Population;

/// <summary>
/// Generates the seed population for a reference date. The output depends on the date
/// only: the same date gives the same resources, ids and values on every run.
/// </summary>
public static class PopulationGenerator
{
    /// <summary>Generates the sites, staff and patients with their clinical histories.</summary>
    public static SeedPopulation Generate(DateOnly referenceDate)
    {
        var calendar = new SeedCalendar(referenceDate);
        var resources = new List<Resource>(capacity: 4096);
        resources.AddRange(CareSites.Create());
        resources.AddRange(Staff.Create());

        var roster = PatientRoster.All;
        for (var index = 0; index < roster.Count; index++)
        {
            var profile = roster[index];
            resources.Add(PatientFactory.Create(profile, index, calendar));
            var chart = new PatientChart(profile, PatientFactory.BirthDate(profile, calendar), calendar, resources);
            profile.History(chart);
        }

        resources.Add(Guardianship.MotherOf(SeedPatients.MateoGarcia, SeedPatients.LuciaGarcia, "Lucía García", calendar));
        return new SeedPopulation(referenceDate, resources);
    }
}
