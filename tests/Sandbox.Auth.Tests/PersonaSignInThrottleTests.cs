using Microsoft.Extensions.Logging.Abstractions;
using Sandbox.Auth.Personas;

namespace Sandbox.Auth.Tests;

public sealed class PersonaSignInThrottleTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly Persona WithPassword = new()
    {
        Username = "dr.throttle",
        DisplayName = "Dr Throttle",
        FhirUser = "Practitioner/pr-throttle",
        Password = "throttle-sandbox",
    };

    [Fact]
    public void LockedFor_AfterMaxFailures_ReturnsLockDuration()
    {
        var throttle = new PersonaSignInThrottle(new ManualClock(Start), NullLogger<PersonaSignInThrottle>.Instance);
        FailRepeatedly(throttle, PersonaSignInThrottle.MaxFailures);

        var left = throttle.LockedFor(WithPassword);

        Assert.Equal(PersonaSignInThrottle.LockDuration, left);
    }

    [Fact]
    public void LockedFor_OneFailureShort_ReturnsNull()
    {
        var throttle = new PersonaSignInThrottle(new ManualClock(Start), NullLogger<PersonaSignInThrottle>.Instance);
        FailRepeatedly(throttle, PersonaSignInThrottle.MaxFailures - 1);

        Assert.Null(throttle.LockedFor(WithPassword));
    }

    [Fact]
    public void LockedFor_AfterLockDuration_ReturnsNull()
    {
        var clock = new ManualClock(Start);
        var throttle = new PersonaSignInThrottle(clock, NullLogger<PersonaSignInThrottle>.Instance);
        FailRepeatedly(throttle, PersonaSignInThrottle.MaxFailures);
        clock.Advance(PersonaSignInThrottle.LockDuration);

        Assert.Null(throttle.LockedFor(WithPassword));
    }

    [Fact]
    public void CheckPassword_RightPassword_ClearsFailures()
    {
        var throttle = new PersonaSignInThrottle(new ManualClock(Start), NullLogger<PersonaSignInThrottle>.Instance);
        FailRepeatedly(throttle, PersonaSignInThrottle.MaxFailures - 1);

        Assert.True(throttle.CheckPassword(WithPassword, "throttle-sandbox"));
        FailRepeatedly(throttle, PersonaSignInThrottle.MaxFailures - 1);
        Assert.Null(throttle.LockedFor(WithPassword));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("throttle-sandboxx")]
    [InlineData("THROTTLE-SANDBOX")]
    public void CheckPassword_WrongPassword_ReturnsFalse(string? password)
    {
        var throttle = new PersonaSignInThrottle(new ManualClock(Start), NullLogger<PersonaSignInThrottle>.Instance);

        Assert.False(throttle.CheckPassword(WithPassword, password));
    }

    [Fact]
    public void CheckPassword_PersonaWithoutPassword_ReturnsTrue()
    {
        var throttle = new PersonaSignInThrottle(new ManualClock(Start), NullLogger<PersonaSignInThrottle>.Instance);
        var persona = new Persona { Username = "dr.open", DisplayName = "Dr Open", FhirUser = "Practitioner/pr-open" };

        Assert.True(throttle.CheckPassword(persona, "anything"));
    }

    private static void FailRepeatedly(PersonaSignInThrottle throttle, int times)
    {
        for (var attempt = 0; attempt < times; attempt++)
            Assert.False(throttle.CheckPassword(WithPassword, "wrong"));
    }
}
