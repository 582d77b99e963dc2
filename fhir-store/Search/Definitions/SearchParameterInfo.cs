using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Search.Definitions;

/// <summary>
/// One search parameter of one resource type, with its FHIRPath expression compiled once, on first use.
/// <see cref="Expression"/> is null for parameters read from the resource row itself
/// (<c>_id</c>, <c>_lastUpdated</c>).
/// </summary>
internal sealed record SearchParameterInfo(
    string ResourceType,
    string Name,
    SearchParamType Type,
    string? Url,
    string? Description,
    SearchExpression? Expression,
    IReadOnlyList<string> Targets,
    IReadOnlyList<CompositeComponent> Components);

/// <summary>A part of a composite parameter: its value type and its expression relative to the composite's element.</summary>
internal sealed record CompositeComponent(SearchParamType Type, SearchExpression Expression);
