using Sandbox.Auth.Launches;
using Sandbox.EhrUi.Launching;

namespace Sandbox.EhrUi.Pages.Apps;

/// <summary>The fields of the launch options form, converted to and from <see cref="LaunchOptions"/>.</summary>
public sealed class LaunchOptionsForm
{
    public OpenIn OpenIn { get; set; }

    public bool NeedPatientBanner { get; set; }

    public bool UseBuiltInStyle { get; set; }

    public string? SmartStyleUrl { get; set; }

    /// <summary>References ticked in the list of the patient's resources.</summary>
    public List<string> PickedContext { get; set; } = [];

    /// <summary>Further references, one per line.</summary>
    public string? OtherContext { get; set; }

    public string? Intent { get; set; }

    public string? Tenant { get; set; }

    /// <summary>Extra parameters, one <c>name=value</c> per line.</summary>
    public string? Extra { get; set; }

    public bool SkipConsent { get; set; }

    public SimulatedError SimulatedError { get; set; }

    public string? IframeSandbox { get; set; }

    public string? IframeAllow { get; set; }

    public static LaunchOptionsForm From(LaunchOptions options) => new()
    {
        OpenIn = options.OpenIn,
        NeedPatientBanner = options.NeedPatientBanner,
        UseBuiltInStyle = options.UseBuiltInStyle,
        SmartStyleUrl = options.SmartStyleUrl,
        PickedContext = options.FhirContext.ToList(),
        Intent = options.Intent,
        Tenant = options.Tenant,
        Extra = string.Join('\n', options.Extra.Select(pair => $"{pair.Key}={pair.Value}")),
        SkipConsent = options.SkipConsent,
        SimulatedError = options.SimulatedError,
        IframeSandbox = options.IframeSandbox,
        IframeAllow = options.IframeAllow,
    };

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && Uri.IsWellFormedUriString(value, UriKind.Absolute)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>Converts the form, returning the problems found: a bad line of extra parameters, a style URL that is not absolute http or https, unknown iframe sandbox tokens.</summary>
    public LaunchOptions ToOptions(out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        var extra = ParseExtra(Extra, found);
        var styleUrl = string.IsNullOrWhiteSpace(SmartStyleUrl) ? null : SmartStyleUrl.Trim();
        if (styleUrl is not null && !IsHttpUrl(styleUrl))
            found.Add($"The smart_style_url '{styleUrl}' is not an absolute http or https URL, which apps need to fetch the style document.");

        var context = PickedContext.Concat(Lines(OtherContext)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var reference in context)
        {
            if (!IsRelativeReference(reference))
            {
                found.Add($"The fhirContext item '{reference}' is not a relative reference such as Observation/123.");
            }
            else if (reference.Split('/')[0] is "Patient" or "Encounter")
            {
                found.Add($"The fhirContext item '{reference}' names a patient or encounter, which the launch takes from the chart. "
                    + "SMART App Launch 2.2 admits them in fhirContext only with a role other than 'launch', which needs the launch API.");
            }
        }

        var unknownTokens = IframeSandboxTokens.FindUnknown(IframeSandbox);
        if (unknownTokens.Count > 0)
        {
            var listed = string.Join(", ", unknownTokens.Select(token => $"'{token}'"));
            found.Add($"The iframe sandbox value has tokens the HTML standard does not define, which browsers ignore: {listed}. "
                + $"Use tokens separated by spaces from: {string.Join(", ", IframeSandboxTokens.Allowed.Order(StringComparer.Ordinal))}; leave the field empty for no sandbox.");
        }

        problems = found;
        return new LaunchOptions
        {
            OpenIn = OpenIn,
            NeedPatientBanner = NeedPatientBanner,
            UseBuiltInStyle = UseBuiltInStyle,
            SmartStyleUrl = styleUrl,
            FhirContext = context,
            Intent = Trim(Intent),
            Tenant = Trim(Tenant),
            Extra = extra,
            SkipConsent = SkipConsent,
            SimulatedError = SimulatedError,
            IframeSandbox = Trim(IframeSandbox) ?? string.Empty,
            IframeAllow = Trim(IframeAllow) ?? string.Empty,
        };
    }

    private static Dictionary<string, string> ParseExtra(string? text, List<string> problems)
    {
        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Lines(text))
        {
            var equals = line.IndexOf('=');
            if (equals <= 0)
            {
                problems.Add($"The extra parameter line '{line}' is not of the form name=value.");
                continue;
            }

            var name = line[..equals].Trim();
            if (ReservedTokenParameters.FindProblem(name) is { } problem)
            {
                problems.Add(problem);
                continue;
            }

            extra[name] = line[(equals + 1)..].Trim();
        }

        return extra;
    }

    private static bool IsRelativeReference(string reference)
    {
        var parts = reference.Split('/');
        return parts.Length == 2 && parts[0].Length > 0 && char.IsUpper(parts[0][0]) && Fhir.EhrDataReader.IsValidId(parts[1]);
    }

    private static IEnumerable<string> Lines(string? text) =>
        (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
