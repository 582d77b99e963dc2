using System.Net;
using System.Net.Http.Headers;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Access;

/// <summary>
/// Binary under access tokens over HTTP. A Binary whose securityContext is a Patient is in that
/// patient's compartment, so <c>patient/</c> scopes reach it for the patient in context, in its
/// content form as in its resource form. Any other Binary is in no patient's compartment.
/// </summary>
public sealed class BinaryAccessTests(GrantFixture fixture) : IClassFixture<GrantFixture>
{
    private static readonly byte[] PdfData = "%PDF-1.7 own patient's letter"u8.ToArray();

    [Fact]
    public async System.Threading.Tasks.Task Read_OwnPatientContext_ReturnsContent()
    {
        var id = await CreateAsAdminAsync($"Patient/{GrantFixture.OwnPatientId}");
        using var fhir = await fixture.OwnPatientClientAsync("launch openid patient/Binary.rs");

        using var response = await fhir.GetAsync($"Binary/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PdfData, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_OwnPatientContextAsResource_ReturnsBinary()
    {
        var id = await CreateAsAdminAsync($"Patient/{GrantFixture.OwnPatientId}");
        using var fhir = await fixture.OwnPatientClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"Binary/{id}/_history/1");
        request.Headers.TryAddWithoutValidation("Accept", "application/fhir+json");

        using var response = await fhir.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var binary = await FhirTestClient.ReadAsync<Binary>(response);
        Assert.Equal($"Patient/{GrantFixture.OwnPatientId}", binary.SecurityContext?.Reference);
    }

    [Theory]
    [InlineData("Patient/p-other", "*/*")]
    [InlineData("Patient/p-other", "application/pdf")]
    [InlineData("Patient/p-other", "image/png")]
    [InlineData("Patient/p-other", "application/fhir+json")]
    [InlineData("Patient/p-other/_history/1", "*/*")]
    [InlineData("Practitioner/pr-1", "*/*")]
    [InlineData(null, "*/*")]
    public async System.Threading.Tasks.Task Read_PatientScopeOtherContext_Returns404(string? securityContext, string accept)
    {
        var id = await CreateBinaryAsAdminAsync(securityContext);
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
    public async System.Threading.Tasks.Task Vread_PatientScopeOtherContext_Returns404()
    {
        var id = await CreateAsAdminAsync($"Patient/{GrantFixture.OtherPatientId}");
        using var fhir = await fixture.OwnPatientClientAsync();

        using var response = await fhir.GetAsync($"Binary/{id}/_history/1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.NotFound, outcome.Issue[0].Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task Search_PatientScope_ReturnsOwnContextOnly()
    {
        var own = await CreateAsAdminAsync($"Patient/{GrantFixture.OwnPatientId}");
        var other = await CreateAsAdminAsync($"Patient/{GrantFixture.OtherPatientId}");
        var none = await CreateAsAdminAsync(securityContext: null);
        using var fhir = await fixture.OwnPatientClientAsync();

        using var response = await fhir.GetAsync($"Binary?_id={own},{other},{none}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bundle = await FhirTestClient.ReadAsync<Bundle>(response);
        var match = Assert.Single(bundle.Entry, entry => entry.Search?.Mode == Bundle.SearchEntryMode.Match);
        Assert.Equal(own, match.Resource?.Id);
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
    public async System.Threading.Tasks.Task Create_PatientScopeOwnContext_Returns201()
    {
        using var fhir = await fixture.OwnPatientClientAsync();
        using var content = PdfContent();
        content.Headers.Add("X-Security-Context", $"Patient/{GrantFixture.OwnPatientId}");

        using var response = await fhir.PostAsync("Binary", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("Patient/p-other")]
    [InlineData(null)]
    public async System.Threading.Tasks.Task Create_PatientScopeOtherContext_Returns403(string? securityContext)
    {
        using var fhir = await fixture.OwnPatientClientAsync();
        using var content = PdfContent();
        if (securityContext is not null)
            content.Headers.Add("X-Security-Context", securityContext);

        using var response = await fhir.PostAsync("Binary", content);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.Forbidden, outcome.Issue[0].Code);
    }

    [Fact]
    public async System.Threading.Tasks.Task Update_PatientScopeOtherContext_Returns404()
    {
        var id = await CreateAsAdminAsync($"Patient/{GrantFixture.OtherPatientId}");
        using var fhir = await fixture.OwnPatientClientAsync();
        using var content = PdfContent();

        using var response = await fhir.PutAsync($"Binary/{id}", content);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var read = await fixture.Admin.GetAsync($"Binary/{id}");
        Assert.Equal("W/\"1\"", read.Headers.ETag?.ToString());
    }

    // A patient-scoped update keeps the Binary in its patient's compartment only when the new
    // version names that patient too, so it cannot move a Binary out to another patient.
    [Fact]
    public async System.Threading.Tasks.Task Update_PatientScopeMovesToOtherPatient_Returns403()
    {
        var id = await CreateAsAdminAsync($"Patient/{GrantFixture.OwnPatientId}");
        using var fhir = await fixture.OwnPatientClientAsync();
        using var content = PdfContent();
        content.Headers.Add("X-Security-Context", $"Patient/{GrantFixture.OtherPatientId}");

        using var response = await fhir.PutAsync($"Binary/{id}", content);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
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

    // Writes the Binary as a FHIR resource, which may carry a securityContext that the
    // X-Security-Context header rejects, such as a versioned reference.
    private async Task<string> CreateBinaryAsAdminAsync(string? securityContext)
    {
        var binary = new Binary { ContentType = "application/pdf", Data = PdfData };
        if (securityContext is not null)
            binary.SecurityContext = new ResourceReference(securityContext);

        using var response = await fixture.Admin.PostAsync("Binary", FhirTestClient.JsonContent(binary));
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
