using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Sandbox.Auth.Personas;

namespace Sandbox.Host.Tests;

/// <summary>An admin API request that fails with an unhandled exception gets ProblemDetails, not an empty 500.</summary>
public sealed class AdminFailureTests
{
    [Fact]
    public async Task FailedRequest_Returns500Problem()
    {
        var log = new WarningRecorder();
        await using var app = SandboxApp.Build(
            ["--urls", "http://127.0.0.1:0", "--ephemeral", "true", "--seed", "empty", "--Logging:LogLevel:Default", "Warning"],
            builder =>
            {
                builder.Logging.AddProvider(log);
                builder.Host.UseServiceProviderFactory(new PersonaStoreReplacement());
            });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        using var response = await client.GetAsync("/api/personas");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(500, (int?)problem["status"]);
        Assert.Contains("trace id", (string?)problem["detail"], StringComparison.Ordinal);
        var traceId = (string?)problem["traceId"];
        Assert.False(string.IsNullOrEmpty(traceId));
        Assert.Contains(log.Warnings, entry => entry.Message == $"Failed GET /api/personas (trace {traceId})");
        await app.StopAsync();
    }

    /// <summary>
    /// Builds the host's services with <see cref="ListFailingPersonaStore"/> in place of the
    /// sandbox's persona store, which the sandbox registers after the test's configuration runs.
    /// </summary>
    private sealed class PersonaStoreReplacement : IServiceProviderFactory<IServiceCollection>
    {
        public IServiceCollection CreateBuilder(IServiceCollection services) => services;

        public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder)
        {
            containerBuilder.Replace(ServiceDescriptor.Singleton<IPersonaStore, ListFailingPersonaStore>());
            return containerBuilder.BuildServiceProvider();
        }
    }

    /// <summary>Keeps personas in memory and fails to list them.</summary>
    private sealed class ListFailingPersonaStore : IPersonaStore
    {
        private readonly ConcurrentDictionary<string, Persona> _personas = new(StringComparer.Ordinal);

        public Task AddAsync(Persona persona, CancellationToken cancellationToken)
        {
            _personas[persona.Username] = persona;
            return Task.CompletedTask;
        }

        public Task<Persona?> FindAsync(string username, CancellationToken cancellationToken) =>
            Task.FromResult(_personas.GetValueOrDefault(username));

        public Task<bool> RemoveAsync(string username, CancellationToken cancellationToken) =>
            Task.FromResult(_personas.TryRemove(username, out _));

        public Task<IReadOnlyList<Persona>> ListAsync(CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The persona list failed on purpose.");
    }
}
