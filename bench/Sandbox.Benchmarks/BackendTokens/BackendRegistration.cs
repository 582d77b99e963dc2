using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sandbox.Benchmarks.Processes;

namespace Sandbox.Benchmarks.BackendTokens;

/// <summary>Registers the benchmark's backend client with the sandbox and with the oidc-provider probe.</summary>
internal static class BackendRegistration
{
    /// <summary>Registers the client as a backend service app through the sandbox's admin API.</summary>
    /// <exception cref="ServerUnavailableException">The registration did not return 201 Created.</exception>
    public static async Task RegisterWithSandboxAsync(HttpClient client, JsonObject publicKeySet, CancellationToken cancellationToken)
    {
        var app = new
        {
            clientId = BackendClient.ClientId,
            name = "Benchmark backend service",
            kind = "BackendService",
            scopes = new[] { BackendClient.Scope },
            jwks = publicKeySet,
        };
        using var response = await client.PostAsJsonAsync("api/apps", app, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new ServerUnavailableException($"POST /api/apps returned {(int)response.StatusCode}, not 201 Created: {body}");
        }
    }

    /// <summary>
    /// Writes the client file that <c>bench/probe-oidc-provider/server.mjs</c> reads at start:
    /// the client id, its public keys, its scope and the resource its access tokens are for.
    /// </summary>
    public static void WriteProbeClientFile(string path, JsonObject publicKeySet)
    {
        var client = new JsonObject
        {
            ["clientId"] = BackendClient.ClientId,
            ["jwks"] = publicKeySet.DeepClone(),
            ["scope"] = BackendClient.Scope,

            // Nothing is served there; the URL is only the access tokens' aud claim.
            ["resource"] = "http://127.0.0.1:9/fhir",
        };
        File.WriteAllText(path, client.ToJsonString());
    }
}
