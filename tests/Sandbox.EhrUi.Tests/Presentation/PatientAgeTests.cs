using Sandbox.EhrUi.Presentation;

namespace Sandbox.EhrUi.Tests.Presentation;

public sealed class PatientAgeTests
{
    [Theory]
    [InlineData("2026-12-03", "2026-12-04", "1 day")]
    [InlineData("2026-11-20", "2026-12-04", "14 days")]
    [InlineData("2026-11-04", "2026-12-04", "1 mo")]
    [InlineData("2025-02-10", "2026-12-04", "21 mo")]
    [InlineData("2024-12-04", "2026-12-04", "2 y")]
    [InlineData("1956-08-03", "2026-12-04", "70 y")]
    public void Describe_Age_UsesBannerUnits(string birth, string asOf, string expected)
    {
        var age = PatientAge.Describe(DateOnly.Parse(birth), DateOnly.Parse(asOf));

        Assert.Equal(expected, age);
    }

    [Fact]
    public void Describe_DayBeforeBirthday_CountsPreviousYear()
    {
        var age = PatientAge.Describe(new DateOnly(1990, 12, 5), new DateOnly(2026, 12, 4));

        Assert.Equal("35 y", age);
    }

    [Fact]
    public void Describe_LeapDayBirthday_ReachedOnLastDayOfFebruary()
    {
        var age = PatientAge.Describe(new DateOnly(2000, 2, 29), new DateOnly(2026, 2, 28));

        Assert.Equal("26 y", age);
    }

    [Fact]
    public void Describe_FutureBirthDate_ReturnsNull()
    {
        var age = PatientAge.Describe(new DateOnly(2027, 1, 1), new DateOnly(2026, 12, 4));

        Assert.Null(age);
    }
}
