using System.Globalization;
using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Population;

/// <summary>
/// Places seed events relative to a reference date, so that ages and "last 12 months"
/// stay true whatever day the sandbox starts. Every time is written in UTC.
/// </summary>
public sealed class SeedCalendar(DateOnly referenceDate)
{
    /// <summary>The day the population is generated for. Only goal due dates lie after it.</summary>
    public DateOnly ReferenceDate { get; } = referenceDate;

    /// <summary>Returns the day <paramref name="days"/> days before the reference date.</summary>
    public DateOnly DaysAgo(int days) => ReferenceDate.AddDays(-days);

    /// <summary>Returns a FHIR date for a day before the reference date, or after it when <paramref name="daysAgo"/> is negative.</summary>
    public Date Date(int daysAgo) => new(Format(DaysAgo(daysAgo)));

    /// <summary>Returns a FHIR dateTime on a day before the reference date, at a UTC clock time.</summary>
    public FhirDateTime DateTime(int daysAgo, int hour = 9, int minute = 0) =>
        new(Timestamp(DaysAgo(daysAgo), hour, minute));

    /// <summary>Returns a FHIR instant on a day before the reference date, at a UTC clock time.</summary>
    public Instant Instant(int daysAgo, int hour, int minute = 0)
    {
        var day = DaysAgo(daysAgo);
        var value = new DateTimeOffset(day.Year, day.Month, day.Day, hour, minute, 0, TimeSpan.Zero);
        return new Instant(value);
    }

    /// <summary>Returns a period that starts at a UTC clock time and lasts some minutes, possibly past midnight.</summary>
    public Period Visit(int daysAgo, int hour, int minutes)
    {
        var day = DaysAgo(daysAgo);
        var start = new DateTimeOffset(day.Year, day.Month, day.Day, hour, 0, 0, TimeSpan.Zero);
        return new Period { Start = Timestamp(start), End = Timestamp(start.AddMinutes(minutes)) };
    }

    /// <summary>Returns a period spanning whole days, as an inpatient stay has.</summary>
    public Period Stay(int admittedDaysAgo, int dischargedDaysAgo) => new()
    {
        Start = Timestamp(DaysAgo(admittedDaysAgo), 14, 30),
        End = Timestamp(DaysAgo(dischargedDaysAgo), 11, 0),
    };

    /// <summary>Returns the number of days between a birth date and the reference date.</summary>
    public int DaysSince(DateOnly day) => ReferenceDate.DayNumber - day.DayNumber;

    /// <summary>Formats a day as a FHIR date string.</summary>
    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Timestamp(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Timestamp(DateOnly day, int hour, int minute) =>
        string.Create(CultureInfo.InvariantCulture, $"{Format(day)}T{hour:00}:{minute:00}:00Z");
}
