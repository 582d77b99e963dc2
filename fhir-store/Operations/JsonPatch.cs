using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace Sandbox.FhirStore.Operations;

/// <summary>Applies a JSON Patch document (RFC 6902) to a JSON resource.</summary>
public static class JsonPatch
{
    /// <summary>
    /// The parser options for patch documents. A duplicate member name is rejected while
    /// parsing, because <see cref="JsonObject"/> would otherwise throw an ArgumentException on
    /// first access (System.Text.Json 10).
    /// </summary>
    internal static readonly JsonDocumentOptions PatchDocumentOptions = new()
    {
        AllowDuplicateProperties = false,
        MaxDepth = Formats.FhirSerializer.MaxDepth,
    };

    // Stored resources may nest as deep as the store accepts, beyond System.Text.Json's default of 64.
    private static readonly JsonDocumentOptions StoredDocumentOptions = new() { MaxDepth = Formats.FhirSerializer.MaxDepth };

    /// <summary>
    /// Returns the patched document, or null when the patch leaves the document as it was
    /// (an empty patch, or only <c>test</c> operations). Throws 400 for a malformed patch or
    /// one that changes <c>resourceType</c>, and 422 for an operation that cannot apply, such
    /// as a failed <c>test</c> or a missing path.
    /// </summary>
    public static byte[]? Apply(ReadOnlyMemory<byte> document, ReadOnlyMemory<byte> patch)
    {
        var original = JsonNode.Parse(document.Span, documentOptions: StoredDocumentOptions) ?? throw Unprocessable("The stored resource is empty.");
        var root = original.DeepClone();
        foreach (var (operation, index) in ParseOperations(patch).Select((operation, index) => (operation, index)))
        {
            try
            {
                root = ApplyOne(root, operation);
            }
            catch (FhirOperationException exception)
            {
                throw new FhirOperationException(
                    exception.StatusCode,
                    exception.IssueType,
                    $"Patch operation {index} ({operation.Op} {operation.Path}): {exception.Message}");
            }
        }

        EnsureSameType(original, root);
        return JsonNode.DeepEquals(original, root) ? null : Serialize(root);
    }

    /// <summary>
    /// Writes the patched document with the writer's own depth limit of 1000, unlike
    /// JsonSerializer, whose default is 64. A result deeper than the store accepts then reaches
    /// the FHIR parser, which rejects it with 400.
    /// </summary>
    private static byte[] Serialize(JsonNode root)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            root.WriteTo(writer);

        return buffer.WrittenSpan.ToArray();
    }

    private static void EnsureSameType(JsonNode original, JsonNode patched)
    {
        var before = original["resourceType"]?.ToJsonString();
        var after = (patched as JsonObject)?["resourceType"]?.ToJsonString();
        if (before != after)
        {
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                IssueType.Invalid,
                $"A patch cannot change resourceType (the resource is a {original["resourceType"]?.GetValue<string>()}); create a new resource of the other type instead.",
                "Resource.resourceType");
        }
    }

    private static List<Operation> ParseOperations(ReadOnlyMemory<byte> patch)
    {
        JsonArray array;
        try
        {
            array = JsonNode.Parse(patch.Span, documentOptions: PatchDocumentOptions) as JsonArray
                ?? throw Malformed("A JSON Patch document is a JSON array of operations.");
        }
        catch (JsonException exception)
        {
            throw Malformed($"The patch is not valid JSON: {exception.Message}");
        }

        try
        {
            return array.Select(ParseOperation).ToList();
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException)
        {
            // JsonNode.GetValue<string> raises these when op, path or from is not a string.
            throw Malformed($"A patch operation has a member of the wrong type: {exception.Message}");
        }
    }

    private static Operation ParseOperation(JsonNode? node)
    {
        if (node is not JsonObject operation)
            throw Malformed("Each patch operation must be a JSON object.");

        var op = operation["op"]?.GetValue<string>() ?? throw Malformed("A patch operation has no 'op'.");
        var path = operation["path"]?.GetValue<string>() ?? throw Malformed($"The '{op}' operation has no 'path'.");
        var from = operation["from"]?.GetValue<string>();
        var hasValue = operation.TryGetPropertyValue("value", out var value);
        if (op is "add" or "replace" or "test" && !hasValue)
            throw Malformed($"The '{op}' operation at '{path}' has no 'value'.");
        if (op is "move" or "copy" && from is null)
            throw Malformed($"The '{op}' operation at '{path}' has no 'from'.");
        if (op is not ("add" or "remove" or "replace" or "move" or "copy" or "test"))
            throw Malformed($"'{op}' is not a JSON Patch operation; use add, remove, replace, move, copy or test.");

        return new Operation(op, path, from, value?.DeepClone());
    }

    private static JsonNode ApplyOne(JsonNode root, Operation operation)
    {
        switch (operation.Op)
        {
            case "add":
                return Add(root, operation.Path, operation.Value?.DeepClone());
            case "remove":
                Remove(root, operation.Path);
                return root;
            case "replace":
                Remove(root, operation.Path);
                return Add(root, operation.Path, operation.Value?.DeepClone());
            case "move":
                var moved = Find(root, operation.From!)?.DeepClone();
                Remove(root, operation.From!);
                return Add(root, operation.Path, moved);
            case "copy":
                return Add(root, operation.Path, Find(root, operation.From!)?.DeepClone());
            default:
                if (!JsonNode.DeepEquals(Find(root, operation.Path), operation.Value))
                    throw Unprocessable("the value differs from the expected one.");
                return root;
        }
    }

    private static JsonNode Add(JsonNode root, string path, JsonNode? value)
    {
        if (path.Length == 0)
            return value ?? throw Unprocessable("the document cannot be replaced by null.");

        var (parent, key) = FindParent(root, path);
        if (parent is JsonObject parentObject)
        {
            parentObject[key] = value;
            return root;
        }

        var array = (JsonArray)parent;
        var index = key == "-" ? array.Count : ParseIndex(key, array.Count + 1);
        array.Insert(index, value);
        return root;
    }

    private static void Remove(JsonNode root, string path)
    {
        var (parent, key) = FindParent(root, path);
        if (parent is JsonObject parentObject)
        {
            if (!parentObject.Remove(key))
                throw Unprocessable($"there is no '{key}' to remove.");
            return;
        }

        var array = (JsonArray)parent;
        array.RemoveAt(ParseIndex(key, array.Count));
    }

    private static JsonNode? Find(JsonNode root, string path)
    {
        if (path.Length == 0)
            return root;

        var (parent, key) = FindParent(root, path);
        if (parent is JsonObject parentObject)
        {
            return parentObject.TryGetPropertyValue(key, out var child)
                ? child
                : throw Unprocessable($"the path '{path}' does not exist.");
        }

        var array = (JsonArray)parent;
        return array[ParseIndex(key, array.Count)];
    }

    private static (JsonNode Parent, string Key) FindParent(JsonNode root, string path)
    {
        if (!path.StartsWith('/'))
            throw Malformed($"The path '{path}' must start with '/'.");

        var tokens = path[1..].Split('/').Select(Unescape).ToArray();
        var node = root;
        foreach (var token in tokens[..^1])
        {
            node = node switch
            {
                JsonObject current when current.TryGetPropertyValue(token, out var child) && child is not null => child,
                JsonArray current => current[ParseIndex(token, current.Count)]
                    ?? throw Unprocessable($"the path '{path}' does not exist."),
                _ => throw Unprocessable($"the path '{path}' does not exist."),
            };
        }

        if (node is not (JsonObject or JsonArray))
            throw Unprocessable($"the parent of '{path}' is not an object or array.");

        return (node, tokens[^1]);
    }

    private static int ParseIndex(string token, int limit)
    {
        if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= limit)
            throw Unprocessable($"'{token}' is not a valid array index here.");

        return index;
    }

    private static string Unescape(string token) =>
        token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    private static FhirOperationException Malformed(string message) =>
        new(HttpStatusCode.BadRequest, IssueType.Structure, message);

    private static FhirOperationException Unprocessable(string message) =>
        new(HttpStatusCode.UnprocessableEntity, IssueType.Processing, message);

    private sealed record Operation(string Op, string Path, string? From, JsonNode? Value);
}
