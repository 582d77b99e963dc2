using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Sandbox.FhirStore.Search.Extraction;

namespace Sandbox.FhirStore.Search.Indexing;

/// <summary>
/// Writes and deletes index rows inside the caller's transaction. Prepared statements are
/// kept per connection, so that the store's one writer connection compiles them once, not
/// once per create. The delete command is moved to each new transaction.
/// </summary>
internal static class IndexWriter
{
    private static readonly ConditionalWeakTable<SqliteConnection, StatementSet> Statements = new();

    public static void Delete(SqliteTransaction transaction, long resourceKey)
    {
        var statements = StatementsFor(transaction);
        statements.Delete.Parameters[0].Value = resourceKey;
        statements.Delete.ExecuteNonQuery();
    }

    public static void Insert(SqliteTransaction transaction, long resourceKey, string resourceType, IndexEntries entries)
    {
        var set = StatementsFor(transaction);
        foreach (var statement in set.Inserts())
            statement.Discard();

        foreach (var entry in entries.Strings)
            set.String.Add(resourceKey, resourceType, entry.Param, entry.Normalized, entry.Exact);
        foreach (var entry in entries.Tokens)
            set.Token.Add(resourceKey, resourceType, entry.Param, entry.System, entry.Code, entry.Text, entry.TypeSystem, entry.TypeCode);
        foreach (var entry in entries.References)
            set.Reference.Add(resourceKey, resourceType, entry.Param, entry.TargetType, entry.TargetId, entry.Url, entry.IdentifierSystem, entry.IdentifierValue);
        foreach (var entry in entries.Dates)
            set.Date.Add(resourceKey, resourceType, entry.Param, (long)entry.Low, (long)entry.High);
        foreach (var entry in entries.Numbers)
            set.Number.Add(resourceKey, resourceType, entry.Param, entry.Low, entry.High);
        foreach (var entry in entries.Quantities)
            set.Quantity.Add(resourceKey, resourceType, entry.Param, entry.System, entry.Code, entry.Unit, entry.Low, entry.High);
        foreach (var entry in entries.CanonicalQuantities)
            set.CanonicalQuantity.Add(resourceKey, resourceType, entry.Param, entry.Code, entry.Low, entry.High);
        foreach (var entry in entries.Uris)
            set.Uri.Add(resourceKey, resourceType, entry.Param, entry.Value);
        foreach (var entry in entries.Composites)
            set.Composite.Add(resourceKey, resourceType, entry.Param, entry.System1, entry.Code1, entry.System2, entry.Code2, entry.Low2, entry.High2, entry.Text2);
        foreach (var patientId in entries.CompartmentPatients)
            set.Compartment.Add(resourceKey, patientId);

        foreach (var statement in set.Inserts())
            statement.Flush();
    }

    // A connection has at most one open transaction, and it belongs to the caller.
    private static StatementSet StatementsFor(SqliteTransaction transaction)
    {
        var set = Statements.GetValue(transaction.Connection!, static connection => new StatementSet(connection));
        set.Bind(transaction);
        return set;
    }

    private sealed class StatementSet(SqliteConnection connection)
    {
        private SqliteTransaction? _transaction;
        private IndexInsertStatement[]? _inserts;

        public SqliteCommand Delete { get; } = CreateDelete(connection);

        public IndexInsertStatement String { get; } = new(connection, "search_string", 5);

        public IndexInsertStatement Token { get; } = new(connection, "search_token", 8);

        public IndexInsertStatement Reference { get; } = new(connection, "search_reference", 8);

        public IndexInsertStatement Date { get; } = new(connection, "search_date", 5);

        public IndexInsertStatement Number { get; } = new(connection, "search_number", 5);

        public IndexInsertStatement Quantity { get; } = new(connection, "search_quantity", 8);

        public IndexInsertStatement CanonicalQuantity { get; } = new(connection, "search_quantity_canonical", 6);

        public IndexInsertStatement Uri { get; } = new(connection, "search_uri", 4);

        public IndexInsertStatement Composite { get; } = new(connection, "search_composite", 10);

        public IndexInsertStatement Compartment { get; } = new(connection, "search_compartment", 2);

        public void Bind(SqliteTransaction transaction)
        {
            if (ReferenceEquals(_transaction, transaction))
                return;

            _transaction = transaction;
            Delete.Transaction = transaction;
        }

        public IndexInsertStatement[] Inserts() =>
            _inserts ??= [String, Token, Reference, Date, Number, Quantity, CanonicalQuantity, Uri, Composite, Compartment];

        private static SqliteCommand CreateDelete(SqliteConnection connection)
        {
            var command = connection.CreateCommand();
            command.CommandText = string.Join(
                "\n",
                IndexSchema.ResourceTables.Select(table => $"DELETE FROM {table} WHERE resource_key = $key;"));
            command.Parameters.Add(new SqliteParameter("$key", 0L));
            return command;
        }
    }
}
