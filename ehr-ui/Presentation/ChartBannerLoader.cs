using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Sandbox.EhrUi.Fhir;

namespace Sandbox.EhrUi.Presentation;

/// <summary>
/// Loads the patient banner for pages outside the chart tabs (the app gallery, the EHR frame):
/// one read of the patient, one of the encounter, one allergy search.
/// </summary>
public sealed class ChartBannerLoader(EhrDataReader reader, PatientBannerBuilder builder)
{
    /// <summary>Returns the banner, or null when the patient does not exist. An encounter of another patient is left out.</summary>
    /// <exception cref="Sandbox.FhirStore.FhirOperationException">The store rejected the allergy search.</exception>
    public async Task<PatientBanner?> LoadAsync(
        HttpRequest request,
        string patientId,
        string? encounterId,
        CancellationToken cancellationToken)
    {
        var patient = await reader.ReadAsync<Patient>(patientId, cancellationToken);
        if (patient is null)
            return null;

        var encounter = string.IsNullOrEmpty(encounterId) ? null : await reader.ReadAsync<Encounter>(encounterId, cancellationToken);
        if (encounter is not null && encounter.Subject?.Reference?.EndsWith($"Patient/{patientId}", StringComparison.Ordinal) != true)
            encounter = null;

        var parameters = new List<KeyValuePair<string, string>> { new("_count", "100") };
        var allergies = await reader.SearchAsync<AllergyIntolerance>(
            $"Patient/{patientId}", parameters, FhirBaseUrl.For(request), cancellationToken);
        return builder.Build(patient, allergies.Matches, encounter);
    }
}
