using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Sandbox.FhirStore.Tests.Rest;

public sealed class CreateTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task Create_NewResource_Returns201WithLocation()
    {
        using var response = await Client.PostAsync("Patient", TestResources.Patient());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var patient = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.Equal(Client.Url($"Patient/{patient.Id}/_history/1"), response.Headers.Location);
        Assert.Equal("W/\"1\"", response.Headers.ETag?.ToString());
        Assert.Equal("1", patient.Meta!.VersionId);
        Assert.NotNull(patient.Meta!.LastUpdated);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_BodyWithId_AssignsNewId()
    {
        using var response = await Client.PostAsync("Patient", TestResources.Patient(id: "client-chosen"));

        var patient = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotEqual("client-chosen", patient.Id);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_TypeDiffersFromUrl_Returns400()
    {
        using var response = await Client.PostAsync("Observation", TestResources.Patient());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_IfNoneExistOneMatch_Returns200Existing()
    {
        var mrn = TestResources.UniqueValue();
        var existing = await Client.CreateAsync(TestResources.Patient(mrn: mrn));

        using var response = await Client.PostAsync(
            "Patient",
            TestResources.Patient(mrn: mrn),
            ("If-None-Exist", $"identifier={TestResources.IdentifierSystem}|{mrn}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patient = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.Equal(existing.Id, patient.Id);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_IfNoneExistNoMatch_Returns201()
    {
        using var response = await Client.PostAsync(
            "Patient",
            TestResources.Patient(),
            ("If-None-Exist", $"identifier={TestResources.IdentifierSystem}|{TestResources.UniqueValue()}"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_IfNoneExistSeveralMatches_Returns412()
    {
        var mrn = TestResources.UniqueValue();
        await Client.CreateAsync(TestResources.Patient(mrn: mrn));
        await Client.CreateAsync(TestResources.Patient(mrn: mrn));

        using var response = await Client.PostAsync("Patient", TestResources.Patient(mrn: mrn), ("If-None-Exist", $"identifier={mrn}"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_PreferMinimal_ReturnsNoBody()
    {
        using var response = await Client.PostAsync("Patient", TestResources.Patient(), ("Prefer", "return=minimal"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotNull(response.Headers.Location);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_PreferOperationOutcome_ReturnsOutcome()
    {
        using var response = await Client.PostAsync("Patient", TestResources.Patient(), ("Prefer", "return=OperationOutcome"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueSeverity.Information, outcome.Issue[0].Severity);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_ChunkedBody_Returns201()
    {
        var body = Encoding.UTF8.GetBytes(TestResources.Patient(family: "Chunked").ToJson());
        using var request = new HttpRequestMessage(HttpMethod.Post, Client.Url("Patient"))
        {
            Content = new UnknownLengthContent(body),
        };

        using var response = await Client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var patient = await FhirTestClient.ReadAsync<Patient>(response);
        Assert.Equal("Chunked", patient.Name[0].Family);
    }

    [Fact]
    public async System.Threading.Tasks.Task Create_TwiceSameBody_StoresTwoResources()
    {
        var body = TestResources.Patient();

        var first = await Client.CreateAsync(body);
        var second = await Client.CreateAsync(body);

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal("1", second.Meta!.VersionId);
    }

    /// <summary>A body without Content-Length, which HttpClient sends with chunked transfer encoding.</summary>
    private sealed class UnknownLengthContent : HttpContent
    {
        private readonly byte[] _body;

        public UnknownLengthContent(byte[] body)
        {
            _body = body;
            Headers.ContentType = MediaTypeHeaderValue.Parse(FhirTestClient.JsonMediaType);
        }

        protected override System.Threading.Tasks.Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            stream.WriteAsync(_body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
