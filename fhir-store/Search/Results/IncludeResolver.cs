using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;
using Sandbox.FhirStore.Search.Definitions;
using Sandbox.FhirStore.Search.Indexing;
using Sandbox.FhirStore.Search.Parsing;
using Sandbox.FhirStore.Search.Sql;

namespace Sandbox.FhirStore.Search.Results;

/// <summary>
/// Finds the resources that <c>_include</c> and <c>_revinclude</c> add to a page. Every
/// included resource passes the caller's grant in the same SQL, so an include never reaches
/// what a search could not. <c>:iterate</c> repeats on the newly included resources.
/// </summary>
internal sealed class IncludeResolver(SearchParameterCatalog catalog)
{
    /// <summary>How many rounds <c>:iterate</c> runs at most, which bounds cyclic references.</summary>
    private const int MaxIterations = 4;

    public async Task<List<long>> ResolveAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        Func<SearchSqlCompiler> createCompiler,
        IReadOnlyList<ResourceRow> matches,
        SearchResultOptions options,
        CancellationToken cancellationToken)
    {
        if (options.Includes.Count == 0 && options.RevIncludes.Count == 0)
            return [];

        var seen = matches.Select(row => row.Key).ToHashSet();
        var included = new List<long>();
        var frontier = matches.Select(row => (row.Key, row.Type, row.Id)).ToList();
        for (var round = 0; round <= MaxIterations && frontier.Count > 0; round++)
        {
            var found = new List<(long Key, string Type, string Id)>();
            foreach (var include in options.Includes.Where(include => round == 0 || include.Iterate))
                found.AddRange(await IncludeAsync(connection, transaction, createCompiler(), frontier, include, cancellationToken));
            foreach (var include in options.RevIncludes.Where(include => round == 0 || include.Iterate))
                found.AddRange(await RevIncludeAsync(connection, transaction, createCompiler(), frontier, include, cancellationToken));

            frontier = found.Where(row => seen.Add(row.Key)).ToList();
            included.AddRange(frontier.Select(row => row.Key));
        }

        return included;
    }

    private async Task<List<(long, string, string)>> IncludeAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        SearchSqlCompiler compiler,
        List<(long Key, string Type, string Id)> sources,
        IncludeRequest include,
        CancellationToken cancellationToken)
    {
        var keys = sources.Where(row => row.Type == include.SourceType).Select(row => row.Key).ToList();
        var parameters = ReferenceParameters(include);
        if (keys.Count == 0 || parameters.Count == 0)
            return [];

        var context = compiler.Context;
        var targetFilter = include.TargetType is null ? string.Empty : $" AND r.target_type = {context.Add(include.TargetType)}";
        var sql = "SELECT DISTINCT t.resource_key, t.resource_type, t.id FROM search_reference r " +
            "JOIN resource t ON t.resource_type = r.target_type AND t.id = r.target_id AND t.is_deleted = 0 " +
            $"WHERE r.resource_key IN ({string.Join(", ", keys)}) " +
            $"AND r.param IN ({string.Join(", ", parameters.Select(name => context.Add(name)))}){targetFilter} " +
            $"AND {compiler.CompileAccess("t", TargetTypes(include))}";
        return await ReadRowsAsync(connection, transaction, sql, context, cancellationToken);
    }

    private async Task<List<(long, string, string)>> RevIncludeAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        SearchSqlCompiler compiler,
        List<(long Key, string Type, string Id)> targets,
        IncludeRequest include,
        CancellationToken cancellationToken)
    {
        var parameters = ReferenceParameters(include);
        var candidates = targets.Where(row => include.TargetType is null || row.Type == include.TargetType).ToList();
        if (candidates.Count == 0 || parameters.Count == 0)
            return [];

        var context = compiler.Context;
        var byType = candidates.GroupBy(row => row.Type).Select(group =>
            $"(r.target_type = {context.Add(group.Key)} AND r.target_id IN ({string.Join(", ", group.Select(row => context.Add(row.Id)))}))");
        var sql = "SELECT DISTINCT s.resource_key, s.resource_type, s.id FROM search_reference r " +
            "JOIN resource s ON s.resource_key = r.resource_key AND s.is_deleted = 0 " +
            $"WHERE r.resource_type = {context.Add(include.SourceType)} " +
            $"AND r.param IN ({string.Join(", ", parameters.Select(name => context.Add(name)))}) " +
            $"AND ({string.Join(" OR ", byType)}) AND {compiler.CompileAccess("s", include.SourceType)}";
        return await ReadRowsAsync(connection, transaction, sql, context, cancellationToken);
    }

    private List<string> ReferenceParameters(IncludeRequest include) =>
        include.Param == "*"
            ? catalog.GetParameters(include.SourceType)
                .Where(parameter => parameter.Type == SearchParamType.Reference)
                .Select(parameter => parameter.Name)
                .ToList()
            : catalog.Find(include.SourceType, include.Param) is { Type: SearchParamType.Reference } parameter
                ? [parameter.Name]
                : [];

    private IEnumerable<string> TargetTypes(IncludeRequest include)
    {
        if (include.TargetType is not null)
            return [include.TargetType];

        var parameters = ReferenceParameters(include);
        return parameters
            .SelectMany(name => catalog.Find(include.SourceType, name)!.Targets)
            .Distinct()
            .Where(catalog.IsKnownType)
            .ToList();
    }

    private static async Task<List<(long, string, string)>> ReadRowsAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        string sql,
        SqlContext context,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        context.Bind(command);
        var rows = new List<(long, string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));

        return rows;
    }
}
