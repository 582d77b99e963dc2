using System.Text.Json;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Resource = Hl7.Fhir.Model.Resource;

namespace Sandbox.FhirStore.Tests.Search;

/// <summary>
/// Reads the Synthea transaction bundles and rewrites their <c>urn:uuid</c> references to
/// <c>Type/id</c>, as the store does when it processes a transaction.
/// </summary>
internal static partial class SyntheaLoader
{
    private static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static IEnumerable<List<Resource>> ReadBundles()
    {
        var folder = Environment.GetEnvironmentVariable(SyntheaFactAttribute.VariableName)!;
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            var bundle = JsonSerializer.Deserialize<Bundle>(text, JsonOptions)!;
            var map = bundle.Entry
                .Where(entry => entry.FullUrl is not null && entry.Resource?.Id is not null)
                .ToDictionary(entry => entry.FullUrl!, entry => entry.Resource!.TypeName + "/" + entry.Resource.Id);
            var rewritten = UuidReference().Replace(text, match => map.TryGetValue(match.Groups[1].Value, out var local) ? $"\"{local}\"" : match.Value);
            yield return JsonSerializer.Deserialize<Bundle>(rewritten, JsonOptions)!.Entry.Select(entry => entry.Resource!).ToList();
        }
    }

    [GeneratedRegex("\"(urn:uuid:[0-9a-fA-F-]{36})\"")]
    private static partial Regex UuidReference();
}
