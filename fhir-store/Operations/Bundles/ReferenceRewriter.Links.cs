using System.Text.RegularExpressions;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Operations.Bundles;

// Other entries' fullUrls outside Reference elements. The transaction processing rules of FHIR R4
// http.html require servers to replace them in elements of type uri, url, oid and uuid and in the
// narrative's <a href> and <img src>, and to leave canonical elements alone.
internal sealed partial class ReferenceRewriter
{
    /// <summary>Replaces the value of a uri, url, oid or uuid element that is exactly another entry's <c>fullUrl</c>.</summary>
    private void RewriteLink(PrimitiveType link)
    {
        if (link.JsonValue is string value && identities.TryGetValue(value, out var target))
            link.JsonValue = target;
    }

    /// <summary>Replaces each <c>href</c> or <c>src</c> attribute of the narrative whose value is another entry's <c>fullUrl</c>.</summary>
    private void RewriteNarrative(XHtml narrative)
    {
        if (identities.Count == 0 || narrative.Value is not { } div)
            return;

        narrative.Value = NarrativeLink().Replace(div, match =>
            identities.TryGetValue(match.Groups["url"].Value, out var target)
                ? match.Groups["start"].Value + target + match.Groups["quote"].Value
                : match.Value);
    }

    [GeneratedRegex("""(?<start>\b(?:href|src)\s*=\s*(?<quote>["']))(?<url>.*?)\k<quote>""", RegexOptions.CultureInvariant)]
    private static partial Regex NarrativeLink();
}
