using System.Net;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sandbox.FhirStore.Operations;
using Sandbox.FhirStore.Operations.Bundles;
using Sandbox.FhirStore.Storage;

namespace Sandbox.FhirStore.Rest.History;

/// <summary>history at instance, type and system level, newest version first.</summary>
internal static class HistoryHandlers
{
    public static System.Threading.Tasks.Task InstanceAsync(HttpContext context) =>
        WriteHistoryAsync(context, FhirHttp.ResourceType(context), FhirHttp.Id(context));

    public static System.Threading.Tasks.Task TypeAsync(HttpContext context) =>
        WriteHistoryAsync(context, FhirHttp.ResourceType(context), null);

    public static System.Threading.Tasks.Task SystemAsync(HttpContext context) =>
        WriteHistoryAsync(context, null, null);

    private static async System.Threading.Tasks.Task WriteHistoryAsync(
        HttpContext context,
        string? resourceType,
        string? id)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<FhirStoreOptions>>().Value;
        var query = HistoryParameters.Parse(context.Request, resourceType, id, options);
        var service = context.RequestServices.GetRequiredService<ResourceService>();
        var versions = await service.ReadHistoryAsync(query, FhirHttp.Grant(context), context.RequestAborted);

        var bundle = BuildBundle(context, query, versions);
        await FhirResponses.WriteResourceAsync(context, bundle, HttpStatusCode.OK);
    }

    private static Bundle BuildBundle(HttpContext context, HistoryQuery query, IReadOnlyList<StoredResource> versions)
    {
        var baseUrl = FhirHttp.BaseUrl(context).ToString().TrimEnd('/');
        var bundle = new Bundle { Type = Bundle.BundleType.History, Id = ResourceTypes.NewId() };
        var selfUrl = $"{baseUrl}{context.Request.Path.Value![FhirStoreExtensions.FhirBasePath.Length..]}{context.Request.QueryString}";
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = selfUrl });
        if (versions.Count > query.Count)
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = NextUrl(context, query) });

        foreach (var version in versions.Take(query.Count))
            bundle.Entry.Add(HistoryEntries.ToEntry(version, baseUrl));

        return bundle;
    }

    private static string NextUrl(HttpContext context, HistoryQuery query)
    {
        var parameters = context.Request.Query
            .Where(pair => pair.Key != HistoryParameters.OffsetParameter)
            .ToDictionary(pair => pair.Key, pair => (string?)pair.Value.ToString());
        parameters[HistoryParameters.OffsetParameter] = (query.Offset + query.Count).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var path = $"{FhirHttp.BaseUrl(context).ToString().TrimEnd('/')}{context.Request.Path.Value![FhirStoreExtensions.FhirBasePath.Length..]}";
        return QueryHelpers.AddQueryString(path, parameters);
    }
}
