using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using CfitsioNet.Bench.Investigation;

namespace CfitsioNet.Bench.Benchmarks;

/// <summary>
/// A Rice-compressed int16 image, file kept open, into one reused array: decompressed by one CFITSIO handle
/// (baseline), by CFITSIO in parallel tile bands on one handle per core, and by the managed Rice decoder on one
/// thread and on every core (the default).
/// </summary>
public class CompressedBenchmarks
{
    private FitsFile? _serial;
    private FitsFile? _bands;
    private FitsFile? _managedOneThread;
    private FitsFile? _parallel;
    private short[] _array = [];

    /// <summary>Image edge length.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Size { get; set; }

    /// <summary>The sizes to run.</summary>
    public static IEnumerable<int> Sizes => BenchData.Sizes;

    /// <summary>Opens the image twice and touches the array; one read each opens the parallel path's spare handles.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string path = BenchData.File("int16_rice", Size);
        _serial = FitsFile.Open(path, new FitsOpenOptions { MaxDegreeOfParallelism = 1, DirectRead = false });
        _bands = FitsFile.Open(path, new FitsOpenOptions { DirectRead = false });
        _managedOneThread = FitsFile.Open(path, new FitsOpenOptions { MaxDegreeOfParallelism = 1 });
        _parallel = FitsFile.Open(path);
        _array = new short[Image(_serial).Info.ElementCount];
        Touch.Pages(_array);
        Image(_bands).Read<short>(_array);
        Image(_parallel).Read<short>(_array);
    }

    /// <summary>Closes the files.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _serial?.Dispose();
        _bands?.Dispose();
        _managedOneThread?.Dispose();
        _parallel?.Dispose();
    }

    /// <summary>One CFITSIO handle decompresses every tile.</summary>
    [Benchmark(Baseline = true)]
    public void Serial() => Image(_serial!).Read<short>(_array);

    /// <summary>CFITSIO decompresses tile bands on one handle per core (the default before the managed decoder).</summary>
    [Benchmark]
    public void CfitsioBands() => Image(_bands!).Read<short>(_array);

    /// <summary>The managed Rice decoder on the calling thread.</summary>
    [Benchmark]
    public void ManagedOneThread() => Image(_managedOneThread!).Read<short>(_array);

    /// <summary>The managed Rice decoder, tile ranges on every core (the default).</summary>
    [Benchmark]
    public void Parallel() => Image(_parallel!).Read<short>(_array);

    private static ImageHdu Image(FitsFile file) => file[1].AsImage();
}
