using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Population;

/// <summary>Builds literal references (<c>Type/id</c>) between seed resources.</summary>
internal static class References
{
    public static ResourceReference To(string resourceType, string id, string? display = null) =>
        new($"{resourceType}/{id}", display);

    public static ResourceReference To(Resource resource) => new($"{resource.TypeName}/{resource.Id}");
}
