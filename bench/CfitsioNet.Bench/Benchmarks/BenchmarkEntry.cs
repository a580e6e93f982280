using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Filters;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CfitsioNet.Bench.Investigation;

namespace CfitsioNet.Bench.Benchmarks;

/// <summary>
/// <c>CfitsioNet.Bench bench [--quick] [BenchmarkDotNet options]</c>: makes sure the test images exist, then runs
/// the BenchmarkDotNet classes with markdown, CSV and JSON exporters into <c>artifacts/bench</c>.
/// </summary>
public static class BenchmarkEntry
{
    internal static int Run(string[] args)
    {
        bool quick = args.Contains("--quick");
        var rest = args.Where(a => a != "--quick").ToList();
        if (!rest.Any(a => a.StartsWith("--filter", StringComparison.Ordinal) || a == "-f"))
        {
            rest.AddRange(["--filter", "*"]);
        }

        InvestigationOptions paths = InvestigationOptions.Parse([]);
        int[] sizes = quick ? [1000] : [1000, 4096];
        TestData.Prepare(paths.DataDir, sizes, cube: false, paths.Python, paths.Pybench, Console.Error.WriteLine);
        TestTable? table = TableData.Prepare(paths.DataDir, paths.Python, paths.Pybench, Console.Error.WriteLine);
        // BenchmarkDotNet's child processes inherit these.
        Environment.SetEnvironmentVariable(BenchData.TableVariable, table?.Path);
        Environment.SetEnvironmentVariable(BenchData.FolderVariable, paths.DataDir);
        Environment.SetEnvironmentVariable(BenchData.SizesVariable, string.Join(",", sizes));

        Job job = quick
            // In process: no generated project to build, so a quick run takes seconds, not a minute more.
            ? Job.Default.WithId("Quick").WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3).WithIterationTime(TimeInterval.FromMilliseconds(100))
                .WithToolchain(InProcessEmitToolchain.Instance)
            : Job.Default.WithId("Default").WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithIterationTime(TimeInterval.FromMilliseconds(250));
        IConfig config = ManualConfig.CreateMinimumViable()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddExporter(MarkdownExporter.GitHub, CsvExporter.Default, JsonExporter.Full)
            .WithArtifactsPath(Path.Combine(paths.RepoRoot, "artifacts", "bench"));

        Type[] types = [typeof(BufferModeBenchmarks<>), typeof(HandleReuseBenchmarks), typeof(ConversionBenchmarks), typeof(FastPathBenchmarks<>), typeof(CompressedBenchmarks), typeof(BatchBenchmarks), typeof(ColumnGatherBenchmarks), typeof(UpdateBenchmarks)];
        IEnumerable<BenchmarkDotNet.Reports.Summary> summaries = BenchmarkSwitcher.FromTypes(types).Run(rest.ToArray(), config);
        bool failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        Console.WriteLine($"Benchmark results: {Path.Combine(paths.RepoRoot, "artifacts", "bench", "results")}");
        return failed ? 1 : 0;
    }
}
