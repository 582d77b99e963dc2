using System.Net;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

/// <summary>
/// An app that loose mode registered on a loopback-only sandbox stops working after a restart
/// on the same data folder with loose mode off. The restarted sandbox still listens on
/// 127.0.0.1 only: it is configured with <c>Auth:LooseClients=Off</c>, the value that
/// <c>Auto</c> resolves to on a non-loopback address, so no traffic leaves loopback.
/// </summary>
public sealed class LooseClientRestartTests : IDisposable
{
    private const string ClientId = "loose-app";

    private readonly string _dataFolder = Directory.CreateTempSubdirectory("sandbox-loose-").FullName;
    private readonly Dictionary<string, string?> _settings = AuthFixture.FixedUrl();

    public void Dispose() => Directory.Delete(_dataFolder, recursive: true);

    private static Dictionary<string, string?> WithLooseClients(Dictionary<string, string?> settings, string value) =>
        new(settings) { ["Auth:LooseClients"] = value };

    /// <summary>Registers the loose app with a first authorization request, then runs an EHR launch for it and returns the token response.</summary>
    private static async Task<JsonObject> RegisterAndRedeemAsync(AuthFixture fixture)
    {
        var first = await fixture.Client.GetAsync(fixture.AuthorizeUrl(ClientId, "openid", Pkce.Create()));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        var launch = new { clientId = ClientId, user = AuthFixture.PractitionerUser, patient = AuthFixture.PatientId, skipLogin = true, skipConsent = true };
        return await fixture.LaunchAndRedeemAsync(ClientId, "launch offline_access patient/*.rs", launch);
    }

    [Fact]
    public async Task Restart_LooseModeOff_AuthorizeShowsErrorPage()
    {
        await using (var before = await AuthFixture.StartAsync(_settings, _dataFolder))
            await RegisterAndRedeemAsync(before);

        await using var after = await AuthFixture.StartAsync(WithLooseClients(_settings, "Off"), _dataFolder);
        var response = await after.Client.GetAsync(after.AuthorizeUrl(ClientId, "openid", Pkce.Create()));

        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("invalid_client", page, StringComparison.Ordinal);
        Assert.Contains($"The client_id '{ClientId}' was accepted by loose mode", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_LooseModeOff_RefreshReturnsInvalidClient()
    {
        string refreshToken;
        await using (var before = await AuthFixture.StartAsync(_settings, _dataFolder))
            refreshToken = (await RegisterAndRedeemAsync(before))["refresh_token"]!.GetValue<string>();

        await using var after = await AuthFixture.StartAsync(WithLooseClients(_settings, "Off"), _dataFolder);
        var response = await after.PostTokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = ClientId });

        var body = await AuthFixture.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        Assert.Contains("loose mode is off", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_LooseModeAuto_RefreshStillWorks()
    {
        string refreshToken;
        await using (var before = await AuthFixture.StartAsync(_settings, _dataFolder))
            refreshToken = (await RegisterAndRedeemAsync(before))["refresh_token"]!.GetValue<string>();

        await using var after = await AuthFixture.StartAsync(_settings, _dataFolder);
        var response = await after.PostTokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = ClientId });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Restart_LooseModeOff_FhirReturns401()
    {
        string accessToken;
        await using (var before = await AuthFixture.StartAsync(_settings, _dataFolder))
            accessToken = (await RegisterAndRedeemAsync(before))["access_token"]!.GetValue<string>();

        await using var after = await AuthFixture.StartAsync(WithLooseClients(_settings, "Off"), _dataFolder);
        var response = await after.GetFhirAsync($"Patient/{AuthFixture.PatientId}", accessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("loose mode is off", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_LooseModeAuto_FhirStillWorks()
    {
        string accessToken;
        await using (var before = await AuthFixture.StartAsync(_settings, _dataFolder))
            accessToken = (await RegisterAndRedeemAsync(before))["access_token"]!.GetValue<string>();

        await using var after = await AuthFixture.StartAsync(_settings, _dataFolder);
        var response = await after.GetFhirAsync($"Patient/{AuthFixture.PatientId}", accessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
