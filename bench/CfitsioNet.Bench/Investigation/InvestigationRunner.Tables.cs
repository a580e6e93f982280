using System;
using System.Collections.Generic;
using System.Linq;

namespace CfitsioNet.Bench.Investigation;

/// <summary>
/// The tables group (issue 13): the rows of <see cref="TableCases"/> on the 1M-row test table, each compared with
/// C <c>fits_read_col</c> in ffgrsz chunks on the same columns, and its ratio to the C floor in its note.
/// </summary>
internal sealed partial class InvestigationRunner
{
    private const string TableGroupTitle = "tables 1M rows x 20 columns";

    /// <summary>The group, when --groups asks for it (or for everything); the test table is written on first use.</summary>
    private List<(string Title, List<Job> Jobs)> TableGroups()
    {
        if (options.Groups.Length > 0 && !options.Groups.Any(w => TableGroupTitle.Contains(w, StringComparison.OrdinalIgnoreCase)))
        {
            return [];
        }

        TestTable? table = TableData.Prepare(options.DataDir, _tools.Python, options.Pybench, Log);
        if (table is null)
        {
            return [];
        }

        var jobs = new List<Job>();
        foreach (var set in TableCases.ColumnSets)
        {
            foreach (DotNetCase c in TableCases.DotNet(table, set.Columns))
            {
                jobs.Add(TableDotNet(table, set, c));
            }

            foreach (string c in TableCases.CCases.Keys)
            {
                jobs.Add(TableC(table, set, c));
            }

            foreach (var py in TableCases.PyCases)
            {
                jobs.Add(TablePy(table, set, py));
            }
        }

        return [(TableGroupTitle, jobs)];
    }

    private static Row TableRow(TestTable table, (string Label, string Columns) set, string caseName, string implementation, string buffer, string handle, string operation) => new()
    {
        Group = TableGroupTitle, Case = $"{caseName} ({set.Label})", Implementation = implementation, Dtype = table.Forms,
        Size = $"{table.Rows}x{table.Names.Count}", Buffer = buffer, Handle = handle, Operation = operation, File = table.FileName,
        BaselineCase = $"{TableCases.BaselineCase} ({set.Label})", BaselineFile = table.FileName,
    };

    private (int Iterations, int Warmup) TableBudget() => options.Quick ? (10, 2) : (30, 4);

    private Job TableC(TestTable table, (string Label, string Columns) set, string caseName)
    {
        var (buffer, handle, operation) = TableCases.CCases[caseName];
        Row row = TableRow(table, set, caseName, "C", buffer, handle, operation);
        return new Job
        {
            Row = row,
            Budget = TableBudget,
            Measure = (iterations, warmup) => FromExternal(_tools.RunCbench(table.Path, caseName, iterations, warmup, extra: ["--columns", set.Columns])),
        };
    }

    private Job TablePy(TestTable table, (string Label, string Columns) set, (string Lib, string Case, string Buffer, string Handle, string Operation) py)
    {
        Row row = TableRow(table, set, py.Case, py.Lib, py.Buffer, py.Handle, py.Operation);
        return new Job
        {
            Row = row,
            TwoRounds = false,
            Budget = TableBudget,
            Measure = (iterations, warmup) =>
            {
                ExternalResult result = _tools.RunPybench(py.Lib, table.Path, py.Case, iterations, warmup, extra: ["--columns", set.Columns]);
                if (result.Json is { } json && json.TryGetProperty("lib_version", out var version))
                {
                    row.Note = $"{py.Lib} {version.GetString()}";
                }

                return FromExternal(result);
            },
        };
    }

    private Job TableDotNet(TestTable table, (string Label, string Columns) set, DotNetCase c)
    {
        Row row = TableRow(table, set, c.Name, ".NET", c.Buffer, c.Handle, c.Operation);
        return new Job
        {
            Row = row,
            Budget = TableBudget,
            Measure = (iterations, warmup) =>
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                try
                {
                    using PreparedCase prepared = c.Prepare();
                    Sample sample = Sample.Measure(prepared.Run, warmup, iterations);
                    prepared.Verify();
                    return new Measured(sample, null);
                }
                catch (NotAvailableException e)
                {
                    return new Measured(null, e.Message);
                }
                catch (Exception e)
                {
                    return new Measured(null, "ERROR: " + e.Message, Failed: true);
                }
            },
        };
    }

    /// <summary>
    /// Issue 13's table targets (<see cref="TableCases.Targets"/>): the public API's reused-chunk read alternated with
    /// its baseline (C fits_read_col in ffgrsz chunks, or fitsio) in <see cref="TargetRounds"/> rounds, as the image
    /// targets are. The TargetResult's "C" side is the baseline, whichever it is.
    /// </summary>
    private List<TargetResult> MeasureTableTargets()
    {
        var results = new List<TargetResult>();
        TestTable? table = TableData.Prepare(options.DataDir, _tools.Python, options.Pybench, Log);
        if (table is null)
        {
            return results;
        }

        Log($"== issue 13 table targets: {table.FileName}, each .NET row alternated with its baseline in {TargetRounds} rounds");
        (int iterations, int warmup) = options.Quick ? (10, 2) : (24, 3);
        foreach (TableTarget t in TableCases.Targets)
        {
            var set = TableCases.ColumnSets.Single(s => s.Label == t.Columns);
            DotNetCase c = TableCases.DotNet(table, set.Columns).Single(x => x.Name == TableCases.TargetCase);
            string[] baseline = t.Baseline.Split(' ', 2);
            Job dotnet = TableDotNet(table, set, c);
            Job reference = baseline[0] == "C"
                ? TableC(table, set, baseline[1])
                : TablePy(table, set, TableCases.PyCases.Single(p => p.Lib == baseline[0] && p.Case == baseline[1]));
            var target = new Target(t.Title, table.FileName, c.Name, t.Baseline, t.Limit);
            TargetResult result = Alternate(target, table.FileName, dotnet, reference, Math.Max(3, 2 * iterations / TargetRounds), warmup);
            results.Add(result);
            Log(result.NotAvailable is not null
                ? $"  {t.Title}: not available: {result.NotAvailable}"
                : $"  {t.Title}: .NET {Report.Ms(result.DotNet!.MedianMs)} ms, {t.Baseline} {Report.Ms(result.C!.MedianMs)} ms, " +
                  $"ratio {result.Ratio:0.00} (target <= {t.Limit:0.00}: {(result.Met ? "met" : "missed")})");
        }

        return results;
    }

    /// <summary>Each table row's note gets its ratio to the C floor (pread + gather) on the same columns.</summary>
    private void NoteTableFloorRatios()
    {
        foreach (Row row in _rows.Where(r => r.Group == TableGroupTitle && r.MedianMs is not null))
        {
            string label = row.Case[(row.Case.IndexOf('(') + 1)..^1];
            Row? floor = _rows.FirstOrDefault(r => r.Group == TableGroupTitle && r.Implementation == "C" && r.Case == $"{TableCases.FloorCase} ({label})");
            if (floor?.MedianMs is { } floorMs && !ReferenceEquals(floor, row))
            {
                string ratio = $"{row.MedianMs!.Value / floorMs:0.00}x the C floor";
                row.Note = row.Note is null ? ratio : $"{row.Note}; {ratio}";
            }
        }
    }
}
