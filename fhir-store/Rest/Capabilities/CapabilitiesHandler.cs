using System.Net;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Sandbox.FhirStore.Rest.Capabilities;

/// <summary><c>GET /fhir/metadata</c>.</summary>
internal static class CapabilitiesHandler
{
    private const string ModeParameter = "mode";

    public static Task GetAsync(HttpContext context)
    {
        EnsureFullMode(context.Request.Query[ModeParameter]);

        var format = ContentNegotiation.ResponseFormat(context.Request);
        var statement = context.RequestServices.GetRequiredService<CapabilityStatementCache>()
            .Get(FhirHttp.BaseUrl(context), format, FhirHttp.IsPretty(context.Request));
        return FhirResponses.WriteSerializedOkAsync(context, statement, format);
    }

    // FHIR R4 defines the modes full (the default), normative (only the normative portions)
    // and terminology (a TerminologyCapabilities resource). The server builds only the full
    // statement and has no terminology service.
    private static void EnsureFullMode(string? mode)
    {
        if (mode is null or "full")
            return;

        throw new FhirOperationException(
            HttpStatusCode.BadRequest,
            mode is "normative" or "terminology" ? OperationOutcome.IssueType.NotSupported : OperationOutcome.IssueType.Invalid,
            $"The capabilities mode '{mode}' is not supported; this server returns only mode=full, the complete CapabilityStatement.",
            ModeParameter);
    }
}
