using System.Globalization;

namespace Sandbox.EhrUi.Presentation;

/// <summary>Describes a patient's age the way a patient banner shows it.</summary>
public static class PatientAge
{
    /// <summary>
    /// Describes the age on <paramref name="asOf"/> of someone born on <paramref name="birthDate"/>:
    /// days under one month, months under two years, years from then on ("12 days", "14 mo", "34 y").
    /// Returns null for a birth date after <paramref name="asOf"/>.
    /// </summary>
    public static string? Describe(DateOnly birthDate, DateOnly asOf)
    {
        if (birthDate > asOf)
            return null;

        var months = WholeMonths(birthDate, asOf);
        if (months < 1)
        {
            var days = asOf.DayNumber - birthDate.DayNumber;
            return days == 1 ? "1 day" : $"{days} days";
        }

        if (months < 24)
            return $"{months} mo";

        return (months / 12).ToString(CultureInfo.InvariantCulture) + " y";
    }

    private static int WholeMonths(DateOnly from, DateOnly to)
    {
        var months = (to.Year - from.Year) * 12 + to.Month - from.Month;

        // A birthday on the 31st is reached at the end of a shorter month.
        var dayReached = to.Day >= from.Day || to.Day == DateTime.DaysInMonth(to.Year, to.Month);
        return dayReached ? months : months - 1;
    }
}
