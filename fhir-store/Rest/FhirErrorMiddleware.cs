using System.Diagnostics;
using System.Net;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Sandbox.FhirStore.Rest.Binaries;

namespace Sandbox.FhirStore.Rest;

/// <summary>
/// The one place where FHIR errors become OperationOutcome responses: rejected requests
/// (<see cref="FhirOperationException"/>), bodies the server rejects (413), unmatched
/// routes (404), wrong methods (405) and unexpected failures (500). Each outcome carries the
/// trace id that the matching log line has.
/// </summary>
internal sealed class FhirErrorMiddleware(RequestDelegate next, ILogger<FhirErrorMiddleware> logger)
{
    public async System.Threading.Tasks.Task InvokeAsync(HttpContext context)
    {
        // The response's format follows the Accept header, so caches must keep one copy per value.
        VaryHeader.AddOnStarting(context.Response, HeaderNames.Accept);
        try
        {
            // Negotiating first turns an unacceptable Accept into 406 before anything is written.
            // A Binary read negotiates against its own contentType once it is loaded.
            if (!NativeBinaryRead.MayServeContent(context))
                ContentNegotiation.ResponseFormat(context.Request);

            await next(context);
            await WriteRoutingErrorAsync(context);
        }
        catch (FhirOperationException exception)
        {
            await RejectAsync(context, exception);
        }
        catch (BadHttpRequestException exception)
        {
            var status = (HttpStatusCode)exception.StatusCode;
            await RejectAsync(
                context,
                new FhirOperationException(status, OperationOutcomes.IssueTypeFor(status), exception.Message));
        }
        catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var traceId = TraceId(context);
            Log.RequestFailed(logger, exception, context.Request.Method, context.Request.Path, traceId);
            var outcome = OperationOutcomes.Create(
                OperationOutcome.IssueSeverity.Fatal,
                OperationOutcome.IssueType.Exception,
                "The server failed to process the request; the log has the details under this trace id.",
                null,
                traceId);
            await FhirResponses.WriteOutcomeAsync(context, outcome, HttpStatusCode.InternalServerError);
        }
    }

    private async System.Threading.Tasks.Task WriteRoutingErrorAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        if (context.Response.HasStarted || status is not (404 or 405) || context.Response.ContentType is not null)
            return;

        var allow = context.Response.Headers.Allow.ToString();
        var message = status == 404
            ? $"No FHIR interaction matches {context.Request.Method} {context.Request.Path}."
            : $"{context.Request.Method} is not allowed on {context.Request.Path}; it takes {allow}.";
        await RejectAsync(context, new FhirOperationException(
            (HttpStatusCode)status,
            OperationOutcomes.IssueTypeFor((HttpStatusCode)status),
            message));
    }

    private async System.Threading.Tasks.Task RejectAsync(HttpContext context, FhirOperationException exception)
    {
        if (context.Response.HasStarted)
            throw exception;

        var traceId = TraceId(context);
        Log.RequestRejected(
            logger,
            context.Request.Method,
            context.Request.Path,
            (int)exception.StatusCode,
            exception.IssueType.ToString(),
            exception.Expression ?? "none",
            ParameterNames(context.Request),
            traceId);
        // Clear drops the Allow header that routing sets on a 405, which HTTP requires there.
        var allow = context.Response.Headers.Allow;
        context.Response.Clear();
        if (exception.StatusCode == HttpStatusCode.MethodNotAllowed)
            context.Response.Headers.Allow = allow;

        context.Features.Set(new FhirRejection((int)exception.StatusCode, exception.Message));
        await FhirResponses.WriteOutcomeAsync(
            context,
            OperationOutcomes.FromException(exception, traceId),
            exception.StatusCode);
    }

    // The names only: values such as identifier=MRN or birthdate=1990-01-01 are patient data.
    private static string ParameterNames(HttpRequest request) =>
        string.Join(", ", request.Query.Keys.Distinct(StringComparer.Ordinal));

    private static string TraceId(HttpContext context) => Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
}
