using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Sandbox.FhirStore.Tests.SearchHttp;

/// <summary>
/// Token parameters whose expression returns a FHIRPath boolean instead of an element,
/// such as Patient <c>deceased</c>: <c>Patient.deceased.exists() and Patient.deceased != false</c>.
/// </summary>
public sealed class BooleanTokenHttpTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Theory]
    [InlineData("deceased=true", "died-on-date,died-true")]
    [InlineData("deceased=false", "alive-false,alive-unset")]
    [InlineData("deceased:not=true", "alive-false,alive-unset")]
    [InlineData("deceased:missing=false", "alive-false,alive-unset,died-on-date,died-true")]
    [InlineData("deceased:missing=true", "")]
    public async Task Deceased_Search_MatchesExpected(string query, string expected)
    {
        var family = await CreatePatientsAsync();

        var bundle = await SearchHttp.GetBundleAsync(fixture.Client, $"Patient?family={family}&{query}");

        Assert.Equal(expected, FamilyGivenNames(bundle));
    }

    private async Task<string> CreatePatientsAsync()
    {
        var family = "F" + TestResources.UniqueValue();
        (string Given, DataType? Deceased)[] patients =
        [
            ("died-on-date", new FhirDateTime("2020-03-04")),
            ("died-true", new FhirBoolean(true)),
            ("alive-false", new FhirBoolean(false)),
            ("alive-unset", null),
        ];
        foreach (var (given, deceased) in patients)
        {
            var patient = TestResources.Patient(family: family);
            patient.Name[0].Given = [given];
            patient.Deceased = deceased;
            await fixture.Client.CreateAsync(patient);
        }

        return family;
    }

    private static string FamilyGivenNames(Bundle bundle) =>
        string.Join(
            ",",
            bundle.Entry
                .Select(entry => ((Patient)entry.Resource!).Name[0].Given.Single())
                .Order(StringComparer.Ordinal));
}
