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
    private readonly IResourceStore _store;
    private readonly Task _unit;

    private StoreWriteHold(IResourceStore store)
    {
        _store = store;
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

    /// <summary>
    /// Lets the writers queued behind this hold commit one unit of work at a time until
    /// <paramref name="done"/> returns true, checking every 20 ms for at most 30 s. Returns the
    /// hold that then has the lock, and disposes each hold it replaces, and the last one when
    /// <paramref name="done"/> throws or the time runs out.
    /// </summary>
    /// <remarks>
    /// A writer waiting for the lock commits one unit in between, because the next hold queues
    /// behind it. That order comes from SemaphoreSlim.Release in dotnet/runtime, which hands
    /// the lock to its oldest WaitAsync caller, but the documentation promises no order. With
    /// another order a writer may commit more than one unit.
    /// </remarks>
    public async Task<StoreWriteHold> StepUntilAsync(Func<Task<bool>> done, string timeoutMessage)
    {
        var hold = this;
        try
        {
            await hold.Acquired;
            for (var attempt = 0; attempt < 1500; attempt++)
            {
                if (await done())
                    return hold;

                await Task.Delay(20);
                var next = Request(_store);
                await hold.DisposeAsync();
                hold = next;
                await hold.Acquired;
            }

            Assert.Fail(timeoutMessage);
            return hold;
        }
        catch
        {
            await hold.DisposeAsync();
            throw;
        }
    }

    /// <summary>Ends the unit of work, which commits nothing, and waits until it has released the lock.</summary>
    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _unit;
    }
}
