using Hl7.Fhir.Model;
using Sandbox.FhirStore.Search.Definitions;

namespace Sandbox.FhirStore.Tests.Search;

/// <summary>
/// Checks the care date table of <c>$everything</c> against the search parameter catalog and
/// the Patient compartment, so that a misspelt or non-date parameter cannot slip in.
/// </summary>
public sealed class CareDateParametersTests
{
    public static TheoryData<string, string> CareDateEntries()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in CareDateParameters.DatedTypes.Order(StringComparer.Ordinal))
        {
            foreach (var name in CareDateParameters.GetParameters(type))
                data.Add(type, name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CareDateEntries))]
    public void CareDate_Parameter_IsDateParameterOfType(string resourceType, string name)
    {
        var parameter = SearchParameterCatalog.Default.Find(resourceType, name);

        Assert.NotNull(parameter);
        Assert.Equal(SearchParamType.Date, parameter.Type);
    }

    [Fact]
    public void CareDate_DatedTypes_AreInPatientCompartment()
    {
        var outside = CareDateParameters.DatedTypes.Where(type => !PatientCompartment.Contains(type));

        Assert.Empty(outside);
    }

    [Fact]
    public void CareDate_Patient_HasNoCareDate()
    {
        var parameters = CareDateParameters.GetParameters("Patient");

        Assert.Empty(parameters);
    }
}
