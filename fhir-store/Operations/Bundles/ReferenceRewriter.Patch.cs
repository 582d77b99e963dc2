using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Operations.Bundles;

/// <summary>The references inside the JSON Patch document of a PATCH entry.</summary>
internal sealed partial class ReferenceRewriter
{
    private const string ReferenceMember = "reference";

    /// <summary>
    /// Rewrites the references in the values of a JSON Patch document carried by a PATCH entry's
    /// Binary, as <see cref="RewriteAsync"/> does for a resource. A reference is the string
    /// value of a member named <c>reference</c> anywhere inside an operation's value, or the value
    /// itself when the operation's path ends in <c>/reference</c>. A Binary that is not JSON
    /// Patch, or not a JSON array, is left for the PATCH entry to reject.
    /// </summary>
    public async System.Threading.Tasks.Task RewritePatchAsync(Binary patch, CancellationToken cancellationToken)
    {
        if (patch.Data is null || patch.ContentType?.Contains("json-patch", StringComparison.Ordinal) != true)
            return;
        if (TryParseOperations(patch.Data) is not { } operations)
            return;

        var changed = false;
        foreach (var operation in operations.OfType<JsonObject>())
            changed |= await RewriteOperationAsync(operation, cancellationToken);

        if (changed)
            patch.Data = JsonSerializer.SerializeToUtf8Bytes(operations);
    }

    private static JsonArray? TryParseOperations(byte[] data)
    {
        try
        {
            return JsonNode.Parse(data, documentOptions: JsonPatch.PatchDocumentOptions) as JsonArray;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<bool> RewriteOperationAsync(JsonObject operation, CancellationToken cancellationToken)
    {
        if (!operation.TryGetPropertyValue("value", out var value) || value is null)
            return false;

        var path = operation["path"] is JsonValue pathValue && pathValue.TryGetValue<string>(out var text) ? text : string.Empty;
        if (value is JsonValue && path.EndsWith("/" + ReferenceMember, StringComparison.Ordinal))
            return await RewriteMemberAsync(operation, "value", cancellationToken);

        return await RewriteNodeAsync(value, cancellationToken);
    }

    private async Task<bool> RewriteNodeAsync(JsonNode node, CancellationToken cancellationToken)
    {
        var changed = false;
        if (node is JsonArray array)
        {
            foreach (var item in array.ToList())
            {
                if (item is not null)
                    changed |= await RewriteNodeAsync(item, cancellationToken);
            }
        }
        else if (node is JsonObject element)
        {
            // The members are copied first, because rewriting one replaces it in the object.
            foreach (var (name, child) in element.ToList())
            {
                if (name == ReferenceMember)
                    changed |= await RewriteMemberAsync(element, name, cancellationToken);
                else if (child is not null)
                    changed |= await RewriteNodeAsync(child, cancellationToken);
            }
        }

        return changed;
    }

    /// <summary>Resolves the reference in member <paramref name="name"/> of <paramref name="parent"/> when the member is a string.</summary>
    private async Task<bool> RewriteMemberAsync(JsonObject parent, string name, CancellationToken cancellationToken)
    {
        if (parent[name] is not JsonValue value || !value.TryGetValue<string>(out var reference))
            return false;

        var resolved = await ResolveAsync(reference, cancellationToken);
        if (resolved == reference)
            return false;

        parent[name] = resolved;
        return true;
    }
}
