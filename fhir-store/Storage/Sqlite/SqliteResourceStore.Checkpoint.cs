using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Sandbox.FhirStore.Storage.Sqlite;

public sealed partial class SqliteResourceStore
{
    /// <summary>
    /// How long the store waits after its last commit before it copies the WAL back into the
    /// database file. Reads find pages still in the WAL through the WAL index and read them
    /// with pread, while checkpointed pages come from the memory-mapped file.
    /// </summary>
    internal static readonly TimeSpan IdleCheckpointDelay = TimeSpan.FromSeconds(1);

    private ITimer? _idleCheckpoint;

    /// <summary>Moves the idle checkpoint to one delay after now. The caller holds the write lock.</summary>
    private void ScheduleIdleCheckpoint()
    {
        _idleCheckpoint ??= timeProvider.CreateTimer(
            static state => ((SqliteResourceStore)state!).CheckpointIfIdle(),
            this,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        _idleCheckpoint.Change(IdleCheckpointDelay, Timeout.InfiniteTimeSpan);
    }

    private void CheckpointIfIdle()
    {
        // A unit of work that holds the lock schedules the checkpoint again when it commits.
        try
        {
            if (!_writeLock.Wait(0))
                return;
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        try
        {
            if (_writer is null)
                return;

            // PASSIVE copies what no reader still needs and never waits for readers. The lock
            // holds writers off, so unless a reader still uses old frames, every frame gets
            // copied and the next write starts the WAL from its beginning.
            _uncheckpointedFrames = CheckpointPassive(_writer) ?? _uncheckpointedFrames;
        }
        catch (SqliteException exception)
        {
            Log.IdleCheckpointFailed(logger, exception);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
