using System.Net;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace Sandbox.FhirStore.Tests.Rest;

/// <summary>
/// The store driven by the Firely SDK's <see cref="FhirClient"/>, a widely used .NET FHIR client,
/// in both formats. The client sends requests in its own shape, so these tests catch what
/// hand-written HTTP requests do not.
/// </summary>
public sealed class FirelyClientTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    public static TheoryData<ResourceFormat> Formats => new() { ResourceFormat.Json, ResourceFormat.Xml };

    [Theory]
    [MemberData(nameof(Formats))]
    public async System.Threading.Tasks.Task Everything_InstanceOperation_ReturnsCompartment(ResourceFormat format)
    {
        using var client = CreateClient(format);
        var patient = await client.CreateAsync(TestResources.Patient());
        await client.CreateAsync(TestResources.Observation($"Patient/{patient!.Id}"));

        // The client POSTs a Parameters resource without parameters when the operation has none.
        var result = await client.InstanceOperationAsync(new Uri($"Patient/{patient.Id}", UriKind.Relative), "everything");

        var bundle = Assert.IsType<Bundle>(result);
        Assert.Equal(2, bundle.Entry.Count);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async System.Threading.Tasks.Task Create_GzipRequestBody_StoresResource(ResourceFormat format)
    {
        using var client = CreateClient(format);
        client.Settings.RequestBodyCompressionMethod = DecompressionMethods.GZip;
        var family = TestResources.UniqueValue();

        var created = await client.CreateAsync(TestResources.Patient(family: family));

        Assert.Equal(family, created?.Name[0].Family);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async System.Threading.Tasks.Task Patch_FhirPathPatch_AppliesOperations(ResourceFormat format)
    {
        using var client = CreateClient(format);
        var patient = await client.CreateAsync(TestResources.Patient(family: "Old"));
        var patch = new Parameters()
            .AddReplacePatchParameter("Patient.name[0].family", new FhirString("New"))
            .AddAddPatchParameter("Patient", "birthDate", new Date("1970-01-02"));

        var result = await client.PatchAsync(new Uri($"Patient/{patient!.Id}", UriKind.Relative), patch);

        var patched = Assert.IsType<Patient>(result);
        Assert.Equal("New", patched.Name[0].Family);
        Assert.Equal("1970-01-02", patched.BirthDate);
        Assert.Equal("2", patched.Meta!.VersionId);
    }

    private FhirClient CreateClient(ResourceFormat format) => new(
        fixture.Server.FhirBase,
        new FhirClientSettings
        {
            PreferredFormat = format,
            VerifyFhirVersion = true,
            ReturnPreference = ReturnPreference.Representation,
        });
}
