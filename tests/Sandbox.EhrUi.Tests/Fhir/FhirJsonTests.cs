using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Sandbox.EhrUi.Fhir;

namespace Sandbox.EhrUi.Tests.Fhir;

public sealed class FhirJsonTests
{
    [Fact]
    public void Deserialize_PatientJson_ReturnsPatient()
    {
        var json = Encoding.UTF8.GetBytes("""{"resourceType":"Patient","id":"p1","birthDate":"1956-08-03"}""");

        var patient = FhirJson.Deserialize<Patient>(json);

        Assert.Equal("p1", patient.Id);
        Assert.Equal("1956-08-03", patient.BirthDate);
    }

    [Fact]
    public void Deserialize_OtherType_Throws()
    {
        var json = Encoding.UTF8.GetBytes("""{"resourceType":"Encounter","id":"e1","status":"finished"}""");

        Assert.Throws<JsonException>(() => FhirJson.Deserialize<Patient>(json));
    }
}
