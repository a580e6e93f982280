using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace CfitsioNet.Bench.Benchmarks;

/// <summary>
/// Where the benchmark processes find the test images. <see cref="BenchmarkEntry"/> sets the two environment
/// variables before BenchmarkDotNet starts its child processes, which inherit them.
/// </summary>
public static class BenchData
{
    internal const string FolderVariable = "CFITSIONET_BENCH_DATA";
    internal const string SizesVariable = "CFITSIONET_BENCH_SIZES";
    internal const string TableVariable = "CFITSIONET_BENCH_TABLE";

    /// <summary>Image edge lengths to run (all of them, or 1000 only with --quick).</summary>
    public static IEnumerable<int> Sizes =>
        (Environment.GetEnvironmentVariable(SizesVariable) ?? "1000,4096").Split(',').Select(int.Parse);

    /// <summary>The test image of this element type and size, e.g. <c>int16_1000.fits</c>.</summary>
    public static string File(string dtype, int size)
    {
        string folder = Environment.GetEnvironmentVariable(FolderVariable)
            ?? throw new InvalidOperationException($"{FolderVariable} is not set: run through `CfitsioNet.Bench bench` or ./build.sh --target=Bench.");
        string path = Path.Combine(folder, $"{dtype}_{size}.fits");
        return System.IO.File.Exists(path) ? path : throw new FileNotFoundException($"missing test image {path}", path);
    }

    /// <summary>The tables group's 1M-row test table (Investigation.TableData), written by astropy.</summary>
    public static string Table() => Environment.GetEnvironmentVariable(TableVariable) is { } path && System.IO.File.Exists(path)
        ? path
        : throw new InvalidOperationException($"{TableVariable} names no file: the table needs /usr/bin/python3 with astropy (TableData.Prepare).");

    /// <summary>The pybench name of the element type.</summary>
    public static string Dtype<T>() => Investigation.Report.DtypeName(typeof(T));
}
