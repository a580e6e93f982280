using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CfitsioNet.Bench.Investigation;

/// <summary>The investigation's outputs: the console table, results.json and results.md.</summary>
internal sealed class Report(InvestigationOptions options, ExternalTools tools, IReadOnlyList<Row> rows, DateTime started, double seconds,
                             string loadAtStart, IReadOnlyList<TargetResult> targets)
{
    private const string TargetMethod =
        "Each target's .NET case and its C (cbench) case are measured again after the tables, alternated in rounds " +
        "(.NET then C, C then .NET, ...) with a warm-up in every round; ratio = .NET median / C median over all rounds " +
        "(min/min: the ratio of the fastest reads; per-round: the median of the rounds' own ratios). The new-array " +
        "target's .NET rounds run in a new worker process each, as cbench's do; the others run in this program.";

    /// <summary>The 1, 5 and 15 minute load averages (/proc/loadavg), or "n/a".</summary>
    internal static string LoadAverage() => File.Exists("/proc/loadavg")
        ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
        : "n/a";

    internal const string BaselineMapping =
        """
        Every row is compared with a cbench (pure C, same libcfitsio, same file) case of the same dtype and size,
        chosen by what the row does:
        - reads into a reused or pooled buffer, handle kept open: C `read_reused` (the floors too);
        - reads into a fresh buffer (allocated per read), handle kept open: C `read_fresh_malloc`;
        - reads into a reused buffer, file opened and closed per read: C `read_reused_reopen`;
        - reads into a fresh buffer, file opened and closed per read: C `read_fresh_malloc_reopen`;
        - open/close rows: C `open_close`; allocation rows (no I/O): C `alloc_touch`;
        - conversion rows (.NET): C `read_reused --datatype T`, CFITSIO reading the same file into the same type;
          the C conversion row itself: C's natural `read_reused` of that file;
        - knob rows (an environment variable set, shown in brackets): the same mapping; for a C knob row that is the
          same C case without the knob; .NET knob rows run in a child process of the bench started with the variable;
        - batch rows report the time per file and use the single-file baselines of int16 1000x1000.
        ratio = row median / baseline median. C `read_fresh_mmap` (fresh pages on every read, whatever the allocator
        does) is the reference for "memory fresh from the kernel"; it is itself compared with `read_fresh_malloc`.
        """;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    internal static string Ms(double? ms) => ms switch
    {
        null => "-",
        < 1 => ms.Value.ToString("0.0000", Invariant),
        < 10 => ms.Value.ToString("0.000", Invariant),
        < 100 => ms.Value.ToString("0.00", Invariant),
        _ => ms.Value.ToString("0.0", Invariant),
    };

    internal static string Ratio(double? ratio) => ratio is null ? "-" : ratio.Value.ToString("0.00", Invariant) + "x";

    internal static string Faults(double? faults) => faults is null ? "-" : faults.Value.ToString("0.#", Invariant);

    internal static string DtypeName(Type type) => type.Name switch
    {
        "Byte" => "uint8", "SByte" => "int8", "Int16" => "int16", "UInt16" => "uint16", "Int32" => "int32",
        "Int64" => "int64", "Single" => "float32", "Double" => "float64", var other => other,
    };

    /// <summary>The console table: one section per group.</summary>
    internal string Table()
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"CfitsioNet investigation  {started:yyyy-MM-dd HH:mm} UTC  {Machine()}");
        text.AppendLine("median/min/p90 in ms per read; faults = median minor page faults per read; vs C = median / the C baseline's median (see results.md)");
        foreach (var group in rows.GroupBy(r => r.Group))
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"== {group.Key}");
            text.AppendLine(CultureInfo.InvariantCulture, $"{"impl",-8}{"case",-46}{"buffer",-8}{"handle",-9}{"median",9}{"min",9}{"p90",9}{"faults",8}{"vs C",8}  C baseline");
            foreach (Row r in group)
            {
                string name = r.Case + (r.Dtype != group.First().Dtype || group.Key.StartsWith("conv", StringComparison.Ordinal) ? $" ({r.Dtype})" : "");
                if (r.NotAvailable is not null)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"{r.Implementation,-8}{Clip(name, 45),-46}{r.Buffer,-8}{r.Handle,-9}  not available: {r.NotAvailable}");
                    continue;
                }

                text.AppendLine(CultureInfo.InvariantCulture, $"{r.Implementation,-8}{Clip(name, 45),-46}{r.Buffer,-8}{r.Handle,-9}{Ms(r.MedianMs),9}{Ms(r.MinMs),9}{Ms(r.P90Ms),9}" +
                                $"{Faults(r.MinorFaultsMedian),8}{Ratio(r.RatioToC),8}  {r.BaselineCase}");
            }
        }

        if (targets.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("== targets (.NET and its baseline, C unless the table target names fitsio, alternated in rounds; ratio = .NET median / baseline median)");
            text.AppendLine(CultureInfo.InvariantCulture, $"{"target",-58}{".NET ms",9}{"C ms",9}{"ratio",7}{"min/min",8}{"per-rnd",8}{"limit",7}  result");
            foreach (TargetResult t in targets)
            {
                text.AppendLine(t.NotAvailable is not null
                    ? $"{Clip(t.Target.Title, 57),-58}  not available: {t.NotAvailable}"
                    : $"{Clip(t.Target.Title, 57),-58}{Ms(t.DotNet!.MedianMs),9}{Ms(t.C!.MedianMs),9}{t.Ratio,7:0.00}{t.MinRatio,8:0.00}" +
                      $"{t.MedianRoundRatio,8:0.00}{t.Target.Limit,7:0.00}  {(t.Met ? "met" : "MISSED")}");
            }
        }

        return text.ToString();
    }

    internal void WriteJson(string path)
    {
        var json = new JsonObject
        {
            ["command"] = "./build.sh --target=Investigate" + (options.Quick ? " --quick" : "") + $"  ({options.CommandLine})",
            ["started_utc"] = started.ToString("yyyy-MM-ddTHH:mm:ssZ", Invariant),
            ["duration_s"] = Math.Round(seconds, 1),
            ["quick"] = options.Quick,
            ["machine"] = JsonSerializer.SerializeToNode(MachineFacts()),
            ["baseline_mapping"] = BaselineMapping,
            ["columns"] = JsonSerializer.SerializeToNode(new Dictionary<string, string>
            {
                ["median_ms/min_ms/p90_ms"] = "per-iteration wall time (one read, or one operation); p90 interpolated as numpy",
                ["minor_faults_median"] = "median over iterations of getrusage(RUSAGE_SELF).ru_minflt after minus before",
                ["ratio_to_c"] = "median_ms / baseline_median_ms; baseline_case is the cbench case on the same file",
                ["not_available"] = "set when the row could not run here, with the reason",
            }),
            ["targets_method"] = TargetMethod,
            ["targets"] = new JsonArray([.. targets.Select(t => (JsonNode)new JsonObject
            {
                ["target"] = t.Target.Title,
                ["file"] = t.File,
                ["dotnet_case"] = t.Target.DotNetCase,
                ["c_case"] = t.Target.CCase,
                ["limit"] = t.Target.Limit,
                ["rounds"] = t.Rounds,
                ["iterations_each"] = t.DotNet?.Iterations,
                ["dotnet_median_ms"] = t.DotNet?.MedianMs,
                ["dotnet_min_ms"] = t.DotNet?.MinMs,
                ["c_median_ms"] = t.C?.MedianMs,
                ["c_min_ms"] = t.C?.MinMs,
                ["ratio"] = t.Ratio,
                ["min_ratio"] = t.MinRatio,
                ["median_round_ratio"] = t.MedianRoundRatio,
                ["met"] = t.Met,
                ["not_available"] = t.NotAvailable,
            })]),
            ["rows"] = JsonSerializer.SerializeToNode(rows, JsonOptions),
        };
        File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    internal void WriteMarkdown(string path)
    {
        var md = new StringBuilder();
        md.AppendLine("# CfitsioNet investigation: results");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Made by `./build.sh --target=Investigate{(options.Quick ? " --quick" : "")}` on {started:yyyy-MM-dd HH:mm} UTC in {seconds:F0} s " +
                      $"({rows.Count} rows, {rows.Count(r => r.NotAvailable is not null)} not available). Machine: {Machine()}.");
        md.AppendLine();
        foreach (var (key, value) in MachineFacts())
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {key}: {value}");
        }

        md.AppendLine();
        md.AppendLine("Times are per read in milliseconds (median, min, p90 over the iterations, after warm-up); `faults` is the");
        md.AppendLine("median number of minor page faults per read (getrusage, whole process); `vs C` is the row's median over");
        md.AppendLine("the median of its C baseline. The machine is shared and noisy: compare rows within one run, by ratio.");
        md.AppendLine("The .NET (in this process) and C rows of an image are measured in two rounds of half the iterations each,");
        md.AppendLine("the second in the reverse order, so a row and its baseline share the machine's load on average; the");
        md.AppendLine("Python rows and the .NET rows in a child process (`[own process]`, knobs) run once, after them.");
        md.AppendLine();
        if (targets.Count > 0)
        {
            md.AppendLine("## Issue 5 targets");
            md.AppendLine();
            md.AppendLine(TargetMethod);
            md.AppendLine();
            md.AppendLine("| target | .NET case | C case | .NET median ms (min) | C median ms (min) | ratio | min/min | per-round | target | |");
            md.AppendLine("|---|---|---|--:|--:|--:|--:|--:|--:|---|");
            foreach (TargetResult t in targets)
            {
                md.AppendLine(t.NotAvailable is not null
                    ? $"| {t.Target.Title} | `{t.Target.DotNetCase}` | `{t.Target.CCase}` | not available | | | | | <= {t.Target.Limit:0.00} | {Escape(t.NotAvailable)} |"
                    : $"| {t.Target.Title} | `{t.Target.DotNetCase}` | `{t.Target.CCase}` | {Ms(t.DotNet!.MedianMs)} ({Ms(t.DotNet.MinMs)}) | " +
                      $"{Ms(t.C!.MedianMs)} ({Ms(t.C.MinMs)}) | **{t.Ratio:0.00}** | {t.MinRatio:0.00} | {t.MedianRoundRatio:0.00} | <= {t.Target.Limit:0.00} | " +
                      $"{(t.Met ? "met" : "missed")} |");
            }

            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Each side: {string.Join(", ", targets.Where(t => t.DotNet is not null).Select(t => $"{t.Target.ImageKey} {t.DotNet!.Iterations}"))} iterations.");
            md.AppendLine();
        }

        md.AppendLine("## Which C row each row is compared with");
        md.AppendLine();
        md.AppendLine(BaselineMapping.TrimEnd());
        md.AppendLine();
        md.AppendLine("![int16 reads against C](chart.png)");
        foreach (var group in rows.GroupBy(r => r.Group))
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"## {group.Key}");
            md.AppendLine();
            md.AppendLine("File" + (group.Select(r => r.File).Distinct().Count() > 1 ? "s " : " ") +
                          string.Join(", ", group.Select(r => $"`{r.File}`").Distinct()) + ".");
            md.AppendLine();
            md.AppendLine("| impl | case | dtype | buffer | handle | median ms | min ms | p90 ms | faults | vs C | C baseline | what one iteration does |");
            md.AppendLine("|---|---|---|---|---|--:|--:|--:|--:|--:|---|---|");
            foreach (Row r in group)
            {
                string what = Escape(r.Operation + (r.Note is null ? "" : $" ({r.Note})"));
                if (r.NotAvailable is not null)
                {
                    md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Implementation} | `{r.Case}` | {r.Dtype} | {r.Buffer} | {r.Handle} | not available | | | | | | {Escape(r.NotAvailable)}; {what} |");
                    continue;
                }

                md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Implementation} | `{Escape(r.Case)}` | {r.Dtype} | {r.Buffer} | {r.Handle} | {Ms(r.MedianMs)} | {Ms(r.MinMs)} | {Ms(r.P90Ms)} | " +
                              $"{Faults(r.MinorFaultsMedian)} | {Ratio(r.RatioToC)} | {r.BaselineCase} | {what} |");
            }
        }

        var missing = rows.Where(r => r.NotAvailable is not null).ToList();
        if (missing.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Not available here");
            md.AppendLine();
            foreach (var reason in missing.GroupBy(r => r.NotAvailable))
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {Escape(reason.Key!)}: {string.Join(", ", reason.Select(r => $"{r.Implementation} `{r.Case}` ({r.Group})").Distinct())}");
            }
        }

        File.WriteAllText(path, md.ToString());
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static string Machine() => $"{ReadFirst("/etc/os-release", "PRETTY_NAME=")?.Trim('"') ?? RuntimeInformation.OSDescription}, " +
                                $"{Environment.ProcessorCount} cores ({ReadFirst("/proc/cpuinfo", "model name")?.Split(':').Last().Trim() ?? RuntimeInformation.OSArchitecture.ToString()})";

    private Dictionary<string, string> MachineFacts()
    {
        var facts = new Dictionary<string, string>
        {
            ["os"] = ReadFirst("/etc/os-release", "PRETTY_NAME=")?.Trim('"') ?? RuntimeInformation.OSDescription,
            ["kernel"] = File.Exists("/proc/sys/kernel/osrelease") ? "Linux " + File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : RuntimeInformation.OSDescription,
            ["cpu"] = ReadFirst("/proc/cpuinfo", "model name")?.Split(':').Last().Trim() ?? RuntimeInformation.OSArchitecture.ToString(),
            ["cores"] = Environment.ProcessorCount.ToString(Invariant),
            ["memory"] = $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB",
            ["page size"] = $"{Environment.SystemPageSize} bytes",
            ["load average at start / end"] = $"{loadAtStart} / {LoadAverage()} (the machine is shared: a high load slows every row)",
            ["transparent huge pages"] = File.Exists("/sys/kernel/mm/transparent_hugepage/enabled")
                ? File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled").Trim() : "n/a",
            [".NET"] = $"{RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, latency mode {GCSettings.LatencyMode}",
            ["CFITSIO (.NET)"] = $"{CfitsioLibrary.Version} from {CfitsioLibrary.Path} (reentrant: {CfitsioLibrary.IsReentrant})",
        };
        if (tools.CbenchInfo() is { } info)
        {
            facts["CFITSIO (cbench)"] = $"{info.GetProperty("cfitsio_version").GetString()} via {tools.Cbench}, LD_LIBRARY_PATH={options.NativeDir}";
        }
        else
        {
            facts["CFITSIO (cbench)"] = "cbench not available";
        }

        string? python = rows.Where(r => r.Implementation is "fitsio" or "astropy" && r.Note is not null)
            .Select(r => r.Note!.Split(',')[0]).Distinct().DefaultIfEmpty().Aggregate((a, b) => a + ", " + b);
        facts["Python baselines"] = tools.Python is null ? "not available (no python3)"
            : $"{tools.Python}: {python ?? "fitsio/astropy not importable"} (Debian's fitsio links the system libcfitsio)";
        facts["test data"] = string.Join("; ", Directory.Exists(options.DataDir) && File.Exists(Path.Combine(options.DataDir, "manifest.json"))
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(options.DataDir, "manifest.json")))!
                .GroupBy(kv => kv.Value).Select(g => $"{g.Key}: {g.Count()} files")
            : ["?"]);
        return facts;
    }

    private static string? ReadFirst(string path, string prefix)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        string? line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? null : prefix.EndsWith('=') ? line[prefix.Length..] : line;
    }

    private static string Clip(string s, int width) => s.Length <= width ? s : s[..(width - 1)] + "~";

    private static string Escape(string s) => s.Replace("|", "\\|", StringComparison.Ordinal);
}
