using System.Globalization;

namespace Sandbox.FhirStore.Search.Parsing;

/// <summary>Sorts the query parameters of a search into conditions and result options.</summary>
internal static class SearchQueryParser
{
    /// <summary>Parameters that shape the HTTP response rather than the search; they are accepted and left out of links.</summary>
    private static readonly HashSet<string> TransportParameters = new(StringComparer.Ordinal) { "_format", "_pretty" };

    public static ParsedQuery Parse(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var parsed = new ParsedQuery();
        foreach (var parameter in parameters)
        {
            var (key, value) = (parameter.Key, parameter.Value);
            if (TransportParameters.Contains(key))
                continue;

            if (key.StartsWith('_') && !IsSearchLike(key))
            {
                if (TryApplyResultParameter(parsed, key, value, out var reason))
                    parsed.UsedResultParameters.Add(parameter);
                else
                    parsed.Unsupported.Add(new UnsupportedParameter(key, reason));
                continue;
            }

            parsed.Clauses.Add((SearchClause.Parse(key, value), parameter));
        }

        return parsed;
    }

    /// <summary>Parses a query string such as a granular scope's <c>category=...|laboratory</c>.</summary>
    public static ParsedQuery ParseQueryString(string query) =>
        Parse(query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var equals = pair.IndexOf('=');
            var key = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            return KeyValuePair.Create(Uri.UnescapeDataString(key), Uri.UnescapeDataString(value.Replace('+', ' ')));
        }));

    private static bool IsSearchLike(string key) =>
        key.StartsWith("_has:", StringComparison.Ordinal)
        || key.Split(':', '.')[0] is "_id" or "_lastUpdated" or "_tag" or "_profile" or "_security" or "_source"
            or "_text" or "_content" or "_list" or "_query" or "_filter";

    private static bool TryApplyResultParameter(ParsedQuery parsed, string key, string value, out string reason)
    {
        reason = string.Empty;
        var options = parsed.Options;
        switch (key)
        {
            case "_count":
                if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                    options.Count = count;
                else if (value.Length > 0 && value.All(char.IsAsciiDigit))
                    options.Count = int.MaxValue; // Too large for an int: the page size maximum applies, with a warning.
                else
                    return Fail($"_count must be a non-negative integer, got '{value}'.", out reason);
                return true;
            case "_sort":
                foreach (var item in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    options.Sort.Add(item.StartsWith('-') ? new SortKey(item[1..], true) : new SortKey(item, false));
                return true;
            case "_include" or "_include:iterate" or "_include:recurse":
                return TryAddInclude(options.Includes, value, key != "_include", out reason);
            case "_revinclude" or "_revinclude:iterate" or "_revinclude:recurse":
                return TryAddInclude(options.RevIncludes, value, key != "_revinclude", out reason);
            case "_summary":
                return TryParseSummary(options, value, out reason);
            case "_elements":
                return TryAddElements(parsed, value, out reason);
            case "_total":
                return TryParseTotal(options, value, out reason);
            case "_type":
                options.Types.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                return true;
            case "_contained" when value == "false":
            case "_containedType" when value == "container":
                return true;
            default:
                return Fail($"The parameter '{key}' is not supported by this server.", out reason);
        }
    }

    // FHIR R4 _elements takes element names at the root of the resource, such as name, and
    // no paths such as name.given. A path is reported and the valid names still apply.
    private static bool TryAddElements(ParsedQuery parsed, string value, out string reason)
    {
        reason = string.Empty;
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var paths = names.Where(name => name.Contains('.', StringComparison.Ordinal)).ToList();
        parsed.Options.Elements.AddRange(names.Except(paths));
        if (paths.Count == 0)
            return true;

        var message = $"_elements takes top-level element names only, such as 'name', not paths such as '{paths[0]}'.";
        if (paths.Count == names.Length)
            return Fail(message, out reason);

        parsed.Unsupported.Add(new UnsupportedParameter("_elements", message));
        return true;
    }

    private static bool TryAddInclude(List<IncludeRequest> includes, string value, bool iterate, out string reason)
    {
        reason = string.Empty;
        var parts = value.Split(':');
        if (parts.Length is < 2 or > 3 || parts.Any(string.IsNullOrEmpty))
            return Fail($"An include must read SourceType:parameter[:TargetType], got '{value}'.", out reason);

        includes.Add(new IncludeRequest(parts[0], parts[1], parts.Length == 3 ? parts[2] : null, iterate));
        return true;
    }

    private static bool TryParseSummary(SearchResultOptions options, string value, out string reason)
    {
        reason = string.Empty;
        SummaryMode? mode = value switch
        {
            "true" => SummaryMode.True,
            "false" => SummaryMode.False,
            "text" => SummaryMode.Text,
            "data" => SummaryMode.Data,
            "count" => SummaryMode.Count,
            _ => null,
        };
        if (mode is null)
            return Fail($"_summary must be true, false, text, data or count, got '{value}'.", out reason);

        options.Summary = mode.Value;
        return true;
    }

    private static bool TryParseTotal(SearchResultOptions options, string value, out string reason)
    {
        reason = string.Empty;
        TotalMode? mode = value switch
        {
            "none" => TotalMode.None,
            "estimate" => TotalMode.Estimate,
            "accurate" => TotalMode.Accurate,
            _ => null,
        };
        if (mode is null)
            return Fail($"_total must be none, estimate or accurate, got '{value}'.", out reason);

        options.Total = mode.Value;
        return true;
    }

    private static bool Fail(string message, out string reason)
    {
        reason = message;
        return false;
    }
}
