using System.Net;
using Hl7.Fhir.Model;
using Sandbox.FhirStore.Formats;

namespace Sandbox.FhirStore.Tests.Rest;

public sealed class CapabilitiesTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task Metadata_ListsEveryResourceType()
    {
        var statement = await ReadStatementAsync();

        var types = statement.Rest[0].Resource.Select(resource => resource.Type).ToList();
        Assert.Equal(ModelInfo.SupportedResources.Count(name => name is not "Resource" and not "DomainResource"), types.Count);
        Assert.Contains("Patient", types);
        Assert.Contains("Observation", types);
    }

    [Fact]
    public async System.Threading.Tasks.Task Metadata_DescribesVersioningAndFormats()
    {
        var statement = await ReadStatementAsync();

        var patient = statement.Rest[0].Resource.Single(resource => resource.Type == "Patient");
        Assert.Equal(FHIRVersion.N4_0_1, statement.FhirVersion);
        Assert.Contains("application/fhir+xml", statement.Format);
        Assert.Equal(CapabilityStatement.ResourceVersionPolicy.Versioned, patient.Versioning);
        Assert.Contains(patient.Interaction, interaction => interaction.Code == CapabilityStatement.TypeRestfulInteraction.Patch);
        Assert.Contains(patient.Operation, operation => operation.Name == "everything");
        Assert.Contains(patient.SearchParam, parameter => parameter.Name == "identifier");
        Assert.Contains(statement.Rest[0].Interaction, interaction => interaction.Code == CapabilityStatement.SystemRestfulInteraction.Transaction);
    }

    [Fact]
    public async System.Threading.Tasks.Task Metadata_ConditionalRead_IsFullSupport()
    {
        var statement = await ReadStatementAsync();

        var patient = statement.Rest[0].Resource.Single(resource => resource.Type == "Patient");
        Assert.Equal(CapabilityStatement.ConditionalReadStatus.FullSupport, patient.ConditionalRead);
    }

    [Fact]
    public async System.Threading.Tasks.Task Metadata_ListsIndexedSearchParameters()
    {
        var statement = await ReadStatementAsync();

        var observation = statement.Rest[0].Resource.Single(resource => resource.Type == "Observation");
        Assert.Contains(observation.SearchParam, parameter => parameter.Name == "patient");
        Assert.Contains(observation.SearchParam, parameter => parameter.Name == "_lastUpdated");
        Assert.Contains(observation.SearchParam, parameter => parameter.Name == "code-value-quantity");
    }

    [Fact]
    public async System.Threading.Tasks.Task Metadata_ListsIncludeValues()
    {
        var statement = await ReadStatementAsync();

        var observation = statement.Rest[0].Resource.Single(resource => resource.Type == "Observation");
        var patient = statement.Rest[0].Resource.Single(resource => resource.Type == "Patient");
        Assert.Contains("Observation:subject", observation.SearchInclude);
        Assert.Contains("Observation:*", observation.SearchInclude);
        Assert.DoesNotContain("Observation:code", observation.SearchInclude);
        Assert.Contains("Observation:subject", patient.SearchRevInclude);
        Assert.Contains("Encounter:patient", patient.SearchRevInclude);
        Assert.DoesNotContain("Observation:subject", observation.SearchRevInclude);
    }

    [Fact]
    public async System.Threading.Tasks.Task Metadata_ListedIncludes_AreAccepted()
    {
        var statement = await ReadStatementAsync();
        var patient = statement.Rest[0].Resource.Single(resource => resource.Type == "Patient");
        var queries = patient.SearchRevInclude.Select(value => "_revinclude=" + value)
            .Concat(patient.SearchInclude.Select(value => "_include=" + value));

        var rejected = new List<string>();
        foreach (var query in queries)
        {
            using var response = await Client.GetAsync($"Patient?_id=none&{query}", ("Prefer", "handling=strict"));
            if (response.StatusCode != HttpStatusCode.OK)
                rejected.Add($"{query}: {(int)response.StatusCode}");
        }

        Assert.Empty(rejected);
    }

    [Fact]
    public async System.Threading.Tasks.Task Metadata_ListedLocationParameters_AreAccepted()
    {
        var statement = await ReadStatementAsync();
        var location = statement.Rest[0].Resource.Single(resource => resource.Type == "Location");

        var rejected = new List<string>();
        foreach (var parameter in location.SearchParam)
        {
            var query = $"{parameter.Name}={Uri.EscapeDataString(SampleValue(parameter.Type))}";
            using var response = await Client.GetAsync($"Location?{query}", ("Prefer", "handling=strict"));
            if (response.StatusCode != HttpStatusCode.OK)
                rejected.Add($"{query}: {(int)response.StatusCode}");
        }

        Assert.Empty(rejected);
        Assert.DoesNotContain(location.SearchParam, parameter => parameter.Name == "near");
    }

    [Theory]
    [InlineData("terminology", OperationOutcome.IssueType.NotSupported)]
    [InlineData("normative", OperationOutcome.IssueType.NotSupported)]
    [InlineData("everything", OperationOutcome.IssueType.Invalid)]
    public async System.Threading.Tasks.Task Metadata_OtherMode_Returns400(string mode, OperationOutcome.IssueType code)
    {
        using var response = await Client.GetAsync($"metadata?mode={mode}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(code, outcome.Issue[0].Code);
        Assert.Contains($"'{mode}'", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Metadata_FullMode_ReturnsStatement()
    {
        using var response = await Client.GetAsync("metadata?mode=full");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.IsType<CapabilityStatement>(await FhirTestClient.ReadAsync<CapabilityStatement>(response));
    }

    [Fact]
    public async System.Threading.Tasks.Task Metadata_UnderEachHostName_NamesThatHost()
    {
        var port = fixture.Server.BaseAddress.Port;
        foreach (var host in new[] { $"127.0.0.1:{port}", $"localhost:{port}", $"127.0.0.1:{port}" })
        {
            using var response = await Client.GetAsync("metadata", ("Host", host));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var statement = await FhirTestClient.ReadAsync<CapabilityStatement>(response);
            Assert.Equal($"http://{host}/fhir", statement.Implementation?.Url);
        }
    }

    [Theory]
    [InlineData("application/fhir+xml", "application/fhir+xml")]
    [InlineData("application/fhir+json", "application/fhir+json")]
    [InlineData("application/xml", "application/fhir+xml")]
    public async System.Threading.Tasks.Task Metadata_InTheRequestedFormat(string accept, string mediaType)
    {
        // The compact JSON statement is requested first, so the pretty one must not be served from it.
        using var compact = await Client.GetAsync("metadata");
        using var response = await Client.GetAsync("metadata?_pretty=true", ("Accept", accept));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Contains((byte)'\n', body);
        var format = mediaType.EndsWith("xml", StringComparison.Ordinal) ? FhirFormat.Xml : FhirFormat.Json;
        Assert.IsType<CapabilityStatement>(FhirSerializer.Parse(body, format));
    }

    // A value that is valid for every parameter of the type, so that only an unsupported
    // parameter makes a strict search fail.
    private static string SampleValue(SearchParamType? type) => type switch
    {
        SearchParamType.Number => "1",
        SearchParamType.Date => "2020",
        SearchParamType.Quantity => "1",
        SearchParamType.Reference => "Organization/x",
        SearchParamType.Uri => "http://example.org",
        SearchParamType.Special => "list-x",
        _ => "x",
    };

    private async Task<CapabilityStatement> ReadStatementAsync()
    {
        using var response = await Client.GetAsync("metadata");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FhirTestClient.ReadAsync<CapabilityStatement>(response);
    }
}
