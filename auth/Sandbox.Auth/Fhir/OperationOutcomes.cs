using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Sandbox.Auth.Fhir;

/// <summary>The OperationOutcome bodies of the FHIR endpoint's access checks.</summary>
internal static class OperationOutcomes
{
    /// <summary>Writes an OperationOutcome with one issue and the trace id of the request.</summary>
    public static Task WriteAsync(HttpContext context, int statusCode, string code, string diagnostics)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/fhir+json; charset=utf-8";
        var outcome = new
        {
            resourceType = "OperationOutcome",
            issue = new[]
            {
                new { severity = "error", code, diagnostics = $"{diagnostics} (trace id {TraceId(context)})" },
            },
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, outcome, cancellationToken: context.RequestAborted);
    }

    /// <summary>
    /// Returns the W3C trace id of the request, as the FHIR store's own errors and log lines
    /// carry it, so that an access error can be matched with the log and with a caller's
    /// <c>traceparent</c>. Kestrel's connection-based identifier is the fallback.
    /// </summary>
    public static string TraceId(HttpContext context) => Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
}
