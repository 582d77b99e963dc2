namespace Sandbox.Auth.Personas;

/// <summary>
/// The personas one can sign in as. The seed loader and the admin API add them at run time;
/// the <c>Auth:Personas</c> configuration list is added at start-up.
/// </summary>
public interface IPersonaStore
{
    /// <summary>Adds a persona, or replaces the one with the same username.</summary>
    Task AddAsync(Persona persona, CancellationToken cancellationToken);

    /// <summary>Finds a persona by username, or returns null.</summary>
    Task<Persona?> FindAsync(string username, CancellationToken cancellationToken);

    /// <summary>Removes the persona with the username, and returns false when there was none.</summary>
    Task<bool> RemoveAsync(string username, CancellationToken cancellationToken);

    /// <summary>Lists every persona, ordered by display name.</summary>
    Task<IReadOnlyList<Persona>> ListAsync(CancellationToken cancellationToken);
}
