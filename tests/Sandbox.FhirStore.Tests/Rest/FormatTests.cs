using System.Net;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Sandbox.FhirStore.Tests.Rest;

public sealed class FormatTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task Read_AcceptXml_ReturnsXml()
    {
        var created = await Client.CreateAsync(TestResources.Patient(family: "Xml"));

        using var response = await Client.GetAsync($"Patient/{created.Id}", ("Accept", "application/fhir+xml"));

        Assert.Equal("application/fhir+xml", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<Patient xmlns=\"http://hl7.org/fhir\"", body.TrimStart('\uFEFF').Replace("<?xml version=\"1.0\" encoding=\"utf-8\"?>", string.Empty, StringComparison.Ordinal));
        Assert.Contains("<family value=\"Xml\" />", body);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_FormatParameterXml_OverridesAccept()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.GetAsync($"Patient/{created.Id}?_format=xml", ("Accept", "application/fhir+json"));

        Assert.Equal("application/fhir+xml", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_AcceptApplicationJson_ReturnsJson()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.GetAsync($"Patient/{created.Id}", ("Accept", "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_Pretty_IndentsJson()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.GetAsync($"Patient/{created.Id}?_pretty=true");

        Assert.Contains("\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_UnsupportedAccept_Returns406()
    {
        using var response = await Client.GetAsync("metadata", ("Accept", "text/csv"));

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_XmlBody_StoresResource()
    {
        var xml = TestResources.Patient(family: "FromXml").ToXml();
        using var content = FhirTestClient.RawContent(xml, "application/fhir+xml");

        using var response = await Client.Http.PostAsync(Client.Url("Patient"), content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var patient = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.Equal("FromXml", patient.Name[0].Family);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_UnsupportedContentType_Returns415()
    {
        using var content = new StringContent("name,family", Encoding.UTF8, "text/csv");

        using var response = await Client.Http.PostAsync(Client.Url("Patient"), content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }
}
