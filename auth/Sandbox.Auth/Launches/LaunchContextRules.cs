using System.Text.Json;
using System.Text.Json.Nodes;
using Sandbox.FhirStore.Formats;
using Sandbox.FhirStore.Operations;

namespace Sandbox.Auth.Launches;

/// <summary>
/// Checks of a launch request that need no store: the extra parameters, the fhirContext items
/// and the style URL.
/// </summary>
internal static class LaunchContextRules
{
    // SMART App Launch 2.2: each fhirContext item names its resource by one of these members.
    private static readonly string[] ItemKeys = ["reference", "canonical", "identifier"];

    /// <summary>Returns why the request's extra parameters, fhirContext or smartStyleUrl are invalid, or null.</summary>
    public static string? FindProblem(LaunchRequest request)
    {
        if (FindExtraProblem(request.Extra) is { } extraProblem)
            return extraProblem;

        if (request.SmartStyleUrl is { } style && !IsHttpUrl(style))
            return $"smartStyleUrl '{style}' is not an absolute http(s) URL.";

        foreach (var (item, index) in (request.FhirContext ?? []).Select((item, index) => (item, index)))
        {
            if (!ItemKeys.Any(item.ContainsKey))
                return $"fhirContext[{index}] has none of 'reference', 'canonical' or 'identifier'; SMART App Launch 2.2 requires one of them.";

            if (item.ContainsKey("reference") && !IsRelativeReference(item["reference"]))
            {
                return $"fhirContext[{index}].reference {item["reference"]?.ToJsonString() ?? "null"} is not a relative reference. "
                    + "SMART App Launch 2.2 defines it as Type/id with a FHIR R4 resource type, such as Observation/123.";
            }
        }

        return null;
    }

    /// <summary>Reads the patient id an Encounter's subject references, or null.</summary>
    public static string? EncounterPatientId(ReadOnlyMemory<byte> encounterJson)
    {
        // A stored resource may nest as deep as the store accepts, past the parser's default of 64.
        var options = new JsonDocumentOptions { MaxDepth = FhirSerializer.MaxDepth };
        var subject = JsonNode.Parse(encounterJson.Span, documentOptions: options)?["subject"]?["reference"];
        var reference = subject?.GetValueKind() == JsonValueKind.String ? subject.GetValue<string>() : null;
        return reference is not null && reference.StartsWith("Patient/", StringComparison.Ordinal)
            ? reference["Patient/".Length..]
            : null;
    }

    private static string? FindExtraProblem(IReadOnlyDictionary<string, string>? extra)
    {
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            if (ReservedTokenParameters.FindProblem(name) is { } problem)
                return problem;

            // System.Text.Json reads a JSON null into the dictionary as a null string, which
            // OpenIddict 7.9 cannot return as a token response parameter (HTTP 500).
            if (value is null)
                return $"The extra parameter '{name}' is null; give it a string value or leave it out.";
        }

        return null;
    }

    // A FHIR relative reference: Type/id, or Type/id/_history/version for one version.
    private static bool IsRelativeReference(JsonNode? node)
    {
        if (node?.GetValueKind() != JsonValueKind.String)
            return false;

        var parts = node.GetValue<string>().Split('/');
        var versioned = parts.Length == 4 && parts[2] == "_history" && ResourceTypes.IsValidId(parts[3]);
        return (parts.Length == 2 || versioned) && ResourceTypes.IsKnown(parts[0]) && ResourceTypes.IsValidId(parts[1]);
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
