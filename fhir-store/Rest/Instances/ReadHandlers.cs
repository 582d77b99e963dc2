using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.FhirStore.Operations;
using Sandbox.FhirStore.Storage;

namespace Sandbox.FhirStore.Rest.Instances;

/// <summary>read (<c>GET [type]/[id]</c>) and vread (<c>GET [type]/[id]/_history/[vid]</c>).</summary>
internal static class ReadHandlers
{
    public static async Task ReadAsync(HttpContext context)
    {
        var resourceType = FhirHttp.ResourceType(context);
        var id = FhirHttp.Id(context);
        var service = context.RequestServices.GetRequiredService<ResourceService>();
        var stored = await service.ReadAsync(resourceType, id, FhirHttp.Grant(context), context.RequestAborted);

        if (IsNotModified(context.Request, stored))
        {
            FhirResponses.SetVersionHeaders(context.Response, stored);
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        await FhirResponses.WriteStoredAsync(context, stored, HttpStatusCode.OK);
    }

    public static async Task ReadVersionAsync(HttpContext context)
    {
        var resourceType = FhirHttp.ResourceType(context);
        var id = FhirHttp.Id(context);
        var versionText = (string)context.Request.RouteValues["vid"]!;
        if (!int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var versionId))
            throw AccessGuard.NotFound(resourceType, $"{id}/_history/{versionText}");

        var service = context.RequestServices.GetRequiredService<ResourceService>();
        var stored = await service.ReadVersionAsync(
            resourceType,
            id,
            versionId,
            FhirHttp.Grant(context),
            context.RequestAborted);
        await FhirResponses.WriteStoredAsync(context, stored, HttpStatusCode.OK);
    }

    private static bool IsNotModified(HttpRequest request, StoredResource stored)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0)
        {
            var etag = $"W/\"{stored.VersionId.ToString(CultureInfo.InvariantCulture)}\"";
            return ifNoneMatch.Split(',', StringSplitOptions.TrimEntries)
                .Any(value => value == "*" || value == etag || value == $"\"{stored.VersionId}\"");
        }

        var ifModifiedSince = request.GetTypedHeaders().IfModifiedSince;

        // HTTP dates have whole seconds, so the stored time is compared at that precision.
        var lastModifiedSeconds = stored.LastUpdated.ToUnixTimeSeconds();
        return ifModifiedSince is { } since && lastModifiedSeconds <= since.ToUnixTimeSeconds();
    }
}
