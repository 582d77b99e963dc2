using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sandbox.EhrUi.Tests.Hosting;

namespace Sandbox.EhrUi.Tests.Pages;

/// <summary>The chart's chosen encounter, remembered per patient in the EHR session, over HTTP.</summary>
public sealed class ChosenEncounterPageTests : IAsyncLifetime
{
    private const string PatientId = "p-ava-thompson";
    private const string NoEncounter = "No encounter chosen";
    private const string Restored = "The encounter you chose earlier for this patient is chosen again.";

    private SignedInEhr _ehr = null!;
    private string _encounterId = null!;
    private string _otherPatientId = null!;

    public async Task InitializeAsync()
    {
        _ehr = await SignedInEhr.StartAsync("default");
        var encounters = await _ehr.Server.Client.GetFromJsonAsync<JsonObject>($"fhir/Encounter?patient={PatientId}&_count=1");
        _encounterId = encounters!["entry"]![0]!["resource"]!["id"]!.GetValue<string>();
        var patients = await _ehr.Server.Client.GetFromJsonAsync<JsonObject>("fhir/Patient?_count=2&_sort=family");
        _otherPatientId = patients!["entry"]!.AsArray()
            .Select(entry => entry!["resource"]!["id"]!.GetValue<string>())
            .First(id => id != PatientId);
    }

    public async Task DisposeAsync() => await _ehr.DisposeAsync();

    [Fact]
    public async Task Chart_ReturnWithoutQuery_RestoresEncounter()
    {
        await ChooseEncounterAsync();
        await _ehr.Client.GetStringAsync("patients");

        var html = await _ehr.Client.GetStringAsync($"patients/{PatientId}");

        Assert.Contains(Restored, html);
        Assert.DoesNotContain(NoEncounter, html);
        Assert.Contains($"/patients/{PatientId}/vitals?encounter={_encounterId}", html);
    }

    [Fact]
    public async Task Chart_QueryEncounter_StillWins()
    {
        await ChooseEncounterAsync();

        var html = await _ehr.Client.GetStringAsync($"patients/{PatientId}/problems?encounter=");

        Assert.Contains(NoEncounter, html);
        Assert.DoesNotContain(Restored, html);
    }

    [Fact]
    public async Task Chart_EmptyQuery_ClearsEncounter()
    {
        await ChooseEncounterAsync();
        await _ehr.Client.GetStringAsync($"patients/{PatientId}?encounter=");

        var html = await _ehr.Client.GetStringAsync($"patients/{PatientId}");

        Assert.Contains(NoEncounter, html);
        Assert.DoesNotContain(Restored, html);
    }

    [Fact]
    public async Task Chart_OtherPatient_RestoresNothing()
    {
        await ChooseEncounterAsync();

        var html = await _ehr.Client.GetStringAsync($"patients/{_otherPatientId}");

        Assert.Contains(NoEncounter, html);
        Assert.DoesNotContain(Restored, html);
    }

    [Fact]
    public async Task AppsTab_ReturnWithoutQuery_RestoresEncounter()
    {
        await ChooseEncounterAsync();

        var html = await _ehr.Client.GetStringAsync($"patients/{PatientId}/apps");

        Assert.Contains(Restored, html);
        Assert.Contains($"name=\"encounter\" value=\"{_encounterId}\"", html);
    }

    [Fact]
    public async Task Chart_AfterSignOut_RestoresNothing()
    {
        await ChooseEncounterAsync();
        using (var signedOut = await _ehr.SubmitAsync("account/sign-out", []))
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        using (var signedIn = await _ehr.SubmitAsync("sign-in", new() { ["username"] = SignedInEhr.Username }))
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var html = await _ehr.Client.GetStringAsync($"patients/{PatientId}");

        Assert.Contains(NoEncounter, html);
    }

    private async Task ChooseEncounterAsync()
    {
        var html = await _ehr.Client.GetStringAsync($"patients/{PatientId}/encounters?encounter={_encounterId}");
        Assert.DoesNotContain(NoEncounter, html);
    }
}
