using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Population;

/// <summary>A dosage instruction: the patient-facing text and its structured dose, timing and route.</summary>
internal sealed record Dosing(string Text, decimal Dose, Concept DoseUnit, int TimesPerDay, Concept Route, bool AsNeeded = false)
{
    private static readonly Concept Tablet = new(Terminology.DrugForm, "TAB", "Tablet");
    private static readonly Concept Capsule = new(Terminology.DrugForm, "CAP", "Capsule");
    private static readonly Concept Puff = new(Terminology.Ucum, "{puff}", "puff");
    private static readonly Concept InsulinUnit = new(Terminology.Ucum, "[IU]", "IU");
    private static readonly Concept Milliliter = new(Terminology.Ucum, "mL", "mL");

    public static Dosing TabletDaily(int tablets = 1) =>
        new($"Take {Count(tablets, "tablet")} by mouth once daily", tablets, Tablet, 1, SnomedCodes.OralRoute);

    public static Dosing TabletTwiceDaily(int tablets = 1) =>
        new($"Take {Count(tablets, "tablet")} by mouth twice daily", tablets, Tablet, 2, SnomedCodes.OralRoute);

    public static Dosing CapsuleThreeTimesDaily() =>
        new("Take 1 capsule by mouth three times daily for 10 days", 1, Capsule, 3, SnomedCodes.OralRoute);

    public static Dosing TabletAsNeeded(int tablets, int maxPerDay, string reason) =>
        new($"Take {Count(tablets, "tablet")} by mouth as needed for {reason}, at most {maxPerDay} times a day", tablets, Tablet, maxPerDay, SnomedCodes.OralRoute, AsNeeded: true);

    public static Dosing InhaledTwiceDaily(int puffs) =>
        new($"Inhale {Count(puffs, "puff")} twice daily", puffs, Puff, 2, SnomedCodes.InhalationRoute);

    public static Dosing InhaledAsNeeded(int puffs) =>
        new($"Inhale {Count(puffs, "puff")} every 4 to 6 hours as needed for wheezing", puffs, Puff, 4, SnomedCodes.InhalationRoute, AsNeeded: true);

    public static Dosing InsulinTwiceDaily(int units) =>
        new($"Inject {units} units under the skin twice daily before meals", units, InsulinUnit, 2, SnomedCodes.SubcutaneousRoute);

    public static Dosing AutoInjectorAsNeeded() =>
        new("Inject 0.3 mL into the thigh at the first signs of anaphylaxis, then call emergency services", 0.3m, Milliliter, 1, SnomedCodes.IntramuscularRoute, AsNeeded: true);

    public Dosage ToDosage() => new()
    {
        Sequence = 1,
        Text = Text,
        Timing = new Timing
        {
            Repeat = new Timing.RepeatComponent
            {
                Frequency = TimesPerDay,
                Period = 1,
                PeriodUnit = Timing.UnitsOfTime.D,
            },
        },
        AsNeeded = new FhirBoolean(AsNeeded),
        Route = Route.ToCodeableConcept(),
        DoseAndRate =
        [
            new Dosage.DoseAndRateComponent
            {
                Dose = new Quantity { Value = Dose, Unit = DoseUnit.Display, System = DoseUnit.System, Code = DoseUnit.Code },
            },
        ],
    };

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
