using System.Collections.Frozen;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Search.Definitions;

/// <summary>
/// The FHIR R4 resource types that contain no patient's data, such as Practitioner,
/// Organization, Location and Medication. A type is shared when it is outside the Patient
/// compartment and none of its reference search parameters can point to a Patient.
/// <c>patient/</c> scopes read and search these types without a compartment limit.
/// </summary>
/// <remarks>
/// Being outside the compartment is not enough. The R4 CompartmentDefinition leaves out
/// Device, Task, Contract and GuidanceResponse, although each has a <c>patient</c> or
/// <c>subject</c> search parameter, so the second condition keeps them confined. It also
/// leaves out Binary and Bundle, whose content can be a patient's document or any resource,
/// and Subscription, whose criteria can name a patient and whose channel headers can carry
/// credentials. No search parameter shows that, so these three are excluded by name.
/// </remarks>
public static class SharedResourceTypes
{
    private static readonly string[] ExcludedByContent = ["Binary", "Bundle", "Subscription"];

    private static readonly Lazy<FrozenSet<string>> LazyTypes = new(Build);

    /// <summary>The shared resource types, compared by ordinal name.</summary>
    public static IReadOnlySet<string> Types => LazyTypes.Value;

    private static FrozenSet<string> Build()
    {
        var referencingPatient = ModelInfo.SearchParameters
            .Where(definition => definition.Type == SearchParamType.Reference && definition.Resource is not null)
            .Where(CanTargetPatient)
            .Select(definition => definition.Resource!)
            .ToHashSet(StringComparer.Ordinal);

        return ModelInfo.SupportedResources
            .Where(ModelInfo.IsKnownResource)
            .Where(type => !PatientCompartment.Contains(type))
            .Where(type => !referencingPatient.Contains(type))
            .Except(ExcludedByContent, StringComparer.Ordinal)
            .ToFrozenSet(StringComparer.Ordinal);
    }

    // A reference parameter without targets, or one that accepts any resource, can point to a Patient.
    private static bool CanTargetPatient(SearchParamDefinition definition)
    {
        var targets = definition.Target?.Select(target => target.ToString()).ToList() ?? [];
        return targets.Count == 0 || targets.Contains("Patient") || targets.Contains("Resource");
    }
}
