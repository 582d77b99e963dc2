using System.Net;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using static Sandbox.Auth.Tests.SharedResourceData;

namespace Sandbox.Auth.Tests;

/// <summary>
/// Reading shared resources under <c>patient/</c> scopes opens no path to another patient's
/// records, and such scopes still write nothing outside the patient's compartment.
/// </summary>
public sealed class SharedResourceIsolationTests
{
    private const string ReadScope = "launch openid fhirUser patient/*.rs";

    [Fact]
    public async Task PatientScope_OtherPatientRecords_StayHidden()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await SaveAsync(fixture);
        var token = await TokenAsync(fixture, ReadScope);
        string[] paths =
        [
            "Patient/p-2", "Observation/obs-2", "RelatedPerson/rp-2", "Device/dev-2",
            "Patient/p-2/_history/1", "Observation/obs-2/_history/1", "RelatedPerson/rp-2/_history", "Device/dev-2/_history",
        ];

        foreach (var path in paths)
        {
            var response = await fixture.GetFhirAsync(path, token);

            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{path} returned {(int)response.StatusCode}.");
        }
    }

    [Fact]
    public async Task PatientScope_OtherPatientSearches_ReturnOwnOnly()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await SaveAsync(fixture);
        var token = await TokenAsync(fixture, ReadScope);
        string[] searches =
        [
            "Patient", "Observation", "RelatedPerson", "Device", "Observation?patient=p-2",
            "Practitioner?_revinclude=Observation:performer", "Location?_include=Location:organization&_revinclude=Device:location",
            "Practitioner?_id=pr-2&_revinclude:iterate=Observation:performer&_include:iterate=Observation:subject",
        ];

        foreach (var search in searches)
        {
            var response = await fixture.GetFhirAsync(search, token);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var references = await EntryReferencesAsync(response);
            Assert.DoesNotContain("Patient/p-2", references);
            Assert.DoesNotContain("Observation/obs-2", references);
            Assert.DoesNotContain("RelatedPerson/rp-2", references);
            Assert.DoesNotContain("Device/dev-2", references);
        }
    }

    [Fact]
    public async Task PatientScope_OtherPatientEverything_IsRejected()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await SaveAsync(fixture);
        var token = await TokenAsync(fixture, ReadScope);

        var response = await fixture.GetFhirAsync("Patient/p-2/$everything", token);

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"Got {(int)response.StatusCode}.");
    }

    [Fact]
    public async Task PatientScope_OtherPatientBatchGet_IsNotFound()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await SaveAsync(fixture);
        var token = await TokenAsync(fixture, ReadScope);

        var response = await SendAsync(fixture, HttpMethod.Post, string.Empty, token, Batch("Patient/p-2", "Observation/obs-2", "RelatedPerson/rp-2", "Device/dev-2"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(await EntryStatusesAsync(response), status => Assert.StartsWith("404", status));
    }

    [Fact]
    public async Task PatientScope_PractitionerWrites_AreForbidden()
    {
        await using var fixture = await AuthFixture.StartAsync();
        await SaveAsync(fixture);
        var token = await TokenAsync(fixture, "launch patient/*.cruds");
        var practitioner = new Practitioner { Id = "pr-2", Active = false };

        var create = await SendAsync(fixture, HttpMethod.Post, "Practitioner", token, new Practitioner { Active = true });
        var update = await SendAsync(fixture, HttpMethod.Put, "Practitioner/pr-2", token, practitioner);
        var delete = await SendAsync(fixture, HttpMethod.Delete, "Practitioner/pr-2", token);

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, update.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        var outcome = await AuthFixture.ReadJsonAsync(create);
        Assert.Contains("contains no patient's data", outcome["issue"]![0]!["diagnostics"]!.GetValue<string>());
    }
}
