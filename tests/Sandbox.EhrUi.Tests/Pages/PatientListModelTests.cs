using Sandbox.EhrUi.Pages.Patients;

namespace Sandbox.EhrUi.Tests.Pages;

public sealed class PatientListModelTests
{
    [Fact]
    public void BuildSearchParameters_AllFields_MapToFhirNames()
    {
        var parameters = PatientListModel.BuildSearchParameters(" Koepp ", "MRN-1", "1956-08-03");

        Assert.Contains(new("name", "Koepp"), parameters);
        Assert.Contains(new("identifier", "MRN-1"), parameters);
        Assert.Contains(new("birthdate", "1956-08-03"), parameters);
        Assert.Contains(new("_count", "20"), parameters);
    }

    [Fact]
    public void BuildSearchParameters_EmptyFields_LeftOut()
    {
        var parameters = PatientListModel.BuildSearchParameters("", null, "  ");

        Assert.DoesNotContain(parameters, p => p.Key is "name" or "identifier" or "birthdate");
    }
}
