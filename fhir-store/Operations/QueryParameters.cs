namespace Sandbox.FhirStore.Operations;

/// <summary>Splits a URL query string into name and value pairs, in order and with repeats kept.</summary>
public static class QueryParameters
{
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string? query)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(query))
            return parameters;

        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            parameters.Add(new(name, value));
        }

        return parameters;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
