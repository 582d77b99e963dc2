using System.Net;
using System.Text;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Rest;

public sealed class SearchEntryTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task Search_ByIdentifier_ReturnsSearchset()
    {
        var mrn = TestResources.UniqueValue();
        var created = await Client.CreateAsync(TestResources.Patient(mrn: mrn));

        using var response = await Client.GetAsync($"Patient?identifier={TestResources.IdentifierSystem}|{mrn}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bundle = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal(Bundle.BundleType.Searchset, bundle.Type);
        Assert.Equal(created.Id, bundle.Entry.Single().Resource!.Id);
    }

    [Fact]
    public async System.Threading.Tasks.Task Search_PostForm_MatchesGet()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        using var form = new StringContent($"_id={created.Id}", Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await Client.Http.PostAsync(Client.Url("Patient/_search"), form);

        var bundle = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Equal(created.Id, bundle.Entry.Single().Resource!.Id);
    }

    [Fact]
    public async System.Threading.Tasks.Task Search_DeletedResource_IsNotFound()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        (await Client.DeleteAsync($"Patient/{created.Id}")).Dispose();

        using var response = await Client.GetAsync($"Patient?_id={created.Id}");

        var bundle = await FhirTestClient.ReadAsync<Bundle>(response);
        Assert.Empty(bundle.Entry);
    }

    [Fact]
    public async System.Threading.Tasks.Task Search_UnknownType_Returns404()
    {
        using var response = await Client.GetAsync("Spaceship?_id=1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
