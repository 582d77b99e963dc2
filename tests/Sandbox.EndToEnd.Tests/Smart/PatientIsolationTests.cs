using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sandbox.Auth.Headless;

namespace Sandbox.EndToEnd.Tests.Smart;

/// <summary>A patient-scoped token must read nothing of another patient, whichever request it sends.</summary>
public sealed class PatientIsolationTests(SmartAppFixture smart) : IClassFixture<SmartAppFixture>
{
    [Fact]
    public async Task PatientToken_DirectRead_RejectsOtherPatient()
    {
        using var fhir = await PatientClientAsync();

        var response = await fhir.GetAsync($"Patient/{smart.OtherPatientId}");

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"Got {(int)response.StatusCode}.");
    }

    [Fact]
    public async Task PatientToken_OwnRecord_IsReadable()
    {
        using var fhir = await PatientClientAsync();

        var response = await fhir.GetAsync($"Patient/{smart.PatientId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PatientToken_SearchOtherPatient_ReturnsNoEntries()
    {
        using var fhir = await PatientClientAsync();

        var response = await fhir.GetAsync($"Observation?patient={smart.OtherPatientId}");

        if (response.StatusCode == HttpStatusCode.OK)
            Assert.Empty(await SubjectsAsync(response));
        else
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task PatientToken_PatientSearch_ListsOnlyOwnRecord()
    {
        using var fhir = await PatientClientAsync();

        var bundle = await fhir.GetFromJsonAsync<JsonObject>("Patient");

        var ids = Entries(bundle!).Select(resource => resource["id"]!.GetValue<string>()).ToList();
        Assert.Equal([smart.PatientId], ids);
    }

    [Fact]
    public async Task PatientToken_Include_AddsOnlyOwnRecord()
    {
        using var fhir = await PatientClientAsync();

        var bundle = await fhir.GetFromJsonAsync<JsonObject>("Observation?_include=Observation:subject&_count=50");

        var resources = Entries(bundle!).ToList();
        var patients = resources.Where(resource => resource["resourceType"]!.GetValue<string>() == "Patient").Select(resource => resource["id"]!.GetValue<string>()).ToList();
        var subjects = resources.Where(resource => resource["resourceType"]!.GetValue<string>() == "Observation").Select(resource => resource["subject"]!["reference"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(subjects);
        Assert.All(subjects, subject => Assert.Equal($"Patient/{smart.PatientId}", subject));
        Assert.Equal([smart.PatientId], patients.Distinct());
    }

    private async Task<HttpClient> PatientClientAsync()
    {
        var token = await smart.Sandbox.HeadlessLaunchAsync(new HeadlessLaunchRequest
        {
            ClientId = SmartAppFixture.PublicClientId,
            Scope = SmartAppFixture.AppScope,
            User = SmartAppFixture.PatientUser,
            Patient = smart.PatientId,
        });
        return smart.Sandbox.CreateFhirClient(token["access_token"]!.GetValue<string>());
    }

    private static async Task<List<string>> SubjectsAsync(HttpResponseMessage response)
    {
        var bundle = await response.Content.ReadFromJsonAsync<JsonObject>();
        return Entries(bundle!).Select(resource => resource["subject"]!["reference"]!.GetValue<string>()).ToList();
    }

    private static IEnumerable<JsonObject> Entries(JsonObject bundle) =>
        (bundle["entry"]?.AsArray() ?? []).Select(entry => entry!["resource"]!.AsObject());
}
