using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using CfitsioNet.Bench.Investigation;

namespace CfitsioNet.Bench.Benchmarks;

/// <summary>
/// Keeping the <see cref="FitsFile"/> open versus opening it for every read (int16). Baseline: kept handle, reused
/// span. The reopen benchmarks keep no other handle on the file: CFITSIO would share it and make the open a lookup.
/// </summary>
public class HandleReuseBenchmarks
{
    private FitsFile? _fits;
    private ImageHdu? _image;
    private short[] _array = [];
    private string _path = "";

    /// <summary>Image edge length.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Size { get; set; }

    /// <summary>The sizes to run.</summary>
    public static IEnumerable<int> Sizes => BenchData.Sizes;

    /// <summary>Kept-handle benchmarks: open the file once.</summary>
    [GlobalSetup(Targets = [nameof(KeptSpan), nameof(KeptNewArray)])]
    public void SetupKept()
    {
        SetupReopen();
        _fits = FitsFile.Open(_path);
        _image = _fits.Primary;
    }

    /// <summary>Reopen benchmarks: only the reused array, no handle.</summary>
    [GlobalSetup(Targets = [nameof(ReopenSpan), nameof(ReopenSpanCfitsioOnly), nameof(ReopenNewArray), nameof(OpenClose)])]
    public void SetupReopen()
    {
        _path = BenchData.File("int16", Size);
        using (FitsFile fits = FitsFile.Open(_path))
        {
            _array = new short[fits.Primary.Info.ElementCount];
        }

        Touch.Pages(_array);
    }

    /// <summary>Closes the kept handle.</summary>
    [GlobalCleanup]
    public void Cleanup() => _fits?.Dispose();

    /// <summary>Kept handle, reused array.</summary>
    [Benchmark(Baseline = true)]
    public void KeptSpan() => _image!.Read<short>(_array);

    /// <summary>Open, read into the reused array, close (the deferred open: CFITSIO is never opened for this).</summary>
    [Benchmark]
    public void ReopenSpan()
    {
        using FitsFile fits = FitsFile.Open(_path);
        fits.Primary.Read<short>(_array);
    }

    /// <summary>Open with CFITSIO at once (<see cref="FitsOpenOptions.CfitsioOnly"/>: no deferred open, no direct read), read, close.</summary>
    [Benchmark]
    public void ReopenSpanCfitsioOnly()
    {
        using FitsFile fits = FitsFile.Open(_path, FitsOpenOptions.CfitsioOnly);
        fits.Primary.Read<short>(_array);
    }

    /// <summary>Kept handle, a new array per read.</summary>
    [Benchmark]
    public short[] KeptNewArray() => _image!.Read<short>();

    /// <summary>Open, read into a new array, close: the seed's "full path".</summary>
    [Benchmark]
    public short[] ReopenNewArray()
    {
        using FitsFile fits = FitsFile.Open(_path);
        return fits.Primary.Read<short>();
    }

    /// <summary>Open and close only.</summary>
    [Benchmark]
    public void OpenClose() => FitsFile.Open(_path).Dispose();
}
