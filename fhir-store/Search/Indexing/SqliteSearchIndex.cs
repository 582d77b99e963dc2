using System.Data.Common;
using System.Net;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;
using Sandbox.FhirStore.Search.Definitions;
using Sandbox.FhirStore.Search.Extraction;
using Sandbox.FhirStore.Search.Parsing;
using Sandbox.FhirStore.Search.Sql;
using Sandbox.FhirStore.Storage.Sqlite;
using Sandbox.Smart.Access;
using Resource = Hl7.Fhir.Model.Resource;

namespace Sandbox.FhirStore.Search.Indexing;

/// <summary>The SQLite search index: index rows written in the storage's transaction, and queries over them.</summary>
internal sealed class SqliteSearchIndex(
    SearchParameterCatalog catalog,
    ResourceIndexer indexer,
    TimeProvider timeProvider) : ISearchIndex
{
    public async System.Threading.Tasks.Task CreateSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = IndexSchema.Tables;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public System.Threading.Tasks.Task IndexAsync(
        DbTransaction transaction,
        long resourceKey,
        Resource resource,
        CancellationToken cancellationToken)
    {
        var entries = indexer.Extract(resource);
        var sqliteTransaction = (SqliteTransaction)transaction;
        IndexWriter.Delete(sqliteTransaction, resourceKey);
        IndexWriter.Insert(sqliteTransaction, resourceKey, resource.TypeName, entries);
        return System.Threading.Tasks.Task.CompletedTask;
    }

    public System.Threading.Tasks.Task IndexNewAsync(
        DbTransaction transaction,
        long resourceKey,
        Resource resource,
        CancellationToken cancellationToken)
    {
        var entries = indexer.Extract(resource);
        IndexWriter.Insert((SqliteTransaction)transaction, resourceKey, resource.TypeName, entries);
        return System.Threading.Tasks.Task.CompletedTask;
    }

    /// <summary>
    /// Evaluates the search parameters of a resource without writing anything. Several threads
    /// may call it at once, as a bulk write does.
    /// </summary>
    internal IndexEntries Extract(Resource resource) => indexer.Extract(resource);

    /// <summary>Writes entries from <see cref="Extract"/> for a key that has none yet.</summary>
    internal static void InsertNew(SqliteTransaction transaction, long resourceKey, string resourceType, IndexEntries entries) =>
        IndexWriter.Insert(transaction, resourceKey, resourceType, entries);

    /// <summary>
    /// Builds the table of search parameters and loads the UCUM unit system now, so that a bulk
    /// write can do this on one thread while it serializes resources on the others. The
    /// expressions compile as the extraction first evaluates them.
    /// </summary>
    internal void WarmUp()
    {
        catalog.EnsureLoaded();
        UcumCanonicalizer.EnsureLoaded();
    }

    public System.Threading.Tasks.Task RemoveAsync(DbTransaction transaction, long resourceKey, CancellationToken cancellationToken)
    {
        IndexWriter.Delete((SqliteTransaction)transaction, resourceKey);
        return System.Threading.Tasks.Task.CompletedTask;
    }

    public async Task<IReadOnlyList<long>> MatchAsync(
        DbTransaction transaction,
        string resourceType,
        string query,
        AccessDecision access,
        CancellationToken cancellationToken)
    {
        var parsed = SearchQueryParser.ParseQueryString(query);
        var unsupported = parsed.Unsupported.FirstOrDefault();
        if (unsupported is not null)
            throw Reject(unsupported.Name, unsupported.Reason);

        if (parsed.Clauses.Count == 0 && query.Length > 0)
        {
            // An empty query matches every resource of the type, as the seed loader's emptiness
            // check relies on. Result parameters such as _count or _summary select no resources,
            // so a condition of only those would match every resource too, and is rejected.
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                OperationOutcome.IssueType.Required,
                $"The condition '{query}' has no search parameter that selects resources: add one such as identifier=system|value. " +
                "Result parameters such as _count, _sort, _summary and _elements select nothing.");
        }

        SearchLimits.Check(parsed);
        var compiler = CreateCompiler(FhirAccessGrant.Unrestricted);
        string conditions;
        try
        {
            conditions = compiler.CompileAll("a", resourceType, parsed.Clauses.Select(item => item.Clause));
        }
        catch (UnsupportedParameterException exception)
        {
            throw Reject(exception.Name, exception.Message);
        }

        if (!access.IsAllowed)
            return [];

        var accessFilter = access.IsUnlimited ? "1" : compiler.CompileRules("a", resourceType, access.Rules);
        var sql = $"SELECT a.resource_key FROM resource a WHERE a.resource_type = {compiler.Context.Add(resourceType)} " +
            $"AND a.is_deleted = 0 AND {conditions} AND ({accessFilter})";
        return await ReadKeysAsync((SqliteConnection)transaction.Connection!, (SqliteTransaction)transaction, sql, compiler.Context, cancellationToken);
    }

    public async Task<bool> SatisfiesAsync(
        DbConnection connection,
        DbTransaction? transaction,
        long resourceKey,
        string resourceType,
        IReadOnlyList<AccessRule> rules,
        CancellationToken cancellationToken)
    {
        var compiler = CreateCompiler(FhirAccessGrant.Unrestricted);
        var sql = $"SELECT a.resource_key FROM resource a WHERE a.resource_key = {compiler.Context.Add(resourceKey)} " +
            $"AND ({compiler.CompileRules("a", resourceType, rules)})";
        var keys = await ReadKeysAsync((SqliteConnection)connection, (SqliteTransaction?)transaction, sql, compiler.Context, cancellationToken);
        return keys.Count > 0;
    }

    /// <summary>Checks a resource that is not stored, such as an old version, against the rules of a read.</summary>
    public bool Satisfies(Resource resource, IReadOnlyList<AccessRule> rules)
    {
        if (rules.Any(rule => rule.IsUnlimited))
            return true;

        return SatisfiesInMemory(resource, indexer.Extract(resource), rules);
    }

    /// <summary>
    /// Checks content about to be written. A rule limited to a Patient compartment counts only
    /// when that patient's compartment is the only one the content enters. Otherwise a second
    /// compartment field (an Observation's performer, a Group's member, a Patient's link) that
    /// names the own patient would let the content into another patient's record.
    /// </summary>
    public bool SatisfiesForWrite(Resource resource, IReadOnlyList<AccessRule> rules)
    {
        if (rules.Any(rule => rule.IsUnlimited))
            return true;

        var entries = indexer.Extract(resource);
        var compartments = entries.CompartmentPatients;
        var applicable = rules
            .Where(rule => rule.CompartmentPatientId is null
                || compartments.All(patientId => patientId == rule.CompartmentPatientId))
            .ToList();
        return applicable.Count > 0 && SatisfiesInMemory(resource, entries, applicable);
    }

    // Indexes the resource into a private in-memory database and runs the same rule SQL there,
    // so reads and writes judge alike.
    private bool SatisfiesInMemory(Resource resource, IndexEntries entries, IReadOnlyList<AccessRule> rules)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var schema = connection.CreateCommand())
        {
            schema.CommandText = Storage.Sqlite.SqliteSchema.Storage + IndexSchema.Tables;
            schema.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO resource VALUES (1, $type, $id, 1, 0, 0, NULL)";
            insert.Parameters.AddWithValue("$type", resource.TypeName);
            insert.Parameters.AddWithValue("$id", resource.Id ?? string.Empty);
            insert.ExecuteNonQuery();
        }

        IndexWriter.Insert(transaction, 1, resource.TypeName, entries);
        return SatisfiesAsync(connection, transaction, 1, resource.TypeName, rules, CancellationToken.None)
            .GetAwaiter()
            .GetResult();
    }

    internal SearchSqlCompiler CreateCompiler(FhirAccessGrant grant, string baseUrl = "") =>
        new(catalog, grant, baseUrl, timeProvider.GetUtcNow().ToUnixTimeMilliseconds());

    internal static async Task<IReadOnlyList<long>> ReadKeysAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        string sql,
        SqlContext context,
        CancellationToken cancellationToken)
    {
        try
        {
            using var lease = SqliteCommandLease.Create(connection, transaction, sql);
            context.Bind(lease.Command);
            var keys = new List<long>();
            await using var reader = await lease.Command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                keys.Add(reader.GetInt64(0));

            return keys;
        }
        catch (SqliteException exception) when (SearchLimits.FromSqliteLimit(exception) is { } rejection)
        {
            throw rejection;
        }
    }

    private static FhirOperationException Reject(string name, string reason) =>
        new(HttpStatusCode.BadRequest, OperationOutcome.IssueType.NotSupported, reason, name);
}
