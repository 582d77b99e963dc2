using System.Net;
using System.Net.Http.Json;
using Sandbox.EhrUi.Tests.Hosting;

namespace Sandbox.EhrUi.Tests.Pages;

/// <summary>The patient list over HTTP on an empty store.</summary>
public sealed class PatientListPageTests : IAsyncLifetime
{
    private SignedInEhr _ehr = null!;

    public async Task InitializeAsync() => _ehr = await SignedInEhr.StartAsync("empty");

    public async Task DisposeAsync() => await _ehr.DisposeAsync();

    [Fact]
    public async Task List_EmptyStore_PointsToDataPage()
    {
        var html = await _ehr.Client.GetStringAsync("patients");

        Assert.Contains("The store has no patients.", html);
        Assert.Contains("<a href=\"/data\">Data page</a>", html);
        Assert.DoesNotContain("No patients match this search.", html);
    }

    [Fact]
    public async Task List_SearchWithoutMatch_SaysNoMatch()
    {
        var html = await _ehr.Client.GetStringAsync("patients?name=Nobody");

        Assert.Contains("No patients match this search.", html);
        Assert.DoesNotContain("The store has no patients.", html);
    }

    [Fact]
    public async Task List_PatientPersonaWithoutRecord_SaysRecordMissing()
    {
        var persona = new { username = "gone.patient", displayName = "Gone Patient", role = "Patient", fhirUser = "Patient/p-gone", password = "gone-sandbox" };
        using (var added = await _ehr.Server.Client.PostAsJsonAsync("api/personas", persona))
            added.EnsureSuccessStatusCode();
        using var client = _ehr.Server.CreateClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() });
        await SignedInEhr.SignInAsync(client, "gone.patient", "gone-sandbox");

        var html = await client.GetStringAsync("patients");

        Assert.Contains("The store has no record that you may open.", html);
        Assert.DoesNotContain("The store has no patients.", html);
    }
}
