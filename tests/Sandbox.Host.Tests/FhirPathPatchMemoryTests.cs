using System.Globalization;
using System.Net;
using System.Text;

namespace Sandbox.Host.Tests;

/// <summary>
/// FHIRPath Patch paths that would make the sandbox build huge strings, sent to the host
/// running as its own process so that its peak memory can be read from /proc (Linux only).
/// </summary>
public sealed class FhirPathPatchMemoryTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ReplaceChain_RejectedWithoutGrowth()
    {
        // Eight chained replace() calls turn 'x' into a string of 10^8 characters. Evaluating
        // it grew the host by about 300 MB before paths were checked.
        var (process, root) = await HostProcess.StartListeningAtAsync(
            Timeout,
            "--urls", "http://127.0.0.1:0",
            "--ephemeral", "true",
            "--open-fhir", "true",
            "--seed", "empty",
            "--Logging:LogLevel:Default", "Error");
        using var host = process;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(root, "fhir/"), Timeout = Timeout };
            await CreatePatientAsync(client);
            using (var warmUp = await PatchAsync(client, "Patient.name.where(family = 'x')"))
                Assert.Equal(HttpStatusCode.OK, warmUp.StatusCode);
            var peakBefore = PeakResidentBytes(host.Id);
            var chain = string.Concat(Enumerable.Repeat(".replace('x', 'xxxxxxxxxx')", 8));

            using var response = await PatchAsync(client, $"Patient.name.where(family = 'x'{chain})");

            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("not-supported", body);
            Assert.Contains("the function 'replace'", body);
            var growth = PeakResidentBytes(host.Id) - peakBefore;
            Assert.True(growth < 64L * 1024 * 1024, $"The host's peak resident memory grew by {growth:N0} bytes.");
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }
    }

    private static async Task CreatePatientAsync(HttpClient client)
    {
        const string Patient = """{"resourceType":"Patient","id":"chain","name":[{"family":"Test"}]}""";
        using var content = new StringContent(Patient, Encoding.UTF8, "application/fhir+json");
        using var response = await client.PutAsync("Patient/chain", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, string path)
    {
        var escaped = path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        var patch = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"operation\",\"part\":["
            + "{\"name\":\"type\",\"valueCode\":\"delete\"},"
            + $"{{\"name\":\"path\",\"valueString\":\"{escaped}\"}}]}}]}}";
        var request = new HttpRequestMessage(HttpMethod.Patch, "Patient/chain")
        {
            Content = new StringContent(patch, Encoding.UTF8, "application/fhir+json"),
        };
        return client.SendAsync(request);
    }

    // VmHWM in /proc/<pid>/status is the process's peak resident set size, in kB.
    private static long PeakResidentBytes(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status")
            .First(line => line.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = line["VmHWM:".Length..].Trim().Split(' ')[0];
        return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
    }
}
