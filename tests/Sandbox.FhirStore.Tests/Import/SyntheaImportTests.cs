using System.Net;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.FhirStore.Formats;
using Sandbox.FhirStore.Storage;
using Sandbox.Testing;

namespace Sandbox.FhirStore.Tests.Import;

public sealed class SyntheaImportTests
{
    [SyntheaFact]
    public async System.Threading.Tasks.Task ImportSynthea_AllBundles_NoErrorsAndReferencesResolve()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", OpenFhir = true });
        using var http = server.CreateClient();
        var files = Directory.GetFiles(SyntheaFactAttribute.Folder!, "*.json").Order(StringComparer.Ordinal).ToList();

        var statuses = new List<Sandbox.FhirStore.Import.ImportJobStatus>();
        foreach (var file in files)
            statuses.Add(await ImportFileAsync(http, file));

        Assert.Equal(42, files.Count);
        Assert.All(statuses, status => Assert.Equal(0, status.Errors));
        Assert.Equal(12_579, statuses.Sum(status => status.Resources));
        var unresolved = await FindUnresolvedReferencesAsync(server.Services.GetRequiredService<IResourceStore>(), files);
        Assert.Empty(unresolved);
    }

    [SyntheaFact]
    public async System.Threading.Tasks.Task ImportSynthea_SameFileTwice_ChangesOnlyVersions()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", OpenFhir = true });
        using var http = server.CreateClient();
        var file = Directory.GetFiles(SyntheaFactAttribute.Folder!, "*.json").Order(StringComparer.Ordinal).First();
        var bundle = (Bundle)FhirSerializer.ParseJson(await File.ReadAllBytesAsync(file));
        var patient = bundle.Entry.Select(entry => entry.Resource).OfType<Patient>().First();

        await ImportFileAsync(http, file);
        using var first = await http.GetAsync($"fhir/Patient/{patient.Id}");
        await ImportFileAsync(http, file);
        using var second = await http.GetAsync($"fhir/Patient/{patient.Id}");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("W/\"1\"", first.Headers.ETag?.ToString());
        Assert.Equal("W/\"2\"", second.Headers.ETag?.ToString());
        var before = Strip(await FhirTestClient.ReadAsync<Patient>(first));
        var after = Strip(await FhirTestClient.ReadAsync<Patient>(second));
        Assert.True(before.IsExactly(after), "The second import changed the patient's content.");
    }

    private static async Task<Sandbox.FhirStore.Import.ImportJobStatus> ImportFileAsync(HttpClient http, string file)
    {
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(file));
        content.Headers.ContentType = new("application/fhir+json");
        using var response = await http.PostAsync($"api/import?name={Uri.EscapeDataString(Path.GetFileName(file))}", content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await ImportPolling.WaitForCompletionAsync(http, response.Headers.Location!, TimeSpan.FromMinutes(5));
    }

    /// <summary>Reads back every resource of the bundles and lists the references whose target is not stored.</summary>
    private static async Task<List<string>> FindUnresolvedReferencesAsync(IResourceStore store, IEnumerable<string> files)
    {
        var unresolved = new List<string>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var bundle = (Bundle)FhirSerializer.ParseJson(await File.ReadAllBytesAsync(file));
            foreach (var resource in bundle.Entry.Select(entry => entry.Resource!))
            {
                var stored = await store.ReadAsync(resource.TypeName, resource.Id!, CancellationToken.None);
                Assert.NotNull(stored);
                var references = ReferenceCollector.Collect(FhirSerializer.ParseJson(stored.Json.Span));
                foreach (var reference in references.Where(known.Add))
                {
                    var parts = reference.Split('/');
                    if (parts.Length != 2 || await store.ReadAsync(parts[0], parts[1], CancellationToken.None) is not { IsDeleted: false })
                        unresolved.Add($"{resource.TypeName}/{resource.Id} -> {reference}");
                }
            }
        }

        return unresolved;
    }

    private static Patient Strip(Patient patient)
    {
        patient.Meta = null;
        return patient;
    }
}
