using System.Collections.Concurrent;
using Sandbox.FhirStore.Formats;

namespace Sandbox.FhirStore.Rest.Capabilities;

/// <summary>
/// Keeps the serialized CapabilityStatement of <c>/fhir/metadata</c>, one copy per FHIR base
/// URL, publication date, format and pretty-printing. The statement lists every R4 type with
/// its search parameters and <c>_revinclude</c> values, about 0.8 MB of compact JSON, and
/// building and writing it takes tens of milliseconds. Only its base URL and its date can
/// differ from one request to the next, and test suites poll it to learn that the sandbox is up.
/// </summary>
public sealed class CapabilityStatementCache(CapabilityStatementBuilder builder)
{
    // The base URL comes from the request's Host header. The host name check admits any port,
    // and any name when it is configured with '*', so the bound keeps made-up hosts from filling memory.
    private const int MaxEntries = 8;

    private readonly ConcurrentDictionary<Key, Lazy<byte[]>> _entries = new();

    /// <summary>
    /// Returns the statement for <paramref name="fhirBase"/> in <paramref name="format"/>.
    /// Concurrent callers with the same key wait for one serialization.
    /// </summary>
    public byte[] Get(Uri fhirBase, FhirFormat format, bool pretty)
    {
        var key = new Key(fhirBase.ToString(), builder.PublicationDate(), format, pretty);
        if (!_entries.TryGetValue(key, out var entry))
        {
            if (_entries.Count >= MaxEntries)
                _entries.Clear();
            entry = _entries.GetOrAdd(key, static (key, builder) => new Lazy<byte[]>(() => Serialize(builder, key)), builder);
        }

        try
        {
            return entry.Value;
        }
        catch
        {
            // Lazy keeps the exception, so dropping the entry lets the next request try again.
            _entries.TryRemove(new KeyValuePair<Key, Lazy<byte[]>>(key, entry));
            throw;
        }
    }

    private static byte[] Serialize(CapabilityStatementBuilder builder, Key key)
    {
        using var output = new MemoryStream();
        FhirSerializer.Write(builder.Build(new Uri(key.FhirBase), key.Date), key.Format, key.Pretty, output);
        return output.ToArray();
    }

    private readonly record struct Key(string FhirBase, string Date, FhirFormat Format, bool Pretty);
}
