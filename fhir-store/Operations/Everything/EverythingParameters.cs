using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;

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
    /// and <c>_type</c>, <c>_count</c> and every other parameter pass through unchanged.
    /// <c>start</c> and <c>end</c> are left out, and the caller reports them as not applied.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ToSearchParameters(
        IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
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
                    EnsureDate(name, value);
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

    private static void EnsureDate(string name, string value)
    {
        // A year or a month is completed to its first day, so that the month and day are checked too.
        var day = value.Length switch
        {
            4 => value + "-01-01",
            7 => value + "-01",
            _ => value,
        };
        if (DatePattern().IsMatch(value)
            && DateTimeOffset.TryParse(day, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            return;
        }

        throw Invalid(name, $"{name} must be a FHIR date such as 2024, 2024-01 or 2024-01-31, not '{value}'.");
    }

    private static FhirOperationException Invalid(string name, string message) =>
        new(HttpStatusCode.BadRequest, OperationOutcome.IssueType.Value, message, name);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex InstantPattern();

    [GeneratedRegex(@"^\d{4}(-\d{2}(-\d{2})?)?$")]
    private static partial Regex DatePattern();
}
