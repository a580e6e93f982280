using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;

namespace CfitsioNet.Bench.Investigation;

/// <summary>
/// The investigation: makes the test images, then for each image runs the .NET cases in this process and the C
/// and Python baselines as child processes back to back, computes each row's ratio to its C baseline, prints the
/// table and writes results.json, results.md and chart.png.
/// </summary>
internal sealed partial class InvestigationRunner(InvestigationOptions options)
{
    /// <summary>What each cbench case does (cbench --list-cases, shortened).</summary>
    internal static readonly Dictionary<string, string> CCases = new()
    {
        ["open_close"] = "fits_open_diskfile + fits_close_file, nothing read",
        ["read_reused"] = "handle kept open; fits_read_pixll into one reused, pre-touched buffer",
        ["read_reused_reopen"] = "open + move to the HDU + read into the reused buffer + close",
        ["read_fresh_malloc"] = "handle kept open; malloc + read + free",
        ["read_fresh_malloc_reopen"] = "open + malloc + read + free + close",
        ["read_batch_reopen"] = "for each file of the batch: open + read into one reused, pre-touched buffer + close",
        ["read_fresh_mmap"] = "handle kept open; read into freshly mmap'ed anonymous pages, munmap",
        ["alloc_touch"] = "malloc + memset of the image's byte count + free, no I/O",
        ["mmap_touch"] = "mmap + write one byte per page + munmap, no I/O",
        ["floor_pread"] = "one pread of the raw data unit into a reused buffer",
        ["floor_pread_swap"] = "floor_pread + in-place big-endian -> native byte swap",
        ["floor_memcpy"] = "memcpy of the image's byte count between two reused, pre-touched buffers",
    };

    internal static readonly Dictionary<(string Lib, string Case), (string Buffer, string Handle, string Operation)> PyCases = new()
    {
        [("fitsio", "read_reopen")] = ("fresh", "reopened", "fitsio.read(file): open, new array (numpy.zeros), fits_read_pixll, close"),
        [("fitsio", "read_kept")] = ("fresh", "kept", "FITS kept open; hdu.read() = numpy.zeros + fits_read_pixll"),
        [("fitsio", "read_into_reused")] = ("reused", "kept", "FITS kept open; private hdu._FITS.read_image(hdunum, array) into one reused array"),
        [("astropy", "read_reopen")] = ("fresh", "reopened", "with fits.open(file, memmap=False) as h: h[i].data"),
        [("astropy", "read_kept")] = ("fresh", "kept", "HDUList kept open; del hdu.data; hdu.data (reads into a new array)"),
    };

    private const string LohKnob = "DOTNET_GCLOHThreshold";
    private const string LohKnobValue = "0x10000000";

    /// <summary>The runtime's own LOH threshold (85,000 bytes): the bench's runtimeconfig has the package's 16 MiB.</summary>
    private const string LohRuntimeDefault = "0x14C08";
    private const string MallocKnob = "MALLOC_MMAP_THRESHOLD_";
    private const string MallocKnobValue = "131072";

    private readonly List<Row> _rows = [];
    private readonly ExternalTools _tools = new(options.Cbench, options.Python, options.Pybench, options.NativeDir);
    private int _failures;
    private int _done;
    private int _total;

    internal IReadOnlyList<Row> Rows => _rows;

    internal int Run()
    {
        var clock = Stopwatch.StartNew();
        DateTime started = DateTime.UtcNow;
        string loadAtStart = Report.LoadAverage();
        int[] sizes = options.Quick && !options.TargetsOnly ? [1000] : [64, 1000, 4096];
        Log($"investigate{(options.Quick ? " --quick" : "")}: data in {options.DataDir}; load average {loadAtStart}");
        Dictionary<string, TestImage> images = TestData.Prepare(options.DataDir, sizes, cube: !options.Quick, _tools.Python, options.Pybench, Log);

        List<(string Title, List<Job> Jobs)> groups = options.TargetsOnly ? [] : Plan(images, sizes)
            .Where(g => options.Groups.Length == 0 || options.Groups.Any(w => g.Title.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        _total = groups.Sum(g => g.Jobs.Count);
        Log($"{groups.Count} groups, {_total} rows; warming up the .NET cases");
        WarmUp(images);

        foreach (var (title, jobs) in groups)
        {
            Log($"== {title}");
            Execute(jobs);
            foreach (Job job in jobs)
            {
                Row row = job.Row;
                _rows.Add(row);
                _done++;
                Log($"  [{_done,3}/{_total}] {row.Implementation,-7} {row.Case,-40} " +
                    (row.NotAvailable is null ? $"{Report.Ms(row.MedianMs)} ms  {row.MinorFaultsMedian,6:0.#} faults" : "not available: " + row.NotAvailable));
            }

            // Let the group's buffers and reference reads go.
            jobs.Clear();
        }

        ComputeRatios();
        NoteTableFloorRatios();
        List<TargetResult> targets = options.Groups.Length == 0 ? [.. MeasureTargets(images), .. MeasureTableTargets()] : [];
        targets.AddRange(MeasureWriteTargets(images));
        if (options.Groups.Length == 0 || WritesWanted)
        {
            targets.AddRange(MeasureBusyCoreTargets(images));
        }
        double seconds = clock.Elapsed.TotalSeconds;
        var report = new Report(options, _tools, _rows, started, seconds, loadAtStart, targets);
        Console.WriteLine(report.Table());
        Directory.CreateDirectory(options.OutDir);
        report.WriteJson(Path.Combine(options.OutDir, "results.json"));
        report.WriteMarkdown(Path.Combine(options.OutDir, "results.md"));
        string? chart = null;
        try
        {
            chart = Chart.Write(_rows, Path.Combine(options.OutDir, "chart.png"), Log);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or InvalidOperationException)
        {
            // SkiaSharp's native library missing or unusable here: the table and files are what matter.
            Log($"chart: not drawn ({e.GetType().Name}: {e.Message})");
        }

        Console.WriteLine($"Wrote {Path.Combine(options.OutDir, "results.json")}, results.md{(chart is null ? "" : ", chart.png")}.");
        Console.WriteLine($"Investigation finished in {seconds:F0} s ({_rows.Count} rows, {_rows.Count(r => r.NotAvailable is not null)} not available).");
        if (_failures > 0)
        {
            Console.Error.WriteLine($"{_failures} row(s) failed verification or errored: see the table.");
            return 1;
        }

        return 0;
    }

    // ---- Plan ----

    private List<(string Title, List<Job> Jobs)> Plan(Dictionary<string, TestImage> images, int[] sizes)
    {
        var groups = new List<(string, List<Job>)>();
        string[] standardC = ["read_reused", "read_reused_reopen", "read_fresh_malloc", "read_fresh_malloc_reopen", "read_fresh_mmap", "floor_pread_swap"];
        string[] leanC = ["read_reused", "read_fresh_malloc", "read_fresh_malloc_reopen", "read_fresh_mmap"];
        foreach (int n in sizes)
        {
            foreach (string dtype in new[] { "int16", "uint8", "int32", "int64", "float32", "float64", "uint16", "int16_rice", "int16_scaled" })
            {
                if (!images.TryGetValue($"{dtype}_{n}", out TestImage? image))
                {
                    continue;
                }

                bool full = dtype == "int16";
                bool lean = dtype is "int16_rice" or "int16_scaled";
                var steps = new List<Job>();
                string title = $"{dtype} {image.Size}";
                foreach (DotNetCase c in DotNetCases.For(image, full ? CaseSet.Full : lean ? CaseSet.Lean : CaseSet.Standard))
                {
                    steps.Add(DotNet(title, image, image.Dtype, c));
                }

                foreach (string c in full ? CCases.Keys.ToArray() : lean ? leanC : standardC)
                {
                    steps.Add(C(title, image, c));
                }

                if (full && n >= 1000)
                {
                    // The allocator knob: a fixed mmap threshold gives every malloc of this size fresh pages.
                    steps.Add(C(title, image, "read_fresh_malloc", environment: new() { [MallocKnob] = MallocKnobValue }));
                    steps.Add(C(title, image, "read_fresh_malloc_reopen", environment: new() { [MallocKnob] = MallocKnobValue }));
                }

                // Each Python row starts Python (~0.5 s): the other types' rows only where the read is not tiny,
                // and none with --quick.
                foreach (var (lib, pycase) in full
                             ? PyCases.Keys.ToArray()
                             : options.Quick || n < 1000 ? [] : [("fitsio", "read_reopen"), ("astropy", "read_reopen")])
                {
                    steps.Add(Py(title, image, lib, pycase));
                }

                if (full && n >= 1000)
                {
                    // Below 128 KiB nothing changes: malloc never maps, and the arrays are not in the LOH.
                    steps.Add(Py(title, image, "fitsio", "read_reopen", new() { [MallocKnob] = MallocKnobValue }));
                    // The GC's allocations in a process of their own (the in-process rows depend on what the GC
                    // did before): with the package's LOH threshold (the bench's runtimeconfig), the runtime's
                    // default one, and the knob that keeps arrays below 256 MB out of the LOH.
                    foreach (string c in new[] { "alloc_array", "new_array", "pinned_fresh", "new_array_reopen" })
                    {
                        steps.Add(Knob(title, image, c, new()));
                        steps.Add(Knob(title, image, c, new() { [LohKnob] = LohRuntimeDefault }));
                        steps.Add(Knob(title, image, c, new() { [LohKnob] = LohKnobValue }));
                    }
                }

                groups.Add((title, steps));
            }

            // Conversions: the file's natural type read as another one.
            var conversions = new List<Job>();
            string conversionTitle = $"conversions {n}x{n}";
            void AddConversion<TFrom, TTo>(string key, string cDatatype)
                where TFrom : unmanaged, System.Numerics.INumberBase<TFrom>
                where TTo : unmanaged, System.Numerics.INumberBase<TTo>
            {
                if (!images.TryGetValue(key, out TestImage? image))
                {
                    return;
                }

                string label = $"{image.Dtype}->{Report.DtypeName(typeof(TTo))}";
                foreach (DotNetCase c in DotNetCases.Conversion<TFrom, TTo>(image))
                {
                    conversions.Add(DotNet(conversionTitle, image, label, c, cDatatype));
                }

                conversions.Add(C(conversionTitle, image, "read_reused", cDatatype, label));
            }

            AddConversion<short, int>($"int16_{n}", "TINT");
            AddConversion<short, float>($"int16_{n}", "TFLOAT");
            AddConversion<short, double>($"int16_{n}", "TDOUBLE");
            AddConversion<byte, float>($"uint8_{n}", "TFLOAT");
            AddConversion<float, double>($"float32_{n}", "TDOUBLE");
            groups.Add((conversionTitle, conversions));
        }

        if (images.TryGetValue(TestData.CubeKey, out TestImage? cube))
        {
            string title = $"int16_cube {cube.Size}";
            var steps = DotNetCases.For(cube, CaseSet.Lean).Select(c => DotNet(title, cube, cube.Dtype, c)).ToList();
            steps.AddRange(leanC.Select(c => C(title, cube, c)));
            steps.Add(Py(title, cube, "fitsio", "read_reopen"));
            steps.Add(Py(title, cube, "astropy", "read_reopen"));
            groups.Add((title, steps));
        }

        // Tables (issue 13): one group, its own test table (InvestigationRunner.Tables.cs).
        groups.AddRange(TableGroups());

        if (images.TryGetValue("int16_1000", out TestImage? single))
        {
            string[] files = TestData.BatchFiles(options.DataDir).ToArray();
            if (files.All(File.Exists))
            {
                string title = $"batch of {files.Length} int16 1000x1000 files";
                var steps = DotNetCases.Batch(files, checked((int)single.ElementCount))
                    .Select(c => DotNet(title, single, "int16", c, fileLabel: BatchLabel(files)))
                    .ToList();
                steps.Add(CBatch(title, single, files));
                groups.Add((title, steps));
            }
        }

        // Writes (issue 15): InvestigationRunner.Writes.cs.
        groups.AddRange(WriteGroups(images));
        return groups;
    }

    // ---- Rows ----

    private readonly Dictionary<string, double> _probes = [];

    /// <summary>
    /// Iterations and warm-up for a row on this image: by size (fewer for large images), and capped by time so a
    /// slow decode (Rice) does not take minutes; at least 10 iterations.
    /// </summary>
    private (int Iterations, int Warmup) Budget(TestImage image, long bytes)
    {
        var (iterations, warmup) = options.Quick
            ? bytes <= 4 << 20 ? (50, 8) : bytes <= 16 << 20 ? (25, 4) : (10, 2)
            : bytes <= 256 << 10 ? (200, 20) : bytes <= 4 << 20 ? (150, 15) : bytes <= 16 << 20 ? (40, 5) : (12, 2);
        if (!_probes.TryGetValue(image.Path, out double probeMs))
        {
            _probes[image.Path] = probeMs = DotNetCases.ProbeMs(image);
        }

        double targetMs = options.Quick ? 200 : 500;
        int byTime = (int)Math.Clamp(targetMs / Math.Max(probeMs, 1e-3), 10, 10_000);
        if (byTime < iterations)
        {
            iterations = byTime;
            warmup = Math.Clamp(iterations / 10, 2, warmup);
        }

        return (iterations, warmup);
    }

    /// <summary>One row to measure: its description, its iteration budget, and how to measure some iterations of it.</summary>
    private sealed class Job
    {
        public required Row Row { get; init; }

        public required Func<(int Iterations, int Warmup)> Budget { get; init; }

        /// <summary>Measures the given iterations after the given warm-up.</summary>
        public required Func<int, int, Measured> Measure { get; init; }

        /// <summary>Measured in two rounds (see <see cref="Execute"/>); child processes of Python or of this program run once.</summary>
        public bool TwoRounds { get; init; } = true;
    }

    private readonly record struct Measured(Sample? Sample, string? NotAvailable, bool Failed = false);

    /// <summary>
    /// Measures a group: half the iterations of every two-round row in plan order (.NET, then C), the other half in
    /// the reverse order (C, then .NET), so a row and its baseline see the same slice of the machine's load on
    /// average; then the single-round rows (Python, .NET in a child process).
    /// </summary>
    private void Execute(List<Job> jobs)
    {
        var first = new Dictionary<Job, Measured>();
        var budgets = new Dictionary<Job, (int Iterations, int Warmup)>();
        var wall = jobs.ToDictionary(j => j, _ => 0.0);
        Measured Timed(Job job, int iterations, int warmup)
        {
            long start = Stopwatch.GetTimestamp();
            Measured result = job.Measure(iterations, warmup);
            wall[job] += Stopwatch.GetElapsedTime(start).TotalSeconds;
            return result;
        }

        foreach (Job job in jobs.Where(j => j.TwoRounds))
        {
            budgets[job] = job.Budget();
            first[job] = Timed(job, (budgets[job].Iterations + 1) / 2, budgets[job].Warmup);
        }

        foreach (Job job in jobs.Where(j => j.TwoRounds).Reverse())
        {
            Measured one = first[job];
            if (one.Sample is null)
            {
                Finish(job.Row, one);
                continue;
            }

            Measured two = Timed(job, budgets[job].Iterations / 2, budgets[job].Warmup);
            Finish(job.Row, two.Sample is null ? two : new Measured(Sample.Merge(one.Sample, two.Sample), null));
        }

        foreach (Job job in jobs.Where(j => !j.TwoRounds))
        {
            var (iterations, warmup) = job.Budget();
            Finish(job.Row, Timed(job, iterations, warmup));
        }

        foreach (Job job in jobs)
        {
            job.Row.WallSeconds = Math.Round(wall[job], 3);
        }
    }

    private void Finish(Row row, Measured result)
    {
        if (result.Sample is { } sample)
        {
            row.SetSample(sample);
        }
        else
        {
            row.NotAvailable = result.NotAvailable;
        }

        if (result.Failed)
        {
            _failures++;
        }
    }

    private static Measured FromExternal(ExternalResult result) =>
        new(result.Sample, result.NotAvailable, result.NotAvailable?.Contains("differ", StringComparison.Ordinal) == true);

    private Job DotNet(string group, TestImage image, string dtype, DotNetCase c, string? cDatatype = null, string? fileLabel = null)
    {
        var row = new Row
        {
            Group = group, Case = c.Name, Implementation = ".NET", Dtype = dtype, Size = image.Size, Buffer = c.Buffer,
            Handle = c.Handle, Operation = c.Operation, File = fileLabel ?? image.FileName, Main = c.Main, Note = c.Note,
        };
        SetBaseline(row, image, c.Name, cDatatype);
        return new Job
        {
            Row = row,
            Budget = () => FilesBudget(image, c.FilesPerIteration),
            Measure = (iterations, warmup) => MeasureDotNet(c, iterations, warmup),
        };
    }

    /// <summary>Prepares a .NET case, times its iterations after the warm-up and verifies the result.</summary>
    private static Measured MeasureDotNet(DotNetCase c, int iterations, int warmup)
    {
        // Garbage of earlier rows is collected and its memory returned now, not by the GC's background
        // decommit while this row is timed.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        try
        {
            using PreparedCase prepared = c.Prepare();
            Sample sample = Sample.Measure(prepared.Run, warmup, iterations);
            prepared.Verify();
            return new Measured(c.FilesPerIteration == 1 ? sample : PerFile(sample, c.FilesPerIteration), null);
        }
        catch (NotAvailableException e)
        {
            return new Measured(null, e.Message);
        }
        catch (Exception e)
        {
            return new Measured(null, "ERROR: " + e.Message, Failed: true);
        }
    }

    /// <summary>The budget of a row that reads <paramref name="files"/> copies of <paramref name="image"/> per iteration.</summary>
    private (int Iterations, int Warmup) FilesBudget(TestImage image, int files)
    {
        (int iterations, int warmup) = Budget(image, image.Bytes * files);
        return (files > 1 ? Math.Max(10, iterations / 4) : iterations, warmup);
    }

    private static string BatchLabel(string[] files) => $"batch/int16_1000_NN.fits ({files.Length} copies)";

    /// <summary>cbench's batch case: one iteration opens, reads and closes every file; the row reports the time per file.</summary>
    private Job CBatch(string group, TestImage image, string[] files)
    {
        var row = new Row
        {
            Group = group, Case = "read_batch_reopen", Implementation = "C", Dtype = image.Dtype, Size = image.Size,
            Buffer = "reused", Handle = "reopened", File = BatchLabel(files), Operation = CCases["read_batch_reopen"],
            Note = $"time per file (one iteration reads {files.Length} files, one thread)",
        };
        string[] extra = files.SelectMany(f => new[] { "--batch-file", f }).ToArray();
        return new Job
        {
            Row = row,
            Budget = () => FilesBudget(image, files.Length),
            Measure = (iterations, warmup) =>
            {
                Measured m = FromExternal(_tools.RunCbench(files[0], "read_batch_reopen", iterations, warmup, extra: extra));
                return m.Sample is null ? m : m with { Sample = PerFile(m.Sample, files.Length) };
            },
        };
    }

    private static Sample PerFile(Sample s, int files) => new(
        Array.ConvertAll(s.TimesMs, t => t / files), Array.ConvertAll(s.Faults, f => f / files), s.Warmup,
        s.MedianMs / files, s.MinMs / files, s.P90Ms / files, s.FaultsMedian / files);

    private Job C(string group, TestImage image, string caseName, string? datatype = null, string? dtype = null,
                  Dictionary<string, string>? environment = null)
    {
        var (buffer, handle) = caseName switch
        {
            "open_close" => ("none", "reopened"),
            "alloc_touch" or "mmap_touch" => ("fresh", "none"),
            "floor_pread" or "floor_pread_swap" or "floor_memcpy" => ("reused", "none"),
            "read_reused" => ("reused", "kept"),
            "read_reused_reopen" => ("reused", "reopened"),
            "read_fresh_malloc" or "read_fresh_mmap" => ("fresh", "kept"),
            "read_fresh_malloc_reopen" => ("fresh", "reopened"),
            _ => ("?", "?"),
        };
        string? env = environment is null ? null : string.Join(' ', environment.Select(kv => $"{kv.Key}={kv.Value}"));
        var row = new Row
        {
            Group = group, Case = caseName + (env is null ? "" : $" [{env}]"), Implementation = "C", Dtype = dtype ?? image.Dtype,
            Size = image.Size, Buffer = buffer, Handle = handle, File = image.FileName, Environment = env, CDatatype = datatype,
            Operation = CCases[caseName] + (datatype is null ? "" : $"; read as {datatype} (CFITSIO converts)"),
            Main = env is null && datatype is null && caseName is "read_reused" or "read_fresh_mmap",
        };

        if (datatype is not null)
        {
            // CFITSIO's conversion against CFITSIO's natural read of the same file.
            row.BaselineCase = "read_reused";
            row.BaselineFile = image.FileName;
        }
        else
        {
            SetBaseline(row, image, caseName, null);
        }

        return new Job
        {
            Row = row,
            // A conversion writes up to 8 bytes per pixel.
            Budget = () => Budget(image, datatype is null ? image.Bytes : Math.Max(image.Bytes, image.ElementCount * 8)),
            Measure = (iterations, warmup) => FromExternal(_tools.RunCbench(image.Path, caseName, iterations, warmup, datatype, environment)),
        };
    }

    /// <summary>A .NET case in a child process of this program, without or with a runtime knob set.</summary>
    private Job Knob(string group, TestImage image, string caseName, Dictionary<string, string> environment)
    {
        DotNetCase c = DotNetCases.For(image, CaseSet.Full).First(x => x.Name == caseName);
        string env = environment.Count == 0 ? "own process" : string.Join(' ', environment.Select(kv => $"{kv.Key}={kv.Value}"));
        var row = new Row
        {
            Group = group, Case = $"{caseName} [{env}]", Implementation = ".NET", Dtype = image.Dtype, Size = image.Size,
            Buffer = c.Buffer, Handle = c.Handle,
            Operation = c.Operation + (environment.Count == 0 ? " (in a new process doing only this)" : " (in a new process with the variable set)"),
            File = image.FileName, Environment = environment.Count == 0 ? null : env,
        };
        SetBaseline(row, image, caseName, null);
        return new Job
        {
            Row = row,
            TwoRounds = false,
            Budget = () => Budget(image, image.Bytes),
            Measure = (iterations, warmup) => FromExternal(ExternalTools.RunWorker(image.Path, caseName, iterations, warmup, environment)),
        };
    }

    private Job Py(string group, TestImage image, string lib, string caseName, Dictionary<string, string>? environment = null)
    {
        var (buffer, handle, operation) = PyCases[(lib, caseName)];
        string? env = environment is null ? null : string.Join(' ', environment.Select(kv => $"{kv.Key}={kv.Value}"));
        var row = new Row
        {
            Group = group, Case = caseName + (env is null ? "" : $" [{env}]"), Implementation = lib, Dtype = image.Dtype, Size = image.Size,
            Buffer = buffer, Handle = handle, Operation = operation, File = image.FileName, Environment = env,
            Main = env is null && caseName == "read_kept",
        };
        SetBaseline(row, image, caseName, null);
        return new Job
        {
            Row = row,
            TwoRounds = false,
            Budget = () => Budget(image, image.Bytes),
            Measure = (iterations, warmup) =>
            {
                ExternalResult result = _tools.RunPybench(lib, image.Path, caseName, iterations, warmup, environment);
                if (result.Json is { } json && json.TryGetProperty("lib_version", out var version))
                {
                    row.Note = $"{lib} {version.GetString()}" + (json.TryGetProperty("dtype", out var d) ? $", returns {d.GetString()}" : "");
                }

                return FromExternal(result);
            },
        };
    }

    /// <summary>
    /// The C row each row is compared with (same file): component rows with their C component, reads by
    /// destination and handle (see results.md). Conversion rows: C reading the same file in the same type.
    /// </summary>
    internal static string BaselineCase(string caseName, string buffer, string handle) => caseName switch
    {
        "open_close" or "open_info_close" => "open_close",
        "alloc_native" or "alloc_array" or "alloc_pinned" or "alloc_touch" or "mmap_touch" => "alloc_touch",
        _ => (buffer, handle) switch
        {
            ("fresh", "kept") => "read_fresh_malloc",
            ("fresh", "reopened") => "read_fresh_malloc_reopen",
            (_, "reopened") => "read_reused_reopen",
            _ => "read_reused",
        },
    };

    private static void SetBaseline(Row row, TestImage image, string caseName, string? cDatatype)
    {
        row.BaselineCase = BaselineCase(caseName, row.Buffer, row.Handle);
        row.BaselineFile = image.FileName;
        row.BaselineDatatype = cDatatype;
    }

    private void ComputeRatios()
    {
        var c = _rows.Where(r => r.Implementation == "C" && r.Environment is null && r.MedianMs is not null)
            .GroupBy(r => (r.File, r.Case, r.CDatatype))
            .ToDictionary(g => g.Key, g => g.First());
        foreach (Row row in _rows)
        {
            if (row.BaselineCase is null || row.MedianMs is null)
            {
                continue;
            }

            if (c.TryGetValue((row.BaselineFile, row.BaselineCase, row.BaselineDatatype), out Row? baseline))
            {
                row.BaselineMedianMs = baseline.MedianMs;
                row.RatioToC = row.MedianMs / baseline.MedianMs;
            }
        }
    }

    /// <summary>
    /// Runs every .NET case of one image a few times before anything is measured, so the JIT has compiled (and
    /// tiered up) the code paths, then gives the background compiler a moment.
    /// </summary>
    private static void WarmUp(Dictionary<string, TestImage> images)
    {
        if (!images.TryGetValue("int16_1000", out TestImage? image) && !images.TryGetValue("int16_64", out image))
        {
            return;
        }

        // The managed Rice decoder too: else the first Rice row measures its code before the JIT's tier 1.
        IEnumerable<DotNetCase> rice = images.TryGetValue("int16_rice_1000", out TestImage? riceImage) ? DotNetCases.For(riceImage, CaseSet.Lean).Where(c => c.Name == "span_reused") : [];
        for (int round = 0; round < 2; round++)
        {
            foreach (DotNetCase c in DotNetCases.For(image, CaseSet.Full).Concat(DotNetCases.Conversion<short, float>(image)).Concat(rice))
            {
                try
                {
                    using PreparedCase prepared = c.Prepare();
                    for (int i = 0; i < 40; i++)
                    {
                        prepared.Run();
                    }
                }
                catch (NotAvailableException)
                {
                }
            }

            Thread.Sleep(300);
        }

        GC.Collect();
    }

    private static void Log(string message) => Console.Error.WriteLine(message);
}
