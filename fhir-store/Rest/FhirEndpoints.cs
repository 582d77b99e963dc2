using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sandbox.FhirStore.Rest.Binaries;
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
    // Without the constraint, GET [type]/_search would read the id "_search". With it, only
    // the POST route matches that path, so routing returns 405 with Allow: POST. The same
    // holds for a write to [type]/_history, which only GET and HEAD serve.
    private const string InstancePattern = "{type}/{id:regex(^(?!(_search|_history)$))}";

    // The literal segments metadata, _search and _history are not resource types. With the
    // constraint, a method that their routes do not serve, such as POST metadata, gets 405
    // with an Allow header instead of a 404 that calls the segment an unknown resource type.
    private const string TypePattern = "{type:regex(^(?!(metadata|_search|_history)$))}";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var fhir = endpoints.MapGroup(FhirStoreExtensions.FhirBasePath);

        MapRead(fhir, "metadata", CapabilitiesHandler.GetAsync);
        MapRead(fhir, "", SearchHandlers.SystemAsync);
        Map(fhir, "POST", "", BundleHandler.PostAsync);
        Map(fhir, "POST", "_search", SearchHandlers.SystemPostAsync);
        MapRead(fhir, "_history", HistoryHandlers.SystemAsync);

        MapRead(fhir, TypePattern, SearchHandlers.TypeAsync);
        Map(fhir, "POST", TypePattern, WriteHandlers.CreateAsync);
        Map(fhir, "PUT", TypePattern, WriteHandlers.ConditionalUpdateAsync);
        Map(fhir, "PATCH", TypePattern, WriteHandlers.ConditionalPatchAsync);
        Map(fhir, "DELETE", TypePattern, WriteHandlers.ConditionalDeleteAsync);
        Map(fhir, "POST", "{type}/_search", SearchHandlers.TypePostAsync);
        MapRead(fhir, "{type}/_history", HistoryHandlers.TypeAsync);

        MapRead(fhir, InstancePattern, ReadHandlers.ReadAsync)
            .WithMetadata(NativeBinaryRead.EndpointMarker);
        Map(fhir, "PUT", InstancePattern, WriteHandlers.UpdateAsync);
        Map(fhir, "PATCH", InstancePattern, WriteHandlers.PatchAsync);
        Map(fhir, "DELETE", InstancePattern, WriteHandlers.DeleteAsync);
        MapRead(fhir, "{type}/{id}/_history", HistoryHandlers.InstanceAsync);
        MapRead(fhir, "{type}/{id}/_history/{vid}", ReadHandlers.ReadVersionAsync)
            .WithMetadata(NativeBinaryRead.EndpointMarker);

        MapRead(fhir, "Patient/$everything", EverythingHandlers.TypeAsync);
        MapRead(fhir, "Patient/{id}/$everything", EverythingHandlers.InstanceAsync);
        Map(fhir, "POST", "Patient/{id}/$everything", EverythingHandlers.InstancePostAsync);
        MapRead(fhir, "{compartment}/{id}/{type}", SearchHandlers.CompartmentAsync);
        Map(fhir, "POST", "{compartment}/{id}/{type}/_search", SearchHandlers.CompartmentPostAsync);
    }

    // HEAD is the GET of the same URL without a body: the handlers write the full response
    // and Kestrel sends only its status and headers, Content-Length and ETag included.
    private static IEndpointConventionBuilder MapRead(
        IEndpointRouteBuilder group,
        string pattern,
        RequestDelegate handler) =>
        group.MapMethods(pattern, ["GET", "HEAD"], handler);

    private static void Map(IEndpointRouteBuilder group, string method, string pattern, RequestDelegate handler) =>
        group.MapMethods(pattern, [method], handler);
}
