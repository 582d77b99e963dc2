using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.FhirStore.Operations;
using Sandbox.FhirStore.Rest.Binaries;
using Sandbox.FhirStore.Search.Parsing;
using Sandbox.FhirStore.Search.Results;
using Sandbox.FhirStore.Storage;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace Sandbox.FhirStore.Rest.Instances;

/// <summary>read (<c>GET [type]/[id]</c>) and vread (<c>GET [type]/[id]/_history/[vid]</c>).</summary>
internal static class ReadHandlers
{
    private static readonly HashSet<string> ReadParameters =
        new(StringComparer.Ordinal) { "_format", "_pretty", "_summary", "_elements" };

    public static async Task ReadAsync(HttpContext context)
    {
        var shape = ParseShape(context);
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

        await WriteAsync(context, stored, shape);
    }

    public static async Task ReadVersionAsync(HttpContext context)
    {
        var shape = ParseShape(context);
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
        await WriteAsync(context, stored, shape);
    }

    // A parameter outside ReadParameters fails a read with 400 under Prefer: handling=strict, as
    // on search. Otherwise it is ignored, because a read response has no Bundle to carry a warning.
    private static SearchResultOptions? ParseShape(HttpContext context)
    {
        var parameters = QueryParameters.Parse(context.Request.QueryString.Value);
        var isStrict = PreferHeader.Parse(context.Request).IsStrict;
        if (isStrict)
            EnsureReadParameters(parameters);

        return ResourceShaper.ParseReadOptions(parameters, FhirHttp.ResourceType(context), isStrict);
    }

    private static void EnsureReadParameters(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var unknown = parameters
            .Select(parameter => parameter.Key)
            .Where(key => !ReadParameters.Contains(key))
            .Distinct()
            .ToList();
        if (unknown.Count == 0)
            return;

        var names = string.Join(", ", unknown.Select(name => $"'{name}'"));
        throw new FhirOperationException(
            HttpStatusCode.BadRequest,
            IssueType.NotSupported,
            $"Unsupported read parameters with Prefer: handling=strict: {names}. A read takes only _format, _pretty, _summary and _elements.",
            unknown[0]);
    }

    /// <summary>Writes the stored version, reduced as <c>_summary</c> or <c>_elements</c> ask when <paramref name="shape"/> is set.</summary>
    private static Task WriteAsync(HttpContext context, StoredResource stored, SearchResultOptions? shape)
    {
        if (shape is null && stored.ResourceType == NativeBinaryBody.ResourceType)
            return NativeBinaryRead.WriteAsync(context, stored);
        if (shape is null)
            return FhirResponses.WriteStoredAsync(context, stored, HttpStatusCode.OK);

        FhirResponses.SetVersionHeaders(context.Response, stored);
        return FhirResponses.WriteResourceAsync(context, ResourceShaper.Shape(stored.Json.Span, shape), HttpStatusCode.OK);
    }

    private static bool IsNotModified(HttpRequest request, StoredResource stored) =>
        ConditionalRead.IsNotModified(
            stored,
            request.Headers.IfNoneMatch.ToString(),
            request.GetTypedHeaders().IfModifiedSince);
}
