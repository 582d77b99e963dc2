using System.Text.Json;
using Microsoft.Data.Sqlite;
using Sandbox.Benchmarks.Data;

namespace Sandbox.Benchmarks.Probes;

/// <summary>
/// The bare probe's search file: one row of (patient, resource type, raw JSON) per resource of
/// the data set, with an index on (patient, resource type). No search parameters are
/// extracted, so it is the least a store must keep to serve a search by patient.
/// </summary>
internal static class SearchRowStore
{
    private const string Schema =
        """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE IF NOT EXISTS search_row (
            patient       TEXT NOT NULL,
            resource_type TEXT NOT NULL,
            body          BLOB NOT NULL
        );
        CREATE INDEX IF NOT EXISTS search_row_patient ON search_row (patient, resource_type);
        """;

    // The elements that name the patient a resource belongs to, in Synthea's data.
    private static readonly string[] PatientElements = ["subject", "patient", "beneficiary"];

    /// <summary>Creates the file, or adds to it, and returns the ids of the patients in the given Bundles.</summary>
    public static IReadOnlyList<string> Fill(string path, IReadOnlyList<BundleFile> bundles)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using (var schema = connection.CreateCommand())
        {
            schema.CommandText = Schema;
            schema.ExecuteNonQuery();
        }

        var patients = new HashSet<string>(StringComparer.Ordinal);
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO search_row (patient, resource_type, body) VALUES ($patient, $type, $body)";
        var patient = insert.Parameters.Add("$patient", SqliteType.Text);
        var type = insert.Parameters.Add("$type", SqliteType.Text);
        var body = insert.Parameters.Add("$body", SqliteType.Blob);
        foreach (var bundle in bundles)
        {
            using var document = JsonDocument.Parse(bundle.Json);
            foreach (var entry in document.RootElement.GetProperty("entry").EnumerateArray())
            {
                var resource = entry.GetProperty("resource");
                var owner = FindPatient(resource);
                if (owner is null)
                    continue;

                var resourceType = resource.GetProperty("resourceType").GetString()!;
                if (resourceType == "Patient")
                    patients.Add(owner);

                patient.Value = owner;
                type.Value = resourceType;
                body.Value = System.Text.Encoding.UTF8.GetBytes(resource.GetRawText());
                insert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
        return [.. patients.Order(StringComparer.Ordinal)];
    }

    // Returns the id of the patient the resource belongs to; references read "urn:uuid:<id>"
    // in Synthea's transactions and "Patient/<id>" elsewhere.
    private static string? FindPatient(JsonElement resource)
    {
        if (resource.GetProperty("resourceType").GetString() == "Patient")
            return resource.GetProperty("id").GetString();

        foreach (var name in PatientElements)
        {
            if (resource.TryGetProperty(name, out var element)
                && element.ValueKind == JsonValueKind.Object
                && element.TryGetProperty("reference", out var reference)
                && reference.GetString() is { } text)
            {
                return text[(text.LastIndexOfAny([':', '/']) + 1)..];
            }
        }

        return null;
    }
}
