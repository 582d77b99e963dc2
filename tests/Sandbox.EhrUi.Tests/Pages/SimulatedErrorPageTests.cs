using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sandbox.Auth.Apps;
using Sandbox.EhrUi.Tests.Hosting;

namespace Sandbox.EhrUi.Tests.Pages;

/// <summary>How the launch options form and the launch inspector name the simulated errors.</summary>
public sealed class SimulatedErrorPageTests : IAsyncLifetime
{
    private const string ClientId = "simulated-error-app";

    private SignedInEhr _ehr = null!;

    public async Task InitializeAsync()
    {
        _ehr = await SignedInEhr.StartAsync("default");
        await _ehr.Server.RegisterAppAsync(new SmartApp { ClientId = ClientId, Name = "Simulated error app", RedirectUris = ["http://127.0.0.1:9/callback"], LaunchUrl = "http://127.0.0.1:9/launch" });
    }

    public async Task DisposeAsync() => await _ehr.DisposeAsync();

    [Fact]
    public async Task OptionsForm_ShowsReadableNames()
    {
        var html = await _ehr.Client.GetStringAsync($"apps/{ClientId}/launch-options");

        Assert.Contains("<option value=\"AuthorizeAccessDenied\">Authorize: access_denied (AuthorizeAccessDenied)</option>", html);
        Assert.Contains("<option value=\"FhirTooManyRequests\">FHIR: 429 Too Many Requests with Retry-After (FhirTooManyRequests)</option>", html);
        Assert.Contains("<option selected=\"selected\" value=\"None\">None</option>", html);
    }

    [Fact]
    public async Task OptionsForm_Saved_KeepsChosenError()
    {
        var fields = new Dictionary<string, string> { ["Form.OpenIn"] = "Frame", ["Form.SimulatedError"] = "TokenInvalidGrant" };

        using var response = await _ehr.SubmitAsync($"apps/{ClientId}/launch-options", fields);
        var html = await _ehr.Client.GetStringAsync($"apps/{ClientId}/launch-options");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("<option selected=\"selected\" value=\"TokenInvalidGrant\">", html);
    }

    [Fact]
    public async Task Inspector_ShowsReadableErrorAndFlag()
    {
        var patients = await _ehr.Server.Client.GetFromJsonAsync<JsonObject>("fhir/Patient?_count=1");
        var patientId = patients!["entry"]![0]!["resource"]!["id"]!.GetValue<string>();
        var launch = new { clientId = ClientId, user = SignedInEhr.Username, patient = patientId, simulatedError = "FhirForbidden" };
        using var created = await _ehr.Server.Client.PostAsJsonAsync("api/launches", launch);
        created.EnsureSuccessStatusCode();
        var launchId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["launchId"]!.GetValue<string>();

        var html = await _ehr.Client.GetStringAsync($"launches/{launchId}");

        Assert.Contains("<dt>Simulated error</dt><dd>FHIR: 403 Forbidden (FhirForbidden)</dd>", html);
        Assert.Contains("<dt>need_patient_banner</dt><dd>true</dd>", html);
    }
}
