using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Import;

/// <summary>Wraps loose resources in an import transaction.</summary>
internal static class ImportBundles
{
    /// <summary>
    /// Creates a transaction that stores each resource under its own id (PUT), or under a
    /// new id when it has none (POST).
    /// </summary>
    /// <remarks>Entries keep their full URLs, so references between them still resolve.</remarks>
    public static Bundle ToTransaction(IEnumerable<(string? FullUrl, Resource Resource)> entries)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        foreach (var (fullUrl, resource) in entries)
        {
            var hasId = !string.IsNullOrEmpty(resource.Id);
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = fullUrl,
                Resource = resource,
                Request = new Bundle.RequestComponent
                {
                    Method = hasId ? Bundle.HTTPVerb.PUT : Bundle.HTTPVerb.POST,
                    Url = hasId ? $"{resource.TypeName}/{resource.Id}" : resource.TypeName,
                },
            });
        }

        return bundle;
    }
}
