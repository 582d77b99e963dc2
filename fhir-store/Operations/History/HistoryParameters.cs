using System.Globalization;
using System.Net;
using Hl7.Fhir.Model;
using Sandbox.FhirStore.Storage;

namespace Sandbox.FhirStore.Operations.History;

/// <summary>Reads <c>_count</c>, <c>_since</c>, <c>_at</c> and the paging position of a history request.</summary>
internal static class HistoryParameters
{
    /// <summary>
    /// The server's own paging parameter in next links: the position of the last version
    /// the previous page showed, so a page continues after it however many versions were
    /// written in between.
    /// </summary>
    public const string PageParameter = "_page";

    /// <summary>The parameters that a history page link carries over from the request.</summary>
    public static readonly string[] LinkParameters = ["_since", "_at", "_format", "_pretty"];

    public static HistoryQuery Parse(
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        string? resourceType,
        string? id,
        FhirStoreOptions options)
    {
        var count = ParseInt(parameters, "_count", options.DefaultPageSize);
        var since = ParseInstant(Value(parameters, "_since"), "_since");
        var at = Value(parameters, "_at");
        var (atStart, atEnd) = at.Length == 0 ? (null, null) : ParsePeriod(at);
        var after = HistoryPageToken.Parse(Value(parameters, PageParameter));
        if (after is not null && !IsWithin(after, resourceType, id))
        {
            throw Invalid(
                $"{PageParameter} '{Value(parameters, PageParameter)}' is a position in the history of {after.ResourceType}/{after.Id}, "
                + "which this request does not cover; follow the next link of this history Bundle.");
        }

        return new HistoryQuery(
            resourceType,
            id,
            since,
            atStart,
            atEnd,
            Math.Min(count, options.MaxPageSize),
            after);
    }

    // A position written for a type or instance history names that type or instance, so a
    // position of another one was not written for this request.
    private static bool IsWithin(HistoryPosition position, string? resourceType, string? id) =>
        (resourceType is null || position.ResourceType == resourceType)
        && (id is null || position.Id == id);

    /// <summary>The first value of a parameter, or an empty string when it is absent.</summary>
    public static string Value(IReadOnlyList<KeyValuePair<string, string>> parameters, string name) =>
        parameters.FirstOrDefault(parameter => parameter.Key == name).Value ?? string.Empty;

    private static int ParseInt(IReadOnlyList<KeyValuePair<string, string>> parameters, string name, int fallback)
    {
        var text = Value(parameters, name);
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

    internal static FhirOperationException Invalid(string message) =>
        new(HttpStatusCode.BadRequest, OperationOutcome.IssueType.Value, message);
}
