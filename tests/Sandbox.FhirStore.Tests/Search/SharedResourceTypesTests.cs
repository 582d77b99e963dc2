using Sandbox.FhirStore.Search.Definitions;

namespace Sandbox.FhirStore.Tests.Search;

public sealed class SharedResourceTypesTests
{
    [Theory]
    [InlineData("Practitioner")]
    [InlineData("PractitionerRole")]
    [InlineData("Organization")]
    [InlineData("Location")]
    [InlineData("Medication")]
    [InlineData("HealthcareService")]
    [InlineData("Endpoint")]
    [InlineData("Substance")]
    public void SharedTypes_NonPatientType_IsShared(string resourceType)
    {
        Assert.Contains(resourceType, SharedResourceTypes.Types);
    }

    // Patient, Observation, RelatedPerson and Group are in the Patient compartment. Device,
    // Task, Contract and GuidanceResponse are not, but reference a patient. Binary and Bundle
    // can carry a patient's documents, and a Subscription's criteria can name a patient.
    [Theory]
    [InlineData("Patient")]
    [InlineData("Observation")]
    [InlineData("RelatedPerson")]
    [InlineData("Group")]
    [InlineData("Device")]
    [InlineData("Task")]
    [InlineData("Contract")]
    [InlineData("GuidanceResponse")]
    [InlineData("Binary")]
    [InlineData("Bundle")]
    [InlineData("Subscription")]
    public void SharedTypes_PatientDataType_IsNotShared(string resourceType)
    {
        Assert.DoesNotContain(resourceType, SharedResourceTypes.Types);
    }
}
