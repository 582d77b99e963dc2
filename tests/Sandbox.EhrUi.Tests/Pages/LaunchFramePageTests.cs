using System.Net;
using System.Text.RegularExpressions;
using Sandbox.Auth.Apps;
using Sandbox.EhrUi.Tests.Hosting;

namespace Sandbox.EhrUi.Tests.Pages;

/// <summary>
/// The EHR frame page over real HTTP: a frame link whose launch the EHR no longer has, as
/// after a restart of the sandbox or Clear launches, and an app served from another origin that
/// may not be running.
/// </summary>
public sealed partial class LaunchFramePageTests : IAsyncLifetime
{
    private const string ClientId = "frame-app";
    private const string AppOrigin = "http://127.0.0.1:9";

    private SignedInEhr _ehr = null!;

    public async Task InitializeAsync()
    {
        _ehr = await SignedInEhr.StartAsync("default");
        await _ehr.Server.RegisterAppAsync(new SmartApp
        {
            ClientId = ClientId,
            Name = "Frame test app",
            RedirectUris = [AppOrigin + "/callback"],
            LaunchUrl = AppOrigin + "/launch",
        });
    }

    public async Task DisposeAsync() => await _ehr.DisposeAsync();

    [Fact]
    public async Task Frame_UnknownLaunch_ExplainsRestart()
    {
        using var response = await _ehr.Client.GetAsync("launches/no-such-launch/frame");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Launch not found</h1>", html);
        Assert.Contains("restart of the sandbox or Clear launches on the launches page removes them", html);
        Assert.Contains("Launch the app again", html);
    }

    [Fact]
    public async Task Frame_AppOnOtherOrigin_NamesOrigin()
    {
        var html = await OpenFrameAsync(ClientId);

        var origin = AppOriginNote().Match(html);
        Assert.True(origin.Success, "The frame bar has no note naming the app's origin.");
        Assert.Contains(AppOrigin, origin.Groups[1].Value);
        Assert.Contains("If the frame stays empty", origin.Groups[1].Value);
    }

    [Fact]
    public async Task Frame_SampleApp_NoOriginNote()
    {
        var html = await OpenFrameAsync("sandbox-sample-app");

        Assert.Contains("/sample-app/", html);
        Assert.DoesNotMatch(AppOriginNote(), html);
    }

    [Fact]
    public async Task Frame_OtherLoopbackName_KeepsEhrOrigin()
    {
        // The sandbox listens on 127.0.0.1 and registers the sample app's launch URL there, so
        // a browser on http://localhost:{port} would frame another origin, which the sample
        // app's frame-ancestors 'self' blocks.
        var ehrOrigin = $"http://localhost:{_ehr.Server.BaseAddress.Port}";
        _ehr.Client.DefaultRequestHeaders.Host = new Uri(ehrOrigin).Authority;

        var html = await OpenFrameAsync("sandbox-sample-app");

        Assert.Contains($"src=\"{ehrOrigin}/sample-app/?iss=", html);
        Assert.DoesNotMatch(AppOriginNote(), html);
    }

    [Fact]
    public async Task Frame_AfterClearLaunches_IsNotFound()
    {
        using var launched = await _ehr.SubmitAsync("patients/p-ava-thompson/apps", new() { ["clientId"] = ClientId }, handler: "Launch");
        var frameUrl = launched.Headers.Location!.OriginalString.TrimStart('/');
        using (var before = await _ehr.Client.GetAsync(frameUrl))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        using var cleared = await _ehr.SubmitAsync("launches", new() { ["confirm"] = "true" }, handler: "Clear");
        using var after = await _ehr.Client.GetAsync(frameUrl);

        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Contains("<h1>Launch not found</h1>", await after.Content.ReadAsStringAsync());
    }

    // SMART App Launch passes iss and launch as query parameters, so they go before the
    // fragment of a launch URL such as a hash-routed app's, which its server never receives.
    [Fact]
    public async Task Frame_LaunchUrlFragment_KeepsParametersInQuery()
    {
        await _ehr.Server.RegisterAppAsync(new SmartApp
        {
            ClientId = "hash-app",
            Name = "Hash router app",
            RedirectUris = [AppOrigin + "/callback"],
            LaunchUrl = AppOrigin + "/#/launch",
        });

        var html = await OpenFrameAsync("hash-app");

        Assert.Matches(@"src=""http://127\.0\.0\.1:9/\?iss=[^""#]+&amp;launch=[^""#]+#/launch""", html);
    }

    private async Task<string> OpenFrameAsync(string clientId)
    {
        using var launched = await _ehr.SubmitAsync(
            "patients/p-ava-thompson/apps",
            new() { ["clientId"] = clientId },
            handler: "Launch");
        Assert.Equal(HttpStatusCode.Redirect, launched.StatusCode);

        return await _ehr.Client.GetStringAsync(launched.Headers.Location!.OriginalString.TrimStart('/'));
    }

    [GeneratedRegex("""id="app-origin"[^>]*>([^<]*)<""")]
    private static partial Regex AppOriginNote();
}
