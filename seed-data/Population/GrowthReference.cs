namespace Sandbox.SeedData.Population;

/// <summary>
/// Typical body size and vital-sign rates by age, from which seed measurements vary a
/// little. Girls are drawn 3 % smaller than boys. These are plausible demo values for boys,
/// not checked against a published growth standard, so no clinical use should rely on them.
/// </summary>
internal static class GrowthReference
{
    // Age in months, weight in kg, length or height in cm, head circumference in cm.
    private static readonly (int Months, decimal Weight, decimal Height, decimal Head)[] Infancy =
    [
        (0, 3.3m, 49.9m, 34.5m), (1, 4.5m, 54.7m, 37.3m), (2, 5.6m, 58.4m, 39.1m), (4, 7.0m, 63.9m, 41.6m),
        (6, 7.9m, 67.6m, 43.3m), (9, 8.9m, 72.0m, 45.0m), (12, 9.6m, 75.7m, 46.1m), (15, 10.3m, 79.1m, 46.8m),
        (18, 10.9m, 82.3m, 47.4m), (24, 12.2m, 87.1m, 48.3m), (30, 13.3m, 91.9m, 48.9m), (36, 14.3m, 96.1m, 49.5m),
    ];

    // Age in years, weight in kg, height in cm.
    private static readonly (int Years, decimal Weight, decimal Height)[] Childhood =
    [
        (3, 14.3m, 96.1m), (4, 16.3m, 103.3m), (5, 18.4m, 110.0m), (6, 20.7m, 116.0m), (7, 22.9m, 121.7m),
        (8, 25.4m, 127.3m), (9, 28.1m, 132.6m), (10, 31.2m, 137.8m), (11, 35.6m, 143.1m), (12, 40.0m, 149.1m),
        (13, 45.3m, 156.0m), (14, 50.8m, 163.2m), (15, 56.0m, 169.0m), (16, 60.8m, 172.9m), (17, 64.4m, 175.2m),
        (18, 66.9m, 176.1m),
    ];

    public const int AdultDays = 18 * 365;

    /// <summary>Returns the typical weight (kg), height (cm) and head circumference (cm) of a child.</summary>
    public static (decimal Weight, decimal Height, decimal Head) ForChild(int ageDays, bool female)
    {
        var scale = female ? 0.97m : 1m;
        var months = ageDays / 30.4375m;
        if (months <= 36)
        {
            var (weight, height, head) = Interpolate(months);
            return (weight * scale, height * scale, head * scale);
        }

        // Past 36 months the head circumference stays at its last table value, because the
        // 36-month visit can fall a day after month 36.
        var headAt36Months = Infancy[^1].Head;
        var years = Math.Min(ageDays / 365.25m, 18m);
        var lower = Childhood.Last(row => row.Years <= years);
        var upper = Childhood.FirstOrDefault(row => row.Years > years, lower);
        var fraction = upper.Years == lower.Years ? 0 : (years - lower.Years) / (upper.Years - lower.Years);
        return (
            (lower.Weight + ((upper.Weight - lower.Weight) * fraction)) * scale,
            (lower.Height + ((upper.Height - lower.Height) * fraction)) * scale,
            headAt36Months * scale);
    }

    /// <summary>Returns a typical resting heart rate (/min) and respiratory rate (/min) for an age.</summary>
    public static (int HeartRate, int RespiratoryRate) Rates(int ageDays) => ageDays switch
    {
        < 365 => (132, 38),
        < 3 * 365 => (112, 28),
        < 12 * 365 => (90, 20),
        < AdultDays => (76, 16),
        _ => (72, 15),
    };

    private static (decimal Weight, decimal Height, decimal Head) Interpolate(decimal months)
    {
        var lower = Infancy.Last(row => row.Months <= months);
        var upper = Infancy.FirstOrDefault(row => row.Months > months, lower);
        var fraction = upper.Months == lower.Months ? 0 : (months - lower.Months) / (upper.Months - lower.Months);
        return (
            lower.Weight + ((upper.Weight - lower.Weight) * fraction),
            lower.Height + ((upper.Height - lower.Height) * fraction),
            lower.Head + ((upper.Head - lower.Head) * fraction));
    }
}
