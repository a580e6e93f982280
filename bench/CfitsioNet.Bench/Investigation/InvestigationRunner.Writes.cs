using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace CfitsioNet.Bench.Investigation;

/// <summary>
/// The writes groups (issue 15): each test image's pixels written to a new file per iteration by CfitsioNet, C
/// CFITSIO (cbench write_new, write_rice, floor_write), fitsio and astropy; and the write targets, each .NET row
/// alternated with its C row as issue 5's targets are.
/// </summary>
/// <remarks>
/// fsync: the rows compared by the targets write without it on both sides (.NET <c>durable: false</c>, C without
/// <c>--fsync</c>; fitsio and astropy never fsync). The <c>_fsync</c> rows show what Commit's default flush costs
/// against C doing the same open + fsync + close after writing.
/// </remarks>
internal sealed partial class InvestigationRunner
{
    private const string WritesWord = "writes";

    /// <summary>What each cbench write case does.</summary>
    internal static readonly Dictionary<string, string> CWriteCases = new()
    {
        ["write_new"] = "fits_create_file(\"!out\") + fits_create_img + fits_write_img + fits_close_file, no fsync",
        ["write_new --fsync"] = "write_new + open, fsync, close of the new file",
        ["write_rice"] = "write_new with fits_set_compression_type(RICE_1) (CFITSIO's default tiles: one row), one core",
        ["floor_write"] = "unlink + open(O_CREAT|O_EXCL) + one pwrite of the finished file's bytes + close: the OS floor",
    };

    /// <summary>Issue 15's write targets, as ratios to C CFITSIO writing the same image to a new file in the same run.</summary>
    internal static readonly Target[] WriteTargets =
    [
        new("1000x1000 int16 write", "int16_1000", "write_new", "write_new", 0.5),
        new("4096x4096 float32 write", "float32_4096", "write_new", "write_new", 0.5),
        new("1000x1000 Rice int16 write, all cores", "int16_1000", "write_rice", "write_rice", 0.3),
    ];

    private bool WritesWanted => options.Groups.Length == 0 || options.Groups.Any(w => WritesWord.Contains(w, StringComparison.OrdinalIgnoreCase));

    private string WriteFolder => Directory.CreateDirectory(Path.Combine(options.DataDir, "writes")).FullName;

    private string WriteOut(TestImage image, string implementation, string caseName) =>
        Path.Combine(WriteFolder, $"{image.Key}.{implementation.TrimStart('.').ToLowerInvariant()}.{caseName.Replace(' ', '_').Replace("--", "")}.fits");

    /// <summary>The groups: int16 1000x1000 (plain and Rice), float32 4096x4096 (plain; not with --quick).</summary>
    private List<(string Title, List<Job> Jobs)> WriteGroups(Dictionary<string, TestImage> images)
    {
        var groups = new List<(string, List<Job>)>();
        if (!WritesWanted)
        {
            return groups;
        }

        foreach (string key in new[] { "int16_1000", "float32_4096" })
        {
            if (!images.TryGetValue(key, out TestImage? image))
            {
                continue;
            }

            string title = $"{WritesWord} {image.Dtype} {image.Size}";
            var jobs = new List<Job>
            {
                WriteDotNet(title, image, "write_new", durable: false, rice: false, baseline: "write_new"),
                WriteDotNet(title, image, "write_new_fsync", durable: true, rice: false, baseline: "write_new --fsync"),
                WriteC(title, image, "write_new"),
                WriteC(title, image, "write_new --fsync"),
                WriteC(title, image, "floor_write"),
            };
            if (image.Type == PixelType.Int16)
            {
                jobs.Add(WriteDotNet(title, image, "write_rice", durable: false, rice: true, baseline: "write_rice"));
                jobs.Add(WriteDotNet(title, image, "write_rice_1thread", durable: false, rice: true, baseline: "write_rice", threads: 1));
                jobs.Add(WriteC(title, image, "write_rice"));
            }

            if (!options.Quick)
            {
                jobs.Add(WritePy(title, image, "fitsio"));
                jobs.Add(WritePy(title, image, "astropy"));
            }

            groups.Add((title, jobs));
        }

        return groups;
    }

    private (int Iterations, int Warmup) WriteBudget(TestImage image, bool rice) =>
        image.Bytes > 16 << 20 ? (options.Quick ? (6, 1) : (16, 2))
        : rice ? (options.Quick ? (10, 2) : (30, 3))
        : options.Quick ? (30, 5) : (100, 10);

    private static Row WriteRow(string group, TestImage image, string caseName, string implementation, string operation, string baseline) => new()
    {
        Group = group, Case = caseName, Implementation = implementation, Dtype = image.Dtype, Size = image.Size, Buffer = "new file",
        Handle = "none", Operation = operation, File = image.FileName, BaselineCase = baseline, BaselineFile = image.FileName,
        Main = caseName == "write_new",
    };

    private Job WriteDotNet(string group, TestImage image, string caseName, bool durable, bool rice, string baseline, int threads = -1)
    {
        DotNetCase c = WriteCases.Write(image, caseName, WriteOut(image, ".NET", caseName), durable, rice, threads);
        Row row = WriteRow(group, image, caseName, ".NET", c.Operation, baseline);
        return new Job
        {
            Row = row,
            Budget = () => WriteBudget(image, rice),
            Measure = (iterations, warmup) => MeasureDotNet(c, iterations, warmup),
        };
    }

    private Job WriteC(string group, TestImage image, string caseName)
    {
        string[] words = caseName.Split(' ');
        Row row = WriteRow(group, image, caseName, "C", CWriteCases[caseName], caseName);
        string output = WriteOut(image, "C", caseName);
        return new Job
        {
            Row = row,
            Budget = () => WriteBudget(image, caseName == "write_rice"),
            Measure = (iterations, warmup) => FromExternal(_tools.RunCbench(image.Path, words[0], iterations, warmup, extra: ["--out", output, .. words[1..]])),
        };
    }

    private Job WritePy(string group, TestImage image, string lib)
    {
        Row row = WriteRow(group, image, "write_new", lib, lib == "fitsio" ? "fitsio.write(out, data, clobber=True), no fsync" : "astropy fits.writeto(out, data, overwrite=True), no fsync", "write_new");
        return new Job
        {
            Row = row,
            TwoRounds = false,
            Budget = () => WriteBudget(image, rice: false),
            Measure = (iterations, warmup) =>
            {
                ExternalResult result = _tools.RunPybench(lib, image.Path, "write_new", iterations, warmup, extra: ["--out", WriteOut(image, lib, "write_new")]);
                if (result.Json is { } json && json.TryGetProperty("lib_version", out var version))
                {
                    row.Note = $"{lib} {version.GetString()}";
                }

                return FromExternal(result);
            },
        };
    }

    private List<TargetResult> MeasureWriteTargets(Dictionary<string, TestImage> images)
    {
        var results = new List<TargetResult>();
        if (!WritesWanted)
        {
            return results;
        }

        Log($"== issue 15 write targets: each .NET row alternated with its C row in {TargetRounds} rounds (no fsync on either side)");
        foreach (Target target in WriteTargets)
        {
            if (!images.TryGetValue(target.ImageKey, out TestImage? image))
            {
                continue;
            }

            string title = $"target {target.ImageKey}";
            bool rice = target.CCase == "write_rice";
            var (iterations, warmup) = WriteBudget(image, rice);
            TargetResult result = MeasureAlternating(
                target, image, WriteDotNet(title, image, target.DotNetCase, durable: false, rice, target.CCase), WriteC(title, image, target.CCase),
                Math.Max(3, 2 * iterations / TargetRounds), warmup);
            results.Add(result);
            LogTarget(result);
        }

        return results;
    }
}
