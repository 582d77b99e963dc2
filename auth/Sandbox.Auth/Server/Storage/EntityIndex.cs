using System.Collections.Concurrent;

namespace Sandbox.Auth.Server.Storage;

/// <summary>
/// A secondary lookup of an <see cref="EntityTable{TEntity}"/>: the ids of the entities that
/// share one key (a client id, a subject, an authorization id). Writers change it while they
/// hold the database's write lock; readers need no lock.
/// </summary>
internal sealed class EntityIndex<TEntity>(Func<TEntity, string?> keyOf)
    where TEntity : class, IStoredEntity<TEntity>
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _ids = new(StringComparer.Ordinal);

    /// <summary>Returns the ids of the entities with this key.</summary>
    public ICollection<string> Find(string key) =>
        _ids.TryGetValue(key, out var ids) ? ids.Keys : [];

    /// <summary>Moves an entity from its old key to its new one.</summary>
    public void Replace(TEntity? previous, TEntity? next)
    {
        var previousKey = previous is null ? null : keyOf(previous);
        var nextKey = next is null ? null : keyOf(next);
        if (previousKey == nextKey)
            return;

        if (nextKey is not null)
            _ids.GetOrAdd(nextKey, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal))[next!.Id] = 0;

        if (previousKey is not null && _ids.TryGetValue(previousKey, out var ids))
        {
            ids.TryRemove(previous!.Id, out _);
            if (ids.IsEmpty)
                _ids.TryRemove(previousKey, out _);
        }
    }
}
