namespace Sandbox.EhrUi.Fhir;

/// <summary>Turns the query string of a FHIR paging link back into search parameters.</summary>
public static class SearchQuery
{
    /// <summary>
    /// Splits a query string (with or without <c>?</c>) into decoded name and value pairs,
    /// keeping their order and repeated names, as <c>SearchRequest.Parameters</c> expects.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string? query)
    {
        if (string.IsNullOrEmpty(query))
            return [];

        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = part.IndexOf('=');
            var name = separator < 0 ? part : part[..separator];
            var value = separator < 0 ? string.Empty : part[(separator + 1)..];
            parameters.Add(new(Decode(name), Decode(value)));
        }

        return parameters;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
