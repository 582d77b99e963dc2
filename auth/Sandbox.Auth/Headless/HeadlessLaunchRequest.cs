using System.Text.Json.Nodes;
using Sandbox.Auth.Launches;

namespace Sandbox.Auth.Headless;

/// <summary>
/// The body of <c>POST /api/launches/headless</c>: an EHR launch that the sandbox runs to the
/// end on the app's behalf, without sign-in or consent pages.
/// </summary>
public sealed record HeadlessLaunchRequest
{
    /// <summary>The registered app to act as. Public and confidential symmetric apps are supported.</summary>
    public required string ClientId { get; init; }

    /// <summary>The scopes the app requests, separated by spaces, for example <c>launch openid fhirUser patient/*.rs</c>.</summary>
    public required string Scope { get; init; }

    /// <summary>The redirect URI to use; it must be registered. Default: the app's first redirect URI.</summary>
    public string? RedirectUri { get; init; }

    /// <summary>
    /// The username of the persona who launches, or null for no user. A launch without a user
    /// is not granted <c>openid</c>, <c>fhirUser</c> or <c>profile</c>, so it gets no id_token.
    /// </summary>
    public string? User { get; init; }

    /// <summary>The id of the patient in context.</summary>
    public string? Patient { get; init; }

    /// <summary>
    /// The id of the encounter in context. Without <c>patient</c>, the launch takes the
    /// patient that the encounter's subject names.
    /// </summary>
    public string? Encounter { get; init; }

    /// <summary>Further context items as SMART 2.2 defines them (<c>reference</c>, <c>canonical</c>, <c>identifier</c>, <c>role</c>).</summary>
    public IReadOnlyList<JsonObject>? FhirContext { get; init; }

    /// <summary>The <c>intent</c> returned in the token response.</summary>
    public string? Intent { get; init; }

    /// <summary>The <c>need_patient_banner</c> flag. Default true.</summary>
    public bool NeedPatientBanner { get; init; } = true;

    /// <summary>The <c>smart_style_url</c> returned in the token response.</summary>
    public string? SmartStyleUrl { get; init; }

    /// <summary>The <c>tenant</c> returned in the token response.</summary>
    public string? Tenant { get; init; }

    /// <summary>Further token response parameters, returned as they are.</summary>
    public IReadOnlyDictionary<string, string>? Extra { get; init; }

    /// <summary>A failure to produce on purpose during the flow. Default none.</summary>
    public SimulatedError SimulatedError { get; init; }

    /// <summary>The launch that the authorize endpoint receives, with sign-in and consent skipped.</summary>
    public LaunchRequest ToLaunchRequest() => new()
    {
        ClientId = ClientId,
        User = User,
        Patient = Patient,
        Encounter = Encounter,
        FhirContext = FhirContext,
        Intent = Intent,
        NeedPatientBanner = NeedPatientBanner,
        SmartStyleUrl = SmartStyleUrl,
        Tenant = Tenant,
        Extra = Extra,
        SimulatedError = SimulatedError,
        SkipLogin = true,
        SkipConsent = true,
    };
}
