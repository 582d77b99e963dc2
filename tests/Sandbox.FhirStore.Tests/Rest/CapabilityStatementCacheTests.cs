using System.Text;
using Hl7.Fhir.Model;
using Sandbox.FhirStore.Formats;
using Sandbox.FhirStore.Rest.Capabilities;
using Sandbox.FhirStore.Search.Definitions;
using Sandbox.FhirStore.Tests.Search;

namespace Sandbox.FhirStore.Tests.Rest;

public sealed class CapabilityStatementCacheTests
{
    private static readonly Uri Base = new("http://127.0.0.1:5000/fhir");

    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 23, 59, 0, TimeSpan.Zero));
    private readonly CapabilityStatementCache _cache;

    public CapabilityStatementCacheTests() =>
        _cache = new CapabilityStatementCache(new CapabilityStatementBuilder([], SearchParameterCatalog.Default, _clock));

    [Fact]
    public void Get_SameKeyTwice_SerializesOnce()
    {
        var first = _cache.Get(Base, FhirFormat.Json, pretty: false);

        Assert.Same(first, _cache.Get(Base, FhirFormat.Json, pretty: false));
    }

    [Fact]
    public void Get_AfterMidnight_CarriesTheNewDate()
    {
        Assert.Equal("2026-12-06", Read(_cache.Get(Base, FhirFormat.Json, pretty: false)).Date);

        _clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal("2026-12-07", Read(_cache.Get(Base, FhirFormat.Json, pretty: false)).Date);
    }

    [Fact]
    public void Get_EachBase_NamesItsOwnUrl()
    {
        // More bases than the cache keeps, so that some requests find it emptied.
        for (var port = 5000; port < 5020; port++)
        {
            var fhirBase = new Uri($"http://127.0.0.1:{port}/fhir");

            Assert.Equal(fhirBase.ToString(), Read(_cache.Get(fhirBase, FhirFormat.Json, pretty: false)).Implementation?.Url);
        }
    }

    [Fact]
    public void Get_EachFormat_IsWrittenInIt()
    {
        var compact = _cache.Get(Base, FhirFormat.Json, pretty: false);
        var pretty = _cache.Get(Base, FhirFormat.Json, pretty: true);
        var xml = _cache.Get(Base, FhirFormat.Xml, pretty: false);

        Assert.DoesNotContain("\n", Encoding.UTF8.GetString(compact), StringComparison.Ordinal);
        Assert.Contains("\n", Encoding.UTF8.GetString(pretty), StringComparison.Ordinal);
        Assert.IsType<CapabilityStatement>(FhirSerializer.Parse(xml, FhirFormat.Xml));
        Assert.Equal(Read(compact).Rest[0].Resource.Count, Read(pretty).Rest[0].Resource.Count);
    }

    private static CapabilityStatement Read(byte[] json) => (CapabilityStatement)FhirSerializer.ParseJson(json);
}
