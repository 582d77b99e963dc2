using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Sandbox.Auth.Api;

/// <summary>
/// Describes why System.Text.Json rejected an admin request body, naming the member and the
/// fix. The serializer's own messages name .NET types, so the body is parsed again and the
/// value at the exception's <see cref="JsonException.Path"/> is compared with the member's
/// contract: a missing required member, an unknown member, an enum name, a number's range
/// and the JSON kind.
/// </summary>
internal static class JsonBodyProblem
{
    private const string Root = "";

    public static string Describe(JsonException exception, byte[] body, JsonTypeInfo bodyType)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (JsonException syntaxError)
        {
            return $"The body is not valid JSON: {syntaxError.Message}";
        }

        return DescribeAt(node, bodyType, JsonPathSegments.Parse(exception.Path))
            ?? $"The body could not be read at '{exception.Path}': {exception.Message}";
    }

    private static string? DescribeAt(JsonNode? node, JsonTypeInfo type, IReadOnlyList<object> segments)
    {
        var member = Root;
        foreach (var segment in segments)
        {
            if (segment is string name && node is JsonObject json && type.Kind == JsonTypeInfoKind.Object)
            {
                var property = FindProperty(type, name);
                if (property is null)
                    return UnknownMember(member, name, type);

                node = json.FirstOrDefault(pair => NameMatches(type, pair.Key, name)).Value;
                type = type.Options.GetTypeInfo(property.PropertyType);
                member = member.Length == 0 ? property.Name : $"{member}.{property.Name}";
            }
            else if (segment is int index && node is JsonArray array && index < array.Count && type.ElementType is { } elementType)
            {
                node = array[index];
                type = type.Options.GetTypeInfo(elementType);
                member = $"{member}[{index}]";
            }
            else
            {
                break;
            }
        }

        return DescribeValue(member, node, type);
    }

    private static string? DescribeValue(string member, JsonNode? node, JsonTypeInfo type)
    {
        var valueType = Nullable.GetUnderlyingType(type.Type) ?? type.Type;
        if (node is JsonObject json && type.Kind == JsonTypeInfoKind.Object)
            return DescribeObject(member, json, type);

        // An enum's type code is its underlying integer's, so a null would otherwise be
        // described as a missing number although the body must name the value as a string.
        if (valueType.IsEnum)
            return node is null && valueType != type.Type ? null : DescribeEnum(member, node, valueType);

        if (node?.GetValueKind() == JsonValueKind.Number && NumberRange(valueType) is { } range)
            return DescribeNumber(member, node.AsValue(), range);

        var expected = ExpectedKind(valueType, type.Kind);
        var actual = ActualKind(node);
        if (expected is null || expected == actual || (node is null && valueType != type.Type))
            return null;

        return $"{Subject(member)} must be {expected}, not {actual}.";
    }

    private static string? DescribeObject(string member, JsonObject json, JsonTypeInfo type)
    {
        foreach (var (name, _) in json)
        {
            if (FindProperty(type, name) is null)
                return UnknownMember(member, name, type);
        }

        var missing = type.Properties
            .Where(property => property.IsRequired && !json.Any(pair => NameMatches(type, pair.Key, property.Name)))
            .Select(property => $"'{property.Name}'")
            .ToList();
        if (missing.Count == 0)
            return null;

        var names = missing.Count == 1 ? $"the required member {missing[0]}" : $"the required members {string.Join(", ", missing)}";
        return $"{Subject(member)} is missing {names}.";
    }

    private static string DescribeEnum(string member, JsonNode? node, Type enumType)
    {
        var names = string.Join(", ", Enum.GetNames(enumType));
        return node?.GetValueKind() == JsonValueKind.String
            ? $"{Subject(member)} is '{node.GetValue<string>()}', which is not a valid {enumType.Name}; use one of {names}."
            : $"{Subject(member)} must be a string naming one of {names}, not {ActualKind(node)}.";
    }

    private static string? DescribeNumber(string member, JsonValue value, (decimal Min, decimal Max, bool Integer) range)
    {
        var text = value.ToJsonString();
        var parsed = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number);
        if (!parsed || number < range.Min || number > range.Max)
            return $"{Subject(member)} is {text}, which is out of range; use an integer from {range.Min} to {range.Max}.";

        return range.Integer && decimal.Truncate(number) != number
            ? $"{Subject(member)} is {text}; use a whole number."
            : null;
    }

    private static string UnknownMember(string member, string name, JsonTypeInfo type)
    {
        var known = type.Properties.Where(property => property.Set is not null).Select(property => property.Name);
        var owner = member.Length == 0 ? "the body" : $"'{member}'";
        return $"{Subject(member)} has the unknown member '{name}'; "
            + $"the members of {owner} are {string.Join(", ", known)}. Check the spelling against /openapi/v1.json.";
    }

    private static JsonPropertyInfo? FindProperty(JsonTypeInfo type, string name) =>
        type.Properties.FirstOrDefault(property => NameMatches(type, property.Name, name));

    private static bool NameMatches(JsonTypeInfo type, string left, string right) =>
        string.Equals(left, right, type.Options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private static string Subject(string member) => member.Length == 0 ? "The body" : $"Member '{member}'";

    private static (decimal Min, decimal Max, bool Integer)? NumberRange(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Byte => (byte.MinValue, byte.MaxValue, true),
        TypeCode.Int16 => (short.MinValue, short.MaxValue, true),
        TypeCode.Int32 => (int.MinValue, int.MaxValue, true),
        TypeCode.Int64 => (long.MinValue, long.MaxValue, true),
        TypeCode.UInt16 => (ushort.MinValue, ushort.MaxValue, true),
        TypeCode.UInt32 => (uint.MinValue, uint.MaxValue, true),
        TypeCode.UInt64 => (ulong.MinValue, ulong.MaxValue, true),
        _ => null,
    };

    private static string? ExpectedKind(Type type, JsonTypeInfoKind kind)
    {
        if (type == typeof(string))
            return "a string";

        if (type == typeof(bool))
            return "true or false";

        if (NumberRange(type) is not null || type == typeof(double) || type == typeof(decimal) || type == typeof(float))
            return "a number";

        if (kind == JsonTypeInfoKind.Enumerable || type == typeof(JsonArray))
            return "an array";

        return kind is JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary || type == typeof(JsonObject)
            ? "an object"
            : null;
    }

    private static string ActualKind(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => "true or false",
    };
}
