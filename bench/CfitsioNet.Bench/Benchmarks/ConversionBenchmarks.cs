using System;
using System.Collections.Generic;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using CfitsioNet.Bench.Investigation;

namespace CfitsioNet.Bench.Benchmarks;

/// <summary>
/// Reading an int16 image in another type. Baseline: the natural read (short) into a reused array. The Library*
/// benchmarks ask the library to convert (CFITSIO does it); until the conversions branch lands the library refuses
/// and <see cref="BenchmarkEntry"/> leaves them out. The Managed* ones read naturally and convert in the caller.
/// </summary>
public class ConversionBenchmarks
{
    private FitsFile? _fits;
    private ImageHdu? _image;
    private short[] _natural = [];
    private int[] _int32 = [];
    private float[] _single = [];
    private double[] _double = [];

    /// <summary>Image edge length.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Size { get; set; }

    /// <summary>The sizes to run.</summary>
    public static IEnumerable<int> Sizes => BenchData.Sizes;

    /// <summary>Opens the int16 image and makes every destination (touched).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _fits = FitsFile.Open(BenchData.File("int16", Size));
        _image = _fits.Primary;
        int n = checked((int)_image.Info.ElementCount);
        _natural = new short[n];
        _int32 = new int[n];
        _single = new float[n];
        _double = new double[n];
        Touch.Pages(_natural);
        Touch.Pages(_int32);
        Touch.Pages(_single);
        Touch.Pages(_double);
    }

    /// <summary>Closes the file.</summary>
    [GlobalCleanup]
    public void Cleanup() => _fits?.Dispose();

    /// <summary>The natural type: no conversion.</summary>
    [Benchmark(Baseline = true)]
    public void NaturalInt16() => _image!.Read<short>(_natural);

    /// <summary>CFITSIO converts to int.</summary>
    [Benchmark]
    public void LibraryToInt32() => _image!.Read<int>(_int32);

    /// <summary>CFITSIO converts to float.</summary>
    [Benchmark]
    public void LibraryToSingle() => _image!.Read<float>(_single);

    /// <summary>CFITSIO converts to double.</summary>
    [Benchmark]
    public void LibraryToDouble() => _image!.Read<double>(_double);

    /// <summary>Natural read, then <c>TensorPrimitives.ConvertTruncating</c> to float.</summary>
    [Benchmark]
    public void ManagedToSingle()
    {
        _image!.Read<short>(_natural);
        TensorPrimitives.ConvertTruncating<short, float>(_natural, _single);
    }

    /// <summary>Natural read, then <c>TensorPrimitives.ConvertTruncating</c> to double.</summary>
    [Benchmark]
    public void ManagedToDouble()
    {
        _image!.Read<short>(_natural);
        TensorPrimitives.ConvertTruncating<short, double>(_natural, _double);
    }
}
