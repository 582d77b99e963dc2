using System.Net;
using Sandbox.EhrUi.Tests.Hosting;
using Sandbox.Testing;

namespace Sandbox.EhrUi.Tests.Security;

/// <summary>
/// Form posts that name no handler of their page, over real HTTP. Razor Pages would render such
/// a page without running a handler, so a page that loads its model in a handler would fail with a 500.
/// </summary>
public sealed class UnknownHandlerTests : IAsyncLifetime
{
    private SignedInEhr _ehr = null!;

    public async Task InitializeAsync() => _ehr = await SignedInEhr.StartAsync("default");

    public async Task DisposeAsync() => await _ehr.DisposeAsync();

    [Theory]
    [InlineData("patients/p-ava-thompson")]
    [InlineData("patients/p-ava-thompson/apps")]
    [InlineData("patients/p-ava-thompson/apps?handler=Unknown")]
    [InlineData("launches/unknown-launch/frame")]
    [InlineData("scenarios/shared?s=not-a-scenario")]
    public async Task Post_NoMatchingHandler_Returns400(string path)
    {
        var html = await _ehr.Client.GetStringAsync("patients");
        using var form = new FormUrlEncodedContent([new(HtmlForms.AntiforgeryField, HtmlForms.AntiforgeryToken(html))]);

        using var response = await _ehr.Client.PostAsync(path, form);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("names no action of this page", page);
    }

    [Fact]
    public async Task Post_KnownHandler_StillRuns()
    {
        var fields = new Dictionary<string, string> { ["clientId"] = "sandbox-sample-app" };

        using var response = await _ehr.SubmitAsync("patients/p-ava-thompson/apps", fields, "Launch");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
