namespace Sandbox.FhirStore.Search.Parsing;

/// <summary>
/// One search condition as the client wrote it: <c>subject:Patient.name=smith,jones</c> is
/// name <c>subject</c>, modifier <c>Patient</c>, chain <c>name</c> and two OR-ed values.
/// </summary>
/// <param name="Name">The parameter code.</param>
/// <param name="Modifier">The text after the first colon, or null.</param>
/// <param name="Chain">The chained parameter after the first dot (with its own modifier), or null.</param>
/// <param name="Values">The comma-separated values, unescaped; any of them may match.</param>
internal sealed record SearchClause(string Name, string? Modifier, string? Chain, IReadOnlyList<string> Values)
{
    /// <summary>Parses a query parameter name and value, splitting the value at unescaped commas.</summary>
    public static SearchClause Parse(string key, string value)
    {
        string? chain = null;
        var name = key;
        if (!key.StartsWith("_has:", StringComparison.Ordinal))
        {
            var dot = key.IndexOf('.');
            if (dot > 0)
            {
                chain = key[(dot + 1)..];
                name = key[..dot];
            }
        }

        string? modifier = null;
        var colon = name.IndexOf(':');
        if (colon > 0)
        {
            modifier = name[(colon + 1)..];
            name = name[..colon];
        }

        return new SearchClause(name, modifier, chain, SplitValues(value));
    }

    /// <summary>Splits at commas not escaped with a backslash and removes the escapes of <c>\,</c>, <c>\$</c>, <c>\|</c> and <c>\\</c>.</summary>
    public static IReadOnlyList<string> SplitValues(string value)
    {
        var values = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var index = 0; index < value.Length; index++)
        {
            var character = value[index];
            if (character == '\\' && index + 1 < value.Length && value[index + 1] is ',' or '\\')
            {
                current.Append(value[++index]);
                continue;
            }

            if (character == ',')
            {
                values.Add(current.ToString());
                current.Clear();
                continue;
            }

            current.Append(character);
        }

        values.Add(current.ToString());
        return values;
    }
}
