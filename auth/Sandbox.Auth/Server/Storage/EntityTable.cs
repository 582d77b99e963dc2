using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OpenIddict.Abstractions;

namespace Sandbox.Auth.Server.Storage;

/// <summary>
/// The entities of one kind, held in memory and written through to one table of
/// <see cref="AuthDatabase"/>. Readers get copies; an update succeeds only when the copy's
/// version still matches the stored entity, in memory and in the row alike.
/// </summary>
internal sealed class EntityTable<TEntity> where TEntity : class, IStoredEntity<TEntity>
{
    private readonly ConcurrentDictionary<string, TEntity> _entities = new(StringComparer.Ordinal);
    private readonly AuthDatabase _database;
    private readonly string _table;
    private readonly JsonTypeInfo<TEntity> _typeInfo;
    private readonly EntityIndex<TEntity>[] _indexes;

    /// <summary>Creates the table and loads every stored row of it.</summary>
    public EntityTable(AuthDatabase database, string table, JsonTypeInfo<TEntity> typeInfo, params EntityIndex<TEntity>[] indexes)
    {
        _database = database;
        _table = table;
        _typeInfo = typeInfo;
        _indexes = indexes;
        foreach (var row in database.ReadAll(table))
        {
            var entity = JsonSerializer.Deserialize(row.Data, typeInfo)
                ?? throw new InvalidDataException($"The row '{row.Id}' of the table '{table}' contains no entity.");
            entity.Id = row.Id;
            entity.Version = row.Version;
            _entities[row.Id] = entity;
            Reindex(null, entity);
        }
    }

    /// <summary>The number of stored entities.</summary>
    public int Count => _entities.Count;

    /// <summary>
    /// The stored entities themselves, for filtering. Callers must not change them and must
    /// return <see cref="IStoredEntity{TEntity}.Clone"/> copies to OpenIddict.
    /// </summary>
    public IEnumerable<TEntity> Stored => _entities.Values;

    /// <summary>Returns a copy of the entity with this id, or null.</summary>
    public TEntity? Find(string id) => _entities.TryGetValue(id, out var entity) ? entity.Clone() : null;

    /// <summary>Returns copies of the entities whose ids an index lists under a key.</summary>
    public IEnumerable<TEntity> FindBy(EntityIndex<TEntity> index, string key)
    {
        foreach (var id in index.Find(key))
        {
            if (_entities.TryGetValue(id, out var entity))
                yield return entity.Clone();
        }
    }

    /// <summary>Stores a new entity, giving it an id when it has none and version 1.</summary>
    public void Insert(TEntity entity)
    {
        // Version 7 GUIDs begin with the time, so new rows land at the end of the table's
        // primary key instead of on a random page, which the database would read and rewrite.
        if (string.IsNullOrEmpty(entity.Id))
            entity.Id = Guid.CreateVersion7().ToString();

        entity.Version = 1;
        var stored = entity.Clone();
        var row = ToRow(stored);
        lock (_database.WriteLock)
        {
            if (_entities.ContainsKey(stored.Id))
                throw new OpenIddictExceptions.ConcurrencyException($"An entity with the id '{stored.Id}' exists already in '{_table}'.");

            _database.Insert(_table, row);
            _entities[stored.Id] = stored;
            Reindex(null, stored);
        }
    }

    /// <summary>
    /// Stores the changes made to a copy. Throws OpenIddict's concurrency exception when the
    /// entity was changed or deleted since the copy was read, which makes OpenIddict's
    /// <c>TryRedeemAsync</c> and <c>TryRevokeAsync</c> return false.
    /// </summary>
    public void Update(TEntity entity)
    {
        if (!TryUpdate(entity))
            throw new OpenIddictExceptions.ConcurrencyException(
                $"The entity '{entity.Id}' in '{_table}' was changed or deleted by another request; read it again.");
    }

    /// <summary>
    /// Applies a change to the current version of an entity and stores it, retrying when
    /// another writer came first. Returns false when the change returns false (nothing to do)
    /// or the entity no longer exists.
    /// </summary>
    public bool Change(string id, Func<TEntity, bool> change)
    {
        while (_entities.TryGetValue(id, out var current))
        {
            var copy = current.Clone();
            if (!change(copy))
                return false;

            if (TryUpdate(copy))
                return true;
        }

        return false;
    }

    /// <summary>Deletes entities by id in one transaction and returns how many existed.</summary>
    public long Delete(IReadOnlyCollection<string> ids)
    {
        if (ids.Count == 0)
            return 0;

        lock (_database.WriteLock)
        {
            _database.Delete(_table, ids);
            long deleted = 0;
            foreach (var id in ids)
            {
                if (_entities.TryRemove(id, out var removed))
                {
                    Reindex(removed, null);
                    deleted++;
                }
            }

            return deleted;
        }
    }

    private bool TryUpdate(TEntity entity)
    {
        var expected = entity.Version;
        var next = entity.Clone();
        next.Version = expected + 1;
        var row = ToRow(next);
        lock (_database.WriteLock)
        {
            if (!_entities.TryGetValue(next.Id, out var current) || current.Version != expected)
                return false;

            if (!_database.Update(_table, row, expected))
                return false;

            _entities[next.Id] = next;
            Reindex(current, next);
        }

        entity.Version = next.Version;
        return true;
    }

    private StoredRow ToRow(TEntity entity) =>
        new(entity.Id, entity.Version, JsonSerializer.Serialize(entity, _typeInfo));

    private void Reindex(TEntity? previous, TEntity? next)
    {
        foreach (var index in _indexes)
            index.Replace(previous, next);
    }
}
