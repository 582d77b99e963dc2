namespace Sandbox.FhirStore.Tests.SearchHttp;

/// <summary>Number, quantity, uri and composite parameters over HTTP.</summary>
public sealed class NumberQuantityHttpTests(SearchHttpFixture fixture) : IClassFixture<SearchHttpFixture>
{
    [Theory]
    [InlineData("probability=0.25", "ra-1")]
    [InlineData("probability=0.7", "ra-2")]
    [InlineData("probability=0.70", "")]
    [InlineData("probability=7e-1", "ra-2")]
    [InlineData("probability=ne0.25", "ra-2")]
    [InlineData("probability=gt0.5", "ra-2")]
    [InlineData("probability=lt0.5", "ra-1")]
    [InlineData("probability=ge0.72", "ra-2")]
    [InlineData("probability=le0.25", "ra-1")]
    [InlineData("probability=ap0.7", "ra-2")]
    [InlineData("probability=sa0.5", "ra-2")]
    [InlineData("probability=eb0.5", "ra-1")]
    public async Task Number_Prefix_ComparesPrecisionRanges(string query, string expected)
    {
        var bundle = await fixture.SearchAsync($"RiskAssessment?{query}");

        Assert.Equal(expected, SearchHttp.Ids(bundle));
    }

    [Theory]
    [InlineData("Observation?value-quantity=72", "obs-hr")]
    [InlineData("Observation?value-quantity=72.0", "obs-hr")]
    [InlineData("Observation?value-quantity=72.4", "")]
    [InlineData("Observation?value-quantity=7.2e1", "obs-hr")]
    [InlineData("Observation?value-quantity=72|http://unitsofmeasure.org|/min", "obs-hr")]
    [InlineData("Observation?value-quantity=72||/min", "obs-hr")]
    [InlineData("Observation?value-quantity=72|http://unitsofmeasure.org|kg", "")]
    [InlineData("Observation?value-quantity=ge72||/min", "obs-hr")]
    [InlineData("Observation?value-quantity=le71||/min", "")]
    [InlineData("Observation?value-quantity=sa70||/min", "obs-hr")]
    [InlineData("Observation?value-quantity=eb72||/min", "")]
    [InlineData("Observation?value-quantity=gt37|http://unitsofmeasure.org|Cel", "obs-temp")]
    [InlineData("Observation?value-quantity=lt37|http://unitsofmeasure.org|Cel", "")]
    [InlineData("Observation?value-quantity=ne6.5||%25", "")]
    [InlineData("Observation?value-quantity=ap6||%25", "obs-lab")]
    [InlineData("Encounter?length=240", "enc-1")]
    [InlineData("Encounter?length=le4|http://unitsofmeasure.org|h", "enc-1")]
    public async Task Quantity_ValueAndUnit_MatchesExpected(string relative, string expected)
    {
        var bundle = await fixture.SearchAsync(relative);

        Assert.Equal(expected, SearchHttp.Ids(bundle));
    }

    [Theory]
    [InlineData("value-quantity=5400|http://unitsofmeasure.org|g", "obs-weight")]
    [InlineData("value-quantity=5.4|http://unitsofmeasure.org|kg", "obs-weight")]
    [InlineData("value-quantity=5.6|http://unitsofmeasure.org|kg", "obs-weight-g")]
    [InlineData("value-quantity=lt6|http://unitsofmeasure.org|kg", "obs-weight,obs-weight-g")]
    [InlineData("value-quantity=gt5500|http://unitsofmeasure.org|g", "obs-weight-g")]
    [InlineData("value-quantity=5400|http://unitsofmeasure.org|m", "")]
    [InlineData("value-quantity=5400", "")]
    public async Task Quantity_Ucum_ComparesAcrossUnits(string query, string expected)
    {
        var bundle = await fixture.SearchAsync($"Observation?{query}");

        Assert.Equal(expected, SearchHttp.Ids(bundle));
    }

    [Theory]
    [InlineData("url=http://example.org/fhir/ValueSet/shapes", "vs-shapes")]
    [InlineData("url=http://example.org/fhir/ValueSet", "")]
    [InlineData("url:below=http://example.org/fhir/ValueSet/colors", "vs-colors")]
    [InlineData("url:below=http://example.org/fhir", "vs-colors,vs-shapes")]
    [InlineData("url:above=http://example.org/fhir/ValueSet/colors/primary/extra", "vs-colors")]
    [InlineData("url:above=http://example.org/fhir/ValueSet/shapes", "vs-shapes")]
    public async Task Uri_Modifier_MatchesExpected(string query, string expected)
    {
        var bundle = await fixture.SearchAsync($"ValueSet?{query}");

        Assert.Equal(expected, SearchHttp.Ids(bundle));
    }

    [Theory]
    [InlineData("component-code-value-quantity=http://loinc.org|8480-6$gt100", "obs-bp")]
    [InlineData("component-code-value-quantity=http://loinc.org|8462-4$gt100", "")]
    [InlineData("code-value-quantity=http://loinc.org|8867-4$72", "obs-hr")]
    [InlineData("code-value-quantity=http://loinc.org|8867-4$lt60", "")]
    [InlineData("code-value-concept=http://loinc.org|72166-2$http://snomed.info/sct|266919005", "obs-smoke")]
    [InlineData("code-value-concept=http://loinc.org|72166-2$http://snomed.info/sct|77176002", "")]
    public async Task Composite_Search_MatchesExpected(string query, string expected)
    {
        var bundle = await fixture.SearchAsync($"Observation?{query}");

        Assert.Equal(expected, SearchHttp.Ids(bundle));
    }
}
