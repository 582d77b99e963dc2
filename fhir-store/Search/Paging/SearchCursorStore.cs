using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Sandbox.FhirStore.Search.Paging;

/// <summary>
/// Keeps paging cursors in process memory, so that a search writes nothing to SQLite.
/// The store is bounded by the total number of match keys in its cursors
/// (<see cref="SearchOptions.MaxCursorKeys"/>): when a new cursor does not fit, the oldest
/// cursors are dropped. A cursor that expired, was dropped or was lost in a restart loads
/// as null.
/// </summary>
internal sealed class SearchCursorStore(IOptions<SearchOptions> options, TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<StoredCursor>> _byId = new(StringComparer.Ordinal);

    // Oldest first. Every cursor has the same lifetime, so this is also the order of expiry.
    private readonly LinkedList<StoredCursor> _byAge = new();
    private long _keyCount;

    /// <summary>Stores a cursor and returns its id, a random 128-bit value in hexadecimal.</summary>
    public string Save(SearchCursor cursor)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = timeProvider.GetUtcNow();
        var stored = new StoredCursor(id, cursor, now + options.Value.CursorLifetime);
        lock (_lock)
        {
            DropExpired(now);
            while (_byAge.First is not null && _keyCount + cursor.Keys.Count > options.Value.MaxCursorKeys)
                Remove(_byAge.First);

            _byId[id] = _byAge.AddLast(stored);
            _keyCount += cursor.Keys.Count;
        }

        return id;
    }

    /// <summary>Loads a cursor, or returns null when it does not exist, has expired or was dropped.</summary>
    public SearchCursor? Load(string id)
    {
        lock (_lock)
        {
            if (!_byId.TryGetValue(id, out var node))
                return null;

            if (node.Value.Expires < timeProvider.GetUtcNow())
            {
                Remove(node);
                return null;
            }

            return node.Value.Cursor;
        }
    }

    private void DropExpired(DateTimeOffset now)
    {
        while (_byAge.First is { } oldest && oldest.Value.Expires < now)
            Remove(oldest);
    }

    private void Remove(LinkedListNode<StoredCursor> node)
    {
        _byAge.Remove(node);
        _byId.Remove(node.Value.Id);
        _keyCount -= node.Value.Cursor.Keys.Count;
    }

    private sealed record StoredCursor(string Id, SearchCursor Cursor, DateTimeOffset Expires);
}
