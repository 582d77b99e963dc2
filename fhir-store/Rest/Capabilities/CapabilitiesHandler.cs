using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Sandbox.FhirStore.Rest.Capabilities;

/// <summary><c>GET /fhir/metadata</c>.</summary>
internal static class CapabilitiesHandler
{
    public static Task GetAsync(HttpContext context)
    {
        var builder = context.RequestServices.GetRequiredService<CapabilityStatementBuilder>();
        var statement = builder.Build(FhirHttp.BaseUrl(context));
        return FhirResponses.WriteResourceAsync(context, statement, HttpStatusCode.OK);
    }
}
