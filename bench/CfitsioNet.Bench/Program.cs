using System;
using System.Linq;
using CfitsioNet.Bench.Benchmarks;
using CfitsioNet.Bench.Investigation;

// CfitsioNet.Bench investigate [--quick] ...   the investigation (table, results.json, results.md, chart.png)
// CfitsioNet.Bench bench [--quick] [BenchmarkDotNet arguments, e.g. --filter *BufferMode*]
// CfitsioNet.Bench tables-rss [--gb 10] [--rows-per-chunk N] [--columns 3|all]   peak RSS of ReadChunks on a sparse table
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: CfitsioNet.Bench investigate [options]   |   CfitsioNet.Bench bench [--quick] [BenchmarkDotNet options]");
    Console.WriteLine(InvestigationOptions.Usage);
    return args.Length == 0 ? 1 : 0;
}

try
{
    return args[0] switch
    {
        "investigate" => new InvestigationRunner(InvestigationOptions.Parse(args.Skip(1).ToArray())).Run(),
        "bench" => BenchmarkEntry.Run(args.Skip(1).ToArray()),
        "worker" => Worker.Run(args.Skip(1).ToArray()),
        "tables-rss" => CfitsioNet.Bench.Memory.TableRss.Run(args.Skip(1).ToArray()),
        _ => throw new UsageException($"unknown command '{args[0]}': use investigate or bench"),
    };
}
catch (UsageException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
