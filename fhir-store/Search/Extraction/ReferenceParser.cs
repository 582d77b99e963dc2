using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Search.Extraction;

/// <summary>Splits a literal reference (<c>Patient/1</c>, <c>Patient/1/_history/2</c> or an absolute URL) into type and id.</summary>
internal static class ReferenceParser
{
    /// <summary>Returns the type and id a reference points to, or false when it names no known resource type.</summary>
    public static bool TryParse(string? reference, out string type, out string id)
    {
        type = id = string.Empty;
        if (string.IsNullOrEmpty(reference) || reference.StartsWith('#') || reference.StartsWith("urn:", StringComparison.Ordinal))
            return false;

        var path = reference;
        var query = path.IndexOfAny(['?', '#']);
        if (query >= 0)
            path = path[..query];

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var end = segments.Length;
        if (end >= 4 && segments[end - 2] == "_history")
            end -= 2;
        if (end < 2 || !ModelInfo.IsKnownResource(segments[end - 2]))
            return false;

        type = segments[end - 2];
        id = segments[end - 1];
        return id.Length > 0;
    }

    /// <summary>Whether a reference is absolute (a URL or URN) rather than relative to the server base.</summary>
    public static bool IsAbsolute(string reference) =>
        reference.Contains("://", StringComparison.Ordinal) || reference.StartsWith("urn:", StringComparison.Ordinal);
}
