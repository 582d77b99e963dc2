using Hl7.Fhir.Model;
using Sandbox.EhrUi.Presentation;

namespace Sandbox.EhrUi.Tests.Presentation;

public sealed class PatientBannerBuilderTests
{
    private static readonly PatientBannerBuilder Builder =
        new(new FixedTimeProvider(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void Build_Patient_ShowsNameAgeAndSex()
    {
        var patient = TestResources.Patient("p1", "1956-08-03");

        var banner = Builder.Build(patient, [], null);

        Assert.Equal("p1", banner.PatientId);
        Assert.Equal("Koepp, Abdul James", banner.Name);
        Assert.Equal("3 Aug 1956", banner.BirthDate);
        Assert.Equal("70 y", banner.Age);
        Assert.Equal("Male", banner.Sex);
    }

    [Fact]
    public void Build_IdentifierWithTypeMr_IsMrn()
    {
        var patient = TestResources.Patient("p1", "1956-08-03");
        patient.Identifier.Add(new Identifier("http://hl7.org/fhir/sid/us-ssn", "999-22-1962")
        {
            Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v2-0203", "SS"),
        });
        patient.Identifier.Add(new Identifier("http://hospital.example.org", "MRN-0042")
        {
            Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v2-0203", "MR"),
        });

        var banner = Builder.Build(patient, [], null);

        Assert.Equal("MRN-0042", banner.Mrn);
    }

    [Fact]
    public void Build_NoMrIdentifier_MrnIsNull()
    {
        var patient = TestResources.Patient("p1", "1956-08-03");
        patient.Identifier.Add(new Identifier("https://github.com/synthetichealth/synthea", "abc"));

        var banner = Builder.Build(patient, [], null);

        Assert.Null(banner.Mrn);
    }

    [Fact]
    public void Build_DeceasedDateTime_ShowsAgeAtDeath()
    {
        var patient = TestResources.Patient("p1", "1950-01-15");
        patient.Deceased = new FhirDateTime("2001-03-10T08:00:00+00:00");

        var banner = Builder.Build(patient, [], null);

        Assert.True(banner.IsDeceased);
        Assert.Equal("10 Mar 2001", banner.DeceasedDate);
        Assert.Equal("51 y", banner.Age);
    }

    [Fact]
    public void Build_DeceasedBoolean_FlagsWithoutDate()
    {
        var patient = TestResources.Patient("p1", "1950-01-15");
        patient.Deceased = new FhirBoolean(true);

        var banner = Builder.Build(patient, [], null);

        Assert.True(banner.IsDeceased);
        Assert.Null(banner.DeceasedDate);
        Assert.Equal("76 y", banner.Age);
    }

    [Fact]
    public void Build_LivingPatient_IsNotDeceased()
    {
        var patient = TestResources.Patient("p1", "1950-01-15");
        patient.Deceased = new FhirBoolean(false);

        var banner = Builder.Build(patient, [], null);

        Assert.False(banner.IsDeceased);
    }

    [Fact]
    public void Build_Allergies_FlagsActiveOnly()
    {
        var patient = TestResources.Patient("p1", "1956-08-03");
        AllergyIntolerance[] allergies =
        [
            TestResources.Allergy("a1", "Peanut", clinicalStatus: "active"),
            TestResources.Allergy("a2", "Penicillin", clinicalStatus: "resolved"),
            TestResources.Allergy("a3", "Latex", clinicalStatus: "active", verificationStatus: "entered-in-error"),
            TestResources.Allergy("a4", "Shellfish", clinicalStatus: null),
        ];

        var banner = Builder.Build(patient, allergies, null);

        Assert.True(banner.HasAllergies);
        Assert.Equal(["Peanut", "Shellfish"], banner.Allergies);
    }

    [Fact]
    public void Build_NoAllergies_FlagIsOff()
    {
        var patient = TestResources.Patient("p1", "1956-08-03");

        var banner = Builder.Build(patient, [], null);

        Assert.False(banner.HasAllergies);
    }

    [Fact]
    public void Build_ChosenEncounter_InBanner()
    {
        var patient = TestResources.Patient("p1", "1956-08-03");
        var encounter = TestResources.Encounter("e1", "p1", "2020-05-01T09:30:00+00:00", "Encounter for check up");

        var banner = Builder.Build(patient, [], encounter);

        Assert.NotNull(banner.Encounter);
        Assert.Equal("e1", banner.Encounter.Id);
        Assert.Equal("Encounter for check up", banner.Encounter.Type);
        Assert.Equal("1 May 2020 09:30", banner.Encounter.Start);
    }

    [Fact]
    public void Build_PartialBirthDate_KeepsPrecision()
    {
        var patient = TestResources.Patient("p1", "1956-08");

        var banner = Builder.Build(patient, [], null);

        Assert.Equal("Aug 1956", banner.BirthDate);
        Assert.Equal("70 y", banner.Age);
    }
}
