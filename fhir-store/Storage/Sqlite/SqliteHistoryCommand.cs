using System.Text;
using Microsoft.Data.Sqlite;

namespace Sandbox.FhirStore.Storage.Sqlite;

/// <summary>Builds the query behind instance, type and system history.</summary>
internal static class SqliteHistoryCommand
{
    // The version that follows each row, for _at: a version was current from its own
    // timestamp until the next version's.
    private const string NextVersionTime =
        """
        (SELECT MIN(n.last_updated) FROM resource_version n
         WHERE n.resource_key = v.resource_key AND n.version_id > v.version_id)
        """;

    /// <summary>
    /// Creates a command returning version_id, last_updated, is_deleted, body, resource_type,
    /// id and method, one row more than the page size: newest first, or from
    /// <see cref="HistoryQuery.Through"/> toward the newest when that is set.
    /// </summary>
    public static SqliteCommand Create(SqliteConnection connection, HistoryQuery query)
    {
        var command = connection.CreateCommand();
        var sql = new StringBuilder(
            """
            SELECT v.version_id, v.last_updated, v.is_deleted, v.body, r.resource_type, r.id, v.method
            FROM resource_version v JOIN resource r ON r.resource_key = v.resource_key
            WHERE 1 = 1
            """);

        if (query.ResourceType is not null)
        {
            sql.Append(" AND r.resource_type = $type");
            command.Parameters.AddWithValue("$type", query.ResourceType);
        }

        if (query.Id is not null)
        {
            sql.Append(" AND r.id = $id");
            command.Parameters.AddWithValue("$id", query.Id);
        }

        if (query.Since is { } since)
        {
            sql.Append(" AND v.last_updated >= $since");
            command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        }

        if (query.AtStart is { } atStart && query.AtEnd is { } atEnd)
        {
            sql.Append($" AND v.last_updated < $atEnd AND COALESCE({NextVersionTime}, $atEnd) > $atStart");
            command.Parameters.AddWithValue("$atStart", atStart.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$atEnd", atEnd.ToUnixTimeMilliseconds());
        }

        if (query.After is { } after)
            AppendPosition(sql, command, after, "<");
        if (query.Through is { } through)
            AppendPosition(sql, command, through, ">=");

        // The order matches resource_version_by_time, whose entries end with the primary key.
        var direction = query.Through is null ? "DESC" : "ASC";
        sql.Append(
            $" ORDER BY v.last_updated {direction}, v.resource_key {direction}, v.version_id {direction} LIMIT $limit");
        command.Parameters.AddWithValue("$limit", query.Count + 1);
        command.CommandText = sql.ToString();
        return command;
    }

    /// <summary>
    /// Keeps only versions whose sort key compares to <paramref name="position"/>'s with
    /// <paramref name="comparison"/>: <c>&lt;</c> keeps those after it in history order and
    /// <c>&gt;=</c> keeps it and those before it. The position names its resource by type and
    /// id, which this looks up as the resource key.
    /// </summary>
    private static void AppendPosition(
        StringBuilder sql,
        SqliteCommand command,
        HistoryPosition position,
        string comparison)
    {
        // The plain time bound lets SQLite use resource_version_by_time; the row value
        // comparison then orders versions within one millisecond.
        var timeComparison = comparison == "<" ? "<=" : ">=";
        sql.Append(
            $"""
             AND v.last_updated {timeComparison} $positionTime
             AND (v.last_updated, v.resource_key, v.version_id) {comparison} ($positionTime,
                 (SELECT k.resource_key FROM resource k WHERE k.resource_type = $positionType AND k.id = $positionId),
                 $positionVersion)
            """);
        command.Parameters.AddWithValue("$positionTime", position.LastUpdated.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$positionType", position.ResourceType);
        command.Parameters.AddWithValue("$positionId", position.Id);
        command.Parameters.AddWithValue("$positionVersion", position.VersionId);
    }
}
