using System.Net;
using Hl7.Fhir.Model;
using Sandbox.FhirStore.Tests.Bundles;

namespace Sandbox.FhirStore.Tests.Rest;

/// <summary>PATCH [type]?[search] with JSON Patch: one match is patched, none is 404, several are 412.</summary>
public sealed class ConditionalPatchTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private const string ActivePatch = """[{"op":"add","path":"/active","value":true}]""";

    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task ConditionalPatch_OneMatch_PatchesIt()
    {
        var mrn = TestResources.UniqueValue();
        var created = await Client.CreateAsync(TestResources.Patient(mrn: mrn));

        using var response = await Client.PatchAsync($"Patient?identifier={TestResources.IdentifierSystem}|{mrn}", ActivePatch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patient = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.Equal(created.Id, patient.Id);
        Assert.True(patient.Active);
        Assert.Equal("2", patient.Meta!.VersionId);
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalPatch_NoMatch_Returns404()
    {
        using var response = await Client.PatchAsync(
            $"Patient?identifier={TestResources.IdentifierSystem}|{TestResources.UniqueValue()}",
            ActivePatch);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.NotFound, outcome.Issue[0].Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalPatch_TwoMatches_Returns412()
    {
        var family = "Twin" + TestResources.UniqueValue()[..10];
        await Client.CreateAsync(TestResources.Patient(family: family));
        await Client.CreateAsync(TestResources.Patient(family: family));

        using var response = await Client.PatchAsync($"Patient?family={family}", ActivePatch);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.MultipleMatches, outcome.Issue[0].Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalPatch_TwoMatches_ChangesNothing()
    {
        var family = "Twin" + TestResources.UniqueValue()[..10];
        var first = await Client.CreateAsync(TestResources.Patient(family: family));
        await Client.CreateAsync(TestResources.Patient(family: family));

        (await Client.PatchAsync($"Patient?family={family}", ActivePatch)).Dispose();

        using var read = await Client.GetAsync($"Patient/{first.Id}");
        Assert.Equal("1", (await FhirTestClient.ReadAsync<Patient>(read)).Meta!.VersionId);
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalPatch_NoCondition_Returns400()
    {
        using var response = await Client.PatchAsync("Patient", ActivePatch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalPatch_StaleIfMatch_Returns412()
    {
        var mrn = TestResources.UniqueValue();
        await Client.CreateAsync(TestResources.Patient(mrn: mrn));

        using var response = await Client.PatchAsync(
            $"Patient?identifier={TestResources.IdentifierSystem}|{mrn}",
            ActivePatch,
            ("If-Match", "W/\"7\""));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task BatchConditionalPatch_OneMatch_PatchesIt()
    {
        var mrn = TestResources.UniqueValue();
        var created = await Client.CreateAsync(TestResources.Patient(mrn: mrn));
        var bundle = new Bundle { Type = Bundle.BundleType.Batch };
        bundle.Entry.Add(new Bundle.EntryComponent
        {
            Resource = new Binary { ContentType = "application/json-patch+json", Data = System.Text.Encoding.UTF8.GetBytes(ActivePatch) },
            Request = new Bundle.RequestComponent
            {
                Method = Bundle.HTTPVerb.PATCH,
                Url = $"Patient?identifier={TestResources.IdentifierSystem}|{mrn}",
            },
        });

        using var response = await Client.PostAsync(string.Empty, bundle);

        var entry = (await FhirTestClient.ReadAsync<Bundle>(response)).Entry.Single();
        Assert.Equal("200 OK", entry.Response!.Status);
        Assert.Equal($"Patient/{created.Id}/_history/2", entry.Response.Location);
    }
}
