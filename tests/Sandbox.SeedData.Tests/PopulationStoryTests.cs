using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Tests;

public sealed class PopulationStoryTests
{
    private static IReadOnlyList<Resource> Resources => PopulationFixture.Population.Resources;

    [Fact]
    public void Diabetic_HemoglobinA1c_RisesOverTime()
    {
        var values = Observations(SeedPatients.MarcusJohnson, "4548-4")
            .OrderBy(FhirValues.EffectiveOf)
            .Select(observation => FhirValues.QuantityOf(observation.Value))
            .ToList();

        Assert.True(values.Count >= 6, $"Expected at least 6 HbA1c results, found {values.Count}.");
        Assert.True(values[^1] > values[0], $"HbA1c went from {values[0]} to {values[^1]}.");
        Assert.Equal(values.Order(), values);
    }

    [Fact]
    public void Diabetic_HasCarePlanWithGoal()
    {
        var plans = OfPatient<CarePlan>(SeedPatients.MarcusJohnson, plan => plan.Subject);

        Assert.Single(plans);
        Assert.NotEmpty(plans[0].Goal);
    }

    [Theory]
    [InlineData("8302-2")]
    [InlineData("29463-7")]
    [InlineData("9843-4")]
    public void Child_GrowthSeries_HasManyPoints(string loinc)
    {
        var points = Observations(SeedPatients.MateoGarcia, loinc);

        Assert.True(points.Count >= 10, $"Expected at least 10 points of {loinc}, found {points.Count}.");
    }

    [Fact]
    public void Hypertensive_BloodPressure_FallsUnderTreatment()
    {
        var systolic = Observations(SeedPatients.RobertChen, "85354-9")
            .OrderBy(FhirValues.EffectiveOf)
            .Select(observation => observation.Component.Single(c => c.Code.Coding[0].Code == "8480-6"))
            .Select(component => FhirValues.QuantityOf(component.Value))
            .ToList();

        Assert.True(systolic.Count >= 12, $"Expected at least 12 readings, found {systolic.Count}.");
        Assert.True(systolic[0] >= 150, $"First systolic reading was {systolic[0]}.");
        Assert.True(systolic[^1] < 135, $"Last systolic reading was {systolic[^1]}.");
    }

    [Fact]
    public void Polypharmacy_HasTenActiveMedications()
    {
        var requests = OfPatient<MedicationRequest>(SeedPatients.EleanorWhitfield, request => request.Subject)
            .Count(request => request.Status == MedicationRequest.MedicationrequestStatus.Active);
        var statements = OfPatient<MedicationStatement>(SeedPatients.EleanorWhitfield, statement => statement.Subject).Count;

        Assert.True(requests + statements >= 10, $"Found {requests} requests and {statements} statements.");
    }

    [Fact]
    public void EmptyPatient_HasNoClinicalData()
    {
        var reference = $"Patient/{SeedPatients.NoahBennett}";

        var pointing = Resources
            .Where(resource => ResourceReferences.In(resource).Contains(reference))
            .ToList();

        Assert.Empty(pointing);
    }

    [Fact]
    public void VitalSigns_Values_ArePositive()
    {
        var vitals = Resources.OfType<Observation>()
            .Where(observation => observation.Category.Any(category => category.Coding[0].Code == "vital-signs"))
            .ToList();

        var values = vitals.SelectMany(observation => observation.Component.Select(component => component.Value).Append(observation.Value))
            .OfType<Quantity>()
            .Select(quantity => quantity.Value ?? 0m)
            .ToList();

        Assert.NotEmpty(values);
        Assert.All(values, value => Assert.True(value > 0, $"Found a vital sign of {value}."));
    }

    [Fact]
    public void Patients_AreAtLeastTwentyFive()
    {
        var count = Resources.OfType<Patient>().Count();

        Assert.True(count >= 25, $"Found {count} patients.");
    }

    [Fact]
    public void Patients_IncludeDeceasedAndTwins()
    {
        var patients = Resources.OfType<Patient>().ToList();

        Assert.Contains(patients, patient => patient.Deceased is FhirDateTime);
        Assert.Equal(2, patients.Count(patient => patient.MultipleBirth is Integer));
    }

    [Fact]
    public void Patients_IncludeOtherPreferredLanguages()
    {
        var languages = Resources.OfType<Patient>()
            .SelectMany(patient => patient.Communication)
            .Where(communication => communication.Preferred == true)
            .Select(communication => communication.Language.Coding[0].Code)
            .Distinct()
            .ToList();

        Assert.True(languages.Count >= 3, $"Found languages {string.Join(", ", languages)}.");
        Assert.DoesNotContain("en", languages);
    }

    [Fact]
    public void Patients_NamesShowUnicode()
    {
        var names = Resources.OfType<Patient>().Select(patient => patient.Name[0].Family + " " + string.Join(" ", patient.Name[0].Given)).ToList();

        Assert.Contains(names, name => name.Contains('\''));
        Assert.Contains(names, name => name.Contains('-'));
        Assert.Contains(names, name => name.Any(character => character > 127));
    }

    [Fact]
    public void Patients_HaveMedicalRecordNumber()
    {
        var patients = Resources.OfType<Patient>().ToList();

        Assert.All(patients, patient => Assert.Contains(patient.Identifier,
            identifier => identifier.Type?.Coding[0].Code == "MR"
                && identifier.Type.Coding[0].System == "http://terminology.hl7.org/CodeSystem/v2-0203"
                && !string.IsNullOrEmpty(identifier.System)));
    }

    [Fact]
    public void Patients_AgesSpanNewbornToElderly()
    {
        var ages = Resources.OfType<Patient>()
            .Select(patient => PopulationFixture.ReferenceDate.DayNumber - FhirValues.BirthDateOf(patient).DayNumber)
            .ToList();

        Assert.Contains(ages, days => days < 28);
        Assert.Contains(ages, days => days is > 365 and < 12 * 365);
        Assert.Contains(ages, days => days is >= 13 * 365 and < 18 * 365);
        Assert.Contains(ages, days => days >= 80 * 365);
    }

    [Fact]
    public void Encounters_CoverThreeClasses()
    {
        var classes = Resources.OfType<Encounter>().Select(encounter => encounter.Class.Code).Distinct().ToList();

        Assert.Contains("AMB", classes);
        Assert.Contains("EMER", classes);
        Assert.Contains("IMP", classes);
    }

    [Fact]
    public void Labs_IncludeAbnormalResults()
    {
        var flags = Resources.OfType<Observation>()
            .Where(observation => observation.Interpretation.Count > 0)
            .Select(observation => observation.Interpretation[0].Coding[0].Code)
            .ToList();

        Assert.Contains("H", flags);
        Assert.Contains("L", flags);
    }

    [Theory]
    [InlineData(typeof(Organization), 3)]
    [InlineData(typeof(Location), 3)]
    [InlineData(typeof(Practitioner), 4)]
    [InlineData(typeof(PractitionerRole), 4)]
    [InlineData(typeof(DiagnosticReport), 1)]
    [InlineData(typeof(MedicationStatement), 1)]
    [InlineData(typeof(AllergyIntolerance), 1)]
    [InlineData(typeof(Immunization), 1)]
    [InlineData(typeof(Procedure), 1)]
    [InlineData(typeof(Goal), 1)]
    [InlineData(typeof(DocumentReference), 3)]
    [InlineData(typeof(RelatedPerson), 1)]
    public void Population_HasResourcesOfType(Type type, int minimum)
    {
        var count = Resources.Count(resource => resource.GetType() == type);

        Assert.True(count >= minimum, $"Found {count} {type.Name} resources, expected at least {minimum}.");
    }

    private static List<Observation> Observations(string patientId, string loinc) =>
        OfPatient<Observation>(patientId, observation => observation.Subject)
            .Where(observation => observation.Code.Coding.Any(coding => coding.Code == loinc))
            .ToList();

    private static List<T> OfPatient<T>(string patientId, Func<T, ResourceReference?> subject)
        where T : Resource =>
        Resources.OfType<T>().Where(resource => subject(resource)?.Reference == $"Patient/{patientId}").ToList();
}
