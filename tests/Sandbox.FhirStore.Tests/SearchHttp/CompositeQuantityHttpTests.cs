using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.SearchHttp;

/// <summary>
/// The quantity part of composite parameters over HTTP: a UCUM value matches in its stored
/// unit and in any unit that converts to the same canonical unit.
/// </summary>
public sealed class CompositeQuantityHttpTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private const string Ucum = "http://unitsofmeasure.org";

    private FhirTestClient Client => fixture.Client;

    [Theory]
    [InlineData("code-value-quantity=http://loinc.org|2339-0$95|http://unitsofmeasure.org|mg/dL", "glucose")]
    [InlineData("code-value-quantity=http://loinc.org|2339-0$0.95|http://unitsofmeasure.org|g/L", "glucose")]
    [InlineData("code-value-quantity=http://loinc.org|2339-0$lt1|http://unitsofmeasure.org|g/L", "glucose")]
    [InlineData("code-value-quantity=http://loinc.org|2339-0$gt1|http://unitsofmeasure.org|g/L", "")]
    [InlineData("code-value-quantity=http://loinc.org|2339-0$gt90", "glucose")]
    [InlineData("code-value-quantity=http://loinc.org|2339-0$gt900", "")]
    [InlineData("code-value-quantity=http://loinc.org|2339-0$95||mg/dL", "glucose")]
    [InlineData("component-code-value-quantity=http://loinc.org|8480-6$gt15|http://unitsofmeasure.org|kPa", "pressure")]
    [InlineData("component-code-value-quantity=http://loinc.org|8480-6$gt17|http://unitsofmeasure.org|kPa", "")]
    [InlineData("component-code-value-quantity=http://loinc.org|8480-6$lt121|http://unitsofmeasure.org|mm[Hg]", "pressure")]
    [InlineData("component-code-value-quantity=http://loinc.org|8480-6$120|http://unitsofmeasure.org|mm[Hg]", "pressure")]
    [InlineData("component-code-value-quantity=http://loinc.org|8480-6$120|urn:test:other-units|mm[Hg]", "")]
    [InlineData("code-value-quantity=http://loinc.org|2339-0$95|urn:test:other-units|mg/dL", "")]
    public async System.Threading.Tasks.Task CompositeQuantity_Ucum_ComparesAcrossUnits(string query, string expected)
    {
        var patient = $"Patient/{TestResources.UniqueValue()}";
        await Client.CreateAsync(Glucose(patient));
        await Client.CreateAsync(BloodPressure(patient));

        using var response = await Client.GetAsync($"Observation?subject={patient}&{query}");
        var bundle = await FhirTestClient.ReadAsync<Bundle>(response);

        var kinds = bundle.Entry.Select(entry => ((Observation)entry.Resource!).Identifier[0].Value).Order();
        Assert.Equal(expected, string.Join(",", kinds));
    }

    private static Observation Glucose(string patient) => new()
    {
        Status = ObservationStatus.Final,
        Code = new CodeableConcept("http://loinc.org", "2339-0", "Glucose [Mass/volume] in Blood"),
        Subject = new ResourceReference(patient),
        Value = new Quantity { Value = 95, System = Ucum, Code = "mg/dL", Unit = "mg/dL" },
        Identifier = [new Identifier("urn:test:kind", "glucose")],
    };

    private static Observation BloodPressure(string patient) => new()
    {
        Status = ObservationStatus.Final,
        Code = new CodeableConcept("http://loinc.org", "85354-9", "Blood pressure panel"),
        Subject = new ResourceReference(patient),
        Component =
        [
            new Observation.ComponentComponent
            {
                Code = new CodeableConcept("http://loinc.org", "8480-6", "Systolic blood pressure"),
                Value = new Quantity { Value = 120, System = Ucum, Code = "mm[Hg]", Unit = "mmHg" },
            },
        ],
        Identifier = [new Identifier("urn:test:kind", "pressure")],
    };
}
