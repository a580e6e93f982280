using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using CfitsioNet.Bench.Investigation;

namespace CfitsioNet.Bench.Benchmarks;

/// <summary>
/// Sixteen 1000x1000 int16 files, each opened, read into a new array and closed: one after the other (baseline),
/// with a hand-written <c>Parallel.For</c>, with <see cref="FitsBatch.ReadMany{T}"/>, and (into a pool, not new arrays)
/// with <see cref="FitsBatch.ForEach{T}"/>.
/// </summary>
public class BatchBenchmarks
{
    private string[] _paths = [];

    /// <summary>Finds the batch copies of the 1000x1000 image.</summary>
    [GlobalSetup]
    public void Setup() => _paths = TestData.BatchFiles(
        System.Environment.GetEnvironmentVariable(BenchData.FolderVariable) ?? throw new System.InvalidOperationException($"{BenchData.FolderVariable} is not set.")).ToArray();

    /// <summary>One file after the other.</summary>
    [Benchmark(Baseline = true)]
    public long Sequential()
    {
        long total = 0;
        foreach (string path in _paths)
        {
            using FitsFile file = FitsFile.Open(path);
            total += file.Primary.Read<short>().Length;
        }

        return total;
    }

    /// <summary><c>Parallel.For</c> over the files, one <see cref="FitsFile"/> each.</summary>
    [Benchmark]
    public long ParallelFor()
    {
        long total = 0;
        Parallel.For(0, _paths.Length, i =>
        {
            using FitsFile file = FitsFile.Open(_paths[i]);
            System.Threading.Interlocked.Add(ref total, file.Primary.Read<short>().Length);
        });
        return total;
    }

    /// <summary><see cref="FitsBatch.ReadMany{T}"/>: bounded parallelism, results in order, per-file errors.</summary>
    [Benchmark]
    public long ReadMany() => FitsBatch.ReadMany<short>(_paths).Sum(r => (long)r.GetPixelsOrThrow().Length);

    private readonly NativeBufferPool _pool = new();

    /// <summary><see cref="FitsBatch.ForEach{T}"/>: pooled buffers handed over in order while the next files are read.</summary>
    [Benchmark]
    public long ForEachPooled()
    {
        long total = 0;
        FitsBatch.ForEach<short>(_paths, item => total += item.GetPixelsOrThrow().Length, _pool);
        return total;
    }

    /// <summary>Frees the pool's memory.</summary>
    [GlobalCleanup]
    public void Cleanup() => _pool.Dispose();
}
