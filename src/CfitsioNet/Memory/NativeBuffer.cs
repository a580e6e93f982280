using System;
using System.Buffers;
using System.Collections.Generic;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Threading;
using CfitsioNet.Memory;

namespace CfitsioNet;

/// <summary>
/// Pixels in native memory from <see cref="NativeMemory.AlignedAlloc(nuint, nuint)"/>, 64-byte aligned and outside
/// the GC heap, so a buffer can hold more than <see cref="int.MaxValue"/> elements and can be handed to native code
/// or a tensor framework without copying. Reuse one buffer across reads to avoid paying for fresh pages each time.
/// </summary>
/// <remarks>
/// Dispose the buffer to free its memory (or give it back to its pool): there is no finalizer, because a span obtained from the buffer could
/// otherwise outlive it. The memory is uninitialised until something is read into it.
/// <para>
/// On Linux, buffers of 4 MiB and more are anonymous mappings aligned to 2 MiB and advised for transparent huge pages,
/// which makes their first touch several times cheaper. <see cref="NativeBufferPool"/> hands out buffers whose pages
/// are already touched.
/// </para>
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
public sealed unsafe class NativeBuffer<T> : MemoryManager<T>
    where T : unmanaged
{
    /// <summary>Alignment of the first element, in bytes: a cache line, and enough for 512-bit vectors.</summary>
    public const int Alignment = 64;

    private readonly long[] _shape;
    private readonly NativeBlock _block;
    private readonly NativeBufferPool? _pool;
    private IntPtr _address;

    /// <summary>Allocates a one-dimensional buffer of <paramref name="length"/> elements.</summary>
    /// <param name="length">Number of elements; may exceed <see cref="int.MaxValue"/>.</param>
    public NativeBuffer(long length)
        : this([length])
    {
    }

    /// <summary>Allocates a buffer for an array of the given shape (C order, slowest axis first).</summary>
    /// <param name="shape">Axis lengths in C order; the buffer holds their product.</param>
    public NativeBuffer(ReadOnlySpan<long> shape)
    {
        long length = 1;
        foreach (long axis in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(axis, nameof(shape));
            length = checked(length * axis);
        }

        _shape = shape.ToArray();
        Length = shape.Length == 0 ? 0 : length;
        _block = NativeAllocator.Allocate(checked((nuint)Length * (nuint)sizeof(T)));
        _address = _block.Address;
    }

    /// <summary>A buffer over a block rented from <paramref name="pool"/>, which gets the block back on dispose.</summary>
    internal NativeBuffer(long[] shape, long length, NativeBlock block, NativeBufferPool pool)
    {
        _shape = shape;
        Length = length;
        _block = block;
        _pool = pool;
        _address = block.Address;
    }

    /// <summary>Number of elements.</summary>
    public long Length { get; }

    /// <summary>Size of the buffer in bytes.</summary>
    public long ByteLength => Length * sizeof(T);

    /// <summary>The shape the buffer was allocated for, in C order.</summary>
    public IReadOnlyList<long> Shape => _shape;

    /// <summary>The elements as a span.</summary>
    /// <exception cref="InvalidOperationException">The buffer holds more than <see cref="int.MaxValue"/> elements: use <see cref="AsTensorSpan"/>.</exception>
    /// <exception cref="ObjectDisposedException">The buffer has been disposed.</exception>
    public Span<T> Span => GetSpan();

    /// <summary>A tensor view of the buffer with its shape (C order, dense row-major strides). Works at any size.</summary>
    /// <returns>A view over the buffer's memory; valid until the buffer is disposed.</returns>
    public TensorSpan<T> AsTensorSpan()
    {
        T* pointer = CheckedPointer;
        Span<nint> lengths = stackalloc nint[Math.Max(_shape.Length, 1)];
        if (_shape.Length == 0)
        {
            lengths[0] = 0;
        }
        else
        {
            for (int i = 0; i < _shape.Length; i++)
            {
                lengths[i] = checked((nint)_shape[i]);
            }
        }

        return new TensorSpan<T>(pointer, checked((nint)Length), lengths, ReadOnlySpan<nint>.Empty);
    }

    /// <inheritdoc/>
    public override Span<T> GetSpan()
    {
        T* pointer = CheckedPointer;
        if (Length > int.MaxValue)
        {
            throw new InvalidOperationException(
                $"This buffer holds {Length} elements, more than a Span<T> can address; use AsTensorSpan() or read in regions.");
        }

        return new Span<T>(pointer, (int)Length);
    }

    /// <inheritdoc/>
    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(elementIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(elementIndex, Length);
        return new MemoryHandle(CheckedPointer + elementIndex, pinnable: this);
    }

    /// <inheritdoc/>
    public override void Unpin()
    {
        // Native memory never moves.
    }

    /// <summary>Frees the memory. Spans and views obtained from the buffer must not be used afterwards.</summary>
    public void Dispose() => ((IDisposable)this).Dispose();

    /// <summary>The first element's address, for code that hands the buffer to native libraries.</summary>
    internal T* Pointer => CheckedPointer;

    /// <summary>The allocation behind the buffer (tests check huge-page alignment).</summary>
    internal NativeBlock Block => _block;

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        IntPtr address = Interlocked.Exchange(ref _address, IntPtr.Zero);
        if (address != IntPtr.Zero)
        {
            if (_pool is not null)
            {
                _pool.Return(_block);
            }
            else
            {
                NativeAllocator.Free(_block);
            }
        }
    }

    private T* CheckedPointer
    {
        get
        {
            IntPtr address = Volatile.Read(ref _address);
            return address != IntPtr.Zero ? (T*)address : throw new ObjectDisposedException(nameof(NativeBuffer<T>));
        }
    }
}
