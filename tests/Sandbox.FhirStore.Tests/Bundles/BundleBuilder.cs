using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Bundles;

/// <summary>Builds batch and transaction Bundles for tests.</summary>
internal sealed class BundleBuilder(Bundle.BundleType type)
{
    private readonly Bundle _bundle = new() { Type = type };

    public BundleBuilder Post(Resource resource, string? fullUrl = null, string? ifNoneExist = null) =>
        Add(resource, fullUrl, Bundle.HTTPVerb.POST, resource.TypeName, ifNoneExist: ifNoneExist);

    public BundleBuilder Put(
        Resource resource,
        string url,
        string? fullUrl = null,
        string? ifMatch = null,
        string? ifNoneMatch = null) =>
        Add(resource, fullUrl, Bundle.HTTPVerb.PUT, url, ifMatch: ifMatch, ifNoneMatch: ifNoneMatch);

    public BundleBuilder Delete(string url) => Add(null, null, Bundle.HTTPVerb.DELETE, url);

    /// <summary>Adds a PATCH entry whose Binary carries <paramref name="jsonPatch"/> as application/json-patch+json.</summary>
    public BundleBuilder Patch(string url, string jsonPatch) =>
        Add(
            new Binary { ContentType = "application/json-patch+json", Data = System.Text.Encoding.UTF8.GetBytes(jsonPatch) },
            null,
            Bundle.HTTPVerb.PATCH,
            url);

    public BundleBuilder Get(string url, string? ifNoneMatch = null, DateTimeOffset? ifModifiedSince = null) =>
        Add(null, null, Bundle.HTTPVerb.GET, url, ifNoneMatch: ifNoneMatch, ifModifiedSince: ifModifiedSince);

    public BundleBuilder Head(string url, string? ifNoneMatch = null) =>
        Add(null, null, Bundle.HTTPVerb.HEAD, url, ifNoneMatch: ifNoneMatch);

    public Bundle Build() => _bundle;

    private BundleBuilder Add(
        Resource? resource,
        string? fullUrl,
        Bundle.HTTPVerb method,
        string url,
        string? ifNoneExist = null,
        string? ifMatch = null,
        string? ifNoneMatch = null,
        DateTimeOffset? ifModifiedSince = null)
    {
        _bundle.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = fullUrl,
            Resource = resource,
            Request = new Bundle.RequestComponent
            {
                Method = method,
                Url = url,
                IfNoneExist = ifNoneExist,
                IfMatch = ifMatch,
                IfNoneMatch = ifNoneMatch,
                IfModifiedSince = ifModifiedSince,
            },
        });
        return this;
    }
}
