using System.Net;
using Hl7.Fhir.Model;

namespace Sandbox.FhirStore.Tests.SearchHttp;

/// <summary>HTTP helpers shared by the search tests over the real host.</summary>
internal static class SearchHttp
{
    /// <summary>Sends a GET and parses the searchset; fails with the response body on any status but 200.</summary>
    public static async Task<Bundle> GetBundleAsync(
        FhirTestClient client,
        string relative,
        params (string Name, string Value)[] headers)
    {
        using var response = await client.GetAsync(relative, headers);
        return await ReadBundleAsync(response);
    }

    /// <summary>Sends a GET to an absolute URL, as a client follows a paging link.</summary>
    public static async Task<Bundle> FollowAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(new Uri(url));
        return await ReadBundleAsync(response);
    }

    public static async Task<Bundle> ReadBundleAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"{response.RequestMessage?.RequestUri} returned {(int)response.StatusCode}: {body}");
        }

        return await FhirTestClient.ReadAsync<Bundle>(response);
    }

    /// <summary>Returns the ids of the match entries, sorted, joined with commas, so a failure shows both lists.</summary>
    public static string Ids(Bundle bundle) =>
        string.Join(",", Search.BundleAssert.SortedMatchIds(bundle));
}
