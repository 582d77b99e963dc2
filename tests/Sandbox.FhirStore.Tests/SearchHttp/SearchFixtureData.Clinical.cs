using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.SearchHttp;

/// <summary>The clinical resources of the fixture: observations of three patients and the resources around them.</summary>
internal static partial class SearchFixtureData
{
    private static IEnumerable<Resource> Observations(Uri fhirBase)
    {
        yield return Vital("obs-hr", "8867-4", "Heart rate", "pat-ada", new FhirDateTime("2024-03-08T10:00:00Z"), UcumQuantity(72, "/min"), o =>
        {
            o.Performer = [new ResourceReference("Practitioner/pr-1"), new ResourceReference("Patient/pat-bob")];
            o.Encounter = new ResourceReference("Encounter/enc-1");
        });
        yield return Vital("obs-weight", "29463-7", "Body weight", "pat-ada", new FhirDateTime("2024-03-07T09:00:00+01:00"), UcumQuantity(5.4m, "kg"));
        yield return Vital("obs-weight-g", "29463-7", "Body weight", "pat-bob", new FhirDateTime("2023-01-01"), UcumQuantity(5600, "g"), o =>
            o.Subject!.Identifier = new Identifier(Mrn, "MRN-2"));
        yield return Vital("obs-bp", "85354-9", "Blood pressure panel", "pat-ada", new Period(new FhirDateTime("2024-03-01T08:00:00Z"), new FhirDateTime("2024-03-01T09:00:00Z")), null, o =>
            o.Component =
            [
                new Observation.ComponentComponent { Code = new CodeableConcept(Loinc, "8480-6"), Value = UcumQuantity(120, "mm[Hg]") },
                new Observation.ComponentComponent { Code = new CodeableConcept(Loinc, "8462-4"), Value = UcumQuantity(80, "mm[Hg]") },
            ]);
        yield return Vital("obs-temp", "8310-5", "Body temperature", "pat-cy", new FhirDateTime("2024-02-01T12:00:00Z"), UcumQuantity(37.2m, "Cel"), o =>
            o.Subject = new ResourceReference($"{fhirBase.AbsoluteUri.TrimEnd('/')}/Patient/pat-cy"));
        yield return new Observation
        {
            Id = "obs-lab",
            Status = ObservationStatus.Amended,
            Category = [new CodeableConcept(ObservationCategories, "laboratory")],
            Code = new CodeableConcept(Loinc, "4548-4", "Hemoglobin A1c"),
            Subject = new ResourceReference("Patient/pat-bob"),
            Effective = new FhirDateTime("2022-06-15"),
            Value = UcumQuantity(6.5m, "%"),
        };
        yield return new Observation
        {
            Id = "obs-smoke",
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept(ObservationCategories, "social-history")],
            Code = new CodeableConcept(Loinc, "72166-2", "Tobacco smoking status"),
            Subject = new ResourceReference("Patient/pat-cy"),
            Effective = new Instant(DateTimeOffset.Parse("2024-03-08T23:30:00-05:00", System.Globalization.CultureInfo.InvariantCulture)),
            Value = new CodeableConcept(Snomed, "266919005", "Never smoked tobacco", "Never smoker"),
        };
    }

    private static IEnumerable<Resource> Others()
    {
        yield return new Encounter
        {
            Id = "enc-1",
            Status = Encounter.EncounterStatus.Finished,
            Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB"),
            Subject = new ResourceReference("Patient/pat-ada"),
            Period = new Period(new FhirDateTime("2024-03-07T22:00:00Z"), new FhirDateTime("2024-03-08T02:00:00Z")),
            Length = new Duration { Value = 240, System = Ucum, Code = "min", Unit = "min" },
        };
        yield return new Encounter
        {
            Id = "enc-2",
            Status = Encounter.EncounterStatus.InProgress,
            Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP"),
            Subject = new ResourceReference("Patient/pat-bob"),
            Period = new Period { StartElement = new FhirDateTime("2024-03-09T08:00:00+02:00") },
        };
        yield return new Condition
        {
            Id = "cond-1",
            ClinicalStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"),
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item")],
            Code = new CodeableConcept(Snomed, "44054006", "Diabetes mellitus type 2"),
            Subject = new ResourceReference("Patient/pat-ada"),
            Onset = new FhirDateTime("2010"),
        };
        yield return new Medication { Id = "med-1", Code = new CodeableConcept("http://www.nlm.nih.gov/research/umls/rxnorm", "860975", "Metformin") };
        yield return new MedicationRequest
        {
            Id = "mr-1",
            Status = MedicationRequest.MedicationrequestStatus.Active,
            Intent = MedicationRequest.MedicationRequestIntent.Order,
            Medication = new ResourceReference("Medication/med-1"),
            Subject = new ResourceReference("Patient/pat-ada"),
            Requester = new ResourceReference("Practitioner/pr-1"),
            AuthoredOn = "2024-01-01",
        };
        yield return new ServiceRequest
        {
            Id = "sr-1",
            Status = RequestStatus.Active,
            Intent = RequestIntent.Order,
            Subject = new ResourceReference("Patient/pat-ada"),
            Occurrence = new Timing { EventElement = [new FhirDateTime("2024-05-01T10:00:00Z"), new FhirDateTime("2024-05-03T10:00:00Z")] },
        };
        yield return new RiskAssessment { Id = "ra-1", Status = ObservationStatus.Final, Subject = new ResourceReference("Patient/pat-ada"), Prediction = [new RiskAssessment.PredictionComponent { Probability = new FhirDecimal(0.25m) }] };
        yield return new RiskAssessment { Id = "ra-2", Status = ObservationStatus.Final, Subject = new ResourceReference("Patient/pat-bob"), Prediction = [new RiskAssessment.PredictionComponent { Probability = new FhirDecimal(0.72m) }] };
        yield return new ValueSet { Id = "vs-colors", Url = "http://example.org/fhir/ValueSet/colors/primary", Status = PublicationStatus.Active };
        yield return new ValueSet { Id = "vs-shapes", Url = "http://example.org/fhir/ValueSet/shapes", Status = PublicationStatus.Active };
        yield return new List
        {
            Id = "list-1",
            Status = List.ListStatus.Current,
            Mode = ListMode.Working,
            Entry = [new List.EntryComponent { Item = new ResourceReference("Patient/pat-ada") }, new List.EntryComponent { Item = new ResourceReference("Patient/pat-cy") }],
        };
    }

    private static Observation Vital(
        string id,
        string code,
        string display,
        string patientId,
        DataType effective,
        DataType? value,
        Action<Observation>? customize = null)
    {
        var observation = new Observation
        {
            Id = id,
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept(ObservationCategories, "vital-signs")],
            Code = new CodeableConcept(Loinc, code, display, display),
            Subject = new ResourceReference($"Patient/{patientId}"),
            Effective = effective,
            Value = value,
        };
        customize?.Invoke(observation);
        return observation;
    }

    private static Quantity UcumQuantity(decimal value, string code) =>
        new() { Value = value, System = Ucum, Code = code, Unit = code };
}
