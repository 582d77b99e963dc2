using System.Text.Json.Nodes;

namespace Sandbox.Smart.Launch;

/// <summary>
/// The context an EHR launch hands to an app, as the token response of SMART App Launch 2.2
/// returns it. Every member is optional.
/// </summary>
/// <param name="Patient">The id of the patient in context.</param>
/// <param name="Encounter">The id of the encounter in context.</param>
/// <param name="FhirContext">
/// Further context items, each an object with <c>reference</c>, <c>canonical</c> or
/// <c>identifier</c> and an optional <c>role</c>, as SMART 2.2 defines them.
/// </param>
/// <param name="Intent">A hint for the app about what the user wants to do.</param>
/// <param name="NeedPatientBanner">Whether the app must show its own patient banner.</param>
/// <param name="SmartStyleUrl">The URL of the EHR's style document.</param>
/// <param name="Tenant">The tenant identifier for multi-tenant apps.</param>
/// <param name="Extra">Further launch parameters returned as they are.</param>
public sealed record LaunchContext(
    string? Patient = null,
    string? Encounter = null,
    IReadOnlyList<JsonObject>? FhirContext = null,
    string? Intent = null,
    bool? NeedPatientBanner = null,
    string? SmartStyleUrl = null,
    string? Tenant = null,
    IReadOnlyDictionary<string, string>? Extra = null);
