using System;
using System.Buffers;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using CfitsioNet.Bench.Investigation;

namespace CfitsioNet.Bench.Benchmarks;

/// <summary>
/// Where the pixels land: one benchmark per destination, for each element type and size, the file kept open.
/// Baseline: <c>Read&lt;T&gt;(Span&lt;T&gt;)</c> into one reused array.
/// </summary>
[GenericTypeArguments(typeof(byte))]
[GenericTypeArguments(typeof(short))]
[GenericTypeArguments(typeof(float))]
public class BufferModeBenchmarks<T>
    where T : unmanaged
{
    private FitsFile? _fits;
    private ImageHdu? _image;
    private T[] _array = [];
    private T[] _pinned = [];
    private NativeBuffer<T>? _native;
    private NativeBufferPool<T>? _pool;
    private int _length;

    /// <summary>Image edge length.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Size { get; set; }

    /// <summary>The sizes to run.</summary>
    public static IEnumerable<int> Sizes => BenchData.Sizes;

    /// <summary>Opens the image and makes the reused destinations (every page touched).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _fits = FitsFile.Open(BenchData.File(BenchData.Dtype<T>(), Size));
        _image = _fits.Primary;
        _length = checked((int)_image.Info.ElementCount);
        _array = new T[_length];
        Touch.Pages(_array);
        _pinned = GC.AllocateArray<T>(_length, pinned: true);
        Touch.Pages(_pinned);
        _native = new NativeBuffer<T>(_image.Info.GetShape());
        Touch.Pages(_native);
        _pool = new NativeBufferPool<T>(_image.Info.GetShape(), prefill: 2);
    }

    /// <summary>Closes the file and frees the native memory.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _pool?.Dispose();
        ((IDisposable?)_native)?.Dispose();
        _fits?.Dispose();
    }

    /// <summary><c>Read&lt;T&gt;(Span&lt;T&gt;)</c> into one reused array.</summary>
    [Benchmark(Baseline = true)]
    public void SpanReused() => _image!.Read<T>(_array);

    /// <summary><c>Read(NativeBuffer&lt;T&gt;)</c> into one reused buffer.</summary>
    [Benchmark]
    public void NativeBufferReused() => _image!.Read(_native!);

    /// <summary><c>Read&lt;T&gt;(Span&lt;T&gt;)</c> into one reused pinned (POH) array.</summary>
    [Benchmark]
    public void PinnedReused() => _image!.Read<T>(_pinned);

    /// <summary>Rent from <c>ArrayPool&lt;T&gt;.Shared</c>, read, return.</summary>
    [Benchmark]
    public void ArrayPoolRented()
    {
        T[] array = ArrayPool<T>.Shared.Rent(_length);
        _image!.Read<T>(array.AsSpan(0, _length));
        ArrayPool<T>.Shared.Return(array);
    }

    /// <summary>Rent a pre-touched <see cref="NativeBuffer{T}"/> from a pool of two, read, return.</summary>
    [Benchmark]
    public void NativeBufferPooled()
    {
        NativeBuffer<T> buffer = _pool!.Rent();
        _image!.Read(buffer);
        _pool.Return(buffer);
    }

    /// <summary><c>ReadNative&lt;T&gt;()</c>: a new native buffer per read, disposed.</summary>
    [Benchmark]
    public void NativeBufferFresh()
    {
        using NativeBuffer<T> buffer = _image!.ReadNative<T>();
    }

    /// <summary><c>ReadPinned&lt;T&gt;()</c>: a new pinned array per read.</summary>
    [Benchmark]
    public T[] PinnedFresh() => _image!.ReadPinned<T>();

    /// <summary><c>Read&lt;T&gt;()</c>: a new array per read.</summary>
    [Benchmark]
    public T[] NewArray() => _image!.Read<T>();
}
