using System.Net;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.FhirStore.Formats;
using Sandbox.FhirStore.Operations.Bundles;

namespace Sandbox.FhirStore.Rest.Bundles;

/// <summary><c>POST /fhir</c> with a batch or transaction Bundle.</summary>
internal static class BundleHandler
{
    public static async System.Threading.Tasks.Task PostAsync(HttpContext context)
    {
        var body = await FhirHttp.ReadBundleAsync(context);
        if (body.Resource is not Bundle bundle)
        {
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                OperationOutcome.IssueType.Invalid,
                "The base URL accepts only a batch or transaction Bundle.");
        }

        var prefer = PreferHeader.Parse(context.Request);
        var bundleContext = new BundleContext(
            FhirHttp.Grant(context),
            FhirHttp.BaseUrl(context),
            prefer.Return == PreferHeader.Representation,
            BundleMode.Rest,
            prefer.Return == PreferHeader.OperationOutcome);
        var processor = context.RequestServices.GetRequiredService<BundleProcessor>();
        var response = await processor.ProcessAsync(bundle, body.InvalidEntries, bundleContext, context.RequestAborted);
        await WriteResponseAsync(context, response);
    }

    /// <summary>
    /// Writes compact JSON with the stored bodies copied in. Pretty JSON and XML go through
    /// the Firely Bundle, whose entries carry the same resources as objects.
    /// </summary>
    private static async System.Threading.Tasks.Task WriteResponseAsync(HttpContext context, Bundle response)
    {
        var format = ContentNegotiation.ResponseFormat(context.Request);
        if (format != FhirFormat.Json || FhirHttp.IsPretty(context.Request) || !BundleResponseWriter.CanWrite(response))
        {
            await FhirResponses.WriteResourceAsync(context, response, HttpStatusCode.OK);
            return;
        }

        using var buffer = new PooledBufferWriter(64 * 1024);
        BundleResponseWriter.Write(response, buffer);
        await FhirResponses.WriteJsonOkAsync(context, buffer.WrittenMemory);
    }
}
