namespace Sandbox.FhirStore.Storage.Sqlite;

/// <summary>The storage tables. The search index creates its own tables beside them.</summary>
internal static class SqliteSchema
{
    /// <summary>
    /// <c>resource</c> has one row per logical resource: the current-version pointer and the
    /// current body, so that a read is one lookup. <c>resource_version</c> keeps every version
    /// for vread and history. Timestamps are UTC milliseconds since the Unix epoch.
    /// </summary>
    public const string Storage =
        """
        CREATE TABLE IF NOT EXISTS resource (
            resource_key  INTEGER PRIMARY KEY,
            resource_type TEXT    NOT NULL,
            id            TEXT    NOT NULL,
            version_id    INTEGER NOT NULL,
            last_updated  INTEGER NOT NULL,
            is_deleted    INTEGER NOT NULL,
            body          BLOB,
            UNIQUE (resource_type, id)
        );
        CREATE TABLE IF NOT EXISTS resource_version (
            resource_key  INTEGER NOT NULL REFERENCES resource (resource_key),
            version_id    INTEGER NOT NULL,
            last_updated  INTEGER NOT NULL,
            is_deleted    INTEGER NOT NULL,
            method        TEXT    NOT NULL,
            body          BLOB,
            PRIMARY KEY (resource_key, version_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS resource_version_by_time ON resource_version (last_updated);
        """;
}
