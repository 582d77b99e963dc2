using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;
using Sandbox.FhirStore.Search.Definitions;

namespace Sandbox.FhirStore.Tests.Search;

/// <summary>
/// Compares the sandbox's Patient compartment with CompartmentDefinition <c>patient</c> from
/// the FHIR R4 specification files in the Hl7.Fhir.Specification.Data.R4 package
/// (<c>specification.zip</c>, <c>profiles-resources.xml</c>).
/// </summary>
public sealed class PatientCompartmentTests
{
    private static readonly XNamespace Fhir = "http://hl7.org/fhir";

    private static readonly Lazy<Dictionary<string, string[]>> Specification = new(ReadSpecification);

    public static TheoryData<string> SpecificationTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in Specification.Value.Keys.Order(StringComparer.Ordinal))
            data.Add(type);
        return data;
    }

    [Theory]
    [MemberData(nameof(SpecificationTypes))]
    public void Compartment_Type_ParametersMatchSpecification(string resourceType)
    {
        var expected = Specification.Value[resourceType].Order(StringComparer.Ordinal);

        var actual = PatientCompartment.GetParameters(resourceType).Order(StringComparer.Ordinal);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Compartment_Specification_HasNoFewerTypes()
    {
        var extra = KnownTypes().Where(type => type != "Patient" && PatientCompartment.GetParameters(type).Count > 0)
            .Where(type => !Specification.Value.ContainsKey(type))
            .ToList();

        Assert.Empty(extra);
    }

    private static IEnumerable<string> KnownTypes() => Hl7.Fhir.Model.ModelInfo.SupportedResources;

    /// <summary>Reads the resource types with at least one parameter from the specification's definition.</summary>
    private static Dictionary<string, string[]> ReadSpecification()
    {
        var zipPath = Path.Combine(AppContext.BaseDirectory, "specification.zip");
        using var zip = ZipFile.OpenRead(zipPath);
        using var stream = zip.GetEntry("profiles-resources.xml")!.Open();
        using var reader = XmlReader.Create(stream);
        while (reader.ReadToFollowing("CompartmentDefinition", Fhir.NamespaceName))
        {
            var definition = (XElement)XNode.ReadFrom(reader);
            if (definition.Element(Fhir + "id")?.Attribute("value")?.Value != "patient")
                continue;

            return definition.Elements(Fhir + "resource")
                .Select(resource => (
                    Type: resource.Element(Fhir + "code")!.Attribute("value")!.Value,
                    Params: resource.Elements(Fhir + "param").Select(param => param.Attribute("value")!.Value).ToArray()))
                .Where(item => item.Params.Length > 0)
                .ToDictionary(item => item.Type, item => item.Params, StringComparer.Ordinal);
        }

        throw new InvalidOperationException($"CompartmentDefinition 'patient' was not found in {zipPath}.");
    }
}
