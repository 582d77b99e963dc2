using System.Net;
using System.Net.Http.Headers;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Access;

/// <summary>
/// Binary under access tokens over HTTP. A Binary is in no patient's compartment, so
/// <c>patient/</c> scopes never reach it, whether the request asks for its content or for
/// the resource, and whatever its securityContext names.
/// </summary>
public sealed class BinaryAccessTests(GrantFixture fixture) : IClassFixture<GrantFixture>
{
    private static readonly byte[] PdfData = "%PDF-1.7 own patient's letter"u8.ToArray();

    [Theory]
    [InlineData("*/*")]
    [InlineData("application/pdf")]
    [InlineData("image/png")]
    [InlineData("application/fhir+json")]
    public async System.Threading.Tasks.Task Read_PatientScope_Returns404(string accept)
    {
        var id = await CreateAsAdminAsync($"Patient/{GrantFixture.OwnPatientId}");
        using var fhir = await fixture.OwnPatientClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"Binary/{id}");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await fhir.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.StartsWith($"Binary/{id} was not found.", outcome.Issue[0].Diagnostics);
    }

    [Fact]
    public async System.Threading.Tasks.Task Vread_PatientScope_Returns404()
    {
        var id = await CreateAsAdminAsync($"Patient/{GrantFixture.OwnPatientId}");
        using var fhir = await fixture.OwnPatientClientAsync();

        using var response = await fhir.GetAsync($"Binary/{id}/_history/1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.NotFound, outcome.Issue[0].Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_UserScope_ReturnsContent()
    {
        var id = await CreateAsAdminAsync($"Patient/{GrantFixture.OtherPatientId}");

        using var response = await fixture.Admin.GetAsync($"Binary/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PdfData, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_ScopeForOtherType_Returns403()
    {
        var id = await CreateAsAdminAsync(securityContext: null);
        using var fhir = await fixture.OwnPatientClientAsync("launch openid patient/Observation.rs");

        using var response = await fhir.GetAsync($"Binary/{id}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.Forbidden, outcome.Issue[0].Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_PatientScopeContentBody_Returns403()
    {
        using var fhir = await fixture.OwnPatientClientAsync();
        using var content = PdfContent();
        content.Headers.Add("X-Security-Context", $"Patient/{GrantFixture.OwnPatientId}");

        using var response = await fhir.PostAsync("Binary", content);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.Forbidden, outcome.Issue[0].Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task Update_PatientScopeContentBody_Returns404()
    {
        var id = await CreateAsAdminAsync($"Patient/{GrantFixture.OwnPatientId}");
        using var fhir = await fixture.OwnPatientClientAsync();
        using var content = PdfContent();

        using var response = await fhir.PutAsync($"Binary/{id}", content);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var read = await fixture.Admin.GetAsync($"Binary/{id}");
        Assert.Equal("W/\"1\"", read.Headers.ETag?.ToString());
    }

    private async Task<string> CreateAsAdminAsync(string? securityContext)
    {
        using var content = PdfContent();
        if (securityContext is not null)
            content.Headers.Add("X-Security-Context", securityContext);

        using var response = await fixture.Admin.PostAsync("Binary", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return response.Headers.Location!.AbsolutePath.Split('/')[^3];
    }

    private static ByteArrayContent PdfContent()
    {
        var content = new ByteArrayContent(PdfData);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return content;
    }
}
