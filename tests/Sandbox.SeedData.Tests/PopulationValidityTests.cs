using Hl7.Fhir.Model;

namespace Sandbox.SeedData.Tests;

public sealed class PopulationValidityTests
{
    [Fact]
    public void Population_EveryResource_IsValidR4()
    {
        var failures = new List<string>();

        foreach (var resource in PopulationFixture.Population.Resources)
        {
            var outcome = R4Validator.Validate(resource);
            var errors = outcome.Issue
                .Where(issue => issue.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
                .Select(issue => $"{resource.TypeName}/{resource.Id}: {issue.Details?.Text} {issue.Diagnostics}");
            failures.AddRange(errors);
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(40)));
    }

    [Fact]
    public void Validator_WrongVitalSignUnit_ReportsError()
    {
        var heartRate = (Observation)PopulationFixture.Population.Resources
            .OfType<Observation>()
            .First(observation => observation.Meta?.Profile.Contains("http://hl7.org/fhir/StructureDefinition/heartrate") == true)
            .DeepCopy();
        heartRate.Value = new Quantity { Value = 72, Unit = "per hour", System = "http://unitsofmeasure.org", Code = "/h" };

        var outcome = R4Validator.Validate(heartRate);

        Assert.Contains(outcome.Issue, issue => issue.Severity == OperationOutcome.IssueSeverity.Error);
    }
}
