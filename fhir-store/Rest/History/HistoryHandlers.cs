using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sandbox.FhirStore.Operations;
using Sandbox.FhirStore.Operations.History;

namespace Sandbox.FhirStore.Rest.History;

/// <summary>history at instance, type and system level, newest version first.</summary>
internal static class HistoryHandlers
{
    public static System.Threading.Tasks.Task InstanceAsync(HttpContext context)
    {
        var type = FhirHttp.ResourceType(context);
        var id = FhirHttp.Id(context);
        return WriteHistoryAsync(context, type, id, $"{type}/{id}/_history");
    }

    public static System.Threading.Tasks.Task TypeAsync(HttpContext context)
    {
        var type = FhirHttp.ResourceType(context);
        return WriteHistoryAsync(context, type, null, $"{type}/_history");
    }

    public static System.Threading.Tasks.Task SystemAsync(HttpContext context) =>
        WriteHistoryAsync(context, null, null, "_history");

    private static async System.Threading.Tasks.Task WriteHistoryAsync(
        HttpContext context,
        string? resourceType,
        string? id,
        string path)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<FhirStoreOptions>>().Value;
        var parameters = QueryParameters.Parse(context.Request.QueryString.Value);
        var isStrict = PreferHeader.Parse(context.Request).IsStrict;
        var query = HistoryParameters.Parse(parameters, resourceType, id, options, isStrict);
        var service = context.RequestServices.GetRequiredService<ResourceService>();
        var page = await service.ReadHistoryAsync(query, FhirHttp.Grant(context), context.RequestAborted);

        var baseUrl = FhirHttp.BaseUrl(context).ToString().TrimEnd('/');
        var bundle = HistoryBundleFactory.Create(page, query, baseUrl, path, parameters);
        await FhirResponses.WriteResourceAsync(context, bundle, HttpStatusCode.OK);
    }
}
