using Sandbox.FhirStore.Storage;

namespace Sandbox.Host.Tests;

/// <summary>
/// A unit of work held open on the store. Every other writer, import jobs and resets among
/// them, waits for the store's write lock until the hold is disposed.
/// </summary>
internal sealed class StoreWriteHold : IAsyncDisposable
{
    private readonly TaskCompletionSource _acquired = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _unit;

    private StoreWriteHold(IResourceStore store)
    {
        _unit = store.ExecuteAsync(
            async (_, _) =>
            {
                _acquired.SetResult();
                await _release.Task;
                return 0;
            },
            CancellationToken.None);
    }

    /// <summary>Completes once the hold has the write lock.</summary>
    public Task Acquired => _acquired.Task;

    /// <summary>Queues a hold for the store's write lock, behind the writers that already wait for it.</summary>
    public static StoreWriteHold Request(IResourceStore store) => new(store);

    /// <summary>Ends the unit of work, which commits nothing, and waits until it has released the lock.</summary>
    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _unit;
    }
}
