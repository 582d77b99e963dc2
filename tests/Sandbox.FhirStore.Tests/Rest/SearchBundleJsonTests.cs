using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Sandbox.FhirStore.Formats;

namespace Sandbox.FhirStore.Tests.Rest;

/// <summary>
/// Compact JSON search results are written from the stored bodies, and pretty JSON goes
/// through the Firely SDK's Bundle. Both must carry the same Bundle.
/// </summary>
public sealed partial class SearchBundleJsonTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private FhirTestClient Client => fixture.Client;

    [Fact]
    public async System.Threading.Tasks.Task SearchJson_CompactAndPretty_SameContent()
    {
        var query = await CreateSearchAsync();

        var compact = await GetNormalizedAsync(query);
        var pretty = await GetNormalizedAsync(query + "&_pretty=true");

        Assert.True(JsonNode.DeepEquals(pretty, compact), $"compact: {compact.ToJsonString()}\npretty: {pretty.ToJsonString()}");
    }

    [Fact]
    public async System.Threading.Tasks.Task SearchJson_Compact_ParsesAsValidBundle()
    {
        var query = await CreateSearchAsync();

        using var response = await Client.GetAsync(query);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        var bundle = Assert.IsType<Bundle>(FhirSerializer.ParseJson(bytes));
        Assert.Equal(3, bundle.Total);
        Assert.Equal(2, bundle.Entry.Count(entry => entry.Search!.Mode == Bundle.SearchEntryMode.Match));
        Assert.Single(bundle.Entry, entry => entry.Search!.Mode == Bundle.SearchEntryMode.Include);
        Assert.Single(bundle.Entry, entry => entry.Search!.Mode == Bundle.SearchEntryMode.Outcome);
    }

    [Fact]
    public async System.Threading.Tasks.Task SearchJson_Compact_FullUrlNamesEntry()
    {
        var query = await CreateSearchAsync();

        using var response = await Client.GetAsync(query);
        var bundle = await FhirTestClient.ReadAsync<Bundle>(response);

        var match = bundle.Entry.First(entry => entry.Search!.Mode == Bundle.SearchEntryMode.Match);
        Assert.Equal(Client.Url($"Observation/{match.Resource!.Id}").ToString(), match.FullUrl);
    }

    /// <summary>
    /// Creates a patient with three observations and returns a search for them that pages,
    /// includes the patient and carries one unknown parameter for an outcome entry.
    /// </summary>
    private async Task<string> CreateSearchAsync()
    {
        var patient = await Client.CreateAsync(TestResources.Patient());
        for (var index = 0; index < 3; index++)
            await Client.CreateAsync(TestResources.Observation($"Patient/{patient.Id}"));

        return $"Observation?subject=Patient/{patient.Id}&_count=2&_include=Observation:subject&unknown-parameter=1";
    }

    /// <summary>Reads a search result without its random Bundle id and cursor ids.</summary>
    private async Task<JsonNode> GetNormalizedAsync(string query)
    {
        using var response = await Client.GetAsync(query);
        var text = await response.Content.ReadAsStringAsync();
        var bundle = JsonNode.Parse(CursorId().Replace(text, "_cursor=CURSOR"))!.AsObject();
        bundle.Remove("id");
        return bundle;
    }

    [GeneratedRegex("_cursor=[0-9a-f]+")]
    private static partial Regex CursorId();
}
