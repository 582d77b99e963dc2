using System.Net;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Operations;

/// <summary>
/// The <c>If-None-Match</c> precondition of an update, sent as a header of <c>PUT [type]/[id]</c>
/// and <c>PUT [type]?[search]</c> or as <c>ifNoneMatch</c> of a PUT entry in a batch or transaction.
/// </summary>
internal static class UpdatePreconditions
{
    /// <summary>The names of the preconditions as HTTP headers.</summary>
    public static readonly PreconditionNames Headers = new("If-Match", "If-None-Match");

    /// <summary>The names of the preconditions as fields of <c>Bundle.entry.request</c>.</summary>
    public static readonly PreconditionNames BundleEntry = new("request.ifMatch", "request.ifNoneMatch");

    /// <summary>
    /// Checks whether an update requests create-only (<c>*</c>, create only if absent).
    /// Throws <see cref="FhirOperationException"/> (400) for any other value and for
    /// <c>If-None-Match</c> together with <c>If-Match</c>.
    /// </summary>
    /// <remarks>
    /// Only <c>*</c> is supported. An entity-tag list is rejected rather than ignored, so that a
    /// client never assumes a precondition was checked when it was not.
    /// </remarks>
    public static bool IsCreateOnly(string? ifNoneMatch, bool hasIfMatch, PreconditionNames names)
    {
        var value = ifNoneMatch?.Trim() ?? string.Empty;
        if (value.Length == 0)
            return false;

        if (value != "*")
        {
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                OperationOutcome.IssueType.NotSupported,
                $"{names.IfNoneMatch} on PUT supports only '*' (create only if absent), got '{value}'.");
        }

        if (hasIfMatch)
        {
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                OperationOutcome.IssueType.Invalid,
                $"Send either {names.IfMatch} or {names.IfNoneMatch}: *, not both.");
        }

        return true;
    }

    /// <summary>How a request names <c>If-Match</c> and <c>If-None-Match</c>, for error messages.</summary>
    internal sealed record PreconditionNames(string IfMatch, string IfNoneMatch);
}
