using System.Text.Json;
using Microsoft.Data.Sqlite;
using Sandbox.FhirStore.Operations;
using Sandbox.FhirStore.Search.Extraction;
using Sandbox.FhirStore.Search.Sql;

namespace Sandbox.FhirStore.Search.Results;

/// <summary>
/// Finds the stored resources that the literal references of a page's matches point to,
/// wherever the reference sits: in an element that no search parameter indexes, in an
/// extension or in a contained resource. <c>$everything</c> returns them as includes, because
/// the wildcard <c>_include</c> follows only indexed references. Each target passes the
/// caller's grant in the same SQL, as any include does.
/// </summary>
/// <remarks>
/// Every JSON member named <c>reference</c> with a string value is read as a
/// <c>Reference.reference</c>. A local reference is relative (<c>Patient/1</c>, with or without
/// <c>/_history/2</c>, which finds the current version) or absolute under the server's base URL.
/// References to other servers, to contained resources (<c>#id</c>) and URNs are skipped.
/// </remarks>
internal static class ElementReferenceResolver
{
    // Targets per statement, which keeps the bound parameters far below SQLite's limit.
    private const int MaxTargetsPerStatement = 400;

    /// <summary>
    /// Returns the keys of the current, readable resources that <paramref name="matches"/>
    /// reference, limited to <paramref name="targetTypes"/> unless that list is empty.
    /// </summary>
    public static async Task<List<long>> ResolveAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        Func<SearchSqlCompiler> createCompiler,
        IReadOnlyList<ResourceRow> matches,
        string baseUrl,
        IReadOnlyCollection<string> targetTypes,
        CancellationToken cancellationToken)
    {
        var targets = new HashSet<(string Type, string Id)>();
        foreach (var row in matches)
            CollectTargets(row.Body, baseUrl, targets);
        if (targetTypes.Count > 0)
            targets.RemoveWhere(target => !targetTypes.Contains(target.Type));

        var keys = new List<long>();
        foreach (var chunk in targets.Chunk(MaxTargetsPerStatement))
            keys.AddRange(await ReadKeysAsync(connection, transaction, createCompiler(), chunk, cancellationToken));

        return keys;
    }

    /// <summary>Adds the local type and id of every <c>reference</c> string member in a FHIR JSON body.</summary>
    public static void CollectTargets(ReadOnlySpan<byte> body, string baseUrl, HashSet<(string Type, string Id)> targets)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = Formats.FhirSerializer.MaxDepth });
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("reference"u8))
                continue;

            // A member named reference that contains an object or array is read on as usual.
            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                continue;

            if (TryParseLocal(reader.GetString()!, baseUrl, out var type, out var id))
                targets.Add((type, id));
        }
    }

    private static bool TryParseLocal(string reference, string baseUrl, out string type, out string id)
    {
        type = id = string.Empty;
        var relative = reference;
        if (ReferenceParser.IsAbsolute(reference))
        {
            var root = baseUrl + "/";
            if (!reference.StartsWith(root, StringComparison.OrdinalIgnoreCase))
                return false;

            relative = reference[root.Length..];
        }

        var segments = relative.Split('/');
        var isLocalShape = segments.Length == 2 || (segments.Length == 4 && segments[2] == "_history");
        return isLocalShape
            && ReferenceParser.TryParse(relative, out type, out id)
            && ResourceTypes.IsValidId(id);
    }

    private static async Task<List<long>> ReadKeysAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        SearchSqlCompiler compiler,
        IReadOnlyList<(string Type, string Id)> targets,
        CancellationToken cancellationToken)
    {
        var context = compiler.Context;
        var byType = targets.GroupBy(target => target.Type, StringComparer.Ordinal).ToList();
        var conditions = byType.Select(group =>
            $"(t.resource_type = {context.Add(group.Key)} AND t.id IN ({string.Join(", ", group.Select(target => context.Add(target.Id)))}))");
        var access = compiler.CompileAccess("t", byType.Select(group => group.Key));
        var sql = "SELECT t.resource_key FROM resource t " +
            $"WHERE t.is_deleted = 0 AND ({string.Join(" OR ", conditions)}) AND {access}";

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        context.Bind(command);
        var keys = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            keys.Add(reader.GetInt64(0));

        return keys;
    }
}
