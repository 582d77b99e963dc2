using System.Net;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Access;

/// <summary>
/// Conditional patch and <c>$everything</c> under a patient-scoped token over HTTP: another
/// patient's resources count as absent, as they do for conditional update and read, and
/// <c>$everything</c> adds a referenced resource, indexed or not, only when the token may read it.
/// </summary>
public sealed class PatchAndEverythingAccessTests(GrantFixture fixture) : IClassFixture<GrantFixture>
{
    private const string StatusPatch = """[{"op":"add","path":"/status","value":"amended"}]""";

    [Fact]
    public async System.Threading.Tasks.Task ConditionalPatch_HiddenMatch_Returns404()
    {
        using var fhir = await fixture.OwnPatientClientAsync();

        using var response = await PatchAsync(fhir, $"Observation?identifier={TestResources.IdentifierSystem}|{GrantFixture.OtherObservationMrn}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(fixture.OtherObservationId, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async System.Threading.Tasks.Task ConditionalPatch_HiddenMatch_KeepsResource()
    {
        using var fhir = await fixture.OwnPatientClientAsync();

        (await PatchAsync(fhir, $"Observation?identifier={TestResources.IdentifierSystem}|{GrantFixture.OtherObservationMrn}")).Dispose();

        using var read = await fixture.Admin.GetAsync($"Observation/{fixture.OtherObservationId}");
        var observation = await FhirTestClient.ReadAsync<Observation>(read);
        Assert.Equal(ObservationStatus.Final, observation.Status);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_OtherPatient_Returns404()
    {
        using var fhir = await fixture.OwnPatientClientAsync();

        using var response = await fhir.GetAsync($"Patient/{GrantFixture.OtherPatientId}/$everything");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.NotFound, outcome.Issue[0].Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_OwnPatient_ReturnsPatient()
    {
        using var fhir = await fixture.OwnPatientClientAsync();

        using var response = await fhir.GetAsync($"Patient/{GrantFixture.OwnPatientId}/$everything");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bundle = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Contains(bundle.Entry, entry => entry.Resource is Patient { Id: GrantFixture.OwnPatientId });
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_UserGrant_IncludesOtherPatientReference()
    {
        await CreateOwnObservationAsync(observation =>
            observation.DerivedFrom = [new ResourceReference($"Observation/{fixture.OtherObservationId}")]);

        using var response = await fixture.Admin.GetAsync($"Patient/{GrantFixture.OwnPatientId}/$everything");

        var bundle = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Contains(bundle.Entry, entry => entry.Resource is Observation { Id: var id } && id == fixture.OtherObservationId);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_PatientGrant_HidesOtherPatientReference()
    {
        await CreateOwnObservationAsync(observation =>
            observation.DerivedFrom = [new ResourceReference($"Observation/{fixture.OtherObservationId}")]);
        using var fhir = await fixture.OwnPatientClientAsync();

        using var response = await fhir.GetAsync($"Patient/{GrantFixture.OwnPatientId}/$everything");

        var bundle = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.DoesNotContain(bundle.Entry, entry => entry.Resource is Observation { Id: var id } && id == fixture.OtherObservationId);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_UserGrant_IncludesOtherPatientInExtension()
    {
        await CreateOwnObservationAsync(ReferenceOtherPatientInExtension);

        using var response = await fixture.Admin.GetAsync($"Patient/{GrantFixture.OwnPatientId}/$everything");

        var bundle = await FhirTestClient.ReadAsync<Bundle>(response);
        var entry = Assert.Single(bundle.Entry, entry => entry.Resource is Patient { Id: GrantFixture.OtherPatientId });
        Assert.Equal(Bundle.SearchEntryMode.Include, entry.Search?.Mode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_PatientGrant_HidesOtherPatientInExtension()
    {
        await CreateOwnObservationAsync(ReferenceOtherPatientInExtension);
        using var fhir = await fixture.OwnPatientClientAsync();

        using var response = await fhir.GetAsync($"Patient/{GrantFixture.OwnPatientId}/$everything");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(GrantFixture.OtherFamily, body, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_PatientGrant_HidesNoteAuthorPatient()
    {
        await CreateOwnObservationAsync(observation =>
            observation.Note = [new Annotation { Author = new ResourceReference($"Patient/{GrantFixture.OtherPatientId}"), Text = "Relayed." }]);
        using var fhir = await fixture.OwnPatientClientAsync();

        using var response = await fhir.GetAsync($"Patient/{GrantFixture.OwnPatientId}/$everything");

        var bundle = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.DoesNotContain(bundle.Entry, entry => entry.Resource is Patient { Id: GrantFixture.OtherPatientId });
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_PatientGrant_HidesUnreadablePractitioner()
    {
        var practitionerId = await CreatePerformedObservationAsync();
        // patient/*.rs would reach Practitioner, which contains no patient's data.
        using var fhir = await fixture.OwnPatientClientAsync("launch openid fhirUser patient/Patient.rs patient/Observation.rs");

        using var response = await fhir.GetAsync($"Patient/{GrantFixture.OwnPatientId}/$everything");

        var bundle = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.DoesNotContain(bundle.Entry, entry => entry.Resource is Practitioner);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_PatientGrant_IncludesReadablePractitioner()
    {
        var practitionerId = await CreatePerformedObservationAsync();
        using var fhir = await fixture.OwnPatientClientAsync("launch openid fhirUser patient/*.rs user/Practitioner.rs");

        using var response = await fhir.GetAsync($"Patient/{GrantFixture.OwnPatientId}/$everything");

        var bundle = await FhirTestClient.ReadAsync<Bundle>(response);
        var entry = Assert.Single(bundle.Entry, entry => entry.Resource is Practitioner { Id: var id } && id == practitionerId);
        Assert.Equal(Bundle.SearchEntryMode.Include, entry.Search?.Mode);
    }

    private static void ReferenceOtherPatientInExtension(Observation observation) =>
        observation.Extension.Add(new Extension(
            "http://example.org/fhir/StructureDefinition/relative",
            new ResourceReference($"Patient/{GrantFixture.OtherPatientId}")));

    /// <summary>Creates a Practitioner and an Observation of the own patient that it performed, and returns the Practitioner's id.</summary>
    private async Task<string> CreatePerformedObservationAsync()
    {
        var practitionerId = TestResources.UniqueValue();
        using var put = await fixture.Admin.PutAsync($"Practitioner/{practitionerId}", FhirTestClient.JsonContent(new Practitioner { Id = practitionerId, Name = [new HumanName { Family = "Performer" }] }));
        put.EnsureSuccessStatusCode();
        await CreateOwnObservationAsync(observation =>
            observation.Performer = [new ResourceReference($"Practitioner/{practitionerId}")]);
        return practitionerId;
    }

    private async System.Threading.Tasks.Task CreateOwnObservationAsync(Action<Observation> configure)
    {
        var observation = TestResources.Observation($"Patient/{GrantFixture.OwnPatientId}");
        configure(observation);
        using var response = await fixture.Admin.PostAsync("Observation", FhirTestClient.JsonContent(observation));
        response.EnsureSuccessStatusCode();
    }

    private static Task<HttpResponseMessage> PatchAsync(HttpClient fhir, string relative)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, relative)
        {
            Content = FhirTestClient.RawContent(StatusPatch, "application/json-patch+json"),
        };
        return fhir.SendAsync(request);
    }
}
