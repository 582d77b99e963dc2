namespace Sandbox.Auth.Api;

/// <summary>
/// Splits the JSON path of a System.Text.Json exception, such as <c>$.fhirContext[0]</c> or
/// <c>$['odd.name']</c>, into member names (strings) and array indexes (integers).
/// </summary>
internal static class JsonPathSegments
{
    public static IReadOnlyList<object> Parse(string? path)
    {
        var segments = new List<object>();
        if (path is null || !path.StartsWith('$'))
            return segments;

        var position = 1;
        while (position < path.Length)
        {
            var next = path[position] switch
            {
                '.' => ReadName(path, position, segments),
                '[' when position + 1 < path.Length && path[position + 1] == '\'' => ReadQuotedName(path, position, segments),
                '[' => ReadIndex(path, position, segments),
                _ => -1,
            };
            if (next < 0)
                break;

            position = next;
        }

        return segments;
    }

    private static int ReadName(string path, int position, List<object> segments)
    {
        var end = path.IndexOfAny(['.', '['], position + 1);
        end = end < 0 ? path.Length : end;
        segments.Add(path[(position + 1)..end]);
        return end;
    }

    private static int ReadQuotedName(string path, int position, List<object> segments)
    {
        var end = path.IndexOf("']", position + 2, StringComparison.Ordinal);
        if (end < 0)
            return -1;

        segments.Add(path[(position + 2)..end]);
        return end + 2;
    }

    private static int ReadIndex(string path, int position, List<object> segments)
    {
        var end = path.IndexOf(']', position);
        if (end < 0 || !int.TryParse(path.AsSpan(position + 1, end - position - 1), out var index))
            return -1;

        segments.Add(index);
        return end + 1;
    }
}
