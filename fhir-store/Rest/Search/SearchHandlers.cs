using System.Net;
using System.Text;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.FhirStore.Formats;
using Sandbox.FhirStore.Operations;
using Sandbox.FhirStore.Search;
using Sandbox.FhirStore.Search.Results;

namespace Sandbox.FhirStore.Rest.Search;

/// <summary>
/// The search entry points: type, system and compartment searches, all handed to
/// <see cref="ISearchService"/>.
/// </summary>
internal static class SearchHandlers
{
    private static readonly HashSet<string> CompartmentTypes =
        ["Patient", "Encounter", "RelatedPerson", "Practitioner", "Device"];

    /// <summary><c>GET [type]?...</c></summary>
    public static System.Threading.Tasks.Task TypeAsync(HttpContext context) =>
        SearchAsync(context, FhirHttp.ResourceType(context), null, context.Request.QueryString.Value);

    /// <summary><c>POST [type]/_search</c> with a form body; URL and body parameters both count.</summary>
    public static async System.Threading.Tasks.Task TypePostAsync(HttpContext context) =>
        await SearchAsync(context, FhirHttp.ResourceType(context), null, await ReadFormQueryAsync(context));

    /// <summary><c>POST /fhir/_search</c> across all types, with a form body.</summary>
    public static async System.Threading.Tasks.Task SystemPostAsync(HttpContext context) =>
        await SearchAsync(context, null, null, await ReadFormQueryAsync(context));

    /// <summary>Joins the URL query and the form body of a <c>POST _search</c> into one query string.</summary>
    private static async System.Threading.Tasks.Task<string> ReadFormQueryAsync(HttpContext context)
    {
        var contentType = context.Request.ContentType ?? string.Empty;
        if (!contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            throw new FhirOperationException(
                HttpStatusCode.UnsupportedMediaType,
                OperationOutcome.IssueType.NotSupported,
                "POST _search takes its parameters as application/x-www-form-urlencoded.");
        }

        var body = Encoding.UTF8.GetString(await FhirHttp.ReadBodyAsync(context));
        return string.Join('&', new[] { context.Request.QueryString.Value?.TrimStart('?'), body }.Where(part => !string.IsNullOrEmpty(part)));
    }

    /// <summary><c>GET /fhir?...</c> across all types.</summary>
    public static System.Threading.Tasks.Task SystemAsync(HttpContext context) =>
        SearchAsync(context, null, null, context.Request.QueryString.Value);

    /// <summary><c>GET [compartment]/[id]/[type]</c>, such as <c>Patient/123/Observation</c>.</summary>
    public static System.Threading.Tasks.Task CompartmentAsync(HttpContext context)
    {
        var compartment = ReadCompartment(context);
        var resourceType = FhirHttp.ResourceType(context);
        return SearchAsync(context, resourceType, compartment, context.Request.QueryString.Value);
    }

    /// <summary>
    /// <c>POST [compartment]/[id]/[type]/_search</c> with a form body. URL and body parameters
    /// both count, as on <c>POST [type]/_search</c>.
    /// </summary>
    public static async System.Threading.Tasks.Task CompartmentPostAsync(HttpContext context)
    {
        var compartment = ReadCompartment(context);
        var resourceType = FhirHttp.ResourceType(context);
        await SearchAsync(context, resourceType, compartment, await ReadFormQueryAsync(context));
    }

    /// <summary>
    /// Reads the compartment that the route names, such as <c>Patient/123</c>. Throws 404 when
    /// the first segment is not a compartment type.
    /// </summary>
    private static string ReadCompartment(HttpContext context)
    {
        var compartmentType = (string)context.Request.RouteValues["compartment"]!;
        if (!CompartmentTypes.Contains(compartmentType))
        {
            throw new FhirOperationException(
                HttpStatusCode.NotFound,
                OperationOutcome.IssueType.NotFound,
                $"'{compartmentType}' is not a compartment; use Patient, Encounter, RelatedPerson, Practitioner or Device.");
        }

        return $"{compartmentType}/{FhirHttp.Id(context)}";
    }

    private static async System.Threading.Tasks.Task SearchAsync(
        HttpContext context,
        string? resourceType,
        string? compartment,
        string? query)
    {
        var search = context.RequestServices.GetRequiredService<SearchService>();
        var request = new SearchRequest(
            resourceType,
            compartment,
            FhirHttp.SearchParameters(query),
            FhirHttp.BaseUrl(context),
            PreferHeader.Parse(context.Request).IsStrict,
            FhirHttp.Grant(context));

        var page = await search.SearchPageAsync(request, context.RequestAborted);
        await WritePageAsync(context, page);
    }

    /// <summary>
    /// Writes compact JSON straight from the stored bodies. Pretty JSON, XML, <c>_summary</c>
    /// and <c>_elements</c> go through the Firely Bundle.
    /// </summary>
    internal static async System.Threading.Tasks.Task WritePageAsync(HttpContext context, SearchPage page)
    {
        var format = ContentNegotiation.ResponseFormat(context.Request);
        if (format != FhirFormat.Json || FhirHttp.IsPretty(context.Request) || !SearchBundleWriter.CanWrite(page))
        {
            await FhirResponses.WriteResourceAsync(context, SearchBundleFactory.Create(page), HttpStatusCode.OK);
            return;
        }

        // A 20-entry page of Synthea Observations is about 21 KB. A new growing array per search
        // allocated 48 KB for it, which the garbage collector then had to clear.
        using var buffer = new PooledBufferWriter(32 * 1024);
        SearchBundleWriter.Write(page, buffer);
        await FhirResponses.WriteJsonOkAsync(context, buffer.WrittenMemory);
    }
}
