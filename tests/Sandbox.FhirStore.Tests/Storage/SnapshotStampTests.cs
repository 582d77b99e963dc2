using System.Text;
using Sandbox.FhirStore.Formats;
using Sandbox.FhirStore.Storage.Sqlite;
using Basic = Hl7.Fhir.Model.Basic;
using Meta = Hl7.Fhir.Model.Meta;

namespace Sandbox.FhirStore.Tests.Storage;

/// <summary>
/// A snapshot restore replaces the text of <c>meta.lastUpdated</c> in stored bodies, so the
/// text it computes must be exactly what the store's serializer writes.
/// </summary>
public sealed class SnapshotStampTests
{
    public static TheoryData<string> Instants =>
    [
        "2026-12-05T06:04:39.562+00:00",
        "2026-12-05T06:04:39.500+00:00",
        "2026-12-05T06:04:39.000+00:00",
        "1970-01-01T00:00:01.234+00:00",
        "2099-12-31T23:59:59.999+00:00",
    ];

    [Theory]
    [MemberData(nameof(Instants))]
    public void SerializeInstant_Always_MatchesSerializedLastUpdated(string text)
    {
        var instant = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var json = Encoding.UTF8.GetString(FhirSerializer.ToJsonBytes(new Basic { Meta = new Meta { LastUpdated = instant } }));

        var stamp = SqliteStoreSnapshot.SerializeInstant(instant);

        Assert.Contains($"\"lastUpdated\":\"{stamp}\"", json, StringComparison.Ordinal);
    }
}
