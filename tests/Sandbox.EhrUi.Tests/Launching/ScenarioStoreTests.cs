using Sandbox.EhrUi.Launching;

namespace Sandbox.EhrUi.Tests.Launching;

public sealed class ScenarioStoreTests
{
    [Fact]
    public void Decode_EncodedScenario_ReturnsSameScenario()
    {
        var scenario = new LaunchScenario(
            "s-1", "Visit", "An office visit", "dr.mitchell", "p-1", "e-1", "app-1",
            new LaunchOptions { Intent = "reconcile-medications", FhirContext = ["Condition/c-1"] });

        var decoded = ScenarioStore.Decode(ScenarioStore.Encode(scenario));

        Assert.NotNull(decoded);
        Assert.Equal(scenario.Name, decoded.Name);
        Assert.Equal(scenario.EncounterId, decoded.EncounterId);
        Assert.Equal("reconcile-medications", decoded.Options.Intent);
        Assert.Equal(["Condition/c-1"], decoded.Options.FhirContext);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 !")]
    [InlineData("bm90IGpzb24")]
    public void Decode_InvalidText_ReturnsNull(string encoded)
    {
        var decoded = ScenarioStore.Decode(encoded);

        Assert.Null(decoded);
    }
}
