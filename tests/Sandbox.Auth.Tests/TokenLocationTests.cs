using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Auth.Tests;

/// <summary>
/// The FHIR endpoint takes access tokens only from the Authorization header, and the launch
/// journal never records an <c>access_token</c> query value.
/// </summary>
public sealed class TokenLocationTests
{
    [Fact]
    public async Task Fhir_TokenInQuery_Returns401WithOutcome()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var (_, token) = await LaunchAsync(fixture);

        var response = await fixture.GetFhirAsync($"Patient?_summary=count&access_token={token}", accessToken: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("OperationOutcome", (await AuthFixture.ReadJsonAsync(response))["resourceType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Fhir_TokenInFormBody_Returns401WithOutcome()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var (_, token) = await LaunchAsync(fixture);
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["access_token"] = token, ["_summary"] = "count" });

        var response = await fixture.Client.PostAsync("/fhir/Patient/_search", form);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("OperationOutcome", (await AuthFixture.ReadJsonAsync(response))["resourceType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Journal_TokenOnlyInQuery_IsNotRecorded()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var (launch, token) = await LaunchAsync(fixture);

        await fixture.GetFhirAsync($"Patient?_summary=count&access_token={token}", accessToken: null);

        var events = await EventsAsync(fixture, launch);
        Assert.DoesNotContain(events, entry => entry!["message"]!.GetValue<string>().Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Journal_QueryTokenBesideHeader_IsRedacted()
    {
        await using var fixture = await AuthFixture.StartAsync();
        var (launch, token) = await LaunchAsync(fixture);

        var response = await fixture.GetFhirAsync($"Patient?_summary=count&access_token={token}", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = await EventsAsync(fixture, launch);
        var message = events.Last(entry => entry!["step"]!.GetValue<string>() == "fhir")!["message"]!.GetValue<string>();
        Assert.Contains("GET /fhir/Patient?_summary=count&access_token=[redacted] returned 200", message);
        Assert.DoesNotContain(token, message);
    }

    private static async Task<(string Launch, string AccessToken)> LaunchAsync(AuthFixture fixture)
    {
        await fixture.RegisterPublicAppAsync("app");
        var launch = await fixture.CreateLaunchAsync(new { clientId = "app", user = AuthFixture.PractitionerUser, patient = AuthFixture.PatientId, skipLogin = true });
        var tokens = await fixture.RedeemLaunchAsync("app", "launch patient/*.rs", launch);
        return (launch, tokens["access_token"]!.GetValue<string>());
    }

    private static async Task<JsonArray> EventsAsync(AuthFixture fixture, string launch) =>
        (await fixture.Client.GetFromJsonAsync<JsonArray>($"/api/launches/{Uri.EscapeDataString(launch)}/events"))!;
}
