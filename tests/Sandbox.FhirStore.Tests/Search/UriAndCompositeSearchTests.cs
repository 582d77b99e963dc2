using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Search;

public sealed class UriAndCompositeSearchTests : IAsyncLifetime
{
    private const string Loinc = "http://loinc.org";
    private readonly SearchTestStore _store = new();

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        await _store.SaveAsync(
            new ValueSet { Id = "root", Url = "http://example.org/fhir/ValueSet", Status = PublicationStatus.Active },
            new ValueSet { Id = "child", Url = "http://example.org/fhir/ValueSet/colors", Status = PublicationStatus.Active },
            new ValueSet { Id = "other", Url = "http://other.example/ValueSet/colors", Status = PublicationStatus.Active },
            BloodPressure("bp-high", 150, 95),
            BloodPressure("bp-normal", 118, 76),
            new Observation
            {
                Id = "smoker",
                Status = ObservationStatus.Final,
                Code = new CodeableConcept(Loinc, "72166-2"),
                Value = new CodeableConcept("http://snomed.info/sct", "449868002"),
                Meta = new Meta
                {
                    Tag = [new Coding("http://example.org/tags", "reviewed")],
                    Profile = ["http://hl7.org/fhir/us/core/StructureDefinition/us-core-smokingstatus"],
                },
            });
    }

    public async System.Threading.Tasks.Task DisposeAsync() => await _store.DisposeAsync();

    [Theory]
    [InlineData("url=http://example.org/fhir/ValueSet/colors", "child")]
    [InlineData("url:below=http://example.org/fhir", "child,root")]
    [InlineData("url:above=http://example.org/fhir/ValueSet/colors/v2", "child,root")]
    public async System.Threading.Tasks.Task Url_Modifier_MatchesExpected(string query, string expected)
    {
        var bundle = await _store.SearchAsync("ValueSet", query);

        Assert.Equal(expected.Split(','), BundleAssert.SortedMatchIds(bundle));
    }

    [Theory]
    [InlineData("component-code-value-quantity=http://loinc.org|8480-6$gt140", "bp-high")]
    [InlineData("component-code-value-quantity=8480-6$lt140", "bp-normal")]
    [InlineData("component-code-value-quantity=8462-4$gt140", "")]
    [InlineData("component-code-value-quantity=8462-4$76|http://unitsofmeasure.org|mm[Hg]", "bp-normal")]
    [InlineData("combo-code-value-quantity=8462-4$ge90", "bp-high")]
    [InlineData("code-value-concept=72166-2$http://snomed.info/sct|449868002", "smoker")]
    [InlineData("code-value-concept=72166-2$266919005", "")]
    [InlineData("_tag=http://example.org/tags|reviewed", "smoker")]
    [InlineData("_profile=http://hl7.org/fhir/us/core/StructureDefinition/us-core-smokingstatus", "smoker")]
    public async System.Threading.Tasks.Task Composite_Value_MatchesSameComponent(string query, string expected)
    {
        var bundle = await _store.SearchAsync("Observation", query);

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), BundleAssert.SortedMatchIds(bundle));
    }

    private static Observation BloodPressure(string id, decimal systolic, decimal diastolic) => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Code = new CodeableConcept(Loinc, "85354-9"),
        Component =
        [
            Component("8480-6", systolic),
            Component("8462-4", diastolic),
        ],
    };

    private static Observation.ComponentComponent Component(string code, decimal value) => new()
    {
        Code = new CodeableConcept(Loinc, code),
        Value = new Quantity { Value = value, System = "http://unitsofmeasure.org", Code = "mm[Hg]", Unit = "mmHg" },
    };
}
