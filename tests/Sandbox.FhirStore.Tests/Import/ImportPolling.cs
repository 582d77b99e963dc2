using System.Net.Http.Json;
using Sandbox.FhirStore.Import;

namespace Sandbox.FhirStore.Tests.Import;

/// <summary>Polls an import job until it stops running.</summary>
internal static class ImportPolling
{
    public static async Task<ImportJobStatus> WaitForCompletionAsync(HttpClient http, Uri location, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var status = await http.GetFromJsonAsync<ImportJobStatus>(location);
            Assert.NotNull(status);
            if (status.State != "running")
                return status;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"The import job at {location} was still running after the timeout.");

            await Task.Delay(50);
        }
    }
}
