namespace Sandbox.SeedData.Population;

/// <summary>
/// The seed patients in a fixed order. The order fixes the medical record numbers, so new
/// patients go at the end of a list.
/// </summary>
internal static partial class PatientRoster
{
    public static IReadOnlyList<PatientProfile> All { get; } = [.. Stories(), .. Adults(), .. Children(), .. Elders()];
}
