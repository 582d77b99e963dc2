using System.Net;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Bundles;

/// <summary>
/// The ifNoneMatch and ifModifiedSince fields of batch and transaction entries, which act as
/// the If-None-Match and If-Modified-Since headers of single requests.
/// </summary>
public sealed class BundleConditionalEntryTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task BatchGet_IfNoneMatch_Returns304WhenCurrent()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        (await Client.PutAsync($"Patient/{created.Id}", created)).Dispose();
        var bundle = new BundleBuilder(Bundle.BundleType.Batch)
            .Get($"Patient/{created.Id}", ifNoneMatch: "W/\"2\"")
            .Get($"Patient/{created.Id}", ifNoneMatch: "W/\"1\"")
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal("304 Not Modified", result.Entry[0].Response!.Status);
        Assert.Null(result.Entry[0].Resource);
        Assert.Equal("W/\"2\"", result.Entry[0].Response!.Etag);
        Assert.Equal("200 OK", result.Entry[1].Response!.Status);
        Assert.Equal(created.Id, result.Entry[1].Resource!.Id);
    }

    [Fact]
    public async System.Threading.Tasks.Task TransactionGet_IfNoneMatchList_Returns304()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Get($"Patient/{created.Id}", ifNoneMatch: "W/\"7\", W/\"1\"")
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = (await FhirTestClient.ReadAsync<Bundle>(response)).Entry.Single();
        Assert.Equal("304 Not Modified", entry.Response!.Status);
        Assert.Null(entry.Resource);
    }

    [Fact]
    public async System.Threading.Tasks.Task BatchHead_IfNoneMatchStar_Returns304()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var bundle = new BundleBuilder(Bundle.BundleType.Batch)
            .Head($"Patient/{created.Id}", ifNoneMatch: "*")
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        var entry = (await FhirTestClient.ReadAsync<Bundle>(response)).Entry.Single();
        Assert.Equal("304 Not Modified", entry.Response!.Status);
        Assert.Equal("W/\"1\"", entry.Response.Etag);
    }

    [Fact]
    public async System.Threading.Tasks.Task BatchGet_IfModifiedSince_Returns304WhenUnchanged()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var lastUpdated = created.Meta!.LastUpdated!.Value;
        var bundle = new BundleBuilder(Bundle.BundleType.Batch)
            .Get($"Patient/{created.Id}", ifModifiedSince: lastUpdated.AddMinutes(1))
            .Get($"Patient/{created.Id}", ifModifiedSince: lastUpdated.AddHours(-1))
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        var result = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal("304 Not Modified", result.Entry[0].Response!.Status);
        Assert.Null(result.Entry[0].Resource);
        Assert.Equal("200 OK", result.Entry[1].Response!.Status);
        Assert.NotNull(result.Entry[1].Resource);
    }

    [Fact]
    public async System.Threading.Tasks.Task BatchVread_IfNoneMatch_ReturnsVersion()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var bundle = new BundleBuilder(Bundle.BundleType.Batch)
            .Get($"Patient/{created.Id}/_history/1", ifNoneMatch: "W/\"1\"")
            .Get($"Patient/{created.Id}", ifNoneMatch: "W/\"1\"")
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        var result = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal("200 OK", result.Entry[0].Response!.Status);
        Assert.NotNull(result.Entry[0].Resource);
        Assert.Equal("304 Not Modified", result.Entry[1].Response!.Status);
    }

    [Fact]
    public async System.Threading.Tasks.Task BatchPut_IfNoneMatchStar_CreatesOnlyAbsent()
    {
        var existing = await Client.CreateAsync(TestResources.Patient(family: "Original"));
        var newId = TestResources.UniqueValue();
        var bundle = new BundleBuilder(Bundle.BundleType.Batch)
            .Put(TestResources.Patient(id: existing.Id, family: "Changed"), $"Patient/{existing.Id}", ifNoneMatch: "*")
            .Put(TestResources.Patient(id: newId), $"Patient/{newId}", ifNoneMatch: "*")
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal("412 Precondition Failed", result.Entry[0].Response!.Status);
        var outcome = Assert.IsType<OperationOutcome>(result.Entry[0].Response!.Outcome);
        Assert.Contains("Bundle.entry[0]", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal("201 Created", result.Entry[1].Response!.Status);
        using var read = await Client.GetAsync($"Patient/{existing.Id}");
        Assert.Equal("Original", (await FhirTestClient.ReadAsync<Patient>(read)).Name[0].Family);
    }

    [Fact]
    public async System.Threading.Tasks.Task TransactionPut_IfNoneMatchExisting_Returns412()
    {
        var existing = await Client.CreateAsync(TestResources.Patient());
        var family = $"Rolledback{TestResources.UniqueValue()}";
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Post(TestResources.Patient(family: family))
            .Put(TestResources.Patient(id: existing.Id), $"Patient/{existing.Id}", ifNoneMatch: "*")
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal("Bundle.entry[1]", Assert.Single(outcome.Issue[0].Expression));
        var search = await Client.ReadBundleAsync($"Patient?family={family}");
        Assert.Empty(search.Entry);
    }

    [Fact]
    public async System.Threading.Tasks.Task TransactionPut_IfNoneMatchEtag_Returns400()
    {
        var existing = await Client.CreateAsync(TestResources.Patient(family: "Original"));
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Put(TestResources.Patient(id: existing.Id, family: "Changed"), $"Patient/{existing.Id}", ifNoneMatch: "W/\"1\"")
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var issue = (await FhirTestClient.ReadAsync<OperationOutcome>(response)).Issue[0];
        Assert.Equal(OperationOutcome.IssueType.NotSupported, issue.Code);
        Assert.Contains("request.ifNoneMatch", issue.Diagnostics, StringComparison.Ordinal);
        Assert.Contains("W/\"1\"", issue.Diagnostics, StringComparison.Ordinal);
        using var read = await Client.GetAsync($"Patient/{existing.Id}");
        Assert.Equal("Original", (await FhirTestClient.ReadAsync<Patient>(read)).Name[0].Family);
    }

    [Fact]
    public async System.Threading.Tasks.Task BatchPut_IfNoneMatchWithIfMatch_FailsEntry()
    {
        var existing = await Client.CreateAsync(TestResources.Patient());
        var bundle = new BundleBuilder(Bundle.BundleType.Batch)
            .Put(TestResources.Patient(id: existing.Id), $"Patient/{existing.Id}", ifMatch: "W/\"1\"", ifNoneMatch: "*")
            .Post(TestResources.Patient())
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal("400 Bad Request", result.Entry[0].Response!.Status);
        var outcome = Assert.IsType<OperationOutcome>(result.Entry[0].Response!.Outcome);
        Assert.Contains("not both", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal("201 Created", result.Entry[1].Response!.Status);
    }

    [Fact]
    public async System.Threading.Tasks.Task TransactionConditionalPut_IfNoneMatchMatch_Returns412()
    {
        var mrn = TestResources.UniqueValue();
        await Client.CreateAsync(TestResources.Patient(mrn: mrn));
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Put(TestResources.Patient(mrn: mrn), $"Patient?identifier={TestResources.IdentifierSystem}|{mrn}", ifNoneMatch: "*")
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task TransactionConditionalPut_IdDiffersFromMatch_Returns400()
    {
        var mrn = TestResources.UniqueValue();
        await Client.CreateAsync(TestResources.Patient(mrn: mrn));
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Put(TestResources.Patient(id: "other-id", mrn: mrn), $"Patient?identifier={TestResources.IdentifierSystem}|{mrn}")
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
