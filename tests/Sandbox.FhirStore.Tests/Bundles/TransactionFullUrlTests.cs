using System.Net;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace Sandbox.FhirStore.Tests.Bundles;

/// <summary>
/// Other entries' <c>fullUrl</c>s in transaction Bundles over HTTP: in the search of a
/// conditional PATCH, DELETE or PUT and of <c>ifNoneExist</c>, and in the values of a PATCH
/// entry's JSON Patch document or FHIRPath Patch, which are rewritten as references in POST and
/// PUT bodies are.
/// </summary>
public sealed class TransactionFullUrlTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private const string AmendPatch = """[{"op":"replace","path":"/status","value":"amended"}]""";

    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task ConditionalPatch_UrnInSearch_PatchesMatch()
    {
        var (patient, observation) = await CreatePatientWithObservationAsync();
        var patientUrl = NewUrn();
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Patch($"Observation?subject={patientUrl}", AmendPatch)
            .Put(patient, $"Patient/{patient.Id}", patientUrl)
            .Build();

        var response = await PostTransactionAsync(bundle);

        Assert.Equal("200 OK", response.Entry[0].Response!.Status);
        var patched = await ReadAsync<Observation>($"Observation/{observation.Id}");
        Assert.Equal(ObservationStatus.Amended, patched.Status);
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalPatch_UnknownUrnInSearch_Returns404()
    {
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Patch($"Observation?subject={NewUrn()}", AmendPatch)
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.NotFound, outcome.Issue[0].Code);
        Assert.Contains("Bundle.entry[0]", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalPatch_TokenNamingFullUrl_KeepsValue()
    {
        var token = NewUrn();
        var patient = TestResources.Patient();
        patient.Identifier.Add(new Identifier("urn:ietf:rfc:3986", token));
        var created = await Client.CreateAsync(patient);
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Post(new Organization { Name = "Same full URL" }, token)
            .Patch($"Patient?identifier={token}", """[{"op":"add","path":"/active","value":true}]""")
            .Build();

        await PostTransactionAsync(bundle);

        var patched = await ReadAsync<Patient>($"Patient/{created.Id}");
        Assert.True(patched.Active);
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalDelete_UrnInSearch_DeletesMatch()
    {
        var (patient, observation) = await CreatePatientWithObservationAsync();
        var patientUrl = NewUrn();
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Put(patient, $"Patient/{patient.Id}", patientUrl)
            .Delete($"Observation?subject={patientUrl}")
            .Build();

        await PostTransactionAsync(bundle);

        using var read = await Client.GetAsync($"Observation/{observation.Id}");
        Assert.Equal(HttpStatusCode.Gone, read.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalPut_UrnInSearch_UpdatesMatch()
    {
        var (patient, observation) = await CreatePatientWithObservationAsync();
        var patientUrl = NewUrn();
        var replacement = TestResources.Observation(patientUrl);
        replacement.Status = ObservationStatus.Corrected;
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Put(replacement, $"Observation?subject={patientUrl}")
            .Put(patient, $"Patient/{patient.Id}", patientUrl)
            .Build();

        var response = await PostTransactionAsync(bundle);

        Assert.Equal("200 OK", response.Entry[0].Response!.Status);
        var updated = await ReadAsync<Observation>($"Observation/{observation.Id}");
        Assert.Equal(ObservationStatus.Corrected, updated.Status);
        Assert.Equal($"Patient/{patient.Id}", updated.Subject!.Reference);
    }

    [Fact]
    public async System.Threading.Tasks.Task IfNoneExist_UrnInSearch_ReusesMatch()
    {
        var (patient, observation) = await CreatePatientWithObservationAsync();
        var patientUrl = NewUrn();
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Post(TestResources.Observation(patientUrl), ifNoneExist: $"subject={patientUrl}")
            .Put(patient, $"Patient/{patient.Id}", patientUrl)
            .Build();

        var response = await PostTransactionAsync(bundle);

        Assert.Equal("200 OK", response.Entry[0].Response!.Status);
        Assert.StartsWith($"Observation/{observation.Id}/", response.Entry[0].Response!.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Patch_UrnInReference_RewritesToId()
    {
        var (_, observation) = await CreatePatientWithObservationAsync();
        var practitionerUrl = NewUrn();
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Patch($"Observation/{observation.Id}", $$$"""[{"op":"add","path":"/performer","value":[{"reference":"{{{practitionerUrl}}}"}]}]""")
            .Post(new Practitioner { Name = [new HumanName { Family = "Newly" }] }, practitionerUrl)
            .Build();

        var response = await PostTransactionAsync(bundle);

        var practitionerId = response.Entry[1].Response!.Location!.Split('/')[1];
        var patched = await ReadAsync<Observation>($"Observation/{observation.Id}");
        Assert.Equal($"Practitioner/{practitionerId}", Assert.Single(patched.Performer).Reference);
    }

    [Fact]
    public async System.Threading.Tasks.Task FhirPathPatch_UrnInReference_RewritesToId()
    {
        var (_, observation) = await CreatePatientWithObservationAsync();
        var practitionerUrl = NewUrn();
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Post(new Practitioner { Name = [new HumanName { Family = "Newly" }] }, practitionerUrl)
            .Build();
        bundle.Entry.Add(new Bundle.EntryComponent
        {
            Resource = new Parameters().AddAddPatchParameter("Observation", "performer", new ResourceReference(practitionerUrl)),
            Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.PATCH, Url = $"Observation/{observation.Id}" },
        });

        var response = await PostTransactionAsync(bundle);

        var practitionerId = response.Entry[0].Response!.Location!.Split('/')[1];
        var patched = await ReadAsync<Observation>($"Observation/{observation.Id}");
        Assert.Equal($"Practitioner/{practitionerId}", Assert.Single(patched.Performer).Reference);
    }

    [Fact]
    public async System.Threading.Tasks.Task Patch_UrnAtReferencePath_RewritesToId()
    {
        var (_, observation) = await CreatePatientWithObservationAsync();
        var patientUrl = NewUrn();
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Post(TestResources.Patient(), patientUrl)
            .Patch($"Observation/{observation.Id}", $$"""[{"op":"replace","path":"/subject/reference","value":"{{patientUrl}}"}]""")
            .Build();

        var response = await PostTransactionAsync(bundle);

        var patientId = response.Entry[0].Response!.Location!.Split('/')[1];
        var patched = await ReadAsync<Observation>($"Observation/{observation.Id}");
        Assert.Equal($"Patient/{patientId}", patched.Subject!.Reference);
    }

    [Fact]
    public async System.Threading.Tasks.Task Patch_UrnInExtension_RewritesToId()
    {
        var (_, observation) = await CreatePatientWithObservationAsync();
        var locationUrl = NewUrn();
        var patch = $$"""
            [{"op":"add","path":"/extension","value":[
              {"url":"http://example.org/fhir/StructureDefinition/place","valueReference":{"reference":"{{locationUrl}}"} }]}]
            """;
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Post(new Location { Name = "Ward 3" }, locationUrl)
            .Patch($"Observation/{observation.Id}", patch)
            .Build();

        var response = await PostTransactionAsync(bundle);

        var locationId = response.Entry[0].Response!.Location!.Split('/')[1];
        var patched = await ReadAsync<Observation>($"Observation/{observation.Id}");
        var reference = Assert.IsType<ResourceReference>(Assert.Single(patched.Extension).Value);
        Assert.Equal($"Location/{locationId}", reference.Reference);
    }

    [Fact]
    public async System.Threading.Tasks.Task Patch_ConditionalReferenceValue_ResolvesToMatch()
    {
        var (_, observation) = await CreatePatientWithObservationAsync();
        var mrn = TestResources.UniqueValue();
        var other = await Client.CreateAsync(TestResources.Patient(mrn: mrn));
        var patch = $$$"""[{"op":"replace","path":"/subject","value":{"reference":"Patient?identifier={{{TestResources.IdentifierSystem}}}|{{{mrn}}}"}}]""";
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Patch($"Observation/{observation.Id}", patch)
            .Build();

        await PostTransactionAsync(bundle);

        var patched = await ReadAsync<Observation>($"Observation/{observation.Id}");
        Assert.Equal($"Patient/{other.Id}", patched.Subject!.Reference);
    }

    [Fact]
    public async System.Threading.Tasks.Task Patch_ConditionalReferenceNoMatch_Returns412()
    {
        var (_, observation) = await CreatePatientWithObservationAsync();
        var patch = $$$"""[{"op":"replace","path":"/subject","value":{"reference":"Patient?identifier={{{TestResources.IdentifierSystem}}}|{{{TestResources.UniqueValue()}}}"}}]""";
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Patch($"Observation/{observation.Id}", patch)
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.NotFound, outcome.Issue[0].Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task Patch_UnknownUrnValue_Returns400()
    {
        var (_, observation) = await CreatePatientWithObservationAsync();
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Patch($"Observation/{observation.Id}", $$"""[{"op":"replace","path":"/subject/reference","value":"{{NewUrn()}}"}]""")
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("matches no entry's fullUrl", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Patch_UnknownUrnValue_KeepsResource()
    {
        var (_, observation) = await CreatePatientWithObservationAsync();
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Patch($"Observation/{observation.Id}", $$"""[{"op":"replace","path":"/subject/reference","value":"{{NewUrn()}}"}]""")
            .Build();

        (await Client.PostAsync(string.Empty, bundle)).Dispose();

        var stored = await ReadAsync<Observation>($"Observation/{observation.Id}");
        Assert.Equal("1", stored.Meta!.VersionId);
    }

    [Fact]
    public async System.Threading.Tasks.Task Patch_MalformedDocument_Returns400()
    {
        var (_, observation) = await CreatePatientWithObservationAsync();
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Patch($"Observation/{observation.Id}", """{"op":"replace","path":"/status" """)
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("Bundle.entry[0]", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Patch_DuplicateReferenceMember_Returns400()
    {
        var (_, observation) = await CreatePatientWithObservationAsync();
        var patch = """[{"op":"replace","path":"/subject","value":{"reference":"Patient/a","reference":"Patient/b"}}]""";
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Patch($"Observation/{observation.Id}", patch)
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.Structure, outcome.Issue[0].Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task BatchPatch_UrnValue_RejectsEntry()
    {
        var (_, observation) = await CreatePatientWithObservationAsync();
        var bundle = new BundleBuilder(Bundle.BundleType.Batch)
            .Patch($"Observation/{observation.Id}", $$"""[{"op":"replace","path":"/subject/reference","value":"{{NewUrn()}}"}]""")
            .Build();

        using var response = await Client.PostAsync(string.Empty, bundle);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single((await FhirTestClient.ReadAsync<Bundle>(response)).Entry);
        Assert.StartsWith("400", entry.Response!.Status, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Transaction_UrnInUriAndNarrative_RewritesIt()
    {
        var patientUrl = NewUrn();
        var otherUrn = NewUrn();
        var observation = TestResources.Observation(patientUrl);
        observation.Extension.Add(new Extension("http://example.org/fhir/StructureDefinition/source-uri", new FhirUri(patientUrl)));
        observation.Extension.Add(new Extension("http://example.org/fhir/StructureDefinition/source-url", new FhirUrl(patientUrl)));
        observation.Extension.Add(new Extension("http://example.org/fhir/StructureDefinition/source-canonical", new Canonical(patientUrl)));
        observation.Extension.Add(new Extension("http://example.org/fhir/StructureDefinition/other", new FhirUri(otherUrn)));
        observation.Text = new Narrative
        {
            Status = Narrative.NarrativeStatus.Generated,
            Div = $"""<div xmlns="http://www.w3.org/1999/xhtml"><a href="{patientUrl}">Patient</a> <img src="{patientUrl}" alt="photo"/></div>""",
        };
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Post(TestResources.Patient(), patientUrl)
            .Post(observation)
            .Build();

        var response = await PostTransactionAsync(bundle);

        var patientReference = response.Entry[0].Response!.Location!.Split("/_history")[0];
        var stored = await ReadAsync<Observation>(response.Entry[1].Response!.Location!);
        Assert.Equal(patientReference, stored.Subject!.Reference);
        Assert.Equal(patientReference, Assert.IsType<FhirUri>(stored.Extension[0].Value).Value);
        Assert.Equal(patientReference, Assert.IsType<FhirUrl>(stored.Extension[1].Value).Value);

        // FHIR R4 excludes canonical elements, and a urn that names no entry is not a link to rewrite.
        Assert.Equal(patientUrl, Assert.IsType<Canonical>(stored.Extension[2].Value).Value);
        Assert.Equal(otherUrn, Assert.IsType<FhirUri>(stored.Extension[3].Value).Value);
        Assert.Contains($"href=\"{patientReference}\"", stored.Text!.Div, StringComparison.Ordinal);
        Assert.Contains($"src=\"{patientReference}\"", stored.Text.Div, StringComparison.Ordinal);
        Assert.DoesNotContain(patientUrl, stored.Text.Div, StringComparison.Ordinal);
    }

    private static string NewUrn() => $"urn:uuid:{Guid.NewGuid()}";

    private async Task<(Patient Patient, Observation Observation)> CreatePatientWithObservationAsync()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var observation = await Client.CreateAsync(TestResources.Observation($"Patient/{patient.Id}"));
        return (patient, observation);
    }

    private async Task<Bundle> PostTransactionAsync(Bundle bundle)
    {
        using var response = await Client.PostAsync(string.Empty, bundle);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FhirTestClient.ReadAsync<Bundle>(response);
    }

    private async Task<T> ReadAsync<T>(string relative)
        where T : Resource
    {
        using var response = await Client.GetAsync(relative);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FhirTestClient.ReadAsync<T>(response);
    }
}
