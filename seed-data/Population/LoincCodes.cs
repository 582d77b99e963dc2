namespace Sandbox.SeedData.Population;

/// <summary>
/// LOINC codes of the seed population. The vital-sign codes are the ones the FHIR R4
/// vital signs profiles fix (https://hl7.org/fhir/R4/observation-vitalsigns.html).
/// </summary>
internal static class LoincCodes
{
    // Vital signs.
    public static readonly Concept BloodPressurePanel = Lnc("85354-9", "Blood pressure panel with all children optional");
    public static readonly Concept SystolicBloodPressure = Lnc("8480-6", "Systolic blood pressure");
    public static readonly Concept DiastolicBloodPressure = Lnc("8462-4", "Diastolic blood pressure");
    public static readonly Concept HeartRate = Lnc("8867-4", "Heart rate");
    public static readonly Concept RespiratoryRate = Lnc("9279-1", "Respiratory rate");
    public static readonly Concept BodyTemperature = Lnc("8310-5", "Body temperature");
    public static readonly Concept OxygenSaturation = Lnc("2708-6", "Oxygen saturation in Arterial blood");
    public static readonly Concept PulseOximetry = Lnc("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry");
    public static readonly Concept BodyHeight = Lnc("8302-2", "Body height");
    public static readonly Concept BodyWeight = Lnc("29463-7", "Body weight");
    public static readonly Concept BodyMassIndex = Lnc("39156-5", "Body mass index (BMI) [Ratio]");
    public static readonly Concept HeadCircumference = Lnc("9843-4", "Head Occipital-frontal circumference");

    // Laboratory panels.
    public static readonly Concept BasicMetabolicPanel = Lnc("51990-0", "Basic metabolic panel - Blood");
    public static readonly Concept LipidPanel = Lnc("57698-3", "Lipid panel with direct LDL - Serum or Plasma");
    public static readonly Concept CompleteBloodCount = Lnc("58410-2", "CBC panel - Blood by Automated count");

    // Laboratory results.
    public static readonly Concept HemoglobinA1c = Lnc("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood");
    public static readonly Concept Glucose = Lnc("2345-7", "Glucose [Mass/volume] in Serum or Plasma");
    public static readonly Concept UreaNitrogen = Lnc("3094-0", "Urea nitrogen [Mass/volume] in Serum or Plasma");
    public static readonly Concept Creatinine = Lnc("2160-0", "Creatinine [Mass/volume] in Serum or Plasma");
    public static readonly Concept Sodium = Lnc("2951-2", "Sodium [Moles/volume] in Serum or Plasma");
    public static readonly Concept Potassium = Lnc("2823-3", "Potassium [Moles/volume] in Serum or Plasma");
    public static readonly Concept Chloride = Lnc("2075-0", "Chloride [Moles/volume] in Serum or Plasma");
    public static readonly Concept CarbonDioxide = Lnc("2028-9", "Carbon dioxide, total [Moles/volume] in Serum or Plasma");
    public static readonly Concept Calcium = Lnc("17861-6", "Calcium [Mass/volume] in Serum or Plasma");
    public static readonly Concept Cholesterol = Lnc("2093-3", "Cholesterol [Mass/volume] in Serum or Plasma");
    public static readonly Concept Triglyceride = Lnc("2571-8", "Triglyceride [Mass/volume] in Serum or Plasma");
    public static readonly Concept HdlCholesterol = Lnc("2085-9", "Cholesterol in HDL [Mass/volume] in Serum or Plasma");
    public static readonly Concept LdlCholesterol = Lnc("18262-6", "Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay");
    public static readonly Concept Leukocytes = Lnc("6690-2", "Leukocytes [#/volume] in Blood by Automated count");
    public static readonly Concept Erythrocytes = Lnc("789-8", "Erythrocytes [#/volume] in Blood by Automated count");
    public static readonly Concept Hemoglobin = Lnc("718-7", "Hemoglobin [Mass/volume] in Blood");
    public static readonly Concept Hematocrit = Lnc("4544-3", "Hematocrit [Volume Fraction] of Blood by Automated count");
    public static readonly Concept Platelets = Lnc("777-3", "Platelets [#/volume] in Blood by Automated count");
    public static readonly Concept Thyrotropin = Lnc("3016-3", "Thyrotropin [Units/volume] in Serum or Plasma");
    public static readonly Concept Inr = Lnc("6301-6", "INR in Platelet poor plasma by Coagulation assay");

    // Documents.
    public static readonly Concept ProgressNote = Lnc("11506-3", "Progress note");
    public static readonly Concept DischargeSummary = Lnc("18842-5", "Discharge summary");

    private static Concept Lnc(string code, string display) => new(Terminology.Loinc, code, display);
}
