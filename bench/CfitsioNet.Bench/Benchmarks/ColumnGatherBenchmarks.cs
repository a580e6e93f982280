using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using CfitsioNet.Bench.Investigation;
using CfitsioNet.Tables;

namespace CfitsioNet.Bench.Benchmarks;

/// <summary>
/// The table kernel (<see cref="ColumnGather"/>) on the tables group's 1M-row, 20-column table, 3 and all 20
/// columns into reused buffers, from the same bytes as cbench's floor cases: resident rows (the kernel alone; cbench
/// table_floor_gather), pread blocks (table_floor_pread), a kept map (table_floor_mmap). Baseline: the kernel alone
/// in Streaming mode.
/// </summary>
public class ColumnGatherBenchmarks
{
    private PreparedCase? _resident;
    private PreparedCase? _residentScalar;
    private PreparedCase? _residentGathers;
    private PreparedCase? _pread;
    private PreparedCase? _mapped;
    private PreparedCase? _mappedCopy;

    /// <summary>The column set: "3 of 20" (RA, DEC, FLUX) or "all 20".</summary>
    [ParamsSource(nameof(ColumnSets))]
    public string Columns { get; set; } = "";

    /// <summary>The labels of <see cref="TableCases.ColumnSets"/>.</summary>
    public static IEnumerable<string> ColumnSets => TableCases.ColumnSets.Select(s => s.Label);

    /// <summary>Prepares each source once: the resident copy, the block buffer, the map, the reused destinations.</summary>
    [GlobalSetup]
    public void Setup()
    {
        TestTable table = TableData.Describe(BenchData.Table(), "astropy (bench/python/pybench.py --make-table)");
        string spec = TableCases.ColumnSets.Single(s => s.Label == Columns).Columns;
        string[] names = spec == "all" ? [.. table.Names] : spec.Split(',');
        _resident = TableCases.Prepare(table, names, TableCases.Source.Resident, GatherMode.Streaming);
        _residentScalar = TableCases.Prepare(table, names, TableCases.Source.Resident, GatherMode.ScalarOnly);
        _residentGathers = TableCases.Prepare(table, names, TableCases.Source.Resident, GatherMode.CacheResident);
        _pread = TableCases.Prepare(table, names, TableCases.Source.Pread, GatherMode.CacheResident);
        _mapped = TableCases.Prepare(table, names, TableCases.Source.Mapped, GatherMode.Streaming);
        _mappedCopy = TableCases.Prepare(table, names, TableCases.Source.MappedCopy, GatherMode.CacheResident);
        foreach (PreparedCase c in All())
        {
            c.Verify();
        }
    }

    /// <summary>Frees the sources.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (PreparedCase c in All())
        {
            c.Dispose();
        }
    }

    /// <summary>The kernel alone on resident rows, Streaming mode (scalar loads for scalar columns).</summary>
    [Benchmark(Baseline = true)]
    public void Resident() => _resident!.Run();

    /// <summary>The same with the scalar loops only.</summary>
    [Benchmark]
    public void ResidentScalarOnly() => _residentScalar!.Run();

    /// <summary>The same with AVX2 gathers on rows that are not in cache (the wrong mode for this source).</summary>
    [Benchmark]
    public void ResidentWithAvx2Gathers() => _residentGathers!.Run();

    /// <summary>pread of L2-sized blocks into a reused block, then the kernel (CacheResident).</summary>
    [Benchmark]
    public void Pread() => _pread!.Run();

    /// <summary>From a kept map, Streaming mode.</summary>
    [Benchmark]
    public void Mapped() => _mapped!.Run();

    /// <summary>From a kept map, each block copied into a reused block first, CacheResident mode.</summary>
    [Benchmark]
    public void MappedCopy() => _mappedCopy!.Run();

    private IEnumerable<PreparedCase> All() =>
        new[] { _resident, _residentScalar, _residentGathers, _pread, _mapped, _mappedCopy }.Where(c => c is not null)!;
}
