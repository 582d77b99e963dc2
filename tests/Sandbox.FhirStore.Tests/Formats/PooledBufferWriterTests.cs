using Sandbox.FhirStore.Formats;

namespace Sandbox.FhirStore.Tests.Formats;

public sealed class PooledBufferWriterTests
{
    [Fact]
    public void Write_PastInitialCapacity_KeepsEveryByte()
    {
        var expected = Enumerable.Range(0, 10_000).Select(index => (byte)index).ToArray();
        using var writer = new PooledBufferWriter(16);

        foreach (var chunk in expected.Chunk(7))
        {
            chunk.CopyTo(writer.GetSpan(chunk.Length));
            writer.Advance(chunk.Length);
        }

        Assert.Equal(expected, writer.WrittenMemory.ToArray());
    }

    [Fact]
    public void Advance_PastFreeSpace_Throws()
    {
        using var writer = new PooledBufferWriter(16);
        var free = writer.GetSpan().Length;

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Advance(free + 1));
    }

    [Fact]
    public void GetSpan_AfterDispose_Throws()
    {
        var writer = new PooledBufferWriter(16);
        writer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => writer.GetSpan());
    }
}
