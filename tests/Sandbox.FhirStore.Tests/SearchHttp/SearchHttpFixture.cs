using System.Net;
using Hl7.Fhir.Model;
using Sandbox.Testing;

namespace Sandbox.FhirStore.Tests.SearchHttp;

/// <summary>
/// One sandbox with open FHIR access and the <see cref="SearchFixtureData"/> resources,
/// shared by the tests of a class. Tests only read, so they never disturb each other.
/// </summary>
public sealed class SearchHttpFixture : IAsyncLifetime
{
    public SandboxServer Server { get; private set; } = null!;

    internal FhirTestClient Client { get; private set; } = null!;

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        Server = await SandboxServer.StartAsync(new SandboxServerOptions { Seed = "empty", OpenFhir = true });
        Client = FhirTestClient.For(Server);
        using var response = await Client.PostAsync(string.Empty, SearchFixtureData.Build(Server.FhirBase));
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"The fixture transaction returned {(int)response.StatusCode}: {body}");
    }

    /// <summary>Runs a GET search and returns the searchset; fails the test on any status but 200.</summary>
    internal Task<Bundle> SearchAsync(string relative, params (string Name, string Value)[] headers) =>
        SearchHttp.GetBundleAsync(Client, relative, headers);

    public async System.Threading.Tasks.Task DisposeAsync()
    {
        Client.Http.Dispose();
        await Server.DisposeAsync();
    }
}
