using System;
using System.Collections.Generic;
using CfitsioNet.Memory;

namespace CfitsioNet;

/// <summary>
/// Keeps the memory of disposed <see cref="NativeBuffer{T}"/>s for the next buffer of the same byte size, so that
/// repeated reads of same-size images land in pages that are already faulted in (a fresh 2 MB buffer costs more to
/// touch than to read into). Thread-safe.
/// </summary>
/// <example>
/// <code>
/// var pool = new NativeBufferPool();
/// foreach (string path in paths)
/// {
///     using var fits = FitsFile.Open(path);
///     using NativeBuffer&lt;short&gt; pixels = fits.Primary.ReadNative&lt;short&gt;(pool);  // disposing returns the memory to the pool
///     Process(pixels.Span);
/// }
/// </code>
/// </example>
public sealed class NativeBufferPool : IDisposable
{
    private const nuint PageSize = 4096;

    private readonly Dictionary<nuint, Stack<NativeBlock>> _free = [];
    private readonly object _sync = new();
    private long _retainedBytes;
    private bool _disposed;

    /// <summary>A pool that keeps up to <paramref name="maxRetainedBytes"/> bytes of unused buffers.</summary>
    /// <param name="maxRetainedBytes">Most bytes the pool keeps while no one uses them; memory returned beyond it is freed. Default 1 GiB.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRetainedBytes"/> is negative.</exception>
    public NativeBufferPool(long maxRetainedBytes = 1L << 30)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetainedBytes);
        MaxRetainedBytes = maxRetainedBytes;
    }

    /// <summary>A process-wide pool (up to 1 GiB retained).</summary>
    public static NativeBufferPool Shared { get; } = new();

    /// <summary>Most bytes of unused buffers the pool keeps.</summary>
    public long MaxRetainedBytes { get; }

    /// <summary>Bytes of unused buffers the pool holds now.</summary>
    public long RetainedBytes
    {
        get
        {
            lock (_sync)
            {
                return _retainedBytes;
            }
        }
    }

    /// <summary>
    /// A buffer of the given shape (C order), on memory a disposed buffer of the same byte size left behind when there
    /// is one (its pages already touched, its contents whatever that buffer held), else on new memory whose pages are
    /// touched now. Disposing the buffer gives its memory back to this pool.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="shape">Axis lengths in C order.</param>
    /// <returns>A buffer the caller owns until it disposes it.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An axis length is negative.</exception>
    /// <exception cref="ObjectDisposedException">The pool has been disposed.</exception>
    public unsafe NativeBuffer<T> Rent<T>(ReadOnlySpan<long> shape)
        where T : unmanaged
    {
        long length = 1;
        foreach (long axis in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(axis, nameof(shape));
            length = checked(length * axis);
        }

        if (shape.Length == 0)
        {
            length = 0;
        }

        nuint capacity = SizeClass(checked((nuint)length * (nuint)sizeof(T)));
        NativeBlock block;
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_free.TryGetValue(capacity, out Stack<NativeBlock>? blocks) && blocks.TryPop(out block))
            {
                _retainedBytes -= (long)block.Capacity;
                return new NativeBuffer<T>(shape.ToArray(), length, block, this);
            }
        }

        block = NativeAllocator.Allocate(capacity);
        NativeAllocator.Prefault(block);
        return new NativeBuffer<T>(shape.ToArray(), length, block, this);
    }

    /// <summary>A one-dimensional buffer of <paramref name="length"/> elements (see <see cref="Rent{T}(ReadOnlySpan{long})"/>).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="length">Number of elements.</param>
    /// <returns>A buffer the caller owns until it disposes it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    /// <exception cref="ObjectDisposedException">The pool has been disposed.</exception>
    public NativeBuffer<T> Rent<T>(long length)
        where T : unmanaged
        => Rent<T>([length]);

    /// <summary>Frees every unused buffer the pool holds. Buffers still rented come back (or are freed) when disposed.</summary>
    public void Trim()
    {
        List<NativeBlock> freed = [];
        lock (_sync)
        {
            foreach (Stack<NativeBlock> blocks in _free.Values)
            {
                freed.AddRange(blocks);
                blocks.Clear();
            }

            _free.Clear();
            _retainedBytes = 0;
        }

        foreach (NativeBlock block in freed)
        {
            NativeAllocator.Free(block);
        }
    }

    /// <summary>Frees the unused buffers; buffers still rented are freed when they are disposed.</summary>
    public void Dispose()
    {
        lock (_sync)
        {
            _disposed = true;
        }

        Trim();
    }

    /// <summary>Takes back a block from a disposed buffer, or frees it when the pool is full or disposed.</summary>
    internal void Return(NativeBlock block)
    {
        lock (_sync)
        {
            if (!_disposed && _retainedBytes + (long)block.Capacity <= MaxRetainedBytes)
            {
                if (!_free.TryGetValue(block.Capacity, out Stack<NativeBlock>? blocks))
                {
                    blocks = new Stack<NativeBlock>();
                    _free.Add(block.Capacity, blocks);
                }

                blocks.Push(block);
                _retainedBytes += (long)block.Capacity;
                return;
            }
        }

        NativeAllocator.Free(block);
    }

    // Whole pages, so sizes that differ by a few bytes share blocks; huge-page blocks round further in the allocator.
    private static nuint SizeClass(nuint bytes) => bytes == 0 ? PageSize : (bytes + PageSize - 1) & ~(PageSize - 1);
}
