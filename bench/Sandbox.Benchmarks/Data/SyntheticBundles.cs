using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Benchmarks.Data;

/// <summary>
/// Generates transaction Bundles shaped like Synthea's, for machines without the Synthea data:
/// per Bundle one Patient, one Encounter and vital-sign Observations that reference both through
/// <c>urn:uuid</c> full URLs. The output is the same for the same arguments.
/// </summary>
internal static class SyntheticBundles
{
    /// <summary>Resources per generated Bundle, about the mean of the Synthea sample Bundles.</summary>
    public const int ResourcesPerBundle = 300;

    public static byte[] Create(int bundleNumber)
    {
        var patientUrl = FullUrl(bundleNumber, 0);
        var encounterUrl = FullUrl(bundleNumber, 1);
        var entries = new JsonArray
        {
            Entry(patientUrl, Patient(bundleNumber)),
            Entry(encounterUrl, Encounter(bundleNumber, patientUrl)),
        };
        for (var number = 2; number < ResourcesPerBundle; number++)
            entries.Add(Entry(FullUrl(bundleNumber, number), Observation(bundleNumber, number, patientUrl, encounterUrl)));

        var bundle = new JsonObject { ["resourceType"] = "Bundle", ["type"] = "transaction", ["entry"] = entries };
        return JsonSerializer.SerializeToUtf8Bytes(bundle);
    }

    private static string FullUrl(int bundleNumber, int entryNumber) =>
        "urn:uuid:" + new Guid(bundleNumber, 0x5a4d, 0x0b0e, BitConverter.GetBytes((long)entryNumber));

    private static JsonObject Entry(string fullUrl, JsonObject resource) => new()
    {
        ["fullUrl"] = fullUrl,
        ["resource"] = resource,
        ["request"] = new JsonObject { ["method"] = "POST", ["url"] = (string?)resource["resourceType"] },
    };

    private static JsonObject Patient(int bundleNumber) => new()
    {
        ["resourceType"] = "Patient",
        ["id"] = $"gen-patient-{bundleNumber}",
        ["name"] = new JsonArray { new JsonObject { ["family"] = $"Generated{bundleNumber}", ["given"] = new JsonArray { "Test" } } },
        ["gender"] = bundleNumber % 2 == 0 ? "female" : "male",
        ["birthDate"] = $"{1940 + bundleNumber % 60}-0{1 + bundleNumber % 9}-15",
    };

    private static JsonObject Encounter(int bundleNumber, string patientUrl) => new()
    {
        ["resourceType"] = "Encounter",
        ["id"] = $"gen-encounter-{bundleNumber}",
        ["status"] = "finished",
        ["class"] = Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"),
        ["subject"] = new JsonObject { ["reference"] = patientUrl },
        ["period"] = new JsonObject { ["start"] = "2020-01-01T09:00:00Z", ["end"] = "2020-01-01T09:30:00Z" },
    };

    private static JsonObject Observation(int bundleNumber, int number, string patientUrl, string encounterUrl) => new()
    {
        ["resourceType"] = "Observation",
        ["id"] = $"gen-observation-{bundleNumber}-{number}",
        ["status"] = "final",
        ["category"] = new JsonArray
        {
            new JsonObject
            {
                ["coding"] = new JsonArray
                {
                    Coding("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", "vital signs"),
                },
            },
        },
        ["code"] = new JsonObject { ["coding"] = new JsonArray { Coding("http://loinc.org", "8867-4", "Heart rate") } },
        ["subject"] = new JsonObject { ["reference"] = patientUrl },
        ["encounter"] = new JsonObject { ["reference"] = encounterUrl },
        ["effectiveDateTime"] = DateTime.UnixEpoch.AddDays(18_000 + number).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["valueQuantity"] = new JsonObject
        {
            ["value"] = 60 + number % 40,
            ["unit"] = "/min",
            ["system"] = "http://unitsofmeasure.org",
            ["code"] = "/min",
        },
    };

    private static JsonObject Coding(string system, string code, string display) => new()
    {
        ["system"] = system,
        ["code"] = code,
        ["display"] = display,
    };
}
