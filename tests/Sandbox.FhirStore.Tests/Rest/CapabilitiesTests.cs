using System.Net;
using Hl7.Fhir.Model;

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

    private async Task<CapabilityStatement> ReadStatementAsync()
    {
        using var response = await Client.GetAsync("metadata");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FhirTestClient.ReadAsync<CapabilityStatement>(response);
    }
}
