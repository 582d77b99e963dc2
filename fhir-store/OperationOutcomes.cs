using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;
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
            Diagnostics = EscapeNonXmlCharacters(traceId is null ? diagnostics : $"{diagnostics} (trace id {traceId})"),
        };
        if (expression is not null)
            issue.Expression = [EscapeNonXmlCharacters(expression)];

        return new OperationOutcome { Id = null, Issue = [issue] };
    }

    /// <summary>
    /// Replaces each character that XML 1.0 cannot carry (control characters other than tab,
    /// line feed and carriage return, U+FFFE, U+FFFF and unpaired surrogates) with its
    /// <c>\uXXXX</c> escape as text.
    /// </summary>
    /// <remarks>
    /// Diagnostics and expressions quote request values, such as an id or a search parameter,
    /// and the XML writer throws on these characters. Escaping them in every outcome keeps
    /// both formats alike and lets an XML client read the error instead of getting a 500.
    /// </remarks>
    public static string EscapeNonXmlCharacters(string text)
    {
        if (IndexOfNonXmlCharacter(text, 0) < 0)
            return text;

        var builder = new StringBuilder(text.Length + 16);
        var start = 0;
        for (var index = IndexOfNonXmlCharacter(text, 0); index >= 0; index = IndexOfNonXmlCharacter(text, start))
        {
            builder.Append(text, start, index - start);
            builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)text[index]:X4}");
            start = index + 1;
        }

        return builder.Append(text, start, text.Length - start).ToString();
    }

    private static int IndexOfNonXmlCharacter(string text, int start)
    {
        for (var index = start; index < text.Length; index++)
        {
            if (XmlConvert.IsXmlChar(text[index]))
                continue;

            if (index + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[index + 1], text[index]))
            {
                index++;
                continue;
            }

            return index;
        }

        return -1;
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
