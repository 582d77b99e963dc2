using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Population;

internal sealed partial class PatientChart
{
    private const string ProfileBase = "http://hl7.org/fhir/StructureDefinition/";
    // Head circumference is measured up to and including the 36-month visit. That visit falls
    // on day 1095 or 1096 with leap years, so a margin keeps the count the same for every date.
    private const int HeadCircumferenceUntilDays = (3 * 365) + 15;

    private static readonly Concept VitalSignsCategory = new(
        Terminology.ObservationCategory,
        "vital-signs",
        "Vital Signs");

    /// <summary>
    /// The blood pressure (systolic, diastolic in mm[Hg]) measured on a day, when a story
    /// sets one. Without it, a normal value for the age is used.
    /// </summary>
    public Func<int, (int Systolic, int Diastolic)>? BloodPressureAt { get; set; }

    /// <summary>The adult body weight (kg) measured on a day, when a story sets one.</summary>
    public Func<int, decimal>? WeightAt { get; set; }

    /// <summary>
    /// Adds the vital signs taken at an encounter, coded as the FHIR R4 vital signs profiles
    /// require. Blood pressure is taken from age 3, BMI from age 2, head circumference up to age 3.
    /// </summary>
    public void VitalSigns(Encounter encounter, int daysAgo)
    {
        var ageDays = AgeInDaysAt(daysAgo);
        var effective = StartOf(encounter);
        var (heartRate, respiratoryRate) = GrowthReference.Rates(ageDays);

        if (ageDays >= 3 * 365)
            BloodPressure(encounter, effective, daysAgo, ageDays);

        Vital(
            encounter,
            effective,
            "heartrate",
            LoincCodes.HeartRate,
            Round(heartRate + (6 * Variation("hr", daysAgo)), 0),
            "/min",
            "beats/minute");
        Vital(
            encounter,
            effective,
            "resprate",
            LoincCodes.RespiratoryRate,
            Round(respiratoryRate + (2 * Variation("rr", daysAgo)), 0),
            "/min",
            "breaths/minute");
        Vital(
            encounter,
            effective,
            "bodytemp",
            LoincCodes.BodyTemperature,
            Round(36.8 + (0.3 * Variation("temp", daysAgo)), 1),
            "Cel",
            "C");
        OxygenSaturation(encounter, effective, Round(97.5 + (1.5 * Variation("spo2", daysAgo)), 0));
        BodySize(encounter, effective, daysAgo, ageDays);
    }

    private void BodySize(Encounter encounter, string effective, int daysAgo, int ageDays)
    {
        var (weight, height, head) = ageDays < GrowthReference.AdultDays
            ? GrowthReference.ForChild(ageDays, Profile.Gender == AdministrativeGender.Female)
            : (WeightAt?.Invoke(daysAgo) ?? Profile.WeightKg, Profile.HeightCm, 0m);
        weight = Math.Round(weight * (1m + (0.02m * (decimal)Variation("weight", daysAgo))), 1);
        height = Math.Round(height, 1);

        Vital(encounter, effective, "bodyheight", LoincCodes.BodyHeight, height, "cm", "cm");
        Vital(encounter, effective, "bodyweight", LoincCodes.BodyWeight, weight, "kg", "kg");
        if (ageDays >= 2 * 365)
            Vital(
                encounter,
                effective,
                "bmi",
                LoincCodes.BodyMassIndex,
                Math.Round(weight / (height / 100m * (height / 100m)), 1),
                "kg/m2",
                "kg/m2");

        if (ageDays < HeadCircumferenceUntilDays)
            Vital(encounter, effective, "headcircum", LoincCodes.HeadCircumference, Math.Round(head, 1), "cm", "cm");
    }

    private void BloodPressure(Encounter encounter, string effective, int daysAgo, int ageDays)
    {
        var (systolic, diastolic) = BloodPressureAt?.Invoke(daysAgo)
            ?? (ageDays < GrowthReference.AdultDays ? (108, 68) : (118, 76));
        var observation = NewVital(encounter, effective, "bp", LoincCodes.BloodPressurePanel);
        observation.Component =
        [
            Component(LoincCodes.SystolicBloodPressure, Round(systolic + (4 * Variation("sys", daysAgo)), 0)),
            Component(LoincCodes.DiastolicBloodPressure, Round(diastolic + (3 * Variation("dia", daysAgo)), 0)),
        ];
        Add("obs", observation);
    }

    private static Observation.ComponentComponent Component(Concept code, decimal value) => new()
    {
        Code = code.ToCodeableConcept(),
        Value = Ucum(value, "mm[Hg]", "mmHg"),
    };

    private void OxygenSaturation(Encounter encounter, string effective, decimal value)
    {
        var observation = NewVital(encounter, effective, "oxygensat", LoincCodes.OxygenSaturation);
        observation.Code.Coding.Add(LoincCodes.PulseOximetry.ToCoding());
        observation.Value = Ucum(Math.Min(value, 100m), "%", "%O2");
        Add("obs", observation);
    }

    private void Vital(Encounter encounter, string effective, string profileName, Concept code, decimal value, string ucum, string unit)
    {
        var observation = NewVital(encounter, effective, profileName, code);
        observation.Value = Ucum(value, ucum, unit);
        Add("obs", observation);
    }

    private Observation NewVital(Encounter encounter, string effective, string profileName, Concept code) => new()
    {
        Meta = new Meta { Profile = [ProfileBase + profileName] },
        Status = ObservationStatus.Final,
        Category = [VitalSignsCategory.ToCodeableConcept()],
        Code = code.ToCodeableConcept(),
        Subject = Subject,
        Encounter = References.To(encounter),
        Effective = new FhirDateTime(effective),
        Performer = [Staff.Reference(Staff.NurseId)],
    };

    private static Quantity Ucum(decimal value, string code, string unit) => new()
    {
        Value = value,
        Unit = unit,
        System = Terminology.Ucum,
        Code = code,
    };

    private static decimal Round(double value, int decimals) => Math.Round((decimal)value, decimals);
}
