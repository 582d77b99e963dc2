using System.Net;
using Sandbox.EhrUi.Tests.Hosting;

namespace Sandbox.EhrUi.Tests.Pages;

/// <summary>
/// The EHR frame page over real HTTP, for a frame link whose launch the EHR no longer has,
/// as after a restart of the sandbox.
/// </summary>
public sealed class LaunchFramePageTests : IAsyncLifetime
{
    private SignedInEhr _ehr = null!;

    public async Task InitializeAsync()
    {
        _ehr = await SignedInEhr.StartAsync("default");
    }

    public async Task DisposeAsync() => await _ehr.DisposeAsync();

    [Fact]
    public async Task Frame_UnknownLaunch_ExplainsRestart()
    {
        using var response = await _ehr.Client.GetAsync("launches/no-such-launch/frame");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Launch not found</h1>", html);
        Assert.Contains("restart of the sandbox forgets them", html);
        Assert.Contains("Launch the app again", html);
    }
}
