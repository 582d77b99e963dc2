using System.Net;
using Sandbox.EhrUi.Security;
using Sandbox.Testing;

namespace Sandbox.EhrUi.Tests.Hosting;

/// <summary>
/// Runs the EHR inside the whole sandbox over real HTTP. Pages that search the store are
/// covered by browser tests once search is available; these check what every page shares.
/// </summary>
public sealed class EhrHostTests : IAsyncLifetime
{
    private const string SignOutPath = "/account/sign-out";

    private SandboxServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty" });
        _client = _server.CreateClient(new HttpClientHandler { AllowAutoRedirect = false });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Page_Get_ForbidsFramingByOtherOrigins()
    {
        using var response = await _client.GetAsync(SignOutPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("SAMEORIGIN", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal(FrameProtectionFilter.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Page_Get_ForbidsScripts()
    {
        using var response = await _client.GetAsync(SignOutPath);

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'none'", policy);
    }

    [Fact]
    public async Task Page_Get_SetsServerTiming()
    {
        using var response = await _client.GetAsync(SignOutPath);

        var timing = response.Headers.GetValues("Server-Timing").Single();
        Assert.StartsWith("page;dur=", timing);
        Assert.True(double.TryParse(timing["page;dur=".Length..], System.Globalization.CultureInfo.InvariantCulture, out var milliseconds));
        Assert.True(milliseconds >= 0);
    }

    [Fact]
    public async Task Page_Get_RendersLayoutLandmarks()
    {
        var html = await _client.GetStringAsync(SignOutPath);

        Assert.Contains("<a class=\"skip-link\" href=\"#main\">", html);
        Assert.Contains("<main id=\"main\"", html);
        Assert.Contains("<nav class=\"main-nav\" aria-label=\"Main\">", html);
        Assert.Contains($"href=\"{EhrUiExtensions.StaticFilesPath}/ehr.css\"", html);
    }

    [Fact]
    public async Task StyleSheet_Get_IsServedLocally()
    {
        using var response = await _client.GetAsync($"{EhrUiExtensions.StaticFilesPath}/ehr.css");
        var css = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(":focus-visible", css);
        Assert.DoesNotContain("http", css);
    }

    [Fact]
    public async Task Favicon_Get_ServesSvgIcon()
    {
        using var response = await _client.GetAsync("/favicon.ico");
        var svg = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<svg", svg);
    }

    [Fact]
    public async Task Page_Get_LinksIcon()
    {
        var html = await _client.GetStringAsync(SignOutPath);

        Assert.Contains($"<link rel=\"icon\" href=\"{EhrUiExtensions.IconPath}\" type=\"image/svg+xml\">", html);
    }

    [Fact]
    public async Task IconFile_Get_IsServed()
    {
        using var response = await _client.GetAsync(EhrUiExtensions.IconPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_Returns400()
    {
        using var response = await _client.PostAsync(SignOutPath, new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_MalformedMultipart_ShowsUnreadableForm()
    {
        using var body = new ByteArrayContent("no boundary in this body"u8.ToArray());
        body.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=missing");

        using var response = await _client.PostAsync(SignOutPath, body);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<h1>Form not readable</h1>", page);
        Assert.DoesNotContain("status 0", page);
    }
}
