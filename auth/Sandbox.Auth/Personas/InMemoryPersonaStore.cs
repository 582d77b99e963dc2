using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sandbox.Auth.Personas;

/// <summary>The default <see cref="IPersonaStore"/>: kept in memory, filled at start-up.</summary>
internal sealed class InMemoryPersonaStore : IPersonaStore
{
    private readonly ConcurrentDictionary<string, Persona> _personas = new(StringComparer.Ordinal);
    private readonly ILogger<InMemoryPersonaStore> _logger;

    public InMemoryPersonaStore(IOptions<SmartAuthOptions> options, ILogger<InMemoryPersonaStore> logger)
    {
        _logger = logger;
        foreach (var persona in options.Value.Personas)
            Add(persona);
    }

    public Task AddAsync(Persona persona, CancellationToken cancellationToken)
    {
        Add(persona);
        return Task.CompletedTask;
    }

    public Task<Persona?> FindAsync(string username, CancellationToken cancellationToken) =>
        Task.FromResult(_personas.GetValueOrDefault(username));

    public Task<bool> RemoveAsync(string username, CancellationToken cancellationToken) =>
        Task.FromResult(_personas.TryRemove(username, out _));

    public Task<IReadOnlyList<Persona>> ListAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Persona> list = _personas.Values.OrderBy(persona => persona.DisplayName, StringComparer.Ordinal).ToList();
        return Task.FromResult(list);
    }

    private void Add(Persona persona)
    {
        PersonaValidator.Validate(persona);
        _personas[persona.Username] = persona;
        Log.PersonaRegistered(_logger, persona.Username, persona.Role.ToString());
    }
}
