using Sandbox.EhrUi.Account;

namespace Sandbox.EhrUi.Tests.Launching;

public sealed class PersonaInitialsTests
{
    [Theory]
    [InlineData("Dr. Sarah Mitchell", "SM")]
    [InlineData("María López, RN", "ML")]
    [InlineData("Ava", "A")]
    [InlineData("  ", "?")]
    public void Of_DisplayName_ReturnsInitials(string displayName, string expected)
    {
        var initials = PersonaInitials.Of(displayName);

        Assert.Equal(expected, initials);
    }
}
