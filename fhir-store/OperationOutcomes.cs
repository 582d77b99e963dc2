using System.Net;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore;

/// <summary>Builds every OperationOutcome the FHIR store returns, so that they share one shape.</summary>
public static class OperationOutcomes
{
    /// <summary>Creates an error outcome from a rejected request, with the trace id in the diagnostics.</summary>
    public static OperationOutcome FromException(FhirOperationException exception, string? traceId) =>
        Create(
            OperationOutcome.IssueSeverity.Error,
            exception.IssueType,
            exception.Message,
            exception.Expression,
            traceId);

    /// <summary>
    /// Creates the information outcome that <c>Prefer: return=OperationOutcome</c> requests in
    /// place of the body of a successful create, update, patch or delete.
    /// </summary>
    public static OperationOutcome ForResult(Operations.OperationResult result)
    {
        var message = result.Stored switch
        {
            null => "Nothing was deleted, because no current resource matched.",
            { IsDeleted: true } deleted => $"{deleted.ResourceType}/{deleted.Id} deleted as version {deleted.VersionId}.",
            var stored => $"{stored.ResourceType}/{stored.Id} version {stored.VersionId} stored ({(int)result.Status}).",
        };
        return Create(OperationOutcome.IssueSeverity.Information, OperationOutcome.IssueType.Informational, message, null, null);
    }

    /// <summary>Creates an outcome with one issue.</summary>
    public static OperationOutcome Create(
        OperationOutcome.IssueSeverity severity,
        OperationOutcome.IssueType code,
        string diagnostics,
        string? expression,
        string? traceId)
    {
        var issue = new OperationOutcome.IssueComponent
        {
            Severity = severity,
            Code = code,
            Diagnostics = traceId is null ? diagnostics : $"{diagnostics} (trace id {traceId})",
        };
        if (expression is not null)
            issue.Expression = [expression];

        return new OperationOutcome { Id = null, Issue = [issue] };
    }

    /// <summary>Maps an HTTP status that routing produced to the matching issue code.</summary>
    public static OperationOutcome.IssueType IssueTypeFor(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => OperationOutcome.IssueType.NotFound,
        HttpStatusCode.MethodNotAllowed => OperationOutcome.IssueType.NotSupported,
        HttpStatusCode.RequestEntityTooLarge => OperationOutcome.IssueType.TooCostly,
        HttpStatusCode.Forbidden => OperationOutcome.IssueType.Forbidden,
        HttpStatusCode.Unauthorized => OperationOutcome.IssueType.Login,
        _ => OperationOutcome.IssueType.Processing,
    };
}
