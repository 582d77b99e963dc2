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
    private const int IdLength = 16;
    private const int IdsPerFill = 64;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<StoredCursor>> _byId = new(StringComparer.Ordinal);

    // Oldest first. Every cursor has the same lifetime, so this is also the order of expiry.
    private readonly LinkedList<StoredCursor> _byAge = new();
    private long _keyCount;

    // Random bytes for cursor ids, refilled from the cryptographic generator 64 ids at a time,
    // because one call per search showed up in CPU profiles of concurrent searches.
    private readonly byte[] _idBytes = new byte[IdLength * IdsPerFill];
    private int _idOffset = IdLength * IdsPerFill;

    /// <summary>Stores a cursor and returns its id, a random 128-bit value in hexadecimal.</summary>
    public string Save(SearchCursor cursor)
    {
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            var id = NextId();
            var stored = new StoredCursor(id, cursor, now + options.Value.CursorLifetime);
            DropExpired(now);
            while (_byAge.First is not null && _keyCount + cursor.Keys.Count > options.Value.MaxCursorKeys)
                Remove(_byAge.First);

            _byId[id] = _byAge.AddLast(stored);
            _keyCount += cursor.Keys.Count;
            return id;
        }
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

    private string NextId()
    {
        if (_idOffset == _idBytes.Length)
        {
            RandomNumberGenerator.Fill(_idBytes);
            _idOffset = 0;
        }

        var id = Convert.ToHexStringLower(_idBytes, _idOffset, IdLength);
        _idOffset += IdLength;
        return id;
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
