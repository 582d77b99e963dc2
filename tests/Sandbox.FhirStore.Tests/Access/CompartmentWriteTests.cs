using System.Net;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Sandbox.FhirStore.Tests.Bundles;

namespace Sandbox.FhirStore.Tests.Access;

/// <summary>
/// Writes under a patient-scoped token over HTTP: new content must be in the own patient's
/// compartment and in no other patient's. A second reference to the own patient (a
/// performer, an asserter, a group member) must not place data in another patient's record.
/// </summary>
public sealed class CompartmentWriteTests(GrantFixture fixture) : IClassFixture<GrantFixture>
{
    private const string Own = $"Patient/{GrantFixture.OwnPatientId}";
    private const string Other = $"Patient/{GrantFixture.OtherPatientId}";

    [Fact]
    public async System.Threading.Tasks.Task Create_OtherSubjectOwnPerformer_Returns403()
    {
        var observation = Observation(Other);
        observation.Performer = [new ResourceReference(Own)];

        using var response = await PostAsync(observation);

        await AssertForbiddenAsync(response);
        Assert.Equal(0, await CountAsync("Observation", observation.Identifier[0].Value));
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_OtherSubjectOwnAsserter_Returns403()
    {
        var condition = new Condition
        {
            Identifier = [new Identifier(TestResources.IdentifierSystem, TestResources.UniqueValue())],
            Code = new CodeableConcept("http://snomed.info/sct", "86406008", "HIV infection"),
            Subject = new ResourceReference(Other),
            Asserter = new ResourceReference(Own),
        };

        using var response = await PostAsync(condition);

        await AssertForbiddenAsync(response);
        Assert.Equal(0, await CountAsync("Condition", condition.Identifier[0].Value));
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_GroupWithBothPatients_Returns403()
    {
        var group = new Group
        {
            Identifier = [new Identifier(TestResources.IdentifierSystem, TestResources.UniqueValue())],
            Type = Group.GroupType.Person,
            Actual = true,
            Member =
            [
                new Group.MemberComponent { Entity = new ResourceReference(Own) },
                new Group.MemberComponent { Entity = new ResourceReference(Other) },
            ],
        };

        using var response = await PostAsync(group);

        await AssertForbiddenAsync(response);
        Assert.Equal(0, await CountAsync("Group", group.Identifier[0].Value));
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_GroupWithOwnPatient_Returns201()
    {
        var group = new Group
        {
            Type = Group.GroupType.Person,
            Actual = true,
            Member = [new Group.MemberComponent { Entity = new ResourceReference(Own) }],
        };

        using var response = await PostAsync(group);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Update_OwnPatientLinkToOther_Returns403()
    {
        var patient = new Patient
        {
            Id = GrantFixture.OwnPatientId,
            Identifier = [new Identifier(TestResources.IdentifierSystem, GrantFixture.OwnMrn)],
            Link = [new Patient.LinkComponent { Other = new ResourceReference(Other), Type = Patient.LinkType.Seealso }],
        };
        using var fhir = await fixture.OwnPatientClientAsync();

        using var response = await fhir.PutAsync($"Patient/{GrantFixture.OwnPatientId}", FhirTestClient.JsonContent(patient));

        await AssertForbiddenAsync(response);
        Assert.Empty((await ReadAsAdminAsync<Patient>($"Patient/{GrantFixture.OwnPatientId}")).Link);
    }

    [Fact]
    public async System.Threading.Tasks.Task Patch_AddOtherPerformer_Returns403()
    {
        var id = await CreateAsAdminAsync(Observation(Own));
        const string AddPerformer = $$"""[{"op":"add","path":"/performer","value":[{"reference":"{{Other}}"}]}]""";
        using var fhir = await fixture.OwnPatientClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"Observation/{id}")
        {
            Content = FhirTestClient.RawContent(AddPerformer, "application/json-patch+json"),
        };

        using var response = await fhir.SendAsync(request);

        await AssertForbiddenAsync(response);
        Assert.Empty((await ReadAsAdminAsync<Observation>($"Observation/{id}")).Performer);
    }

    [Fact]
    public async System.Threading.Tasks.Task FhirPathPatch_AddOtherPerformer_Returns403()
    {
        var id = await CreateAsAdminAsync(Observation(Own));
        var patch = new Parameters().AddAddPatchParameter("Observation", "performer", new ResourceReference(Other));
        using var fhir = await fixture.OwnPatientClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"Observation/{id}")
        {
            Content = FhirTestClient.JsonContent(patch),
        };

        using var response = await fhir.SendAsync(request);

        await AssertForbiddenAsync(response);
        Assert.Empty((await ReadAsAdminAsync<Observation>($"Observation/{id}")).Performer);
    }

    [Fact]
    public async System.Threading.Tasks.Task Transaction_OtherSubjectOwnPerformer_Returns403()
    {
        var observation = Observation(Other);
        observation.Performer = [new ResourceReference(Own)];
        var bundle = new BundleBuilder(Bundle.BundleType.Transaction)
            .Post(observation, "urn:uuid:0b7e5f3a-8c1d-4e2f-9a6b-7c8d9e0f1a2b")
            .Build();
        using var fhir = await fixture.OwnPatientClientAsync();

        using var response = await fhir.PostAsync(fixture.Server.FhirBase, FhirTestClient.JsonContent(bundle));

        await AssertForbiddenAsync(response);
        Assert.Equal(0, await CountAsync("Observation", observation.Identifier[0].Value));
    }

    private static Observation Observation(string subject)
    {
        var observation = TestResources.Observation(subject);
        observation.Identifier = [new Identifier(TestResources.IdentifierSystem, TestResources.UniqueValue())];
        return observation;
    }

    private async Task<HttpResponseMessage> PostAsync(Resource resource)
    {
        using var fhir = await fixture.OwnPatientClientAsync();
        return await fhir.PostAsync(resource.TypeName, FhirTestClient.JsonContent(resource));
    }

    private async Task<string> CreateAsAdminAsync(Resource resource)
    {
        using var response = await fixture.Admin.PostAsync(resource.TypeName, FhirTestClient.JsonContent(resource));
        response.EnsureSuccessStatusCode();
        return response.Headers.Location!.AbsolutePath.Split('/')[^3];
    }

    private async Task<T> ReadAsAdminAsync<T>(string relative)
        where T : Resource
    {
        using var response = await fixture.Admin.GetAsync(relative);
        response.EnsureSuccessStatusCode();
        return await FhirTestClient.ReadAsync<T>(response);
    }

    private async Task<int> CountAsync(string resourceType, string? identifier)
    {
        var bundle = await ReadAsAdminAsync<Bundle>($"{resourceType}?identifier={TestResources.IdentifierSystem}|{identifier}&_summary=count");
        return bundle.Total ?? -1;
    }

    private static async System.Threading.Tasks.Task AssertForbiddenAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.Forbidden, outcome.Issue[0].Code);
    }
}
