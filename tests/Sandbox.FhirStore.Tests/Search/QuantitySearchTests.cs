using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Search;

public sealed class QuantitySearchTests : IAsyncLifetime
{
    private const string Ucum = "http://unitsofmeasure.org";
    private readonly SearchTestStore _store = new();

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        await _store.SaveAsync(
            Weight("w99", 99.6m, "kg"),
            Weight("w100", 100m, "kg"),
            Weight("w100-4", 100.4m, "kg"),
            Weight("w101", 101m, "kg"),
            Weight("w150", 150m, "[lb_av]"),
            new RiskAssessment
            {
                Id = "risk",
                Status = ObservationStatus.Final,
                Subject = new ResourceReference("Patient/p1"),
                Prediction = [new RiskAssessment.PredictionComponent { Probability = new FhirDecimal(0.25m) }],
            });
    }

    public async System.Threading.Tasks.Task DisposeAsync() => await _store.DisposeAsync();

    [Theory]
    [InlineData("value-quantity=100", "w100,w100-4,w99")]
    [InlineData("value-quantity=100.0", "w100")]
    [InlineData("value-quantity=1e2", "w100,w100-4,w101,w99")]
    [InlineData("value-quantity=ne100", "w101,w150")]
    [InlineData("value-quantity=gt100", "w100-4,w101,w150")]
    [InlineData("value-quantity=ge100", "w100,w100-4,w101,w150")]
    [InlineData("value-quantity=lt100", "w99")]
    [InlineData("value-quantity=le100", "w100,w99")]
    [InlineData("value-quantity=sa100.4", "w101,w150")]
    [InlineData("value-quantity=eb100", "w99")]
    [InlineData("value-quantity=ap100", "w100,w100-4,w101,w99")]
    [InlineData("value-quantity=100|http://unitsofmeasure.org|kg", "w100,w100-4,w99")]
    // 100 [lb_av] is 45.4 kg, so every stored weight is greater once UCUM converts the units.
    [InlineData("value-quantity=gt100|http://unitsofmeasure.org|[lb_av]", "w100,w100-4,w101,w150,w99")]
    [InlineData("value-quantity=gt222|http://unitsofmeasure.org|[lb_av]", "w101")]
    [InlineData("value-quantity=150||[lb_av]", "w150")]
    [InlineData("value-quantity=150||pound", "w150")]
    public async System.Threading.Tasks.Task ValueQuantity_Form_MatchesExpected(string query, string expected)
    {
        var bundle = await _store.SearchAsync("Observation", query);

        Assert.Equal(expected.Split(','), BundleAssert.SortedMatchIds(bundle));
    }

    [Theory]
    [InlineData("probability=0.25", 1)]
    [InlineData("probability=0.3", 1)]
    [InlineData("probability=0.4", 0)]
    [InlineData("probability=0.250", 1)]
    [InlineData("probability=0.251", 0)]
    [InlineData("probability=gt0.2", 1)]
    [InlineData("probability=lt0.2", 0)]
    public async System.Threading.Tasks.Task Probability_Number_ComparesPrecision(string query, int expected)
    {
        var bundle = await _store.SearchAsync("RiskAssessment", query);

        Assert.Equal(expected, BundleAssert.MatchIds(bundle).Count);
    }

    private static Observation Weight(string id, decimal value, string unit) => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Code = new CodeableConcept("http://loinc.org", "29463-7"),
        Value = new Quantity { Value = value, System = Ucum, Code = unit, Unit = unit == "kg" ? "kilogram" : "pound" },
    };
}
