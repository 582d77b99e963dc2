using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Population;

internal sealed partial class PatientChart
{
    /// <summary>Adds a prescription, active unless <paramref name="endedDaysAgo"/> is set.</summary>
    public MedicationRequest Prescribe(
        Concept medication,
        Dosing dosing,
        int startedDaysAgo,
        Condition? reason = null,
        Encounter? encounter = null,
        int? endedDaysAgo = null)
    {
        var request = new MedicationRequest
        {
            Status = endedDaysAgo is null
                ? MedicationRequest.MedicationrequestStatus.Active
                : MedicationRequest.MedicationrequestStatus.Completed,
            Intent = MedicationRequest.MedicationRequestIntent.Order,
            Medication = medication.ToCodeableConcept(),
            Subject = Subject,
            AuthoredOn = Calendar.DateTime(startedDaysAgo, 11).Value,
            Requester = Staff.Reference(encounter is null ? Profile.GeneralPractitionerId : PractitionerOf(encounter)),
            DosageInstruction = [dosing.ToDosage()],
            DispenseRequest = new MedicationRequest.DispenseRequestComponent
            {
                ValidityPeriod = new Period { Start = Calendar.DateTime(startedDaysAgo, 11).Value },
                NumberOfRepeatsAllowed = endedDaysAgo is null ? 5 : 0,
                ExpectedSupplyDuration = new Duration { Value = 30, Unit = "days", System = Terminology.Ucum, Code = "d" },
            },
        };
        if (encounter is not null)
            request.Encounter = References.To(encounter);

        if (reason is not null)
            request.ReasonReference = [References.To(reason)];

        return Add("medrx", request);
    }

    /// <summary>Adds a medication the patient reports taking, for example one bought over the counter.</summary>
    public MedicationStatement ReportsTaking(Concept medication, Dosing dosing, int startedDaysAgo, int assertedDaysAgo, Condition? reason = null)
    {
        var statement = new MedicationStatement
        {
            Status = MedicationStatement.MedicationStatusCodes.Active,
            Medication = medication.ToCodeableConcept(),
            Subject = Subject,
            Effective = new Period { Start = Calendar.DateTime(startedDaysAgo).Value },
            DateAsserted = Calendar.DateTime(assertedDaysAgo, 10).Value,
            InformationSource = Subject,
            Dosage = [dosing.ToDosage()],
        };
        if (reason is not null)
            statement.ReasonReference = [References.To(reason)];

        return Add("medst", statement);
    }
}
