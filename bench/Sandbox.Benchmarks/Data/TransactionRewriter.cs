using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Benchmarks.Data;

/// <summary>
/// Turns every entry of a Bundle into <c>PUT Type/id</c>, so that a FHIR server keeps the ids the
/// data carries, as an import does. A POST entry would get a server-assigned id instead, and the
/// read scenario could not find the resources by the ids in the files.
/// </summary>
internal static class TransactionRewriter
{
    /// <summary>Rewrites the Bundle and returns its bytes and the key of each entry.</summary>
    /// <exception cref="InvalidDataException">The file is not a Bundle, or an entry has no resource id.</exception>
    public static BundleFile Rewrite(string name, ReadOnlySpan<byte> json)
    {
        var bundle = JsonNode.Parse(json)?.AsObject()
            ?? throw new InvalidDataException($"{name} is not a JSON object.");
        if ((string?)bundle["resourceType"] != "Bundle")
            throw new InvalidDataException($"{name} is not a Bundle.");

        bundle["type"] = "transaction";
        var entries = bundle["entry"]?.AsArray() ?? [];
        var keys = new List<ResourceKey>(entries.Count);
        foreach (var entry in entries.OfType<JsonObject>())
        {
            var key = ReadKey(name, entry, keys.Count);
            entry["request"] = new JsonObject { ["method"] = "PUT", ["url"] = key.ToString() };
            keys.Add(key);
        }

        return new BundleFile(name, JsonSerializer.SerializeToUtf8Bytes(bundle), keys);
    }

    private static ResourceKey ReadKey(string name, JsonObject entry, int index)
    {
        var resource = entry["resource"];
        var type = (string?)resource?["resourceType"];
        var id = (string?)resource?["id"];
        if (type is null || id is null)
            throw new InvalidDataException($"Entry {index} of {name} has no resource with a resourceType and an id.");

        return new ResourceKey(type, id);
    }
}
