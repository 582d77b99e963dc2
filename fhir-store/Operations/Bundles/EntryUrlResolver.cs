namespace Sandbox.FhirStore.Operations.Bundles;

/// <summary>
/// Resolves the <c>fullUrl</c>s of a transaction's entries (such as <c>urn:uuid:...</c>) in the
/// query of its GET and HEAD entries, as references in its resources are resolved, so that
/// <c>Observation?subject=urn:uuid:...</c> searches for the resource the same transaction created.
/// </summary>
internal static class EntryUrlResolver
{
    /// <summary>
    /// Returns <paramref name="query"/> with each value, or each comma-separated value of a
    /// list, that names an entry's <c>fullUrl</c> replaced by the resource's <c>Type/id</c>, or
    /// by its id alone for <c>_id</c>. Pairs without such a value keep their text.
    /// </summary>
    public static string Resolve(string query, IReadOnlyDictionary<string, string> identities)
    {
        if (identities.Count == 0)
            return query;

        var pairs = query.Split('&');
        for (var i = 0; i < pairs.Length; i++)
            pairs[i] = ResolvePair(pairs[i], identities);

        return string.Join('&', pairs);
    }

    private static string ResolvePair(string pair, IReadOnlyDictionary<string, string> identities)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
            return pair;

        var name = Decode(pair[..equals]);
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

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
