using System.Text;
using Hl7.Fhir.Model;
using Sandbox.EhrUi.Presentation;

namespace Sandbox.EhrUi.Tests.Presentation;

public sealed class ChartRowsTests
{
    [Fact]
    public void Problems_ActiveFirst_ThenNewest()
    {
        Condition[] conditions =
        [
            Condition("old-active", "Hypertension", "active", "2001-01-01"),
            Condition("resolved", "Sprained ankle", "resolved", "2020-06-01"),
            Condition("new-active", "Diabetes", "active", "2015-03-02"),
        ];

        var rows = ChartRows.Problems(conditions);

        Assert.Equal(["new-active", "old-active", "resolved"], rows.Select(r => r.Id));
        Assert.True(rows[0].IsActive);
        Assert.False(rows[2].IsActive);
        Assert.Equal("Resolved", rows[2].ClinicalStatus);
        Assert.Equal("2 Mar 2015", rows[0].Onset);
    }

    [Fact]
    public void Medications_CodeableConcept_UsesText()
    {
        var request = Request("m1", new CodeableConcept { Text = "Ibuprofen 200 MG Oral Tablet" });

        var rows = ChartRows.Medications([request], []);

        Assert.Equal("Ibuprofen 200 MG Oral Tablet", rows[0].Medication);
    }

    [Fact]
    public void Medications_IncludedReference_UsesMedicationCode()
    {
        var request = Request("m1", new ResourceReference("Medication/med-9"));
        var medication = new Medication { Id = "med-9", Code = new CodeableConcept { Text = "Metformin 500 MG" } };

        var rows = ChartRows.Medications([request], [medication]);

        Assert.Equal("Metformin 500 MG", rows[0].Medication);
    }

    [Fact]
    public void Medications_IncludedRequester_UsesName()
    {
        var request = Request("m1", new CodeableConcept { Text = "A" });
        request.Requester = new ResourceReference("Practitioner/dr-1");
        var practitioner = new Practitioner { Id = "dr-1", Name = [new HumanName { Family = "Hill", Given = ["Ana"] }] };

        var rows = ChartRows.Medications([request], [practitioner]);

        Assert.Equal("Hill, Ana", rows[0].Requester);
    }

    [Fact]
    public void Medications_ContainedReference_UsesContainedCode()
    {
        var request = Request("m1", new ResourceReference("#med"));
        request.Contained.Add(new Medication { Id = "med", Code = new CodeableConcept { Text = "Amoxicillin 250 MG" } });

        var rows = ChartRows.Medications([request], []);

        Assert.Equal("Amoxicillin 250 MG", rows[0].Medication);
    }

    [Fact]
    public void Medications_ActiveFirst_WithDosageText()
    {
        var stopped = Request("stopped", new CodeableConcept { Text = "A" }, MedicationRequest.MedicationrequestStatus.Stopped);
        var active = Request("active", new CodeableConcept { Text = "B" });
        active.DosageInstruction.Add(new Dosage { Text = "1 tablet twice daily" });
        stopped.DosageInstruction.Add(new Dosage { AsNeeded = new FhirBoolean(true) });

        var rows = ChartRows.Medications([stopped, active], []);

        Assert.Equal(["active", "stopped"], rows.Select(r => r.Id));
        Assert.Equal("1 tablet twice daily", rows[0].Dosage);
        Assert.Equal("As needed", rows[1].Dosage);
    }

    [Fact]
    public void Encounters_NewestFirst_ClassNamed()
    {
        Encounter[] encounters =
        [
            TestResources.Encounter("older", "p1", "2019-01-01T10:00:00+00:00", "Check up"),
            TestResources.Encounter("newer", "p1", "2021-01-01T10:00:00+00:00", "Emergency visit"),
        ];

        var rows = ChartRows.Encounters(encounters);

        Assert.Equal(["newer", "older"], rows.Select(r => r.Id));
        Assert.Equal("Ambulatory", rows[0].Class);
        Assert.Equal("Finished", rows[0].Status);
    }

    [Fact]
    public void Encounter_WithoutType_ShowsClass()
    {
        var encounter = TestResources.Encounter("e1", "p1", "2019-01-01T10:00:00+00:00", "x");
        encounter.Type.Clear();

        var row = ChartRows.Encounter(encounter);

        Assert.Equal("Ambulatory", row.Type);
    }

    [Fact]
    public void Documents_PlainTextNote_IsDecoded()
    {
        var document = new DocumentReference
        {
            Id = "d1",
            Status = DocumentReferenceStatus.Current,
            Date = new DateTimeOffset(2020, 2, 3, 4, 5, 6, TimeSpan.Zero),
            Type = new CodeableConcept { Text = "Progress note" },
            Content =
            [
                new DocumentReference.ContentComponent
                {
                    Attachment = new Attachment { ContentType = "text/plain; charset=utf-8", Data = Encoding.UTF8.GetBytes("Patient is well.") },
                },
            ],
        };

        var rows = ChartRows.Documents([document]);

        Assert.Equal("Patient is well.", rows[0].Text);
        Assert.Equal("Progress note", rows[0].Type);
        Assert.Equal("3 Feb 2020", rows[0].Date);
    }

    [Fact]
    public void Documents_BinaryAttachment_HasNoText()
    {
        var document = new DocumentReference
        {
            Id = "d1",
            Content =
            [
                new DocumentReference.ContentComponent
                {
                    Attachment = new Attachment { ContentType = "application/pdf", Data = [1, 2, 3] },
                },
            ],
        };

        var rows = ChartRows.Documents([document]);

        Assert.Null(rows[0].Text);
        Assert.Equal("application/pdf", rows[0].ContentType);
    }

    [Fact]
    public void Immunizations_NewestFirst_WithDate()
    {
        Immunization[] immunizations =
        [
            Immunization("flu-2019", "2019-10-01T09:00:00+00:00"),
            Immunization("flu-2020", "2020-10-01T09:00:00+00:00"),
        ];

        var rows = ChartRows.Immunizations(immunizations);

        Assert.Equal(["flu-2020", "flu-2019"], rows.Select(r => r.Id));
        Assert.Equal("1 Oct 2020", rows[0].Date);
        Assert.Equal("Completed", rows[0].Status);
    }

    [Fact]
    public void Allergies_Reactions_AreJoined()
    {
        var allergy = TestResources.Allergy("a1", "Peanut", "active");
        allergy.Criticality = AllergyIntolerance.AllergyIntoleranceCriticality.High;
        allergy.Reaction.Add(new AllergyIntolerance.ReactionComponent
        {
            Manifestation = [new CodeableConcept { Text = "Hives" }, new CodeableConcept { Text = "Wheezing" }],
        });

        var rows = ChartRows.Allergies([allergy]);

        Assert.Equal("Hives, Wheezing", rows[0].Reactions);
        Assert.Equal("High", rows[0].Criticality);
        Assert.Equal("Active", rows[0].ClinicalStatus);
    }

    [Fact]
    public void Demographics_MissingFields_AreLeftOut()
    {
        var patient = TestResources.Patient("p1", "1980-01-01");
        patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, "555-0100"));
        patient.Address.Add(new Address { Line = ["1 Main St"], City = "Boston", State = "MA", PostalCode = "02101" });

        var rows = ChartRows.Demographics(patient);

        Assert.Equal(["Address", "Phone"], rows.Select(r => r.Key));
        Assert.Equal("1 Main St, Boston, MA 02101", rows[0].Value);
    }

    private static Condition Condition(string id, string text, string clinicalStatus, string onset) => new()
    {
        Id = id,
        Code = new CodeableConcept { Text = text },
        ClinicalStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-clinical", clinicalStatus),
        Onset = new FhirDateTime(onset),
    };

    private static MedicationRequest Request(
        string id,
        DataType medication,
        MedicationRequest.MedicationrequestStatus status = MedicationRequest.MedicationrequestStatus.Active) => new()
    {
        Id = id,
        Status = status,
        Intent = MedicationRequest.MedicationRequestIntent.Order,
        Medication = medication,
        AuthoredOn = "2020-01-01",
    };

    private static Immunization Immunization(string id, string date) => new()
    {
        Id = id,
        Status = Hl7.Fhir.Model.Immunization.ImmunizationStatusCodes.Completed,
        VaccineCode = new CodeableConcept { Text = "Influenza" },
        Occurrence = new FhirDateTime(date),
    };
}
