using System.Net;
using Hl7.Fhir.Model;
using Sandbox.FhirStore.Tests.Search;

namespace Sandbox.FhirStore.Tests.Access;

/// <summary>
/// Paging links under a limited token: a later page applies the token's access rules to the
/// current rows, so a match that has left the grant since the search ran is left out.
/// </summary>
public sealed class PagingAccessTests(GrantFixture fixture) : IClassFixture<GrantFixture>
{
    private const string CategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";
    private const string LaboratoryScope = $"launch openid fhirUser patient/Observation.rs?category={CategorySystem}|laboratory";

    [Fact]
    public async System.Threading.Tasks.Task NextPage_OwnMatch_IsReturned()
    {
        var (identifier, ids) = await CreateOwnObservationsAsync("laboratory");
        using var fhir = await fixture.OwnPatientClientAsync();
        var next = await NextLinkAsync(fhir, identifier);

        var page = await FollowAsync(fhir, next);

        Assert.Equal([ids[1]], BundleAssert.MatchIds(page));
    }

    [Fact]
    public async System.Threading.Tasks.Task NextPage_MovedToOtherPatient_IsLeftOut()
    {
        var (identifier, ids) = await CreateOwnObservationsAsync("laboratory");
        using var fhir = await fixture.OwnPatientClientAsync();
        var next = await NextLinkAsync(fhir, identifier);
        await UpdateAsync(ids[1], identifier, $"Patient/{GrantFixture.OtherPatientId}", "laboratory");

        var page = await FollowAsync(fhir, next);

        Assert.Empty(BundleAssert.MatchIds(page));
    }

    [Fact]
    public async System.Threading.Tasks.Task NextPage_RecategorisedMatch_IsLeftOut()
    {
        var (identifier, ids) = await CreateOwnObservationsAsync("laboratory");
        using var fhir = await fixture.OwnPatientClientAsync(LaboratoryScope);
        var next = await NextLinkAsync(fhir, identifier);
        await UpdateAsync(ids[1], identifier, $"Patient/{GrantFixture.OwnPatientId}", "vital-signs");

        var page = await FollowAsync(fhir, next);

        Assert.Empty(BundleAssert.MatchIds(page));
    }

    [Fact]
    public async System.Threading.Tasks.Task NextPage_SystemSearchMovedMatch_IsLeftOut()
    {
        var (_, ids) = await CreateOwnObservationsAsync("laboratory");
        using var fhir = await fixture.OwnPatientClientAsync();
        var systemSearch = $"{fixture.Server.FhirBase.AbsoluteUri.TrimEnd('/')}?_type=Observation&_id={ids[0]},{ids[1]}&_count=1";
        var first = await FollowAsync(fhir, systemSearch);
        var next = BundleAssert.Link(first, "next") ?? throw new InvalidOperationException("The first page has no next link.");
        await UpdateAsync(ids[1], TestResources.UniqueValue(), $"Patient/{GrantFixture.OtherPatientId}", "laboratory");

        var page = await FollowAsync(fhir, next);

        Assert.Empty(BundleAssert.MatchIds(page));
    }

    [Fact]
    public async System.Threading.Tasks.Task NextPage_MixedTypesMovedMatch_IsLeftOut()
    {
        var (_, observationIds) = await CreateOwnObservationsAsync("laboratory");
        var conditionId = await CreateOwnConditionAsync();
        using var fhir = await fixture.OwnPatientClientAsync();
        var ids = string.Join(',', [.. observationIds, conditionId]);
        var systemSearch = $"{fixture.Server.FhirBase.AbsoluteUri.TrimEnd('/')}?_type=Observation,Condition&_id={ids}&_count=2";
        var first = await FollowAsync(fhir, systemSearch);
        var next = BundleAssert.Link(first, "next") ?? throw new InvalidOperationException("The first page has no next link.");
        var laterIds = new[] { observationIds[0], observationIds[1], conditionId }.Except(BundleAssert.MatchIds(first)).ToList();
        var moved = laterIds.Where(observationIds.Contains).ToList();
        foreach (var id in moved)
            await UpdateAsync(id, TestResources.UniqueValue(), $"Patient/{GrantFixture.OtherPatientId}", "laboratory");

        var page = await FollowAsync(fhir, next);

        Assert.Equal(laterIds.Except(moved), BundleAssert.MatchIds(page));
    }

    [Fact]
    public async System.Threading.Tasks.Task NextPage_UnrestrictedToken_ReturnsMovedMatch()
    {
        var (identifier, ids) = await CreateOwnObservationsAsync("laboratory");
        var next = await NextLinkAsync(fixture.Admin, identifier);
        await UpdateAsync(ids[1], identifier, $"Patient/{GrantFixture.OtherPatientId}", "vital-signs");

        var page = await FollowAsync(fixture.Admin, next);

        Assert.Equal([ids[1]], BundleAssert.MatchIds(page));
    }

    private async Task<(string Identifier, List<string> Ids)> CreateOwnObservationsAsync(string category)
    {
        var identifier = TestResources.UniqueValue();
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var response = await fixture.Admin.PostAsync(
                "Observation",
                FhirTestClient.JsonContent(Observation(identifier, $"Patient/{GrantFixture.OwnPatientId}", category)));
            response.EnsureSuccessStatusCode();
            ids.Add(response.Headers.Location!.AbsolutePath.Split('/')[^3]);
        }

        return (identifier, ids);
    }

    private async Task<string> CreateOwnConditionAsync()
    {
        var condition = new Condition
        {
            Subject = new ResourceReference($"Patient/{GrantFixture.OwnPatientId}"),
            Code = new CodeableConcept("http://snomed.info/sct", "38341003", "Hypertension"),
        };
        using var response = await fixture.Admin.PostAsync("Condition", FhirTestClient.JsonContent(condition));
        response.EnsureSuccessStatusCode();
        return response.Headers.Location!.AbsolutePath.Split('/')[^3];
    }

    private async System.Threading.Tasks.Task UpdateAsync(string id, string identifier, string subject, string category)
    {
        var observation = Observation(identifier, subject, category);
        observation.Id = id;
        using var response = await fixture.Admin.PutAsync($"Observation/{id}", FhirTestClient.JsonContent(observation));
        response.EnsureSuccessStatusCode();
    }

    private static Observation Observation(string identifier, string subject, string category)
    {
        var observation = TestResources.Observation(subject);
        observation.Identifier = [new Identifier(TestResources.IdentifierSystem, identifier)];
        observation.Category = [new CodeableConcept(CategorySystem, category)];
        return observation;
    }

    private static async Task<string> NextLinkAsync(HttpClient fhir, string identifier)
    {
        var first = await FollowAsync(fhir, $"Observation?identifier={TestResources.IdentifierSystem}|{identifier}&_count=1");
        Assert.Single(BundleAssert.MatchIds(first));
        return BundleAssert.Link(first, "next") ?? throw new InvalidOperationException("The first page has no next link.");
    }

    private static async Task<Bundle> FollowAsync(HttpClient fhir, string url)
    {
        using var response = await fhir.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FhirTestClient.ReadAsync<Bundle>(response);
    }
}
