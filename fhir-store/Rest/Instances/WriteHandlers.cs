using System.Net;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.FhirStore.Operations;

namespace Sandbox.FhirStore.Rest.Instances;

/// <summary>create, update, patch, delete and their conditional forms.</summary>
internal static class WriteHandlers
{
    private const string JsonPatchMediaType = "application/json-patch+json";

    /// <summary><c>POST [type]</c>, conditional with <c>If-None-Exist</c>.</summary>
    public static async System.Threading.Tasks.Task CreateAsync(HttpContext context)
    {
        var resourceType = FhirHttp.ResourceType(context);
        var resource = await FhirHttp.ReadResourceAsync(context, resourceType);
        EnsureType(resourceType, resource);

        var ifNoneExist = context.Request.Headers["If-None-Exist"].ToString();
        var result = await Service(context).CreateAsync(
            resource,
            ifNoneExist,
            FhirHttp.Grant(context),
            context.RequestAborted);
        await FhirResponses.WriteResultAsync(context, result);
    }

    /// <summary><c>PUT [type]/[id]</c>, with <c>If-Match</c> or <c>If-None-Match: *</c>; creates when the id is new.</summary>
    public static async System.Threading.Tasks.Task UpdateAsync(HttpContext context)
    {
        var resourceType = FhirHttp.ResourceType(context);
        var id = FhirHttp.Id(context);
        var (ifMatch, createOnly) = ReadUpdatePreconditions(context);
        var resource = await FhirHttp.ReadResourceAsync(context, resourceType);

        var service = Service(context);
        var result = createOnly
            ? await service.CreateOnlyAsync(resourceType, id, resource, FhirHttp.Grant(context), context.RequestAborted)
            : await service.UpdateAsync(resourceType, id, resource, ifMatch, FhirHttp.Grant(context), context.RequestAborted);
        await FhirResponses.WriteResultAsync(context, result);
    }

    /// <summary><c>PUT [type]?[search]</c>, with <c>If-Match</c> (checked against the matching resource) or <c>If-None-Match: *</c>.</summary>
    public static async System.Threading.Tasks.Task ConditionalUpdateAsync(HttpContext context)
    {
        var resourceType = FhirHttp.ResourceType(context);
        var query = RequireQuery(context, "A conditional update");
        var (ifMatch, createOnly) = ReadUpdatePreconditions(context);
        var resource = await FhirHttp.ReadResourceAsync(context, resourceType);

        var result = await Service(context).ConditionalUpdateAsync(
            resourceType,
            query,
            resource,
            createOnly,
            ifMatch,
            FhirHttp.Grant(context),
            context.RequestAborted);
        await FhirResponses.WriteResultAsync(context, result);
    }

    // Returns the If-Match version and whether If-None-Match requests create-only. Sending both gets 400.
    private static (string? IfMatch, bool CreateOnly) ReadUpdatePreconditions(HttpContext context)
    {
        var ifMatch = FhirHttp.IfMatch(context);
        var createOnly = UpdatePreconditions.IsCreateOnly(
            context.Request.Headers.IfNoneMatch.ToString(),
            ifMatch is not null,
            UpdatePreconditions.Headers);
        return (ifMatch, createOnly);
    }

    /// <summary><c>PATCH [type]/[id]</c> with a JSON Patch document or a FHIRPath Patch.</summary>
    public static async System.Threading.Tasks.Task PatchAsync(HttpContext context)
    {
        var resourceType = FhirHttp.ResourceType(context);
        var id = FhirHttp.Id(context);
        var ifMatch = FhirHttp.IfMatch(context);
        var patch = await ReadPatchAsync(context);

        var result = await Service(context).PatchAsync(
            resourceType,
            id,
            patch,
            ifMatch,
            FhirHttp.Grant(context),
            context.RequestAborted);
        await FhirResponses.WriteResultAsync(context, result);
    }

    /// <summary><c>PATCH [type]?[search]</c> with a JSON Patch document or a FHIRPath Patch.</summary>
    public static async System.Threading.Tasks.Task ConditionalPatchAsync(HttpContext context)
    {
        var resourceType = FhirHttp.ResourceType(context);
        var query = RequireQuery(context, "A conditional patch");
        var ifMatch = FhirHttp.IfMatch(context);
        var patch = await ReadPatchAsync(context);

        var result = await Service(context).ConditionalPatchAsync(
            resourceType,
            query,
            patch,
            ifMatch,
            FhirHttp.Grant(context),
            context.RequestAborted);
        await FhirResponses.WriteResultAsync(context, result);
    }

    // JSON Patch has its own media type. Any FHIR resource media type carries a FHIRPath Patch,
    // which is a Parameters resource, as the Firely SDK's FhirClient.PatchAsync sends it.
    private static async System.Threading.Tasks.Task<PatchDocument> ReadPatchAsync(HttpContext context)
    {
        if ((context.Request.ContentType ?? string.Empty).StartsWith(
            JsonPatchMediaType,
            StringComparison.OrdinalIgnoreCase))
        {
            return PatchDocument.FromJsonPatch(await FhirHttp.ReadBodyAsync(context));
        }

        if (string.IsNullOrEmpty(context.Request.ContentType))
        {
            throw new FhirOperationException(
                HttpStatusCode.UnsupportedMediaType,
                OperationOutcome.IssueType.NotSupported,
                $"A PATCH needs a Content-Type: {JsonPatchMediaType} for JSON Patch, or application/fhir+json or application/fhir+xml for FHIRPath Patch.");
        }

        var body = await FhirHttp.ReadResourceAsync(context, "Parameters");
        if (body is not Parameters parameters)
        {
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                OperationOutcome.IssueType.Invalid,
                $"A FHIRPath Patch body is a Parameters resource, but this body is a {body.TypeName}.",
                "Resource.resourceType");
        }

        return PatchDocument.FromFhirPathPatch(parameters);
    }

    /// <summary><c>DELETE [type]/[id]</c>, with <c>If-Match</c>.</summary>
    public static async System.Threading.Tasks.Task DeleteAsync(HttpContext context)
    {
        var resourceType = FhirHttp.ResourceType(context);
        var id = FhirHttp.Id(context);
        var ifMatch = FhirHttp.IfMatch(context);

        var result = await Service(context).DeleteAsync(
            resourceType,
            id,
            ifMatch,
            FhirHttp.Grant(context),
            context.RequestAborted);
        await WriteDeletedAsync(context, result);
    }

    /// <summary><c>DELETE [type]?[search]</c>.</summary>
    public static async System.Threading.Tasks.Task ConditionalDeleteAsync(HttpContext context)
    {
        var resourceType = FhirHttp.ResourceType(context);
        var query = RequireQuery(context, "A conditional delete");

        var result = await Service(context).ConditionalDeleteAsync(
            resourceType,
            query,
            FhirHttp.Grant(context),
            context.RequestAborted);
        await WriteDeletedAsync(context, result);
    }

    // A delete has no resource to return, so only return=OperationOutcome gives it a body,
    // with 200 because 204 allows none.
    private static System.Threading.Tasks.Task WriteDeletedAsync(HttpContext context, OperationResult result)
    {
        if (result.Stored is { } deleted)
            context.Response.Headers.ETag = $"W/\"{deleted.VersionId}\"";

        if (PreferHeader.Parse(context.Request).Return == PreferHeader.OperationOutcome)
            return FhirResponses.WriteResourceAsync(context, OperationOutcomes.ForResult(result), HttpStatusCode.OK);

        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return System.Threading.Tasks.Task.CompletedTask;
    }

    private static string RequireQuery(HttpContext context, string interaction)
    {
        var query = string.Join('&', FhirHttp.SearchParameters(context.Request.QueryString.Value)
            .Select(parameter => $"{Uri.EscapeDataString(parameter.Key)}={Uri.EscapeDataString(parameter.Value)}"));
        if (query.Length == 0)
        {
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                OperationOutcome.IssueType.Required,
                $"{interaction} needs search parameters in the URL, such as ?identifier=system|value.");
        }

        return query;
    }

    private static void EnsureType(string resourceType, Hl7.Fhir.Model.Resource resource)
    {
        if (resource.TypeName != resourceType)
        {
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                OperationOutcome.IssueType.Invalid,
                $"The body is a {resource.TypeName}, but the URL names {resourceType}.",
                "Resource.resourceType");
        }
    }

    private static ResourceService Service(HttpContext context) =>
        context.RequestServices.GetRequiredService<ResourceService>();
}
