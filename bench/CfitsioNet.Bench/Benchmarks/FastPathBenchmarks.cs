using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using CfitsioNet.Bench.Investigation;

namespace CfitsioNet.Bench.Benchmarks;

/// <summary>
/// The read paths of one uncompressed image, file kept open, into one reused array. Baseline: CFITSIO reads every
/// pixel (<see cref="FitsOpenOptions.CfitsioOnly"/>), so each row is the fast path's ratio to CFITSIO's own reader.
/// </summary>
[GenericTypeArguments(typeof(short))]
[GenericTypeArguments(typeof(ushort))]
[GenericTypeArguments(typeof(int))]
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class FastPathBenchmarks<T>
    where T : unmanaged
{
    private FitsFile? _cfitsio;
    private FitsFile? _direct;
    private FitsFile? _serial;
    private FitsFile? _mapped;
    private FitsFile? _positioned;
    private NativeBufferPool? _pool;
    private T[] _array = [];

    /// <summary>Image edge length.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Size { get; set; }

    /// <summary>The sizes to run.</summary>
    public static IEnumerable<int> Sizes => BenchData.Sizes;

    /// <summary>Opens the image once per path and touches the reused array.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string path = BenchData.File(BenchData.Dtype<T>(), Size);
        _cfitsio = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly);
        _direct = FitsFile.Open(path);
        _serial = FitsFile.Open(path, new FitsOpenOptions { MaxDegreeOfParallelism = 1 });
        _mapped = FitsFile.Open(path, new FitsOpenOptions { MemoryMap = true });
        _positioned = FitsFile.Open(path, new FitsOpenOptions { MapRepeatedReads = false });
        _array = new T[_direct.Primary.Info.ElementCount];
        Touch.Pages(_array);
        _pool = new NativeBufferPool();
    }

    /// <summary>Closes the files and frees the pool.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _pool?.Dispose();
        _cfitsio?.Dispose();
        _direct?.Dispose();
        _serial?.Dispose();
        _mapped?.Dispose();
        _positioned?.Dispose();
    }

    /// <summary>CFITSIO's <c>ffgpxvll</c> reads every pixel.</summary>
    [Benchmark(Baseline = true)]
    public void Cfitsio() => _cfitsio!.Primary.Read<T>(_array);

    /// <summary>The default: the direct path; a file read repeatedly (as here) from the leased memory map.</summary>
    [Benchmark]
    public void Direct() => _direct!.Primary.Read<T>(_array);

    /// <summary>The direct path with positioned reads only (<see cref="FitsOpenOptions.MapRepeatedReads"/> off), in parallel parts from 1 MiB.</summary>
    [Benchmark]
    public void PositionedReads() => _positioned!.Primary.Read<T>(_array);

    /// <summary>The default on the calling thread only.</summary>
    [Benchmark]
    public void DirectOneThread() => _serial!.Primary.Read<T>(_array);

    /// <summary><see cref="FitsOpenOptions.MemoryMap"/>: mapped from the first read, one pass from the page cache into the array.</summary>
    [Benchmark]
    public void Mapped() => _mapped!.Primary.Read<T>(_array);

    /// <summary><c>ReadNative&lt;T&gt;(pool)</c> and dispose: pooled, already faulted-in memory.</summary>
    [Benchmark]
    public void NativePooled()
    {
        using NativeBuffer<T> buffer = _direct!.Primary.ReadNative<T>(_pool!);
    }

    /// <summary><c>ReadNative&lt;T&gt;()</c> and dispose: fresh memory (huge pages from 4 MiB on Linux).</summary>
    [Benchmark]
    public void NativeFresh()
    {
        using NativeBuffer<T> buffer = _direct!.Primary.ReadNative<T>();
    }
}
