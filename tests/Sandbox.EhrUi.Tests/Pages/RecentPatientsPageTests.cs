using System.Net;
using System.Net.Http.Json;
using Sandbox.EhrUi.Tests.Hosting;

namespace Sandbox.EhrUi.Tests.Pages;

/// <summary>The patient list's recently opened patients over HTTP, with the seed population.</summary>
public sealed class RecentPatientsPageTests : IAsyncLifetime
{
    private SignedInEhr _ehr = null!;

    public async Task InitializeAsync() => _ehr = await SignedInEhr.StartAsync("default");

    public async Task DisposeAsync() => await _ehr.DisposeAsync();

    [Fact]
    public async Task List_OpenedPatient_IsRecent()
    {
        await OpenChartAsync("p-ava-thompson");

        var html = await _ehr.Client.GetStringAsync("patients");

        Assert.Contains("<a href=\"/patients/p-ava-thompson\">", html);
    }

    [Fact]
    public async Task List_AfterReset_DropsPatientsNoLongerStored()
    {
        await OpenChartAsync("p-ava-thompson");
        using (var reset = await _ehr.Server.Client.PostAsJsonAsync("api/reset", new { to = "Empty" }))
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);

        var html = await _ehr.Client.GetStringAsync("patients");

        Assert.DoesNotContain("/patients/p-ava-thompson", html);
    }

    private async Task OpenChartAsync(string patientId)
    {
        using var chart = await _ehr.Client.GetAsync($"patients/{patientId}");
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
    }
}
