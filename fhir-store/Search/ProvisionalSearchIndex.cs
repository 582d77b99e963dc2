using System.Data.Common;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Sandbox.FhirStore.Formats;
using Sandbox.FhirStore.Storage.Sqlite;
using Sandbox.Smart.Access;
using Base = Hl7.Fhir.Model.Base;
using Bundle = Hl7.Fhir.Model.Bundle;
using Identifier = Hl7.Fhir.Model.Identifier;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;
using Resource = Hl7.Fhir.Model.Resource;

namespace Sandbox.FhirStore.Search;

/// <summary>
/// A minimal search index and search service that evaluate only <c>_id</c> and
/// <c>identifier</c> (token <c>system|value</c>, <c>value</c>, <c>|value</c>, <c>system|</c>),
/// enough for conditional writes and conditional references.
/// </summary>
/// <remarks>
/// NOTE: the full search index, which covers every R4 search parameter, compartments and
/// granular scopes, replaces this class. Until then any other parameter, compartment or
/// system search, or access limited to a compartment other than the patient itself, is
/// rejected rather than guessed.
/// </remarks>
public sealed class ProvisionalSearchIndex(IServiceProvider services) : ISearchIndex, ISearchService
{
    private const int DefaultCount = 50;

    public async Task CreateSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText =
            """
            CREATE TABLE IF NOT EXISTS provisional_identifier (
                resource_key INTEGER NOT NULL,
                system       TEXT    NOT NULL,
                value        TEXT    NOT NULL
            );
            CREATE INDEX IF NOT EXISTS provisional_identifier_by_value ON provisional_identifier (value, system);
            CREATE INDEX IF NOT EXISTS provisional_identifier_by_key ON provisional_identifier (resource_key);
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task IndexAsync(
        DbTransaction transaction,
        long resourceKey,
        Resource resource,
        CancellationToken cancellationToken)
    {
        await RemoveAsync(transaction, resourceKey, cancellationToken);
        var identifiers = IdentifiersOf(resource);
        if (identifiers.Count == 0)
            return;

        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO provisional_identifier (resource_key, system, value) VALUES ($key, $system, $value)";
        AddParameter(command, "$key", resourceKey);
        var system = AddParameter(command, "$system", string.Empty);
        var value = AddParameter(command, "$value", string.Empty);
        foreach (var identifier in identifiers)
        {
            system.Value = identifier.System ?? string.Empty;
            value.Value = identifier.Value;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task RemoveAsync(DbTransaction transaction, long resourceKey, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM provisional_identifier WHERE resource_key = $key";
        AddParameter(command, "$key", resourceKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<long>> MatchAsync(
        DbTransaction transaction,
        string resourceType,
        string query,
        CancellationToken cancellationToken)
    {
        var parameters = ParseQuery(query);
        await using var command = BuildMatchCommand(transaction.Connection!, resourceType, parameters, 0);
        command.Transaction = (SqliteTransaction)transaction;
        var keys = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            keys.Add(reader.GetInt64(0));

        return keys;
    }

    public async Task<bool> SatisfiesAsync(
        DbConnection connection,
        DbTransaction? transaction,
        long resourceKey,
        string resourceType,
        IReadOnlyList<AccessRule> rules,
        CancellationToken cancellationToken)
    {
        if (rules.Any(rule => rule.IsUnlimited))
            return true;
        if (resourceType != "Patient")
            return false;

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id FROM resource WHERE resource_key = $key";
        AddParameter(command, "$key", resourceKey);
        var id = await command.ExecuteScalarAsync(cancellationToken) as string;
        return rules.Any(rule => IsOwnPatient(rule, id));
    }

    public bool Satisfies(Resource resource, IReadOnlyList<AccessRule> rules) =>
        rules.Any(rule => rule.IsUnlimited || (resource.TypeName == "Patient" && IsOwnPatient(rule, resource.Id)));

    public async Task<Bundle> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var resourceType = CheckSupported(request);
        var count = DefaultCount;
        var filters = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in request.Parameters)
        {
            if (name == "_count" && int.TryParse(value, out var requested) && requested >= 0)
                count = Math.Min(requested, 1000);
            else if (name is not "_format" and not "_pretty")
                filters.Add(new(name, value));
        }

        var database = services.GetRequiredService<SqliteDatabase>();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = BuildMatchCommand(connection, resourceType, filters, count);
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var resource = FhirSerializer.ParseTrustedJson((byte[])reader.GetValue(2));
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{request.BaseUrl.ToString().TrimEnd('/')}/{resourceType}/{reader.GetString(1)}",
                Resource = resource,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        bundle.Total = bundle.Entry.Count < count ? bundle.Entry.Count : null;
        return bundle;
    }

    private static string CheckSupported(SearchRequest request)
    {
        if (request.ResourceType is null || request.Compartment is not null)
            throw NotSupported("System-wide and compartment searches, $everything included, are not supported yet.");

        var decision = request.Grant.Decide(request.ResourceType, FhirInteraction.Search);
        if (!decision.IsAllowed)
            throw new FhirOperationException(
                HttpStatusCode.Forbidden,
                IssueType.Forbidden,
                decision.Reason ?? "Search is not allowed.");
        if (!decision.IsUnlimited)
            throw NotSupported("Searches limited by patient or granular scopes are not supported yet.");

        return request.ResourceType;
    }

    private static SqliteCommand BuildMatchCommand(
        DbConnection connection,
        string resourceType,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        int limit)
    {
        var command = (SqliteCommand)connection.CreateCommand();
        var sql = new StringBuilder(
            "SELECT r.resource_key, r.id, r.body FROM resource r WHERE r.resource_type = $type AND r.is_deleted = 0");
        command.Parameters.AddWithValue("$type", resourceType);
        for (var i = 0; i < parameters.Count; i++)
            sql.Append(" AND ").Append(BuildCondition(command, parameters[i], i));

        sql.Append(" ORDER BY r.resource_key");
        if (limit > 0)
            sql.Append(" LIMIT ").Append(limit);

        command.CommandText = sql.ToString();
        return command;
    }

    private static string BuildCondition(SqliteCommand command, KeyValuePair<string, string> parameter, int index)
    {
        var alternatives = parameter.Value.Split(',');
        var conditions = new List<string>();
        for (var j = 0; j < alternatives.Length; j++)
        {
            var name = $"$p{index}_{j}";
            conditions.Add(parameter.Key switch
            {
                "_id" => IdCondition(command, name, alternatives[j]),
                "identifier" => IdentifierCondition(command, name, alternatives[j]),
                _ => throw NotSupported(
                    $"The search parameter '{parameter.Key}' is not supported yet; only _id and identifier are."),
            });
        }

        return "(" + string.Join(" OR ", conditions) + ")";
    }

    private static string IdCondition(SqliteCommand command, string name, string value)
    {
        command.Parameters.AddWithValue(name, value);
        return $"r.id = {name}";
    }

    private static string IdentifierCondition(SqliteCommand command, string name, string token)
    {
        const string Exists = "EXISTS (SELECT 1 FROM provisional_identifier i WHERE i.resource_key = r.resource_key AND ";
        var bar = token.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0)
        {
            command.Parameters.AddWithValue(name + "v", token);
            return Exists + $"i.value = {name}v)";
        }

        var system = token[..bar];
        var value = token[(bar + 1)..];
        command.Parameters.AddWithValue(name + "s", system);
        if (value.Length == 0)
            return Exists + $"i.system = {name}s)";

        command.Parameters.AddWithValue(name + "v", value);
        return Exists + $"i.value = {name}v AND i.system = {name}s)";
    }

    private static List<KeyValuePair<string, string>> ParseQuery(string query)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            parameters.Add(new(name, value));
        }

        if (parameters.Count == 0)
            throw new FhirOperationException(
                HttpStatusCode.BadRequest,
                IssueType.Required,
                "The conditional query is empty.");

        return parameters;
    }

    private static List<Identifier> IdentifiersOf(Resource resource)
    {
        foreach (var (name, value) in resource.EnumerateElements())
        {
            if (name != "identifier")
                continue;

            var all = value is Identifier one ? [one] : (value as IEnumerable<Base>)?.OfType<Identifier>() ?? [];
            return all.Where(identifier => identifier.Value is not null).ToList();
        }

        return [];
    }

    private static bool IsOwnPatient(AccessRule rule, string? id) =>
        rule.Query is null && rule.CompartmentPatientId is not null && rule.CompartmentPatientId == id;

    private static DbParameter AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static FhirOperationException NotSupported(string message) =>
        new(HttpStatusCode.NotImplemented, IssueType.NotSupported, message);
}
