using Microsoft.Data.Sqlite;
using Sandbox.Auth.Server.Storage;

namespace Sandbox.Auth.Server;

/// <summary>
/// The client assertion ids (<c>iss</c> and <c>jti</c>) accepted so far, each kept until its
/// assertion can no longer pass validation, so that no id is accepted twice. The ids are rows
/// of a table in <see cref="AuthDatabase"/>, so a restart on the same data folder keeps them.
/// A request costs one insert into the primary key and the expiry index. Expired rows are
/// deleted in one indexed range delete at most every <see cref="SweepInterval"/>.
/// </summary>
internal sealed class UsedAssertionIds
{
    /// <summary>The table name in <see cref="AuthDatabase.FileName"/>.</summary>
    public const string Table = "used_assertion_ids";

    /// <summary>The least time between two sweeps of expired ids.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    private readonly AuthDatabase _database;
    private readonly TimeProvider _timeProvider;
    private readonly SqliteCommand _use;
    private readonly SqliteCommand _sweep;
    private readonly SqliteCommand _count;
    private readonly SweepSchedule _sweeps;

    /// <summary>Creates the table and its expiry index when they do not exist yet.</summary>
    public UsedAssertionIds(AuthDatabase database, TimeProvider timeProvider)
    {
        _database = database;
        _timeProvider = timeProvider;
        _sweeps = new SweepSchedule(timeProvider, SweepInterval);
        database.ExecuteSchema(
            $"CREATE TABLE IF NOT EXISTS {Table} (client_id TEXT NOT NULL, jti TEXT NOT NULL, expires_at INTEGER NOT NULL, "
            + "PRIMARY KEY (client_id, jti)) WITHOUT ROWID; "
            + $"CREATE INDEX IF NOT EXISTS {Table}_expires_at ON {Table} (expires_at);");

        // A row whose id has expired but was not swept yet is taken over, because its assertion
        // can no longer pass validation. The row count of the statement is 1 when the id was
        // recorded and 0 when a row that has not expired contains it.
        _use = database.Prepare(
            $"INSERT INTO {Table} (client_id, jti, expires_at) VALUES ($client_id, $jti, $expires_at) "
            + $"ON CONFLICT (client_id, jti) DO UPDATE SET expires_at = excluded.expires_at WHERE {Table}.expires_at < $now;",
            "$client_id",
            "$jti",
            "$expires_at",
            "$now");
        _sweep = database.Prepare($"DELETE FROM {Table} WHERE expires_at < $now;", "$now");
        _count = database.Prepare($"SELECT count(*) FROM {Table};");
    }

    /// <summary>The number of stored ids, expired ones not yet swept included.</summary>
    public long Count
    {
        get
        {
            lock (_database.WriteLock)
                return (long)_count.ExecuteScalar()!;
        }
    }

    /// <summary>
    /// Records an assertion id until <paramref name="keepUntil"/>. Returns false when the id was
    /// recorded before and has not expired.
    /// </summary>
    public bool TryUse(string clientId, string jti, DateTimeOffset keepUntil)
    {
        var now = _timeProvider.GetUtcNow();
        lock (_database.WriteLock)
        {
            SweepIfDue();
            _use.Parameters[0].Value = clientId;
            _use.Parameters[1].Value = jti;
            _use.Parameters[2].Value = keepUntil.ToUnixTimeMilliseconds();
            _use.Parameters[3].Value = now.ToUnixTimeMilliseconds();
            return _use.ExecuteNonQuery() == 1;
        }
    }

    // Called with the write lock held, which the sweep command needs.
    private void SweepIfDue()
    {
        if (!_sweeps.TryStart(out var now))
            return;

        _sweep.Parameters[0].Value = now.ToUnixTimeMilliseconds();
        _sweep.ExecuteNonQuery();
    }
}
