using System.Net;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.Rest;

/// <summary>
/// The <c>start</c> and <c>end</c> parameters of <c>Patient/[id]/$everything</c> over HTTP:
/// resources whose care date meets the range, resources without a care date, types without
/// one, the patient itself, and malformed ranges.
/// </summary>
public sealed class EverythingDateRangeTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task Everything_StartAndEnd_KeepsObservationsInRange()
    {
        var chart = await CreateDatedChartAsync();

        var ids = await ReadObservationIdsAsync($"Patient/{chart.PatientId}/$everything?start=2021-01-01&end=2021-12-31");

        Assert.Equal(Sorted(chart.In2021, chart.Undated), ids);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_StartOnly_KeepsLaterObservations()
    {
        var chart = await CreateDatedChartAsync();

        var ids = await ReadObservationIdsAsync($"Patient/{chart.PatientId}/$everything?start=2021-01-01");

        Assert.Equal(Sorted(chart.In2021, chart.In2023, chart.Undated), ids);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_EndOnly_KeepsEarlierObservations()
    {
        var chart = await CreateDatedChartAsync();

        var ids = await ReadObservationIdsAsync($"Patient/{chart.PatientId}/$everything?end=2021-12-31");

        Assert.Equal(Sorted(chart.In2019, chart.In2021, chart.Undated), ids);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_YearPrecision_CoversWholeYear()
    {
        var chart = await CreateDatedChartAsync();

        var ids = await ReadObservationIdsAsync($"Patient/{chart.PatientId}/$everything?start=2021&end=2021");

        Assert.Equal(Sorted(chart.In2021, chart.Undated), ids);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_DateRange_KeepsPatient()
    {
        var chart = await CreateDatedChartAsync();

        var bundle = await Client.ReadBundleAsync($"Patient/{chart.PatientId}/$everything?start=2030-01-01");

        var entry = Assert.Single(bundle.Entry, entry => entry.Resource is Patient);
        Assert.Equal(chart.PatientId, entry.Resource!.Id);
        Assert.Equal(Bundle.SearchEntryMode.Match, entry.Search?.Mode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_DateRange_KeepsTypeWithoutCareDate()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var goal = await Client.CreateAsync(new Goal
        {
            LifecycleStatus = Goal.GoalLifecycleStatus.Active,
            Description = new CodeableConcept { Text = "Walk daily" },
            Subject = new ResourceReference($"Patient/{patient.Id}"),
            Start = new Date("2010-01-01"),
        });

        var bundle = await Client.ReadBundleAsync($"Patient/{patient.Id}/$everything?start=2030-01-01");

        Assert.Contains(bundle.Entry, entry => entry.Resource is Goal { Id: var id } && id == goal.Id);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_EncounterPeriod_KeptWhenOverlapping()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var encounter = await Client.CreateAsync(DatedEncounter(patient.Id, "2020-12-30", "2021-01-02"));

        var bundle = await Client.ReadBundleAsync($"Patient/{patient.Id}/$everything?start=2021-01-01&end=2021-01-31");

        Assert.Contains(bundle.Entry, entry => entry.Resource is Encounter { Id: var id } && id == encounter.Id);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_EncounterPeriod_DroppedWhenBefore()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        await Client.CreateAsync(DatedEncounter(patient.Id, "2020-01-01", "2020-01-02"));

        var bundle = await Client.ReadBundleAsync($"Patient/{patient.Id}/$everything?start=2021-01-01");

        Assert.DoesNotContain(bundle.Entry, entry => entry.Resource is Encounter);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_ConditionWithoutOnset_UsesRecordedDate()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var recorded2021 = await Client.CreateAsync(TestCondition(patient.Id, onset: null, recorded: "2021-06-01"));
        await Client.CreateAsync(TestCondition(patient.Id, onset: null, recorded: "2019-06-01"));

        var ids = await ReadIdsAsync<Condition>($"Patient/{patient.Id}/$everything?start=2021-01-01");

        Assert.Equal([recorded2021.Id], ids);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_ConditionOnset_WinsOverRecordedDate()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        await Client.CreateAsync(TestCondition(patient.Id, onset: "2019-06-01", recorded: "2021-06-01"));
        var onset2021 = await Client.CreateAsync(TestCondition(patient.Id, onset: "2021-06-01", recorded: "2019-06-01"));

        var ids = await ReadIdsAsync<Condition>($"Patient/{patient.Id}/$everything?start=2021-01-01");

        Assert.Equal([onset2021.Id], ids);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_MedicationRequest_UsesAuthoredOn()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var authored2021 = await Client.CreateAsync(TestMedicationRequest(patient.Id, "2021-03-01"));
        await Client.CreateAsync(TestMedicationRequest(patient.Id, "2018-03-01"));

        var ids = await ReadIdsAsync<MedicationRequest>($"Patient/{patient.Id}/$everything?start=2021-01-01&end=2021-12-31");

        Assert.Equal([authored2021.Id], ids);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_DateRange_SelfLinkRepeatsRange()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());

        var bundle = await Client.ReadBundleAsync($"Patient/{patient.Id}/$everything?start=2021-01-01&end=2021-12-31");

        var self = Assert.Single(bundle.Link, link => link.Relation == "self").Url;
        Assert.Contains("start=2021-01-01", self, StringComparison.Ordinal);
        Assert.Contains("end=2021-12-31", self, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_DateRange_AddsNoWarning()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());

        var bundle = await Client.ReadBundleAsync($"Patient/{patient.Id}/$everything?start=2021-01-01&end=2021-12-31");

        Assert.DoesNotContain(bundle.Entry, entry => entry.Search?.Mode == Bundle.SearchEntryMode.Outcome);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_DateRangeStrict_Returns200()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.GetAsync(
            $"Patient/{patient.Id}/$everything?start=2021-01-01",
            ("Prefer", "handling=strict"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task Everything_DateRangePaging_ReturnsEachMatchOnce()
    {
        var chart = await CreateDatedChartAsync();

        var pages = await Client.ReadAllPagesAsync($"Patient/{chart.PatientId}/$everything?start=2021-01-01&_count=1");

        var ids = pages.SelectMany(page => page.Entry).Where(entry => entry.Resource is Observation).Select(entry => entry.Resource!.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Sorted(chart.In2021, chart.In2023, chart.Undated), ids);
    }

    [Fact]
    public async System.Threading.Tasks.Task Metadata_Everything_DocumentsAppliedDateRange()
    {
        using var response = await Client.GetAsync("metadata");

        var statement = await FhirTestClient.ReadAsync<CapabilityStatement>(response);
        var patient = statement.Rest[0].Resource.Single(resource => resource.Type == "Patient");
        var everything = patient.Operation.Single(operation => operation.Name == "everything");
        Assert.Contains("Applies _since, _type, _count, start and end.", everything.Documentation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("start=2021-02-30", "start")]
    [InlineData("end=2021-1-5", "end")]
    [InlineData("start=2021-01-01T10:00:00Z", "start")]
    [InlineData("start=0001", "start")]
    [InlineData("start=2021&start=2022", "start")]
    [InlineData("end=2021&end=2022", "end")]
    [InlineData("start=2022-01-01&end=2021-12-31", "start")]
    public async System.Threading.Tasks.Task Everything_InvalidDateRange_Returns400(string query, string name)
    {
        var patient = await Client.CreateAsync(TestResources.Patient());

        using var response = await Client.GetAsync($"Patient/{patient.Id}/$everything?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = await FhirTestClient.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.Value, outcome.Issue[0].Code);
        Assert.Equal(name, Assert.Single(outcome.Issue[0].Expression));
        Assert.Contains(name, outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    private sealed record DatedChart(string? PatientId, string? In2019, string? In2021, string? In2023, string? Undated);

    /// <summary>Creates a patient with Observations dated 2019, 2021 and 2023 and one without a date.</summary>
    private async Task<DatedChart> CreateDatedChartAsync()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        var in2019 = await CreateObservationAsync(patient.Id, "2019-05-01T08:00:00Z");
        var in2021 = await CreateObservationAsync(patient.Id, "2021-05-01T08:00:00Z");
        var in2023 = await CreateObservationAsync(patient.Id, "2023-05-01T08:00:00Z");
        var undated = await CreateObservationAsync(patient.Id, effective: null);
        return new DatedChart(patient.Id, in2019, in2021, in2023, undated);
    }

    private async Task<string?> CreateObservationAsync(string? patientId, string? effective)
    {
        var observation = TestResources.Observation($"Patient/{patientId}");
        observation.Effective = effective is null ? null : new FhirDateTime(effective);
        return (await Client.CreateAsync(observation)).Id;
    }

    private static Encounter DatedEncounter(string? patientId, string start, string end) => new()
    {
        Status = Encounter.EncounterStatus.Finished,
        Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB"),
        Subject = new ResourceReference($"Patient/{patientId}"),
        Period = new Period(new FhirDateTime(start), new FhirDateTime(end)),
    };

    private static Condition TestCondition(string? patientId, string? onset, string recorded) => new()
    {
        Code = new CodeableConcept("http://snomed.info/sct", "38341003", "Hypertension"),
        Subject = new ResourceReference($"Patient/{patientId}"),
        Onset = onset is null ? null : new FhirDateTime(onset),
        RecordedDate = recorded,
    };

    private static MedicationRequest TestMedicationRequest(string? patientId, string authoredOn) => new()
    {
        Status = MedicationRequest.MedicationrequestStatus.Active,
        Intent = MedicationRequest.MedicationRequestIntent.Order,
        Medication = new CodeableConcept("http://www.nlm.nih.gov/research/umls/rxnorm", "197361", "Amlodipine 5 MG"),
        Subject = new ResourceReference($"Patient/{patientId}"),
        AuthoredOn = authoredOn,
    };

    private static List<string?> Sorted(params string?[] ids) => ids.Order(StringComparer.Ordinal).ToList();

    private async Task<List<string?>> ReadObservationIdsAsync(string relative) =>
        await ReadIdsAsync<Observation>(relative);

    private async Task<List<string?>> ReadIdsAsync<T>(string relative)
        where T : Resource
    {
        var bundle = await Client.ReadBundleAsync(relative);
        return bundle.Entry
            .Where(entry => entry.Resource is T && entry.Search?.Mode == Bundle.SearchEntryMode.Match)
            .Select(entry => entry.Resource!.Id)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
