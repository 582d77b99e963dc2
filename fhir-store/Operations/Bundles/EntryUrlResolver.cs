using Hl7.Fhir.Model;
using Sandbox.FhirStore.Search.Definitions;

namespace Sandbox.FhirStore.Operations.Bundles;

/// <summary>
/// Resolves the <c>fullUrl</c>s of a transaction's entries (such as <c>urn:uuid:...</c>) in the
/// query of its GET and HEAD entries, of its conditional PUT, DELETE and PATCH entries and of
/// <c>ifNoneExist</c>, as
/// references in its resources are resolved, so that <c>Observation?subject=urn:uuid:...</c>
/// searches for the resource that another entry of the same transaction writes.
/// </summary>
internal static class EntryUrlResolver
{
    /// <summary>
    /// Returns <paramref name="query"/> with each value, or each comma-separated value of a
    /// list, that names an entry's <c>fullUrl</c> replaced by the resource's <c>Type/id</c>, or
    /// by its id alone for <c>_id</c>. With a <paramref name="resourceType"/>, only <c>_id</c>
    /// and that type's reference parameters are resolved, so that a token such as
    /// <c>identifier=urn:uuid:...</c> keeps its value. Pairs without such a value keep their text.
    /// </summary>
    public static string Resolve(string query, string? resourceType, IReadOnlyDictionary<string, string> identities)
    {
        if (identities.Count == 0)
            return query;

        var pairs = query.Split('&');
        for (var i = 0; i < pairs.Length; i++)
            pairs[i] = ResolvePair(pairs[i], resourceType, identities);

        return string.Join('&', pairs);
    }

    private static string ResolvePair(string pair, string? resourceType, IReadOnlyDictionary<string, string> identities)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
            return pair;

        var name = Decode(pair[..equals]);
        if (!NamesReference(name, resourceType))
            return pair;

        var values = Decode(pair[(equals + 1)..]).Split(',');
        var changed = false;
        for (var i = 0; i < values.Length; i++)
        {
            if (!identities.TryGetValue(values[i], out var target))
                continue;

            values[i] = name == "_id" ? target[(target.IndexOf('/', StringComparison.Ordinal) + 1)..] : target;
            changed = true;
        }

        return changed ? $"{pair[..equals]}={Uri.EscapeDataString(string.Join(',', values))}" : pair;
    }

    /// <summary>
    /// Whether the values of parameter <paramref name="name"/> (with any modifier, such as
    /// <c>subject:Patient</c>) are resource ids or references. A chained parameter, such as
    /// <c>subject.identifier</c>, compares values of the target instead, so it is not one.
    /// </summary>
    private static bool NamesReference(string name, string? resourceType)
    {
        if (name == "_id" || resourceType is null)
            return true;
        if (name.Contains('.', StringComparison.Ordinal))
            return false;

        var code = name.Split(':')[0];
        return SearchParameterCatalog.Default.Find(resourceType, code)?.Type == SearchParamType.Reference;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
