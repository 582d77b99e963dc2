using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Population;

/// <summary>
/// Writes the clinical history of one seed patient. Each method creates resources with
/// ids of the form <c>{kind}-{patient}-{n}</c>, numbered in call order, so the same calls
/// give the same ids on every run.
/// </summary>
internal sealed partial class PatientChart(PatientProfile profile, DateOnly birthDate, SeedCalendar calendar, List<Resource> output)
{
    private readonly Dictionary<string, int> _sequences = [];

    public PatientProfile Profile { get; } = profile;

    public SeedCalendar Calendar { get; } = calendar;

    /// <summary>The patient's age in whole days on the day <paramref name="daysAgo"/> days before the reference date.</summary>
    public int AgeInDaysAt(int daysAgo) => Calendar.DaysSince(birthDate) - daysAgo;

    /// <summary>The number of days between the patient's birth and the reference date.</summary>
    public int DaysSinceBirth => Calendar.DaysSince(birthDate);

    /// <summary>Returns how many days before the reference date the patient reached an age in months.</summary>
    public int DaysAgoAtAgeMonths(int months) => Calendar.DaysSince(birthDate.AddMonths(months));

    private ResourceReference Subject => References.To("Patient", Profile.Id, PatientFactory.DisplayName(Profile));

    private T Add<T>(string kind, T resource)
        where T : Resource
    {
        _sequences.TryGetValue(kind, out var count);
        _sequences[kind] = ++count;
        resource.Id = $"{kind}-{Profile.Slug}-{count}";
        output.Add(resource);
        return resource;
    }

    /// <summary>Returns a repeatable variation in [-1, 1] for one measurement, so series look measured, not drawn with a ruler.</summary>
    private double Variation(string measurement, int daysAgo)
    {
        // FNV-1a over the key: stable across runtimes, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var character in $"{Profile.Id}|{measurement}|{daysAgo}")
            hash = (hash ^ character) * 16777619u;

        return ((hash % 2001) / 1000.0) - 1.0;
    }
}
