using Microsoft.Data.Sqlite;
using Sandbox.FhirStore.Search.Sql;
using Sandbox.FhirStore.Storage.Sqlite;

namespace Sandbox.FhirStore.Search.Results;

/// <summary>Reads current resource rows by key, skipping those deleted since the search ran.</summary>
internal static class ResourceRowReader
{
    // Up to this many keys are bound as parameters, so that the statement text depends only
    // on their number and a pooled read connection reuses its prepared statement. A page has
    // at most Sandbox:Search:MaxCount keys (500 by default) and usually 20. More keys, as a
    // large _revinclude finds, are written into the SQL.
    private const int MaxParameters = 500;

    private static readonly string?[] SqlByCount = new string?[MaxParameters + 1];
    private static readonly string[] KeyNames = [.. Enumerable.Range(0, MaxParameters).Select(index => "$k" + index)];

    public static async Task<List<ResourceRow>> ReadAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        IReadOnlyList<long> keys,
        CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
            return [];

        using var lease = keys.Count <= MaxParameters
            ? Parameterized(connection, transaction, keys)
            : SqliteCommandLease.Create(connection, transaction, Sql(string.Join(", ", keys)), reuse: false);
        return await ReadInKeyOrderAsync(lease.Command, keys, cancellationToken);
    }

    /// <summary>
    /// Reads the current rows of <paramref name="keys"/> that also pass <paramref name="filter"/>,
    /// a condition on the alias <c>a</c> whose values are bound in <paramref name="context"/>.
    /// </summary>
    public static async Task<List<ResourceRow>> ReadAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        IReadOnlyList<long> keys,
        string filter,
        SqlContext context,
        CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
            return [];

        var keyList = string.Join(", ", keys.Select(key => context.Add(key)));
        var sql = "SELECT a.resource_key, a.resource_type, a.id, a.body FROM resource a " +
            $"WHERE a.resource_key IN ({keyList}) AND a.is_deleted = 0 AND {filter}";
        using var lease = SqliteCommandLease.Create(connection, transaction, sql, reuse: false);
        context.Bind(lease.Command);
        return await ReadInKeyOrderAsync(lease.Command, keys, cancellationToken);
    }

    /// <summary>
    /// Reads the distinct resource types of <paramref name="keys"/> without their bodies. A key
    /// names one resource, so its type never changes.
    /// </summary>
    public static async Task<List<string>> ReadTypesAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        IReadOnlyList<long> keys,
        CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
            return [];

        // The keys are numbers that the store generated, so they are written into the SQL.
        var sql = $"SELECT DISTINCT resource_type FROM resource WHERE resource_key IN ({string.Join(", ", keys)})";
        using var lease = SqliteCommandLease.Create(connection, transaction, sql, reuse: false);
        var types = new List<string>();
        await using var reader = await lease.Command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            types.Add(reader.GetString(0));

        return types;
    }

    private static async Task<List<ResourceRow>> ReadInKeyOrderAsync(
        SqliteCommand command,
        IReadOnlyList<long> keys,
        CancellationToken cancellationToken)
    {
        var byKey = new Dictionary<long, ResourceRow>(keys.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new ResourceRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), (byte[])reader.GetValue(3));
            byKey[row.Key] = row;
        }

        var rows = new List<ResourceRow>(byKey.Count);
        foreach (var key in keys)
        {
            if (byKey.TryGetValue(key, out var row))
                rows.Add(row);
        }

        return rows;
    }

    private static SqliteCommandLease Parameterized(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        IReadOnlyList<long> keys)
    {
        var sql = SqlByCount[keys.Count] ??= Sql(string.Join(", ", KeyNames.Take(keys.Count)));
        var lease = SqliteCommandLease.Create(connection, transaction, sql);
        for (var i = 0; i < keys.Count; i++)
            lease.Command.Parameters.Add(new SqliteParameter(KeyNames[i], keys[i]));

        return lease;
    }

    private static string Sql(string keyList) =>
        $"SELECT resource_key, resource_type, id, body FROM resource WHERE resource_key IN ({keyList}) AND is_deleted = 0";
}
