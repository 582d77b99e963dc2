using System.Net;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.FhirStore.Operations;
using Sandbox.FhirStore.Operations.Everything;
using Sandbox.FhirStore.Search;

namespace Sandbox.FhirStore.Rest.Search;

/// <summary>
/// <c>Patient/[id]/$everything</c>: the patient and its compartment as a paged search, with the
/// resources they reference as includes, under the caller's grant. Only the instance-level
/// form is supported.
/// </summary>
internal static class EverythingHandlers
{
    /// <summary><c>GET Patient/[id]/$everything</c>; 404 for an unknown or hidden patient and 410 for a deleted one.</summary>
    public static System.Threading.Tasks.Task InstanceAsync(HttpContext context) =>
        RunAsync(context, FhirHttp.SearchParameters(context.Request.QueryString.Value));

    /// <summary><c>POST Patient/[id]/$everything</c>, with the parameters in the URL, in a <c>Parameters</c> body, or both.</summary>
    public static async System.Threading.Tasks.Task InstancePostAsync(HttpContext context) =>
        await RunAsync(context, await EverythingBody.ReadParametersAsync(context));

    private static async System.Threading.Tasks.Task RunAsync(
        HttpContext context,
        IReadOnlyList<KeyValuePair<string, string>> requested)
    {
        var id = FhirHttp.Id(context);
        var parameters = EverythingParameters.ToSearchParameters(requested);
        var isStrict = PreferHeader.Parse(context.Request).IsStrict;

        // The patient is read under the grant first, so an unknown, hidden or deleted patient
        // is an error rather than an empty Bundle.
        var grant = FhirHttp.Grant(context);
        var resources = context.RequestServices.GetRequiredService<ResourceService>();
        await resources.ReadAsync("Patient", id, grant, context.RequestAborted);

        var search = context.RequestServices.GetRequiredService<SearchService>();
        var request = new SearchRequest(null, $"Patient/{id}", parameters, FhirHttp.BaseUrl(context), isStrict, grant);
        var page = await search.SearchPageAsync(request, context.RequestAborted);
        await SearchHandlers.WritePageAsync(context, page);
    }

    /// <summary>
    /// <c>GET Patient/$everything</c>, which R4 allows for all patients. This server rejects it
    /// with 400 and names the instance-level form, as its CapabilityStatement documents.
    /// </summary>
    public static System.Threading.Tasks.Task TypeAsync(HttpContext context) =>
        throw new FhirOperationException(
            HttpStatusCode.BadRequest,
            OperationOutcome.IssueType.NotSupported,
            "$everything for all patients (Patient/$everything) is not supported; call it for one patient as Patient/[id]/$everything.");
}
