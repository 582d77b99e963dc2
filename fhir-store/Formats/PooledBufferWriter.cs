using System.Buffers;

namespace Sandbox.FhirStore.Formats;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> of bytes on arrays rented from
/// <see cref="ArrayPool{T}.Shared"/>, for response bodies that must be complete before their
/// Content-Length is known. Dispose it to return the array to the pool.
/// </summary>
internal sealed class PooledBufferWriter(int initialCapacity) : IBufferWriter<byte>, IDisposable
{
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    private int _written;

    /// <summary>The bytes written so far, valid until the next write or disposal.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => Buffer.AsMemory(0, _written);

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(PooledBufferWriter));

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Buffer.Length - _written);
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Grow(sizeHint).AsMemory(_written);

    public Span<byte> GetSpan(int sizeHint = 0) => Grow(sizeHint).AsSpan(_written);

    public void Dispose()
    {
        if (_buffer is null)
            return;

        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
    }

    // Returns the buffer with at least sizeHint free bytes (at least one), renting a larger
    // array when the current one is too small.
    private byte[] Grow(int sizeHint)
    {
        var buffer = Buffer;
        var needed = Math.Max(sizeHint, 1);
        if (buffer.Length - _written >= needed)
            return buffer;

        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, _written + needed));
        buffer.AsSpan(0, _written).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(buffer);
        _buffer = grown;
        return grown;
    }
}
