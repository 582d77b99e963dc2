using System.Net;
using Hl7.Fhir.Model;
using Sandbox.FhirStore.Tests.Bundles;

namespace Sandbox.FhirStore.Tests.Access;

/// <summary>
/// Conditional writes under a patient-scoped token over HTTP: matches outside the grant count
/// as absent, so they are never returned, changed, counted or named.
/// </summary>
public sealed class ConditionalAccessTests(GrantFixture fixture) : IClassFixture<GrantFixture>
{
    private const string Mrn = TestResources.IdentifierSystem;

    [Fact]
    public async System.Threading.Tasks.Task ConditionalCreate_OtherPatientMatch_Returns403()
    {
        using var fhir = await fixture.OwnPatientClientAsync();

        using var response = await PostAsync(fhir, new Patient { Active = true }, ("If-None-Exist", $"identifier={Mrn}|{GrantFixture.OtherMrn}"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(GrantFixture.OtherFamily, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalCreate_OtherPatientMatch_ReturnsNoBody()
    {
        using var fhir = await fixture.OwnPatientClientAsync();

        using var response = await PostAsync(
            fhir,
            new Patient { Active = true },
            ("If-None-Exist", $"identifier={Mrn}|{GrantFixture.OtherMrn}"),
            ("Prefer", "return=representation"));

        Assert.DoesNotContain(GrantFixture.OtherFamily, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalCreate_OwnMatch_Returns200()
    {
        using var fhir = await fixture.OwnPatientClientAsync();

        using var response = await PostAsync(fhir, new Patient { Active = true }, ("If-None-Exist", $"identifier={Mrn}|{GrantFixture.OwnMrn}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"/Patient/{GrantFixture.OwnPatientId}/", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalCreate_OtherPatientObservation_StoresOwnCopy()
    {
        using var fhir = await fixture.OwnPatientClientAsync();
        var observation = TestResources.Observation($"Patient/{GrantFixture.OwnPatientId}");

        using var response = await PostAsync(fhir, observation, ("If-None-Exist", $"identifier={Mrn}|{GrantFixture.OtherObservationMrn}"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.DoesNotContain(fixture.OtherObservationId, response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async System.Threading.Tasks.Task TransactionIfNoneExist_OtherPatientMatch_ReturnsNoBody()
    {
        using var fhir = await fixture.OwnPatientClientAsync();
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Post(new Patient { Active = true }, "urn:uuid:6f1c7c52-3c1e-4d7a-9d51-1d2a3b4c5d6e", $"identifier={Mrn}|{GrantFixture.OtherMrn}")
            .Build();

        using var response = await fhir.PostAsync(fixture.Server.FhirBase, FhirTestClient.JsonContent(bundle));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(GrantFixture.OtherFamily, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalDelete_HiddenMatches_Returns204()
    {
        using var fhir = await fixture.OwnPatientClientAsync();

        using var response = await fhir.DeleteAsync($"Observation?subject=Patient/{GrantFixture.OtherPatientId}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalDelete_HiddenMatch_KeepsResource()
    {
        using var fhir = await fixture.OwnPatientClientAsync();

        using var deleted = await fhir.DeleteAsync($"Observation?identifier={Mrn}|{GrantFixture.OtherObservationMrn}");

        using var read = await fixture.Admin.GetAsync($"Observation/{fixture.OtherObservationId}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalDelete_HiddenMatch_NamesNoId()
    {
        using var fhir = await fixture.OwnPatientClientAsync();

        using var response = await fhir.DeleteAsync($"Observation?identifier={Mrn}|{GrantFixture.OtherObservationMrn}");

        Assert.DoesNotContain(fixture.OtherObservationId, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalUpdate_HiddenMatch_CreatesNewResource()
    {
        using var fhir = await fixture.OwnPatientClientAsync();
        var observation = TestResources.Observation($"Patient/{GrantFixture.OwnPatientId}");

        using var response = await fhir.PutAsync(
            $"Observation?identifier={Mrn}|{GrantFixture.OtherObservationMrn}",
            FhirTestClient.JsonContent(observation));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.DoesNotContain(fixture.OtherObservationId, response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async System.Threading.Tasks.Task BatchHistoryEntry_LimitedGrant_Returns403LikeDirectRequest()
    {
        using var fhir = await fixture.OwnPatientClientAsync();
        var bundle = new BundleBuilder(Bundle.BundleType.Batch).Get("_history").Build();

        using var direct = await fhir.GetAsync("_history");
        using var response = await fhir.PostAsync(fixture.Server.FhirBase, FhirTestClient.JsonContent(bundle));

        var entry = (await FhirTestClient.ReadAsync<Bundle>(response)).Entry[0];
        Assert.Equal(HttpStatusCode.Forbidden, direct.StatusCode);
        Assert.StartsWith("403", entry.Response!.Status);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient fhir, Resource resource, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, resource.TypeName) { Content = FhirTestClient.JsonContent(resource) };
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);

        return fhir.SendAsync(request);
    }
}
