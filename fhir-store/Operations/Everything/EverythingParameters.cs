using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Sandbox.FhirStore.Search.Extraction;

namespace Sandbox.FhirStore.Operations.Everything;

/// <summary>
/// Checks the parameters of <c>Patient/[id]/$everything</c> (OperationDefinition
/// Patient-everything, FHIR 4.0.1) and turns them into search parameters of the patient
/// compartment. A malformed value is rejected with 400, so that a typo never widens the result.
/// </summary>
internal static partial class EverythingParameters
{
    /// <summary>
    /// Returns the search parameters for the compartment search: <c>_since</c> becomes
    /// <c>_lastUpdated=ge</c> with the same instant, which the Bundle's self link then shows,
    /// and <c>start</c>, <c>end</c>, <c>_type</c>, <c>_count</c> and every other parameter pass
    /// through unchanged. The search applies <c>start</c> and <c>end</c> to care dates.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ToSearchParameters(
        IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        EnsureCareDateRange(parameters);
        var result = new List<KeyValuePair<string, string>>(parameters.Count);
        foreach (var (name, value) in parameters)
        {
            switch (name)
            {
                case "_since":
                    EnsureInstant(value);
                    result.Add(new("_lastUpdated", "ge" + value));
                    break;
                case "_type":
                    EnsureTypes(value);
                    result.Add(new(name, value));
                    break;
                case "_count":
                    EnsureCount(value);
                    result.Add(new(name, value));
                    break;
                case "start" or "end":
                    result.Add(new(name, value));
                    break;
                default:
                    result.Add(new(name, value));
                    break;
            }
        }

        return result;
    }

    private static void EnsureInstant(string value)
    {
        if (InstantPattern().IsMatch(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return;
        }

        throw Invalid(
            "_since",
            $"_since must be a FHIR instant with a time zone, such as 2024-01-31T12:00:00Z, not '{value}'.");
    }

    private static void EnsureTypes(string value)
    {
        var types = value.Split(',', StringSplitOptions.TrimEntries);
        var unknown = types.FirstOrDefault(type => !ResourceTypes.IsKnown(type));
        if (unknown is not null)
        {
            throw Invalid(
                "_type",
                $"_type lists '{unknown}', which is not a FHIR R4 resource type; separate types with commas, such as _type=Observation,Condition.");
        }
    }

    private static void EnsureCount(string value)
    {
        if (value.Length > 0 && value.All(char.IsAsciiDigit))
            return;

        throw Invalid("_count", $"_count must be a non-negative whole number, not '{value}'.");
    }

    /// <summary>
    /// Checks that <c>start</c> and <c>end</c> are FHIR dates, each given at most once as the
    /// operation defines them, and that <c>start</c> is not after <c>end</c>.
    /// </summary>
    private static void EnsureCareDateRange(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var start = EnsureDate(parameters, "start");
        var end = EnsureDate(parameters, "end");
        if (start is { } low && end is { } high && low.Low > high.High)
        {
            var startText = parameters.First(parameter => parameter.Key == "start").Value;
            var endText = parameters.First(parameter => parameter.Key == "end").Value;
            throw Invalid("start", $"start ({startText}) is after end ({endText}); swap them or widen the range.");
        }
    }

    private static DateRange? EnsureDate(IReadOnlyList<KeyValuePair<string, string>> parameters, string name)
    {
        var values = parameters.Where(parameter => parameter.Key == name).Select(parameter => parameter.Value).ToList();
        if (values.Count == 0)
            return null;
        if (values.Count > 1)
            throw Invalid(name, $"{name} may be given once, but the request has it {values.Count} times.");

        // The operation types start and end as date, so a time of day is rejected.
        var value = values[0];
        if (DatePattern().IsMatch(value) && DateRange.TryParse(value, out var range))
            return range;

        throw Invalid(name, $"{name} must be a FHIR date such as 2024, 2024-01 or 2024-01-31, not '{value}'.");
    }

    private static FhirOperationException Invalid(string name, string message) =>
        new(HttpStatusCode.BadRequest, OperationOutcome.IssueType.Value, message, name);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex InstantPattern();

    [GeneratedRegex(@"^\d{4}(-\d{2}(-\d{2})?)?$")]
    private static partial Regex DatePattern();
}
