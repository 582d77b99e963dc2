using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.Extensions.Logging;

namespace Sandbox.SeedData.Loading;

/// <summary>
/// Reads the FHIR JSON files of an import folder (for example Synthea transaction bundles)
/// into resources ready to store: every resource has an id, <c>urn:uuid</c> references point
/// at <c>Type/id</c>, and a resource repeated across files is kept once (the first seen).
/// </summary>
internal sealed class ImportFolderReader(ILogger logger)
{
    private static readonly JsonSerializerOptions Options = new JsonSerializerOptions()
        .ForFhir(ModelInfo.ModelInspector)
        .UsingMode(DeserializationMode.Recoverable);

    public IReadOnlyList<Resource> Read(string folder)
    {
        var resources = new Dictionary<string, Resource>(StringComparer.Ordinal);
        var fullUrls = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal);
        foreach (var file in files)
            ReadFile(file, resources, fullUrls);

        // NOTE: conditional references (Patient?identifier=…) are not resolved; they stay as written.
        foreach (var resource in resources.Values)
            ReferenceRewriter.Rewrite(resource, fullUrls);

        return [.. resources.Values];
    }

    private void ReadFile(string file, Dictionary<string, Resource> resources, Dictionary<string, string> fullUrls)
    {
        var parsed = Parse(file);
        if (parsed is not Bundle bundle)
        {
            if (parsed?.Id is not null)
                resources.TryAdd($"{parsed.TypeName}/{parsed.Id}", parsed);

            return;
        }

        var skipped = 0;
        foreach (var entry in bundle.Entry)
        {
            if (entry.Resource is not { } resource || !TryAssignId(entry, resource))
            {
                skipped++;
                continue;
            }

            var key = $"{resource.TypeName}/{resource.Id}";
            resources.TryAdd(key, resource);
            if (entry.FullUrl is { } fullUrl)
                fullUrls.TryAdd(fullUrl, key);
        }

        if (skipped > 0)
            Log.EntriesSkipped(logger, Path.GetFileName(file), skipped);
    }

    private static bool TryAssignId(Bundle.EntryComponent entry, Resource resource)
    {
        if (!string.IsNullOrEmpty(resource.Id))
            return true;

        const string uuidPrefix = "urn:uuid:";
        if (entry.FullUrl?.StartsWith(uuidPrefix, StringComparison.Ordinal) != true)
            return false;

        resource.Id = entry.FullUrl[uuidPrefix.Length..];
        return true;
    }

    private Resource? Parse(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            return JsonSerializer.Deserialize<Resource>(stream, Options);
        }
        catch (DeserializationFailedException failure) when (failure.PartialResult is Resource partial)
        {
            // Recoverable mode keeps what it could read; small deviations in exported data are common.
            Log.FilePartlyRead(logger, Path.GetFileName(file), failure.Exceptions.Count);
            return partial;
        }
        catch (JsonException exception)
        {
            Log.FileUnreadable(logger, Path.GetFileName(file), exception);
            return null;
        }
    }
}
