namespace Sandbox.Auth.Server.Storage;

/// <summary>
/// The copies one request scope has read, by id, so that a second lookup of the same entity
/// returns the same copy, as Entity Framework Core's identity map does.
/// </summary>
/// <remarks>
/// OpenIddict relies on this: it validates a code's token entry while authenticating the
/// request and redeems it later in the same request after finding it again. Only if the second
/// lookup returns the copy read first does the version check of the redemption cover the time
/// between the two, so that one of two concurrent redemptions fails.
/// </remarks>
internal sealed class TrackedCopies<TEntity> where TEntity : class, IStoredEntity<TEntity>
{
    private readonly Dictionary<string, TEntity> _copies = new(StringComparer.Ordinal);

    /// <summary>Returns the tracked copy with this id, else loads one and tracks it.</summary>
    public TEntity? Get(string id, EntityTable<TEntity> table)
    {
        if (_copies.TryGetValue(id, out var tracked))
            return tracked;

        return Track(table.Find(id));
    }

    /// <summary>Returns the tracked copy with the same id as <paramref name="copy"/>, else tracks it.</summary>
    public TEntity? Track(TEntity? copy)
    {
        if (copy is null)
            return null;

        if (_copies.TryGetValue(copy.Id, out var tracked))
            return tracked;

        _copies[copy.Id] = copy;
        return copy;
    }

    /// <summary>Tracks each copy of a sequence as it is enumerated.</summary>
    public IEnumerable<TEntity> TrackAll(IEnumerable<TEntity> copies)
    {
        foreach (var copy in copies)
            yield return Track(copy)!;
    }
}
