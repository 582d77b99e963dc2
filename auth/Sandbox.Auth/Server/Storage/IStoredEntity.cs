namespace Sandbox.Auth.Server.Storage;

/// <summary>
/// An entity of the authorization server's stores. Stores hand out copies, so a request can
/// change its copy freely; <see cref="Version"/> is the concurrency token that an update
/// compares with the stored entity.
/// </summary>
internal interface IStoredEntity<TEntity> where TEntity : class
{
    /// <summary>The unique identifier, assigned when the entity is created.</summary>
    string Id { get; set; }

    /// <summary>The number of writes the entity has seen; 1 after its creation.</summary>
    long Version { get; set; }

    /// <summary>Returns a shallow copy; every collection an entity holds is immutable.</summary>
    TEntity Clone();
}
