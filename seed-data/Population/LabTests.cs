namespace Sandbox.SeedData.Population;

/// <summary>
/// The laboratory tests of the seed population. Reference ranges are common adult
/// ranges for demo purposes; real laboratories publish their own.
/// </summary>
internal static class LabTests
{
    public static readonly LabTest HemoglobinA1c = new(LoincCodes.HemoglobinA1c, "%", "%", 4.0m, 5.6m);
    public static readonly LabTest Glucose = new(LoincCodes.Glucose, "mg/dL", "mg/dL", 70m, 99m);
    public static readonly LabTest UreaNitrogen = new(LoincCodes.UreaNitrogen, "mg/dL", "mg/dL", 7m, 20m);
    public static readonly LabTest Creatinine = new(LoincCodes.Creatinine, "mg/dL", "mg/dL", 0.6m, 1.3m);
    public static readonly LabTest Sodium = new(LoincCodes.Sodium, "mmol/L", "mmol/L", 136m, 145m);
    public static readonly LabTest Potassium = new(LoincCodes.Potassium, "mmol/L", "mmol/L", 3.5m, 5.1m);
    public static readonly LabTest Chloride = new(LoincCodes.Chloride, "mmol/L", "mmol/L", 98m, 107m);
    public static readonly LabTest CarbonDioxide = new(LoincCodes.CarbonDioxide, "mmol/L", "mmol/L", 22m, 29m);
    public static readonly LabTest Calcium = new(LoincCodes.Calcium, "mg/dL", "mg/dL", 8.6m, 10.3m);
    public static readonly LabTest Cholesterol = new(LoincCodes.Cholesterol, "mg/dL", "mg/dL", null, 200m);
    public static readonly LabTest Triglyceride = new(LoincCodes.Triglyceride, "mg/dL", "mg/dL", null, 150m);
    public static readonly LabTest HdlCholesterol = new(LoincCodes.HdlCholesterol, "mg/dL", "mg/dL", 40m, null);
    public static readonly LabTest LdlCholesterol = new(LoincCodes.LdlCholesterol, "mg/dL", "mg/dL", null, 100m);
    public static readonly LabTest Leukocytes = new(LoincCodes.Leukocytes, "10*3/uL", "10*3/uL", 4.5m, 11.0m);
    public static readonly LabTest Erythrocytes = new(LoincCodes.Erythrocytes, "10*6/uL", "10*6/uL", 4.2m, 5.9m);
    public static readonly LabTest Hemoglobin = new(LoincCodes.Hemoglobin, "g/dL", "g/dL", 12.0m, 17.5m);
    public static readonly LabTest Hematocrit = new(LoincCodes.Hematocrit, "%", "%", 36m, 52m);
    public static readonly LabTest Platelets = new(LoincCodes.Platelets, "10*3/uL", "10*3/uL", 150m, 400m);
    public static readonly LabTest Thyrotropin = new(LoincCodes.Thyrotropin, "m[IU]/L", "mIU/L", 0.4m, 4.0m);
    public static readonly LabTest Inr = new(LoincCodes.Inr, "{INR}", "INR", 0.8m, 1.1m);
}
