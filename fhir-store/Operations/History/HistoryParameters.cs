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

    private static readonly HashSet<string> KnownParameters =
        new(StringComparer.Ordinal) { "_count", "_since", "_at", "_format", "_pretty", PageParameter };

    /// <summary>
    /// Parses a history request. With <paramref name="isStrict"/> (<c>Prefer: handling=strict</c>)
    /// an unknown parameter fails it with 400, as search does. Otherwise
    /// <see cref="FindUnknown"/> names the parameter for a warning.
    /// </summary>
    public static HistoryQuery Parse(
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        string? resourceType,
        string? id,
        FhirStoreOptions options,
        bool isStrict = false)
    {
        var unknown = FindUnknown(parameters);
        if (isStrict && unknown.Count > 0)
        {
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                OperationOutcome.IssueType.NotSupported,
                $"Unsupported history parameters with Prefer: handling=strict: {string.Join(", ", unknown.Select(name => $"'{name}'"))}. {UnknownReason}",
                unknown[0]);
        }

        var count = ParseCount(parameters, options.DefaultPageSize);
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

    /// <summary>Why an unknown history parameter is ignored or rejected.</summary>
    public const string UnknownReason = "History supports _count, _since and _at only.";

    /// <summary>Returns the names of the request's parameters that history does not know, each once, in request order.</summary>
    public static IReadOnlyList<string> FindUnknown(IReadOnlyList<KeyValuePair<string, string>> parameters) =>
        parameters
            .Select(parameter => parameter.Key)
            .Where(name => !KnownParameters.Contains(name))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>The first value of a parameter, or an empty string when it is absent.</summary>
    public static string Value(IReadOnlyList<KeyValuePair<string, string>> parameters, string name) =>
        parameters.FirstOrDefault(parameter => parameter.Key == name).Value ?? string.Empty;

    /// <summary>
    /// Checks whether the request sets <c>_count</c> above <paramref name="query"/>'s page size,
    /// which <see cref="Parse"/> lowered to the maximum page size.
    /// </summary>
    public static bool IsCountLowered(IReadOnlyList<KeyValuePair<string, string>> parameters, HistoryQuery query) =>
        Value(parameters, "_count").Length > 0 && ParseCount(parameters, 0) > query.Count;

    // A count too large for an int is read as int.MaxValue, so it is lowered to the maximum
    // page size with a warning, as search does, instead of failing the request.
    private static int ParseCount(IReadOnlyList<KeyValuePair<string, string>> parameters, int fallback)
    {
        var text = Value(parameters, "_count");
        if (text.Length == 0)
            return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return value;
        if (text.All(char.IsAsciiDigit))
            return int.MaxValue;

        throw Invalid($"_count must be a non-negative whole number, not '{text}'.");
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
        return (instant, instant + Precision(text));
    }

    /// <summary>
    /// Returns the unit of the last digit of a dateTime with a time: a minute, a second, or a
    /// fraction of a second (<c>10:00:00.5</c> covers a tenth). Below a millisecond it returns
    /// a millisecond, the precision of stored timestamps.
    /// </summary>
    private static TimeSpan Precision(string text)
    {
        if (text.Length < 19)
            return TimeSpan.FromMinutes(1);
        if (text.Length == 19 || text[19] != '.')
            return TimeSpan.FromSeconds(1);

        var digits = text.Skip(20).TakeWhile(char.IsAsciiDigit).Count();
        return digits >= 3 ? TimeSpan.FromMilliseconds(1) : TimeSpan.FromMilliseconds(Math.Pow(10, 3 - digits));
    }

    internal static FhirOperationException Invalid(string message) =>
        new(HttpStatusCode.BadRequest, OperationOutcome.IssueType.Value, message);
}
