using Microsoft.Data.Sqlite;
using Sandbox.FhirStore.Formats;
using Sandbox.FhirStore.Search;
using Sandbox.Smart.Access;
using Meta = Hl7.Fhir.Model.Meta;
using Resource = Hl7.Fhir.Model.Resource;

namespace Sandbox.FhirStore.Storage.Sqlite;

/// <summary>
/// One open SQLite write transaction. It runs the writer connection's prepared commands,
/// which are reused for every resource and every unit of work.
/// </summary>
internal sealed partial class SqliteStoreTransaction(
    SqliteConnection connection,
    SqliteTransaction transaction,
    SqliteWriteCommands commands,
    ISearchIndex searchIndex,
    TimeProvider timeProvider) : IStoreTransaction
{
    // The current rows this unit has read or written, so that a read followed by a write of
    // the same resource (every update, and every create through PUT) queries the database
    // once. A null value records an id that has no row. Writers are serialized, so only this
    // unit can add that row, and SaveAsync then replaces the entry.
    private readonly Dictionary<(string ResourceType, string Id), CurrentRow?> _currentRows = [];

    public async Task<StoredResource?> ReadAsync(string resourceType, string id, CancellationToken cancellationToken)
    {
        var current = await ReadCurrentAsync(resourceType, id, cancellationToken);
        return current?.Resource;
    }

    public async Task<StoredResource> SaveAsync(Resource resource, CancellationToken cancellationToken)
    {
        var id = resource.Id ?? throw new ArgumentException("The resource must carry its id.", nameof(resource));
        var current = await ReadCurrentAsync(resource.TypeName, id, cancellationToken);
        return await SaveAsync(resource, current, "PUT", cancellationToken);
    }

    public async Task<StoredResource> SavePatchedAsync(Resource resource, CancellationToken cancellationToken)
    {
        var id = resource.Id ?? throw new ArgumentException("The resource must carry its id.", nameof(resource));
        var current = await ReadCurrentAsync(resource.TypeName, id, cancellationToken);
        return await SaveAsync(resource, current, "PATCH", cancellationToken);
    }

    public Task<StoredResource> SaveNewAsync(Resource resource, CancellationToken cancellationToken)
    {
        if (resource.Id is null)
            throw new ArgumentException("The resource must carry its id.", nameof(resource));

        // Skipping the read is safe because a row with this id would make the version insert
        // fail on its primary key, which rolls the unit back instead of overwriting history.
        return SaveAsync(resource, null, "POST", cancellationToken);
    }

    private async Task<StoredResource> SaveAsync(
        Resource resource,
        CurrentRow? current,
        string method,
        CancellationToken cancellationToken)
    {
        var resourceType = resource.TypeName;
        var id = resource.Id!;
        var versionId = (current?.Resource.VersionId ?? 0) + 1;
        var lastUpdated = Now();

        resource.Meta ??= new Meta();
        resource.Meta.VersionId = versionId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        resource.Meta.LastUpdated = lastUpdated;
        var body = FhirSerializer.ToJsonBytes(resource);

        var key = await WriteVersionAsync(resourceType, id, versionId, lastUpdated, body, method, cancellationToken);

        // A resource row that did not exist has a new key (rows are never deleted, and clearing
        // the store empties the index too), so no old index entries need removing.
        if (current is null)
            await searchIndex.IndexNewAsync(transaction, key, resource, cancellationToken);
        else
            await searchIndex.IndexAsync(transaction, key, resource, cancellationToken);
        var stored = new StoredResource(resourceType, id, versionId, lastUpdated, false, body) { Method = method };
        _currentRows[(resourceType, id)] = new CurrentRow(key, stored);
        return stored;
    }

    public async Task<StoredResource?> DeleteAsync(string resourceType, string id, CancellationToken cancellationToken)
    {
        var current = await ReadCurrentAsync(resourceType, id, cancellationToken);
        if (current is null || current.Resource.IsDeleted)
            return null;

        var versionId = current.Resource.VersionId + 1;
        var lastUpdated = Now();
        var key = await WriteVersionAsync(resourceType, id, versionId, lastUpdated, null, "DELETE", cancellationToken);
        await searchIndex.RemoveAsync(transaction, key, cancellationToken);
        var deleted = new StoredResource(resourceType, id, versionId, lastUpdated, true, ReadOnlyMemory<byte>.Empty)
        {
            Method = "DELETE",
        };
        _currentRows[(resourceType, id)] = new CurrentRow(key, deleted);
        return deleted;
    }

    /// <summary>Whether <see cref="ClearAsync"/> ran in this unit of work.</summary>
    internal bool HasCleared { get; private set; }

    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        // Every table is emptied, so search tables added later are cleared without a change here.
        // Newest tables go first because they reference the older ones (foreign keys are on).
        var tables = new List<string>();
        await using (var list = Prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid DESC"))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                tables.Add(reader.GetString(0));
        }

        foreach (var table in tables)
        {
            await using var delete = Prepare($"DELETE FROM \"{table.Replace("\"", "\"\"")}\"");
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        _currentRows.Clear();
        HasCleared = true;
    }

    public async Task<IReadOnlyList<string>> MatchAsync(
        string resourceType,
        string query,
        AccessDecision access,
        CancellationToken cancellationToken)
    {
        var keys = await searchIndex.MatchAsync(transaction, resourceType, query, access, cancellationToken);
        if (keys.Count == 0)
            return [];

        var ids = new List<string>(keys.Count);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id FROM resource WHERE resource_key = $key";
        var parameter = command.Parameters.Add("$key", SqliteType.Integer);
        foreach (var key in keys)
        {
            parameter.Value = key;
            if (await command.ExecuteScalarAsync(cancellationToken) is string id)
                ids.Add(id);
        }

        return ids;
    }

    public async Task<bool> SatisfiesAsync(
        string resourceType,
        string id,
        IReadOnlyList<AccessRule> rules,
        CancellationToken cancellationToken)
    {
        var key = await SqliteResourceStore.FindKeyAsync(connection, transaction, resourceType, id, cancellationToken);
        return key is not null
            && await searchIndex.SatisfiesAsync(
                connection,
                transaction,
                key.Value,
                resourceType,
                rules,
                cancellationToken);
    }

    public bool SatisfiesForWrite(Resource resource, IReadOnlyList<AccessRule> rules) =>
        searchIndex.SatisfiesForWrite(resource, rules);

    private SqliteCommand Prepare(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private DateTimeOffset Now()
    {
        // Stored with millisecond precision, so the returned value is truncated to match.
        var milliseconds = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }

    private async Task<CurrentRow?> ReadCurrentAsync(
        string resourceType,
        string id,
        CancellationToken cancellationToken)
    {
        if (_currentRows.TryGetValue((resourceType, id), out var cached))
            return cached;

        commands.SelectCurrent.Parameters[0].Value = resourceType;
        commands.SelectCurrent.Parameters[1].Value = id;

        CurrentRow? row = null;
        await using (var reader = await commands.SelectCurrent.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
                row = new CurrentRow(reader.GetInt64(4), SqliteResourceStore.ReadRow(reader, resourceType, id));
        }

        _currentRows[(resourceType, id)] = row;
        return row;
    }

    private async Task<long> WriteVersionAsync(
        string resourceType,
        string id,
        int versionId,
        DateTimeOffset lastUpdated,
        byte[]? body,
        string method,
        CancellationToken cancellationToken)
    {
        var isDeleted = body is null ? 1 : 0;
        var updated = lastUpdated.ToUnixTimeMilliseconds();
        SetValues(
            commands.UpsertCurrent,
            resourceType,
            id,
            versionId,
            updated,
            isDeleted,
            (object?)body ?? DBNull.Value);
        var key = (long)(await commands.UpsertCurrent.ExecuteScalarAsync(cancellationToken))!;

        SetValues(commands.InsertVersion, key, versionId, updated, isDeleted, method, (object?)body ?? DBNull.Value);
        await commands.InsertVersion.ExecuteNonQueryAsync(cancellationToken);
        return key;
    }

    private static void SetValues(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i];
    }

    private sealed record CurrentRow(long Key, StoredResource Resource);
}
