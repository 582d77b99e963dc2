using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Population;

/// <summary>
/// The generated seed population: every resource with its id set, in a fixed order
/// (sites and staff first, then each patient followed by its clinical history).
/// </summary>
public sealed record SeedPopulation(DateOnly ReferenceDate, IReadOnlyList<Resource> Resources)
{
    /// <summary>
    /// Returns the population as a FHIR transaction Bundle of PUT entries, so that posting it
    /// to any R4 server creates the resources with the same ids.
    /// </summary>
    public Bundle ToTransactionBundle()
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        foreach (var resource in Resources)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"urn:uuid:{DeterministicUuid(resource)}",
                Resource = resource,
                Request = new Bundle.RequestComponent
                {
                    Method = Bundle.HTTPVerb.PUT,
                    Url = $"{resource.TypeName}/{resource.Id}",
                },
            });
        }

        return bundle;
    }

    // A transaction entry with a resource needs a fullUrl; references inside use Type/id,
    // so a stable name-based UUID is enough here.
    private static Guid DeterministicUuid(Resource resource)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{resource.TypeName}/{resource.Id}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
