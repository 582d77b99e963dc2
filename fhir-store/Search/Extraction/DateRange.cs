using System.Globalization;
using System.Text.RegularExpressions;

namespace Sandbox.FhirStore.Search.Extraction;

/// <summary>
/// The instant range that a FHIR date, dateTime or instant stands for, from its precision:
/// <c>1970</c> covers the whole year. Bounds are UTC milliseconds since the Unix epoch and
/// both inclusive. A value without an offset is read as UTC, so results never depend on
/// the server's time zone.
/// </summary>
internal readonly partial record struct DateRange(long Low, long High)
{
    /// <summary>The bound used for an open end of a Period.</summary>
    public const long Unbounded = 253402300799999;

    /// <summary>Parses a FHIR date, dateTime or instant, returning false for anything else.</summary>
    public static bool TryParse(string? text, out DateRange range)
    {
        range = default;
        var match = text is null ? null : DatePattern().Match(text.Trim());
        if (match is null || !match.Success)
            return false;

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var month = ParseOr(match.Groups["month"], 1);
        var day = ParseOr(match.Groups["day"], 1);
        var hour = ParseOr(match.Groups["hour"], 0);
        var minute = ParseOr(match.Groups["minute"], 0);
        var second = ParseOr(match.Groups["second"], 0);
        // Years 1 and 9999 are excluded so that ranges and ap margins stay representable.
        if (year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;

        var offset = ParseOffset(match.Groups["zone"].Value);
        if (offset.Duration() > TimeSpan.FromHours(14))
            return false;

        var start = new DateTimeOffset(year, month, day, hour, minute, second, offset);
        var fraction = match.Groups["fraction"].Value;
        if (fraction.Length > 0)
            start = start.AddTicks((long)(double.Parse("0" + fraction, CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond));

        var end = ComputeEnd(start, match, fraction.Length);
        range = new DateRange(start.ToUnixTimeMilliseconds(), end.ToUnixTimeMilliseconds() - 1);
        return true;
    }

    private static DateTimeOffset ComputeEnd(DateTimeOffset start, Match match, int fractionLength)
    {
        if (!match.Groups["month"].Success)
            return start.AddYears(1);
        if (!match.Groups["day"].Success)
            return start.AddMonths(1);
        if (!match.Groups["hour"].Success)
            return start.AddDays(1);
        if (!match.Groups["second"].Success)
            return start.AddMinutes(1);
        if (fractionLength <= 1)
            return start.AddSeconds(1);

        var digits = Math.Min(fractionLength - 1, 3);
        return start.AddMilliseconds(Math.Pow(10, 3 - digits));
    }

    private static int ParseOr(Group group, int fallback) =>
        group.Success ? int.Parse(group.Value, CultureInfo.InvariantCulture) : fallback;

    private static TimeSpan ParseOffset(string zone)
    {
        if (zone.Length == 0 || zone == "Z")
            return TimeSpan.Zero;

        var sign = zone[0] == '-' ? -1 : 1;
        var hours = int.Parse(zone.AsSpan(1, 2), CultureInfo.InvariantCulture);
        var minutes = int.Parse(zone.AsSpan(4, 2), CultureInfo.InvariantCulture);
        return sign * new TimeSpan(hours, minutes, 0);
    }

    [GeneratedRegex(
        @"^(?<year>\d{4})(-(?<month>\d{2})(-(?<day>\d{2})(T(?<hour>\d{2}):(?<minute>\d{2})(:(?<second>\d{2})(?<fraction>\.\d+)?)?(?<zone>Z|[+-]\d{2}:\d{2})?)?)?)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();
}
