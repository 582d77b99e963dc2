using System.Net;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Rest;

public sealed class DeleteTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task Delete_Existing_Returns204()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.DeleteAsync($"Patient/{created.Id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("W/\"2\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async System.Threading.Tasks.Task Delete_Twice_Returns204Again()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        (await Client.DeleteAsync($"Patient/{created.Id}")).Dispose();

        using var response = await Client.DeleteAsync($"Patient/{created.Id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Delete_UnknownId_Returns204()
    {
        using var response = await Client.DeleteAsync("Patient/never-there");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using var read = await Client.GetAsync("Patient/never-there");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Delete_StaleIfMatch_Returns412()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        (await Client.PutAsync($"Patient/{created.Id}", created)).Dispose();

        using var response = await Client.DeleteAsync($"Patient/{created.Id}", ("If-Match", "W/\"1\""));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Delete_Resource_AppearsInHistory()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        (await Client.DeleteAsync($"Patient/{created.Id}")).Dispose();

        using var response = await Client.GetAsync($"Patient/{created.Id}/_history");

        var history = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal(2, history.Entry.Count);
        Assert.Equal(Bundle.HTTPVerb.DELETE, history.Entry[0].Request!.Method);
        Assert.Null(history.Entry[0].Resource);
        Assert.Equal("W/\"2\"", history.Entry[0].Response!.Etag);
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalDelete_OneMatch_DeletesIt()
    {
        var mrn = TestResources.UniqueValue();
        var created = await Client.CreateAsync(TestResources.Patient(mrn: mrn));

        using var response = await Client.DeleteAsync($"Patient?identifier={mrn}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using var read = await Client.GetAsync($"Patient/{created.Id}");
        Assert.Equal(HttpStatusCode.Gone, read.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalDelete_SeveralMatches_Returns412()
    {
        var mrn = TestResources.UniqueValue();
        await Client.CreateAsync(TestResources.Patient(mrn: mrn));
        await Client.CreateAsync(TestResources.Patient(mrn: mrn));

        using var response = await Client.DeleteAsync($"Patient?identifier={mrn}");

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalDelete_NoMatch_Returns204()
    {
        using var response = await Client.DeleteAsync($"Patient?identifier={TestResources.UniqueValue()}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Delete_PreferOutcome_Returns200WithOutcome()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.DeleteAsync($"Patient/{created.Id}", ("Prefer", "return=OperationOutcome"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("W/\"2\"", response.Headers.ETag?.ToString());
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        var issue = Assert.Single(outcome.Issue);
        Assert.Equal(OperationOutcome.IssueSeverity.Information, issue.Severity);
        Assert.Contains($"Patient/{created.Id} deleted as version 2", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Delete_UnknownIdPreferOutcome_Returns200()
    {
        using var response = await Client.DeleteAsync("Patient/never-there", ("Prefer", "return=OperationOutcome"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("Nothing was deleted", outcome.Issue.Single().Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalDelete_PreferOutcome_Returns200()
    {
        var family = $"Outcomedelete{Guid.NewGuid():N}";
        var created = await Client.CreateAsync(new Patient { Name = [new HumanName { Family = family }] });

        using var response = await Client.DeleteAsync($"Patient?family={family}", ("Prefer", "return=OperationOutcome"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains($"Patient/{created.Id} deleted", outcome.Issue.Single().Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Delete_PreferMinimal_Returns204()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.DeleteAsync($"Patient/{created.Id}", ("Prefer", "return=minimal"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
