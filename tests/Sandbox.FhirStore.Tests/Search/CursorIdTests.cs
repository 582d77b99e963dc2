using Microsoft.Extensions.Options;
using Sandbox.FhirStore.Search;
using Sandbox.FhirStore.Search.Paging;

namespace Sandbox.FhirStore.Tests.Search;

/// <summary>Cursor ids, which the store takes from a buffer of random bytes that it refills.</summary>
public sealed class CursorIdTests
{
    // More ids than one fill of the buffer (64) gives, so the refill runs at least twice.
    private const int CursorCount = 200;

    [Fact]
    public void Save_ManyCursors_IdsAreDistinct()
    {
        var ids = SaveCursors();

        Assert.Equal(CursorCount, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Save_ManyCursors_IdsAre128BitHex()
    {
        var ids = SaveCursors();

        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
    }

    [Fact]
    public void Load_EverySavedId_FindsItsCursor()
    {
        var store = new SearchCursorStore(Options.Create(new SearchOptions()), TimeProvider.System);
        var cursors = Enumerable.Range(0, CursorCount).Select(index => NewCursor($"Type{index}")).ToList();

        var ids = cursors.Select(store.Save).ToList();

        Assert.Equal(cursors, ids.Select(store.Load));
    }

    private static List<string> SaveCursors()
    {
        var store = new SearchCursorStore(Options.Create(new SearchOptions()), TimeProvider.System);
        return Enumerable.Range(0, CursorCount).Select(_ => store.Save(NewCursor("Patient"))).ToList();
    }

    private static SearchCursor NewCursor(string type) =>
        new(type, null, [], "*", IsTruncated: false) { Keys = [1, 2, 3] };
}
