using System.Net;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore;

/// <summary>
/// A request the FHIR server rejects. The REST layer turns it into an OperationOutcome with
/// <see cref="StatusCode"/>, built in one place.
/// </summary>
public sealed class FhirOperationException(
    HttpStatusCode statusCode,
    OperationOutcome.IssueType issueType,
    string diagnostics,
    string? expression = null) : Exception(diagnostics)
{
    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>The OperationOutcome issue code.</summary>
    public OperationOutcome.IssueType IssueType { get; } = issueType;

    /// <summary>The element or parameter at fault, as a FHIRPath expression, when one applies.</summary>
    public string? Expression { get; } = expression;
}
