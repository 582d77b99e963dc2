using System.Globalization;
using System.Net;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Sandbox.FhirStore.Storage;

namespace Sandbox.FhirStore.Rest.History;

/// <summary>Reads <c>_count</c>, <c>_since</c>, <c>_at</c> and the paging offset of a history request.</summary>
internal static class HistoryParameters
{
    /// <summary>The server's own paging parameter in next links.</summary>
    /// <remarks>
    /// NOTE: pages are counted by offset from the newest version, so versions written between
    /// two page requests shift later pages by that many entries.
    /// </remarks>
    public const string OffsetParameter = "_offset";

    public static HistoryQuery Parse(HttpRequest request, string? resourceType, string? id, FhirStoreOptions options)
    {
        var count = ParseInt(request, "_count", options.DefaultPageSize);
        var offset = ParseInt(request, OffsetParameter, 0);
        var since = ParseInstant(request.Query["_since"].ToString(), "_since");
        var at = request.Query["_at"].ToString();
        var (atStart, atEnd) = at.Length == 0 ? (null, null) : ParsePeriod(at);
        return new HistoryQuery(resourceType, id, since, atStart, atEnd, Math.Min(count, options.MaxPageSize), offset);
    }

    private static int ParseInt(HttpRequest request, string name, int fallback)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
            return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return value;

        throw Invalid($"{name} must be a non-negative whole number, not '{text}'.");
    }

    private static DateTimeOffset? ParseInstant(string text, string name)
    {
        if (text.Length == 0)
            return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            return value;

        throw Invalid($"{name} must be an instant such as 2024-01-31T12:00:00Z, not '{text}'.");
    }

    /// <summary>Turns a FHIR date or dateTime into the period it covers: 2024 covers the whole year.</summary>
    private static (DateTimeOffset?, DateTimeOffset?) ParsePeriod(string text)
    {
        var styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        string[] formats = ["yyyy", "yyyy-MM", "yyyy-MM-dd"];
        for (var i = 0; i < formats.Length; i++)
        {
            if (!DateTimeOffset.TryParseExact(text, formats[i], CultureInfo.InvariantCulture, styles, out var start))
                continue;

            var end = i switch
            {
                0 => start.AddYears(1),
                1 => start.AddMonths(1),
                _ => start.AddDays(1),
            };
            return (start, end);
        }

        var instant = ParseInstant(text, "_at")!.Value;
        var hasSeconds = text.Length >= 19;
        return (instant, hasSeconds ? instant.AddSeconds(1) : instant.AddMinutes(1));
    }

    private static FhirOperationException Invalid(string message) =>
        new(HttpStatusCode.BadRequest, OperationOutcome.IssueType.Value, message);
}
