using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sandbox.FhirStore.Rest.Bundles;
using Sandbox.FhirStore.Rest.Capabilities;
using Sandbox.FhirStore.Rest.History;
using Sandbox.FhirStore.Rest.Instances;
using Sandbox.FhirStore.Rest.Search;

namespace Sandbox.FhirStore.Rest;

/// <summary>
/// The FHIR R4 REST routes. Literal segments (<c>metadata</c>, <c>_history</c>,
/// <c>_search</c>, <c>$everything</c>) take precedence over the parameter segments, so each
/// URL lands on exactly one interaction. Handlers are plain request delegates, which keeps
/// start-up free of the reflection that typed minimal-API handlers need.
/// </summary>
internal static class FhirEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var fhir = endpoints.MapGroup(FhirStoreExtensions.FhirBasePath);

        Map(fhir, "GET", "metadata", CapabilitiesHandler.GetAsync);
        Map(fhir, "GET", "", SearchHandlers.SystemAsync);
        Map(fhir, "POST", "", BundleHandler.PostAsync);
        Map(fhir, "POST", "_search", SearchHandlers.SystemPostAsync);
        Map(fhir, "GET", "_history", HistoryHandlers.SystemAsync);

        Map(fhir, "GET", "{type}", SearchHandlers.TypeAsync);
        Map(fhir, "POST", "{type}", WriteHandlers.CreateAsync);
        Map(fhir, "PUT", "{type}", WriteHandlers.ConditionalUpdateAsync);
        Map(fhir, "DELETE", "{type}", WriteHandlers.ConditionalDeleteAsync);
        Map(fhir, "POST", "{type}/_search", SearchHandlers.TypePostAsync);
        Map(fhir, "GET", "{type}/_history", HistoryHandlers.TypeAsync);

        Map(fhir, "GET", "{type}/{id}", ReadHandlers.ReadAsync);
        Map(fhir, "PUT", "{type}/{id}", WriteHandlers.UpdateAsync);
        Map(fhir, "PATCH", "{type}/{id}", WriteHandlers.PatchAsync);
        Map(fhir, "DELETE", "{type}/{id}", WriteHandlers.DeleteAsync);
        Map(fhir, "GET", "{type}/{id}/_history", HistoryHandlers.InstanceAsync);
        Map(fhir, "GET", "{type}/{id}/_history/{vid}", ReadHandlers.ReadVersionAsync);

        Map(fhir, "GET", "Patient/{id}/$everything", SearchHandlers.EverythingAsync);
        Map(fhir, "GET", "{compartment}/{id}/{type}", SearchHandlers.CompartmentAsync);
    }

    private static void Map(IEndpointRouteBuilder group, string method, string pattern, RequestDelegate handler) =>
        group.MapMethods(pattern, [method], handler);
}
