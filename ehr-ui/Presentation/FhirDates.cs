using System.Globalization;
using Hl7.Fhir.Model;

namespace Sandbox.EhrUi.Presentation;

/// <summary>
/// Parses and formats FHIR <c>date</c> and <c>dateTime</c> strings, which may be partial
/// (<c>1990</c>, <c>1990-05</c>), in the invariant culture.
/// </summary>
public static class FhirDates
{
    /// <summary>The format of a date with a time of day, such as "3 May 1990 14:05".</summary>
    public const string DateTimeFormat = "d MMM yyyy HH:mm";

    /// <summary>The .NET format of a full date, such as "3 May 1990".</summary>
    public const string DateFormat = "d MMM yyyy";

    /// <summary>
    /// Returns the instant a FHIR date or dateTime starts at, or null when it is missing or
    /// invalid. A value without a time zone is read as UTC.
    /// </summary>
    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || !FhirDateTime.IsValidValue(value))
            return null;

        return new FhirDateTime(value).TryToDateTimeOffset(TimeSpan.Zero, out var instant) ? instant : null;
    }

    /// <summary>Returns the calendar date a FHIR date or dateTime falls on, in its own time zone.</summary>
    public static DateOnly? ParseDate(string? value)
    {
        var instant = Parse(value);
        return instant is null ? null : DateOnly.FromDateTime(instant.Value.DateTime);
    }

    /// <summary>Formats a FHIR date or dateTime as a date, keeping its precision: "1990", "May 1990", "3 May 1990".</summary>
    public static string FormatDate(string? value)
    {
        var instant = Parse(value);
        if (instant is null)
            return FhirDisplay.Missing;

        var format = value!.Length switch
        {
            4 => "yyyy",
            7 => "MMM yyyy",
            _ => DateFormat,
        };
        return instant.Value.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>Formats a FHIR dateTime as "3 May 1990 14:05", or as a date when it has no time.</summary>
    public static string FormatDateTime(string? value)
    {
        var instant = Parse(value);
        if (instant is null)
            return FhirDisplay.Missing;
        if (value!.Length <= 10)
            return FormatDate(value);

        return instant.Value.ToString(DateTimeFormat, CultureInfo.InvariantCulture);
    }

    /// <summary>Formats an instant as "3 May 1990".</summary>
    public static string FormatDate(DateTimeOffset instant) =>
        instant.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>Returns the start of a choice-typed [x] element that is a dateTime or a Period.</summary>
    public static string? Start(DataType? value) => value switch
    {
        FhirDateTime dateTime => dateTime.Value,
        Period period => period.Start,
        Date date => date.Value,
        _ => null,
    };
}
