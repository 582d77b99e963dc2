using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Sandbox.Benchmarks.Data;

/// <summary>
/// Makes copies of the data set's Bundles with new resource ids, so that a store can be
/// filled with many times the data set. Copy 0 is the data set itself. In copy k every
/// resource id is replaced: a UUID (as Synthea's ids are) by a UUID derived from it and k,
/// any other id by the id with the suffix <c>-ck</c>. References, full URLs and request URLs
/// that name the id change with it, so each copy is a separate population of patients.
/// </summary>
internal static partial class DataSetCopies
{
    /// <summary>Returns copy <paramref name="copy"/> of a Bundle.</summary>
    public static BundleFile Copy(BundleFile bundle, int copy)
    {
        if (copy == 0)
            return bundle;

        var ids = bundle.Entries
            .Select(entry => entry.Id)
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(id => id, id => NewId(id, copy), StringComparer.Ordinal);
        var text = Encoding.UTF8.GetString(bundle.Json);
        var copied = QuotedId().Replace(text, match =>
            ids.TryGetValue(match.Groups["id"].Value, out var newId)
                ? $"\"{match.Groups["prefix"].Value}{newId}\""
                : match.Value);
        var entries = bundle.Entries.Select(entry => entry with { Id = ids[entry.Id] }).ToList();
        return new BundleFile($"{Path.GetFileNameWithoutExtension(bundle.Name)}-c{copy}.json", Encoding.UTF8.GetBytes(copied), entries);
    }

    private static string NewId(string id, int copy)
    {
        if (!Guid.TryParse(id, out _))
            return $"{id}-c{copy}";

        // A name-based UUID: the first 16 bytes of SHA-256 over the id and the copy number.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{id}/{copy}"));
        return new Guid(hash.AsSpan(0, 16)).ToString("D");
    }

    // A JSON string that is an id, "urn:uuid:<id>" or "Type/<id>".
    [GeneratedRegex("\"(?<prefix>urn:uuid:|[A-Z][A-Za-z]+/)?(?<id>[A-Za-z0-9.\\-]{1,64})\"")]
    private static partial Regex QuotedId();
}
