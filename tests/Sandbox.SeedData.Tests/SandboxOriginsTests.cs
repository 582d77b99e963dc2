using Sandbox.SeedData.Registration;

namespace Sandbox.SeedData.Tests;

public sealed class SandboxOriginsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080 http://localhost:5080")]
    [InlineData("http://localhost:5080", "http://localhost:5080 http://127.0.0.1:5080")]
    [InlineData("http://0.0.0.0:5080", "http://localhost:5080 http://127.0.0.1:5080")]
    [InlineData("http://[::]:5080", "http://localhost:5080 http://127.0.0.1:5080")]
    [InlineData("http://+:5080", "http://localhost:5080 http://127.0.0.1:5080")]
    [InlineData("https://sandbox.example.org:8443", "https://sandbox.example.org:8443")]
    public void FromServerAddresses_Address_ReturnsOrigins(string address, string expected)
    {
        var origins = SandboxOrigins.FromServerAddresses([address]);

        Assert.Equal(expected.Split(' '), origins);
    }

    [Fact]
    public void FromServerAddresses_SamePortTwice_ReturnsEachOriginOnce()
    {
        var origins = SandboxOrigins.FromServerAddresses(["http://localhost:5080", "http://127.0.0.1:5080"]);

        Assert.Equal(["http://localhost:5080", "http://127.0.0.1:5080"], origins);
    }

    [Fact]
    public void FromServerAddresses_UnixSocket_IsIgnored()
    {
        var origins = SandboxOrigins.FromServerAddresses(["http://unix:/tmp/sandbox.sock"]);

        Assert.Empty(origins);
    }
}
