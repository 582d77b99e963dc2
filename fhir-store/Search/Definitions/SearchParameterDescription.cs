using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Search.Definitions;

/// <summary>A supported search parameter as the CapabilityStatement lists it.</summary>
/// <param name="Name">The parameter code used in queries, such as <c>patient</c>.</param>
/// <param name="Type">The FHIR search parameter type.</param>
/// <param name="Definition">The canonical URL of the SearchParameter, when FHIR defines one.</param>
/// <param name="Documentation">A short description, when FHIR gives one.</param>
/// <param name="Targets">The resource types a reference parameter may point at, else empty.</param>
public sealed record SearchParameterDescription(
    string Name,
    SearchParamType Type,
    string? Definition,
    string? Documentation,
    IReadOnlyList<string> Targets);
