using System.Net;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Rest;

public sealed class UpdateTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task Update_Existing_Returns200NextVersion()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.PutAsync($"Patient/{created.Id}", created);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("W/\"2\"", response.Headers.ETag?.ToString());
        Assert.Equal(Client.Url($"Patient/{created.Id}/_history/2"), response.Headers.Location);
    }

    [Fact]
    public async System.Threading.Tasks.Task Update_NewClientId_Returns201()
    {
        var id = "client-" + TestResources.UniqueValue()[..12];

        using var response = await Client.PutAsync($"Patient/{id}", TestResources.Patient(id: id));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var patient = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.Equal(id, patient.Id);
    }

    [Fact]
    public async System.Threading.Tasks.Task Update_DeletedResource_RecreatesWithHigherVersion()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        (await Client.DeleteAsync($"Patient/{created.Id}")).Dispose();

        using var response = await Client.PutAsync($"Patient/{created.Id}", created);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("W/\"3\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async System.Threading.Tasks.Task Update_PreferMinimal_ReturnsHeadersOnly()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.PutAsync($"Patient/{created.Id}", created, ("Prefer", "return=minimal"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("W/\"2\"", response.Headers.ETag?.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async System.Threading.Tasks.Task Update_IdDiffersFromUrl_Returns400()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.PutAsync($"Patient/{created.Id}", TestResources.Patient(id: "other-id"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal("Resource.id", outcome.Issue[0].Expression.Single());
    }

    [Fact]
    public async System.Threading.Tasks.Task Update_BodyWithoutId_Returns400()
    {
        using var response = await Client.PutAsync("Patient/no-body-id", TestResources.Patient());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Update_CurrentIfMatch_Returns200()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.PutAsync($"Patient/{created.Id}", created, ("If-Match", "W/\"1\""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Update_StaleIfMatch_Returns412AndKeepsData()
    {
        var created = await Client.CreateAsync(TestResources.Patient(family: "Kept"));
        (await Client.PutAsync($"Patient/{created.Id}", created)).Dispose();
        created.Name[0].Family = "Lost";

        using var response = await Client.PutAsync($"Patient/{created.Id}", created, ("If-Match", "W/\"1\""));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        using var read = await Client.GetAsync($"Patient/{created.Id}");
        var stored = await FhirTestClient.ReadAsync<Patient>(read);
        Assert.Equal("Kept", stored.Name[0].Family);
        Assert.Equal("2", stored.Meta!.VersionId);
    }

    [Fact]
    public async System.Threading.Tasks.Task Update_IfMatchLeadingZero_Returns412()
    {
        var created = await Client.CreateAsync(TestResources.Patient(family: "Kept"));
        created.Name[0].Family = "Lost";

        // The current ETag is W/"1". Entity tags compare as strings, so W/"01" names no version.
        using var response = await Client.PutAsync($"Patient/{created.Id}", created, ("If-Match", "W/\"01\""));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        using var read = await Client.GetAsync($"Patient/{created.Id}");
        var stored = await FhirTestClient.ReadAsync<Patient>(read);
        Assert.Equal("Kept", stored.Name[0].Family);
    }

    [Fact]
    public async System.Threading.Tasks.Task Update_ConcurrentIfMatch_ExactlyOneWins()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        const int Writers = 8;

        var responses = await System.Threading.Tasks.Task.WhenAll(Enumerable.Range(0, Writers).Select(index =>
        {
            var copy = (Patient)created.DeepCopy();
            copy.Name[0].Family = $"Writer{index}";
            return Client.PutAsync($"Patient/{created.Id}", copy, ("If-Match", "W/\"1\""));
        }));

        var statuses = responses.Select(response => response.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(status => status == HttpStatusCode.OK));
        Assert.Equal(Writers - 1, statuses.Count(status => status == HttpStatusCode.PreconditionFailed));
        using var read = await Client.GetAsync($"Patient/{created.Id}");
        Assert.Equal("W/\"2\"", read.Headers.ETag?.ToString());
    }

    [Fact]
    public async System.Threading.Tasks.Task Update_ConcurrentWithoutIfMatch_VersionsOnlyGrow()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        const int Writers = 10;

        var responses = await System.Threading.Tasks.Task.WhenAll(Enumerable.Range(0, Writers)
            .Select(_ => Client.PutAsync($"Patient/{created.Id}", created)));

        var versions = responses.Select(response => response.Headers.ETag?.Tag).Order().ToList();
        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(Writers, versions.Distinct().Count());
        using var read = await Client.GetAsync($"Patient/{created.Id}");
        Assert.Equal($"W/\"{Writers + 1}\"", read.Headers.ETag?.ToString());
    }

    [Fact]
    public async System.Threading.Tasks.Task Update_IfNoneMatchStarExisting_Returns412()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.PutAsync($"Patient/{created.Id}", TestResources.Patient(id: created.Id, family: "Changed"), ("If-None-Match", "*"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("If-None-Match", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        using var read = await Client.GetAsync($"Patient/{created.Id}");
        Assert.Equal("W/\"1\"", read.Headers.ETag?.ToString());
        Assert.Equal("Test", (await FhirTestClient.ReadAsync<Patient>(read)).Name[0].Family);
    }

    [Fact]
    public async System.Threading.Tasks.Task Update_IfNoneMatchStarNew_Creates()
    {
        var id = $"inm-{TestResources.UniqueValue()[..8]}";

        using var response = await Client.PutAsync($"Patient/{id}", TestResources.Patient(id: id), ("If-None-Match", "*"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Update_IfNoneMatchEntityTag_Returns400()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.PutAsync($"Patient/{created.Id}", TestResources.Patient(id: created.Id, family: "Changed"), ("If-None-Match", "W/\"1\""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var read = await Client.GetAsync($"Patient/{created.Id}");
        Assert.Equal("W/\"1\"", read.Headers.ETag?.ToString());
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalUpdate_OneMatch_UpdatesIt()
    {
        var mrn = TestResources.UniqueValue();
        var created = await Client.CreateAsync(TestResources.Patient(mrn: mrn));

        using var response = await Client.PutAsync($"Patient?identifier={TestResources.IdentifierSystem}|{mrn}", TestResources.Patient(mrn: mrn, family: "Changed"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patient = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.Equal(created.Id, patient.Id);
        Assert.Equal("2", patient.Meta!.VersionId);
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalUpdate_IdDiffersFromMatch_Returns400()
    {
        var mrn = TestResources.UniqueValue();
        var created = await Client.CreateAsync(TestResources.Patient(mrn: mrn));

        using var response = await Client.PutAsync($"Patient?identifier={TestResources.IdentifierSystem}|{mrn}", TestResources.Patient(id: "other-id", mrn: mrn));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal("Resource.id", outcome.Issue[0].Expression.Single());
        using var read = await Client.GetAsync($"Patient/{created.Id}");
        Assert.Equal("W/\"1\"", read.Headers.ETag?.ToString());
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalUpdate_NoMatch_Creates()
    {
        var mrn = TestResources.UniqueValue();

        using var response = await Client.PutAsync($"Patient?identifier={mrn}", TestResources.Patient(mrn: mrn));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalUpdate_SeveralMatches_Returns412()
    {
        var mrn = TestResources.UniqueValue();
        await Client.CreateAsync(TestResources.Patient(mrn: mrn));
        await Client.CreateAsync(TestResources.Patient(mrn: mrn));

        using var response = await Client.PutAsync($"Patient?identifier={mrn}", TestResources.Patient(mrn: mrn));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalUpdate_IfNoneMatchStarMatch_Returns412()
    {
        var mrn = TestResources.UniqueValue();
        var created = await Client.CreateAsync(TestResources.Patient(mrn: mrn));

        using var response = await Client.PutAsync(
            $"Patient?identifier={TestResources.IdentifierSystem}|{mrn}",
            TestResources.Patient(mrn: mrn, family: "Changed"),
            ("If-None-Match", "*"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.Duplicate, outcome.Issue[0].Code);
        Assert.Contains("If-None-Match", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        using var read = await Client.GetAsync($"Patient/{created.Id}");
        Assert.Equal("W/\"1\"", read.Headers.ETag?.ToString());
        Assert.Equal("Test", (await FhirTestClient.ReadAsync<Patient>(read)).Name[0].Family);
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalUpdate_IfNoneMatchStarNoMatch_Creates()
    {
        var mrn = TestResources.UniqueValue();

        using var response = await Client.PutAsync(
            $"Patient?identifier={TestResources.IdentifierSystem}|{mrn}",
            TestResources.Patient(mrn: mrn),
            ("If-None-Match", "*"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var patient = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.Equal("1", patient.Meta!.VersionId);
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalUpdate_IfNoneMatchEntityTag_Returns400()
    {
        var mrn = TestResources.UniqueValue();
        var created = await Client.CreateAsync(TestResources.Patient(mrn: mrn));

        using var response = await Client.PutAsync(
            $"Patient?identifier={TestResources.IdentifierSystem}|{mrn}",
            TestResources.Patient(mrn: mrn, family: "Changed"),
            ("If-None-Match", "W/\"1\""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var read = await Client.GetAsync($"Patient/{created.Id}");
        Assert.Equal("W/\"1\"", read.Headers.ETag?.ToString());
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalUpdate_IfMatchStaleVersion_Returns412()
    {
        var mrn = TestResources.UniqueValue();
        var created = await Client.CreateAsync(TestResources.Patient(mrn: mrn));
        var condition = $"Patient?identifier={TestResources.IdentifierSystem}|{mrn}";
        using var second = await Client.PutAsync(condition, TestResources.Patient(mrn: mrn, family: "Second"));

        using var response = await Client.PutAsync(condition, TestResources.Patient(mrn: mrn, family: "Stale"), ("If-Match", "W/\"1\""));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        using var read = await Client.GetAsync($"Patient/{created.Id}");
        Assert.Equal("W/\"2\"", read.Headers.ETag?.ToString());
        Assert.Equal("Second", (await FhirTestClient.ReadAsync<Patient>(read)).Name[0].Family);
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalUpdate_IfMatchCurrentVersion_Updates()
    {
        var mrn = TestResources.UniqueValue();
        var created = await Client.CreateAsync(TestResources.Patient(mrn: mrn));

        using var response = await Client.PutAsync(
            $"Patient?identifier={TestResources.IdentifierSystem}|{mrn}",
            TestResources.Patient(mrn: mrn, family: "Changed"),
            ("If-Match", "W/\"1\""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patient = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.Equal(created.Id, patient.Id);
        Assert.Equal("2", patient.Meta!.VersionId);
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalUpdate_IfMatchNoMatch_Returns412()
    {
        var mrn = TestResources.UniqueValue();

        using var response = await Client.PutAsync(
            $"Patient?identifier={TestResources.IdentifierSystem}|{mrn}",
            TestResources.Patient(mrn: mrn),
            ("If-Match", "W/\"1\""));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("no Patient matches it", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Contains(mrn, outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Empty((await Client.ReadBundleAsync($"Patient?identifier={TestResources.IdentifierSystem}|{mrn}")).Entry);
    }
}
