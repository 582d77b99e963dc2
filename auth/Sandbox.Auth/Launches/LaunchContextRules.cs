using System.Text;
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
    // The role a fhirContext item has when it names none.
    private const string LaunchRole = "launch";

    // In SMART App Launch 2.2, each fhirContext item "SHALL include at least one of" these
    // members and "MAY contain additional properties", so an item may carry several of them.
    private static readonly string[] ItemKeys = ["reference", "canonical", "identifier"];

    /// <summary>
    /// The largest launch context in UTF-8 bytes: tenant, intent, smartStyleUrl, fhirContext and
    /// the extra parameters together. The access token carries the first four and the
    /// authorization code all of them. Kestrel reads at most 32 KiB of request headers, so a
    /// much larger context made every FHIR request of the app fail with 431.
    /// </summary>
    public const int MaxContextBytes = 8 * 1024;

    /// <summary>Returns why the request's extra parameters, fhirContext or smartStyleUrl are invalid, or null.</summary>
    public static string? FindProblem(LaunchRequest request)
    {
        if (FindExtraProblem(request.Extra) is { } extraProblem)
            return extraProblem;

        if (ContextBytes(request) is var size and > MaxContextBytes)
        {
            return $"The launch context is {size} bytes (tenant, intent, smartStyleUrl, fhirContext and extra together), "
                + $"more than the {MaxContextBytes} allowed, because the access token and the authorization code carry it. "
                + "Shorten these values.";
        }

        if (request.SmartStyleUrl is { } style && !IsHttpUrl(style))
            return $"smartStyleUrl '{style}' is not an absolute http(s) URL.";

        foreach (var (item, index) in (request.FhirContext ?? []).Select((item, index) => (item, index)))
        {
            // System.Text.Json reads a JSON null item into the list as a null JsonObject.
            if (item is null)
                return $"fhirContext[{index}] is null; give an object with 'reference', 'canonical' or 'identifier', or leave the item out.";

            if (FindItemProblem(item) is { } problem)
                return $"fhirContext[{index}]{problem}";
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

    private static int ContextBytes(LaunchRequest request)
    {
        var size = Utf8Length(request.Tenant) + Utf8Length(request.Intent) + Utf8Length(request.SmartStyleUrl);
        foreach (var item in request.FhirContext ?? [])
            size += Utf8Length(item?.ToJsonString());

        foreach (var (name, value) in request.Extra ?? new Dictionary<string, string>())
            size += Utf8Length(name) + Utf8Length(value);

        return size;
    }

    private static int Utf8Length(string? value) => value is null ? 0 : Encoding.UTF8.GetByteCount(value);

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

    // Returns why one fhirContext item breaks SMART App Launch 2.2, starting with the member
    // it names (or nothing, for the whole item), so that the caller can prefix the item's index.
    private static string? FindItemProblem(JsonObject item)
    {
        if (!ItemKeys.Any(item.ContainsKey))
            return " has none of 'reference', 'canonical' or 'identifier'; SMART App Launch 2.2 requires one of them.";

        string? referenceType = null;
        if (item.ContainsKey("reference"))
        {
            if (!IsRelativeReference(item["reference"]))
            {
                return $".reference {JsonText(item["reference"])} is not a relative reference. "
                    + "SMART App Launch 2.2 defines it as Type/id with a FHIR R4 resource type, such as Observation/123.";
            }

            referenceType = item["reference"]!.GetValue<string>().Split('/')[0];
        }

        if (item.ContainsKey("canonical") && !IsCanonical(item["canonical"]))
        {
            return $".canonical {JsonText(item["canonical"])} is not a canonical URL: an absolute URL, "
                + "optionally followed by |version, such as http://example.org/Questionnaire/intake|2.0.";
        }

        if (item.ContainsKey("identifier") && !IsIdentifier(item["identifier"]))
        {
            return $".identifier {JsonText(item["identifier"])} is not a FHIR Identifier: an object with a string "
                + "'value' and, optionally, a 'system' URI, such as {\"system\":\"http://example.org/mrn\",\"value\":\"123\"}.";
        }

        string? type = null;
        if (item.ContainsKey("type"))
        {
            type = StringValue(item["type"]);
            if (type is null || !ResourceTypes.IsKnown(type))
                return $".type {JsonText(item["type"])} is not a FHIR R4 resource type.";

            if (referenceType is not null && referenceType != type)
                return $".type '{type}' differs from the type of its reference, '{referenceType}'.";
        }

        string? role = null;
        if (item.ContainsKey("role"))
        {
            role = StringValue(item["role"]);
            if (role is null || (role != LaunchRole && !IsAbsoluteUri(role)))
                return $".role {JsonText(item["role"])} is neither 'launch' nor an absolute URI.";
        }

        // The launch's own patient and encounter are given in 'patient' and 'encounter'.
        var resourceType = referenceType ?? type;
        if (resourceType is "Patient" or "Encounter" && (role ?? LaunchRole) == LaunchRole)
        {
            return $" has the role 'launch' for a resource of type {resourceType}. SMART App Launch 2.2 gives the "
                + "launch's patient and encounter in 'patient' and 'encounter', so a Patient or Encounter item needs "
                + "another role, an absolute URI.";
        }

        return null;
    }

    private static string JsonText(JsonNode? node) => node?.ToJsonString() ?? "null";

    // Returns the node's text when it is a JSON string, and null for any other JSON value.
    private static string? StringValue(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;

    // A FHIR canonical: an absolute URL, optionally followed by |version.
    private static bool IsCanonical(JsonNode? node)
    {
        if (StringValue(node) is not { } canonical)
            return false;

        var parts = canonical.Split('|');
        return parts.Length <= 2
            && IsAbsoluteUri(parts[0])
            && (parts.Length == 1 || parts[1].Length > 0);
    }

    private static bool IsIdentifier(JsonNode? node)
    {
        if (node is not JsonObject identifier || identifier["value"]?.GetValueKind() != JsonValueKind.String)
            return false;

        return !identifier.ContainsKey("system")
            || (StringValue(identifier["system"]) is { } system && IsAbsoluteUri(system));
    }

    // On Linux, Uri also takes a rooted path such as /a/b as an absolute file URI, so the
    // value must start with the scheme that Uri found.
    private static bool IsAbsoluteUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && value.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase);

    // A FHIR relative reference: Type/id, or Type/id/_history/version for one version.
    private static bool IsRelativeReference(JsonNode? node)
    {
        if (StringValue(node) is not { } reference)
            return false;

        var parts = reference.Split('/');
        var versioned = parts.Length == 4 && parts[2] == "_history" && ResourceTypes.IsValidId(parts[3]);
        return (parts.Length == 2 || versioned) && ResourceTypes.IsKnown(parts[0]) && ResourceTypes.IsValidId(parts[1]);
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
