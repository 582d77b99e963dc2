using System.Xml.Linq;
using Hl7.Fhir.Model;
using Sandbox.EhrUi.Fhir;
using Sandbox.EhrUi.Presentation;
using Sandbox.EhrUi.Presentation.Charts;

namespace Sandbox.EhrUi.Tests.Presentation;

/// <summary>Builds every chart view from the Synthea R4 bundles, so real data shapes are covered.</summary>
public sealed class SyntheaChartTests
{
    private const string SystolicCode = "8480-6";
    private const string SystolicKey = "http://loinc.org|" + SystolicCode;

    // Parsing the bundles takes seconds, so every test of the class shares one parse.
    private static readonly Lazy<IReadOnlyList<(string File, List<Resource> Resources)>> Bundles =
        new(() => SyntheaFactAttribute.BundleFiles().Select(file => (file, ReadResources(file))).ToList());

    private static readonly PatientBannerBuilder Builder =
        new(new FixedTimeProvider(new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero)));

    [SyntheaFact]
    public void Banner_EveryPatient_HasNameAndMrn()
    {
        foreach (var (file, resources) in Bundles.Value)
        {
            var patient = resources.OfType<Patient>().SingleOrDefault();
            if (patient is null)
                continue;

            var banner = Builder.Build(patient, resources.OfType<AllergyIntolerance>(), null);

            Assert.False(string.IsNullOrWhiteSpace(banner.Mrn), $"{Path.GetFileName(file)} has no MRN");
            Assert.DoesNotContain("Unnamed", banner.Name);
            Assert.NotNull(banner.Age);
        }
    }

    [SyntheaFact]
    public void Tables_EveryBundle_BuildWithoutMissingIds()
    {
        foreach (var (_, resources) in Bundles.Value)
        {
            var problems = ChartRows.Problems(resources.OfType<Condition>());
            var medications = ChartRows.Medications(resources.OfType<MedicationRequest>(), resources);
            var encounters = ChartRows.Encounters(resources.OfType<Encounter>());
            var immunizations = ChartRows.Immunizations(resources.OfType<Immunization>());
            var documents = ChartRows.Documents(resources.OfType<DocumentReference>());

            Assert.All(problems, row => Assert.NotEqual(string.Empty, row.Id));
            Assert.All(medications, row => Assert.NotEqual(FhirDisplay.Missing, row.Medication));
            Assert.All(encounters, row => Assert.NotEqual(FhirDisplay.Missing, row.Start));
            Assert.All(immunizations, row => Assert.NotEqual(FhirDisplay.Missing, row.Vaccine));
            Assert.All(documents, row => Assert.NotEqual(string.Empty, row.Id));
        }
    }

    [SyntheaFact]
    public void Trends_EveryBundle_RenderWellFormedSvg()
    {
        var rendered = 0;
        foreach (var (_, resources) in Bundles.Value)
        {
            var overview = ResultsOverviewBuilder.Build(resources.OfType<Observation>());

            foreach (var trend in overview.Trends)
            {
                var svg = XElement.Parse(SvgTrendChart.Render(trend, $"trend-{rendered}"));
                Assert.Equal("img", (string?)svg.Attribute("role"));
                rendered++;
            }
        }

        Assert.True(rendered > 0, "No bundle produced a trend chart.");
    }

    [SyntheaFact]
    public void Trends_BloodPressurePanels_GiveSystolicTrend()
    {
        var observations = Bundles.Value
            .Select(bundle => bundle.Resources.OfType<Observation>().ToList())
            .First(list => list.Count(IsBloodPressurePanel) >= ResultsOverviewBuilder.MinTrendPoints);

        var overview = ResultsOverviewBuilder.Build(observations);

        var systolic = Assert.Single(overview.Trends, t => t.Key.StartsWith(SystolicKey + "|", StringComparison.Ordinal));
        Assert.Equal(observations.Count(IsBloodPressurePanel), systolic.Points.Count);
    }

    private static bool IsBloodPressurePanel(Observation observation) =>
        observation.Component.Any(c => c.Code.Coding.Any(coding => coding.Code == SystolicCode));

    private static List<Resource> ReadResources(string file)
    {
        var bundle = FhirJson.Deserialize<Bundle>(File.ReadAllBytes(file));
        return bundle.Entry.Select(entry => entry.Resource).OfType<Resource>().ToList();
    }
}
