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
    /// Creates a command returning version_id, last_updated, is_deleted, body, resource_type
    /// and id, newest first, one row more than the page size.
    /// </summary>
    public static SqliteCommand Create(SqliteConnection connection, HistoryQuery query)
    {
        var command = connection.CreateCommand();
        var sql = new StringBuilder(
            """
            SELECT v.version_id, v.last_updated, v.is_deleted, v.body, r.resource_type, r.id
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
            AppendAfter(sql, command, after);

        // The order matches resource_version_by_time, whose entries end with the primary key.
        sql.Append(" ORDER BY v.last_updated DESC, v.resource_key DESC, v.version_id DESC LIMIT $limit");
        command.Parameters.AddWithValue("$limit", query.Count + 1);
        command.CommandText = sql.ToString();
        return command;
    }

    /// <summary>
    /// Keeps only versions that sort after <paramref name="after"/> in history order. The
    /// position names its resource by type and id, which this looks up as the resource key.
    /// </summary>
    private static void AppendAfter(StringBuilder sql, SqliteCommand command, HistoryPosition after)
    {
        sql.Append(
            """
             AND v.last_updated <= $afterTime
             AND (v.last_updated, v.resource_key, v.version_id) < ($afterTime,
                 (SELECT k.resource_key FROM resource k WHERE k.resource_type = $afterType AND k.id = $afterId),
                 $afterVersion)
            """);
        command.Parameters.AddWithValue("$afterTime", after.LastUpdated.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$afterType", after.ResourceType);
        command.Parameters.AddWithValue("$afterId", after.Id);
        command.Parameters.AddWithValue("$afterVersion", after.VersionId);
    }
}
