using Hl7.Fhir.Model;

namespace Sandbox.EhrUi.Presentation;

public static partial class ChartRows
{
    // Display names of the HL7 v3 ActCode encounter classes that FHIR R4 suggests for Encounter.class.
    private static readonly Dictionary<string, string> EncounterClassNames = new(StringComparer.Ordinal)
    {
        ["AMB"] = "Ambulatory",
        ["EMER"] = "Emergency",
        ["FLD"] = "Field",
        ["HH"] = "Home health",
        ["IMP"] = "Inpatient",
        ["ACUTE"] = "Inpatient acute",
        ["NONAC"] = "Inpatient non-acute",
        ["OBSENC"] = "Observation",
        ["PRENC"] = "Pre-admission",
        ["SS"] = "Short stay",
        ["VR"] = "Virtual",
    };

    /// <summary>Builds the encounters table, newest first.</summary>
    public static IReadOnlyList<EncounterRow> Encounters(IEnumerable<Encounter> encounters) =>
        NewestFirst(encounters, e => e.Period?.Start).Select(Encounter).ToList();

    /// <summary>Builds the row of one encounter.</summary>
    public static EncounterRow Encounter(Encounter encounter)
    {
        var type = FhirDisplay.Concept(encounter.Type.FirstOrDefault());
        var encounterClass = EncounterClass(encounter.Class);
        var provider = encounter.ServiceProvider?.Display
            ?? encounter.Participant.Select(p => p.Individual?.Display).FirstOrDefault(d => d is not null)
            ?? FhirDisplay.Missing;

        return new EncounterRow(
            Id: encounter.Id ?? string.Empty,
            Type: type == FhirDisplay.Missing ? encounterClass : type,
            Class: encounterClass,
            Status: FhirDisplay.Code(encounter.Status),
            Start: FhirDates.FormatDateTime(encounter.Period?.Start),
            End: FhirDates.FormatDateTime(encounter.Period?.End),
            Reason: JoinOrMissing(encounter.ReasonCode.Select(FhirDisplay.Concept)),
            Provider: provider);
    }

    private static string EncounterClass(Coding? coding)
    {
        if (coding is null)
            return FhirDisplay.Missing;
        if (!string.IsNullOrWhiteSpace(coding.Display))
            return coding.Display;

        return coding.Code is not null && EncounterClassNames.TryGetValue(coding.Code, out var name)
            ? name
            : coding.Code ?? FhirDisplay.Missing;
    }
}
