using System.Text.RegularExpressions;

namespace Sandbox.Smart.Access;

/// <summary>The resource that a token's <c>fhirUser</c> claim names: the signed-in user as a FHIR resource.</summary>
/// <param name="ResourceType">The resource type, such as <c>Practitioner</c>.</param>
/// <param name="Id">The logical id, which matches the FHIR id pattern.</param>
public sealed partial record FhirUserReference(string ResourceType, string Id)
{
    /// <summary>
    /// Parses the last two path segments of a <c>fhirUser</c> value, which is an absolute URL
    /// such as <c>https://ehr.example/fhir/Practitioner/pr-1</c> or a relative <c>Type/id</c>.
    /// Returns null when they are not a resource type name and a valid FHIR id.
    /// </summary>
    public static FhirUserReference? TryParse(string? fhirUser)
    {
        if (string.IsNullOrEmpty(fhirUser))
            return null;

        var segments = fhirUser.TrimEnd('/').Split('/');
        if (segments.Length < 2)
            return null;

        var type = segments[^2];
        var id = segments[^1];
        return TypePattern().IsMatch(type) && IdPattern().IsMatch(id) ? new FhirUserReference(type, id) : null;
    }

    [GeneratedRegex("^[A-Z][A-Za-z]+$")]
    private static partial Regex TypePattern();

    // The FHIR R4 id datatype: 1 to 64 letters, digits, '-' and '.'.
    [GeneratedRegex("^[A-Za-z0-9\\-\\.]{1,64}$")]
    private static partial Regex IdPattern();
}
