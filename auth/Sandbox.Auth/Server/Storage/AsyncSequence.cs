using System.Runtime.CompilerServices;

namespace Sandbox.Auth.Server.Storage;

/// <summary>Adapts in-memory results to the async sequences of OpenIddict's store contracts.</summary>
internal static class AsyncSequence
{
    public static async IAsyncEnumerable<T> From<T>(
        IEnumerable<T> items,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask;
    }

    /// <summary>Applies <paramref name="offset"/> and <paramref name="count"/> as OpenIddict's list methods do.</summary>
    public static IEnumerable<T> Page<T>(IEnumerable<T> items, int? count, int? offset)
    {
        if (offset is { } skip)
            items = items.Skip(skip);

        return count is { } take ? items.Take(take) : items;
    }
}
