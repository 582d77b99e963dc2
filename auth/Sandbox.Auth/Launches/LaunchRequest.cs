using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Sandbox.Auth.Launches;

/// <summary>
/// What an EHR launch sets up: the body of <c>POST /api/launches</c>. Everything is optional;
/// the same request always produces the same context.
/// </summary>
public sealed record LaunchRequest
{
    /// <summary>The app to launch; its launch URL is returned. When null, any app may use the launch.</summary>
    public string? ClientId { get; init; }

    /// <summary>The username of the persona who launches, or null for no user.</summary>
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

    /// <summary>The <c>intent</c> passed to the app.</summary>
    public string? Intent { get; init; }

    /// <summary>The <c>need_patient_banner</c> flag. Default true, as an EHR without its own banner would send.</summary>
    public bool NeedPatientBanner { get; init; } = true;

    /// <summary>The <c>smart_style_url</c> passed to the app.</summary>
    public string? SmartStyleUrl { get; init; }

    /// <summary>The <c>tenant</c> passed to the app.</summary>
    public string? Tenant { get; init; }

    /// <summary>Further token response parameters, returned as they are.</summary>
    public IReadOnlyDictionary<string, string>? Extra { get; init; }

    /// <summary>A failure to produce on purpose. Default none.</summary>
    public SimulatedError SimulatedError { get; init; }

    /// <summary>When true, the sign-in page is skipped and <c>user</c> is used as is.</summary>
    public bool SkipLogin { get; init; }

    /// <summary>When true, the consent page is skipped even if the app asks for it.</summary>
    public bool SkipConsent { get; init; }

    /// <summary>
    /// The authentication scheme of the browser session that made the launch, or null for a
    /// launch that any browser may use. When set, <c>skipLogin</c> applies only to a
    /// request that carries that scheme's sign-in of <c>user</c>; any other browser must
    /// sign in as that persona. The EHR sets it, so that a launch id seen on screen or in a URL
    /// does not sign its bearer in as the launching user. The admin API cannot set it.
    /// </summary>
    [JsonIgnore]
    public string? SessionScheme { get; init; }
}
