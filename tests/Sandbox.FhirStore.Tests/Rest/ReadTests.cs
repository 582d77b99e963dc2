using System.Net;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Rest;

public sealed class ReadTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task Read_ExistingResource_ReturnsVersionHeaders()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.GetAsync($"Patient/{created.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("W/\"1\"", response.Headers.ETag?.ToString());
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var patient = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.Equal(created.Id, patient.Id);
        Assert.Equal("1", patient.Meta!.VersionId);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_UnknownId_Returns404()
    {
        using var response = await Client.GetAsync("Patient/does-not-exist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.NotFound, outcome.Issue[0].Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_UnknownType_Returns404()
    {
        using var response = await Client.GetAsync("Spaceship/1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains("Spaceship", outcome.Issue[0].Diagnostics);
    }

    [Theory]
    [InlineData("$export")]
    [InlineData("Patient/$export")]
    [InlineData("Patient/p1/$frobnicate")]
    public async System.Threading.Tasks.Task Get_UnknownOperation_Returns404NotSupported(string path)
    {
        using var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, outcome.Issue[0].Code);
        Assert.Contains("operation", outcome.Issue[0].Diagnostics);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_InvalidId_Returns400()
    {
        using var response = await Client.GetAsync("Patient/has_underscore");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_DeletedResource_Returns410()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        (await Client.DeleteAsync($"Patient/{created.Id}")).Dispose();

        using var response = await Client.GetAsync($"Patient/{created.Id}");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_MatchingIfNoneMatch_Returns304()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.GetAsync($"Patient/{created.Id}", ("If-None-Match", "W/\"1\""));

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_IfNoneMatchLeadingZero_Returns200()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.GetAsync($"Patient/{created.Id}", ("If-None-Match", "W/\"01\""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_StaleIfNoneMatch_Returns200()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        (await Client.PutAsync($"Patient/{created.Id}", created)).Dispose();

        using var response = await Client.GetAsync($"Patient/{created.Id}", ("If-None-Match", "W/\"1\""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_IfModifiedSinceLater_Returns304()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var later = DateTimeOffset.UtcNow.AddMinutes(5).ToString("R");

        using var response = await Client.GetAsync($"Patient/{created.Id}", ("If-Modified-Since", later));

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_IfModifiedSinceEarlier_Returns200()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        var earlier = DateTimeOffset.UtcNow.AddHours(-1).ToString("R");

        using var response = await Client.GetAsync($"Patient/{created.Id}", ("If-Modified-Since", earlier));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task VRead_OldVersion_ReturnsThatVersion()
    {
        var created = await Client.CreateAsync(TestResources.Patient(family: "Before"));
        created.Name[0].Family = "After";
        (await Client.PutAsync($"Patient/{created.Id}", created)).Dispose();

        using var response = await Client.GetAsync($"Patient/{created.Id}/_history/1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("W/\"1\"", response.Headers.ETag?.ToString());
        var patient = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.Equal("Before", patient.Name[0].Family);
    }

    [Fact]
    public async System.Threading.Tasks.Task VRead_MissingVersion_Returns404()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.GetAsync($"Patient/{created.Id}/_history/7");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task VRead_DeletionVersion_Returns410()
    {
        var created = await Client.CreateAsync(TestResources.Patient());
        (await Client.DeleteAsync($"Patient/{created.Id}")).Dispose();

        using var response = await Client.GetAsync($"Patient/{created.Id}/_history/2");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
    }

    [Theory]
    [InlineData("foo=bar", "foo")]
    [InlineData("_count=1", "_count")]
    [InlineData("name=smith&_elements=gender", "name")]
    public async System.Threading.Tasks.Task StrictRead_UnknownParameter_Returns400NamingIt(string query, string name)
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.GetAsync($"Patient/{created.Id}?{query}", ("Prefer", "handling=strict"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, outcome.Issue[0].Code);
        Assert.Contains($"'{name}'", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        Assert.Equal(name, outcome.Issue[0].Expression.Single());
    }

    [Fact]
    public async System.Threading.Tasks.Task StrictVRead_UnknownParameter_Returns400()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.GetAsync($"Patient/{created.Id}/_history/1?foo=bar", ("Prefer", "handling=strict"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task StrictRead_ReadParameters_Returns200()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.GetAsync(
            $"Patient/{created.Id}?_format=json&_pretty=true&_summary=false&_elements=gender",
            ("Prefer", "handling=strict"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task LenientRead_UnknownParameter_Returns200()
    {
        var created = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.GetAsync($"Patient/{created.Id}?foo=bar");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
