using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Sandbox.FhirStore.Storage.Sqlite;

public sealed partial class SqliteResourceStore
{
    // SQLITE_DBSTATUS_CACHE_WRITE: the pages a connection wrote. In WAL mode these are the
    // frames that its commits appended to the WAL.
    private const int CacheWriteStatus = 9;

    // The checkpoint that SQLite runs inside a commit of the writer once the WAL reaches this
    // many frames. The background checkpoint starts at a quarter of it, so this one runs only
    // when the background checkpoints fail or fall behind.
    private const int WriterAutoCheckpointPages = 4 * SqliteDatabase.WalAutoCheckpointPages;

    private SqliteConnection? _checkpointer;
    private System.Threading.Tasks.Task? _backgroundCheckpoint;
    private long _uncheckpointedFrames;

    /// <summary>
    /// The WAL frames that commits append before the next commit starts a checkpoint on another
    /// connection. It is <see cref="SqliteDatabase.WalAutoCheckpointPages"/> unless a test sets it.
    /// </summary>
    internal int BackgroundCheckpointFrames { get; init; } = SqliteDatabase.WalAutoCheckpointPages;

    /// <summary>
    /// The frames from which a commit that takes the WAL past <see cref="BackgroundCheckpointFrames"/>
    /// checkpoints inline, as SQLite did before. It is 1,000 unless a test sets it. The benchmark's
    /// import of transaction Bundles stored 13 % fewer resources per second with background
    /// checkpoints after such commits too (four rounds each way on 2 cores, load average 11 to 22).
    /// </summary>
    internal int InlineCheckpointCommitFrames { get; init; } = 1000;

    /// <summary>Completes when the checkpoint that runs on another connection, if any, has finished.</summary>
    internal System.Threading.Tasks.Task BackgroundCheckpoint => _backgroundCheckpoint ?? System.Threading.Tasks.Task.CompletedTask;

    /// <summary>
    /// Counts the frames of the commit just made, and starts or finishes a checkpoint. The
    /// caller holds the write lock.
    /// </summary>
    /// <remarks>
    /// A checkpoint that SQLite ran inside a commit made every 251st Patient create wait 60 to
    /// 130 ms (Release build, one client, load average 11 on 2 cores), while it copied the
    /// frames and called <c>fsync</c> on the WAL and the database file. A PASSIVE checkpoint on
    /// its own connection copies the same frames while writers go on. SQLite restarts the WAL
    /// from its beginning only when every frame has been copied, and the frames committed during
    /// the background checkpoint have not been. So the first commit after the background
    /// checkpoint copies those frames itself.
    /// </remarks>
    private void CheckpointAfterCommit(SqliteConnection writer)
    {
        var written = TakeWrittenPages(writer);
        _uncheckpointedFrames += written;
        if (_backgroundCheckpoint is { IsCompleted: true })
        {
            _backgroundCheckpoint = null;
            CheckpointInline(writer);
        }
        else if (_backgroundCheckpoint is null && _uncheckpointedFrames >= BackgroundCheckpointFrames)
        {
            if (written >= InlineCheckpointCommitFrames)
            {
                CheckpointInline(writer);
                return;
            }

            _uncheckpointedFrames = 0;
            _backgroundCheckpoint = System.Threading.Tasks.Task.Run(CheckpointInBackgroundAsync);
        }
    }

    // The commit has succeeded, so a failed checkpoint is logged instead of failing the write.
    private void CheckpointInline(SqliteConnection writer)
    {
        try
        {
            _uncheckpointedFrames = CheckpointPassive(writer) ?? _uncheckpointedFrames;
        }
        catch (SqliteException exception)
        {
            Log.BackgroundCheckpointFailed(logger, exception);
        }
    }

    private async System.Threading.Tasks.Task CheckpointInBackgroundAsync()
    {
        try
        {
            _checkpointer ??= await database.OpenConnectionAsync(CancellationToken.None);
            CheckpointPassive(_checkpointer);
        }
        catch (SqliteException exception)
        {
            Log.BackgroundCheckpointFailed(logger, exception);
        }
    }

    /// <summary>
    /// Runs a PASSIVE checkpoint, which copies the frames that no reader still needs and, as
    /// SQLite documents the mode, does not wait for readers, writers or a busy handler. Returns the frames left in the WAL that were not copied, or null when another
    /// connection was checkpointing.
    /// </summary>
    private static long? CheckpointPassive(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        using var reader = command.ExecuteReader();
        if (!reader.Read() || reader.GetInt64(0) != 0)
            return null;

        return Math.Max(0, reader.GetInt64(1) - reader.GetInt64(2));
    }

    private static long TakeWrittenPages(SqliteConnection connection)
    {
        SQLitePCL.raw.sqlite3_db_status(connection.Handle, CacheWriteStatus, out var written, out _, 1);
        return written;
    }

    // Runs in Dispose, which holds the write lock, so no commit starts another checkpoint.
    private void StopBackgroundCheckpoint()
    {
        try
        {
            _backgroundCheckpoint?.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException exception)
        {
            Log.BackgroundCheckpointFailed(logger, exception);
        }

        _checkpointer?.Dispose();
    }
}
