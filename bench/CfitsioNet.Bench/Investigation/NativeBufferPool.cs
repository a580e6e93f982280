using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace CfitsioNet.Bench.Investigation;

/// <summary>
/// A small pool of <see cref="NativeBuffer{T}"/>s of one shape whose pages were touched when they were made, so a
/// read into a rented buffer never pays for fresh pages: the pattern the "pooled" rows measure.
/// </summary>
internal sealed class NativeBufferPool<T> : IDisposable
    where T : unmanaged
{
    private readonly long[] _shape;
    private readonly Stack<NativeBuffer<T>> _free = new();
    private readonly List<NativeBuffer<T>> _all = new();

    internal NativeBufferPool(ReadOnlySpan<long> shape, int prefill)
    {
        _shape = shape.ToArray();
        for (int i = 0; i < prefill; i++)
        {
            _free.Push(Create());
        }
    }

    internal NativeBuffer<T> Rent() => _free.Count > 0 ? _free.Pop() : Create();

    internal void Return(NativeBuffer<T> buffer) => _free.Push(buffer);

    public void Dispose()
    {
        foreach (NativeBuffer<T> buffer in _all)
        {
            ((IDisposable)buffer).Dispose();
        }

        _all.Clear();
        _free.Clear();
    }

    private NativeBuffer<T> Create()
    {
        var buffer = new NativeBuffer<T>(_shape);
        Touch.Pages(buffer);
        _all.Add(buffer);
        return buffer;
    }
}

/// <summary>Writes every byte of a buffer once, so its pages are faulted in before any timing.</summary>
internal static class Touch
{
    internal const byte Pattern = 0x5a;

    internal static unsafe void Pages<T>(NativeBuffer<T> buffer)
        where T : unmanaged
        => NativeMemory.Fill(buffer.Pointer, (nuint)buffer.ByteLength, Pattern);

    internal static void Pages<T>(T[] array)
        where T : unmanaged
        => MemoryMarshal.AsBytes(array.AsSpan()).Fill(Pattern);
}
