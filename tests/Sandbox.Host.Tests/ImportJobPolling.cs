using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sandbox.Host.Tests;

/// <summary>Polls import jobs of the admin API.</summary>
internal static class ImportJobPolling
{
    /// <summary>
    /// Polls the job every 20 ms until its first transaction has committed, so that a reset sent
    /// next meets a job that is writing. Fails when the job stops running first or stores
    /// nothing within 30 s.
    /// </summary>
    public static async Task WaitForImportedResourcesAsync(HttpClient client, Uri job)
    {
        for (var attempt = 0; attempt < 1500; attempt++)
        {
            var status = await client.GetFromJsonAsync<JsonObject>(job);
            Assert.Equal("running", status!["state"]!.GetValue<string>());
            if (status["resources"]!.GetValue<int>() > 0)
                return;

            await Task.Delay(20);
        }

        Assert.Fail($"The import job at {job} stored nothing within 30 s.");
    }
}
