using Sandbox.Auth.Launches;

namespace Sandbox.EhrUi.Launching;

/// <summary>The launch settings of one app in the EHR, remembered per app.</summary>
public sealed record LaunchOptions
{
    /// <summary>The iframe <c>sandbox</c> tokens an app gets unless its options say otherwise.</summary>
    public const string DefaultIframeSandbox =
        "allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-modals allow-downloads";

    public OpenIn OpenIn { get; init; } = OpenIn.Frame;

    /// <summary>The <c>need_patient_banner</c> flag. False by default, because the EHR frame shows the banner.</summary>
    public bool NeedPatientBanner { get; init; }

    /// <summary>Whether <c>smart_style_url</c> names the sandbox's built-in style document.</summary>
    public bool UseBuiltInStyle { get; init; } = true;

    /// <summary>A <c>smart_style_url</c> of the tester's own, used instead of the built-in one when set.</summary>
    public string? SmartStyleUrl { get; init; }

    /// <summary>Relative references such as <c>Observation/123</c>, sent as <c>fhirContext</c> items.</summary>
    public IReadOnlyList<string> FhirContext { get; init; } = [];

    public string? Intent { get; init; }

    public string? Tenant { get; init; }

    /// <summary>Further token response parameters.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether the app's consent page is skipped.</summary>
    public bool SkipConsent { get; init; }

    public SimulatedError SimulatedError { get; init; }

    /// <summary>The iframe's <c>sandbox</c> attribute; empty leaves the attribute out.</summary>
    public string IframeSandbox { get; init; } = DefaultIframeSandbox;

    /// <summary>The iframe's <c>allow</c> attribute (permissions policy), such as <c>camera; microphone</c>.</summary>
    public string IframeAllow { get; init; } = string.Empty;

    private static readonly LaunchOptions Defaults = new();

    /// <summary>
    /// Lists the options that only an admin may set and that differ from their defaults: skip
    /// consent, the simulated error, the iframe sandbox and the iframe allow value. They change
    /// the consent page, the authorization result and what the app's frame may do, so the launch
    /// options page needs the admin key.
    /// </summary>
    public IReadOnlyList<string> ListAdminOnlySettings()
    {
        var settings = new List<string>();
        if (SkipConsent != Defaults.SkipConsent)
            settings.Add("skip consent");

        if (SimulatedError != Defaults.SimulatedError)
            settings.Add("simulated error");

        if (!string.Equals(IframeSandbox, Defaults.IframeSandbox, StringComparison.Ordinal))
            settings.Add("iframe sandbox");

        if (!string.Equals(IframeAllow, Defaults.IframeAllow, StringComparison.Ordinal))
            settings.Add("iframe allow");

        return settings;
    }
}
