using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace CfitsioNet.Fuzz;

/// <summary>
/// CfitsioNet.Fuzz: hostile-input and lifetime checks, each in its own process.
/// <list type="bullet">
/// <item><c>fuzz [--seconds N] [--count N] [--seed N] [--timeout N] [--jobs N] [--quick] [--out DIR] [--corpus DIR]</c></item>
/// <item><c>worker</c>: the child of <c>fuzz</c> (case paths on stdin, one answer line each on stdout)</item>
/// <item><c>case --seed N --index N [--through N] [--save FILE]</c>: regenerates a case (or a range, through one path as a
/// worker would) and runs it in this process</item>
/// <item><c>run FILE...</c>: runs the read paths on files, in this process</item>
/// <item><c>write-slow PATH [--images N] [--pause-ms N]</c>: replaces PATH slowly, image by image (to be killed mid-write)</item>
/// <item><c>read-repeatedly PATH [--seconds S] [--reads N] [--memory-map]</c>: reads an int16 image again and again, checking every pixel</item>
/// <item><c>soak [--cycles N] [--forgotten N] [--out DIR]</c>: open/read/dispose cycles, resident memory and descriptors</item>
/// </list>
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        string mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "fuzz";
        Dictionary<string, string?> options = mode == "run" ? [] : mode is "write-slow" or "read-repeatedly" or "edit-loop" or "append-loop" ? ParseOptions(args.AsSpan(Math.Min(2, args.Length))) : ParseOptions(args.AsSpan(mode == "fuzz" && (args.Length == 0 || args[0] != "fuzz") ? 0 : 1));
        try
        {
            return mode switch
            {
                "fuzz" => Fuzz(options),
                "worker" => Worker.Run(),
                "case" => Case(options),
                "run" => RunFiles(args[1..]),
                "write-slow" when args.Length > 1 => WriteSlow.Run(args[1], Long(options, "images", 1000), Long(options, "pause-ms", 20)),
                "edit-loop" when args.Length > 1 => EditLoop.Run(args[1], Long(options, "cycles", long.MaxValue)),
                "append-loop" when args.Length > 1 => AppendLoop.Run(args[1], Long(options, "cycles", long.MaxValue)),
                "read-repeatedly" when args.Length > 1 => ReadRepeatedly.Run(args[1], Double(options, "seconds", 0), Long(options, "reads", 1), options.ContainsKey("memory-map")),
                "soak" => Soak.Run(
                    cycles: Long(options, "cycles", 100_000),
                    forgotten: Long(options, "forgotten", 10_000),
                    outputDirectory: options.GetValueOrDefault("out") ?? Path.Combine("artifacts", "soak")),
                _ => Usage($"unknown mode '{mode}'"),
            };
        }
        catch (FormatException e)
        {
            return Usage(e.Message);
        }
    }

    private static int Fuzz(Dictionary<string, string?> options)
    {
        bool quick = options.ContainsKey("quick");
        var fuzz = new FuzzOptions(
            Seconds: Double(options, "seconds", quick ? 40 : 180),
            Count: Long(options, "count", 0),
            Seed: Long(options, "seed", 1),
            CaseTimeoutSeconds: Double(options, "timeout", quick ? 30 : 10), // the CI slice runs on shared, loaded machines
            Jobs: (int)Long(options, "jobs", Environment.ProcessorCount),
            OutputDirectory: options.GetValueOrDefault("out") ?? Path.Combine("artifacts", "fuzz"),
            CorpusDirectory: options.GetValueOrDefault("corpus") ?? Path.Combine("tests", "corpus"),
            Quick: quick);
        if (fuzz.Count > 0 && !options.ContainsKey("seconds"))
        {
            fuzz = fuzz with { Seconds = 0 };
        }

        return new FuzzRunner(fuzz).Run();
    }

    private static int Case(Dictionary<string, string?> options)
    {
        string work = Path.Combine(Path.GetTempPath(), "cfitsionet-fuzz-case");
        Directory.CreateDirectory(work);
        var mutator = new Mutator(Seeds.Create(work, Console.WriteLine), Long(options, "seed", 1));
        long first = Long(options, "index", 0);
        long last = Long(options, "through", first);
        int worst = 0;
        for (long index = first; index <= last; index++)
        {
            // A range runs in one process through one path, as a worker does: what one case leaves behind meets the next.
            FuzzCase fuzzCase = mutator.Create(index);
            string path = options.GetValueOrDefault("save") ?? Path.Combine(work, last > first ? "case.fits" : $"case-{fuzzCase.Index}.fits");
            File.WriteAllBytes(path, fuzzCase.Bytes);
            Console.WriteLine($"case {fuzzCase.Index}: seed file {fuzzCase.SeedName}; {string.Join("; ", fuzzCase.Mutations)}; {fuzzCase.Bytes.Length} bytes -> {path}");
            worst = Math.Max(worst, RunFiles([path]));
        }

        return worst;
    }

    private static int RunFiles(string[] paths)
    {
        int worst = 0;
        foreach (string path in paths)
        {
            ReadPaths.Trace = Console.Out;
            CaseReport report = ReadPaths.Run(path);
            Console.WriteLine($"{path}: {report.Worst} {report.Detail}");
            foreach ((string probe, Outcome outcome, string detail) in report.Probes)
            {
                Console.WriteLine($"  {probe,-18} {outcome,-10} {detail.Split('\n')[0]}");
            }

            worst = Math.Max(worst, report.Worst is Outcome.Bug ? 1 : 0);
        }

        return worst;
    }

    private static Dictionary<string, string?> ParseOptions(ReadOnlySpan<string> args)
    {
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new FormatException($"unexpected argument '{args[i]}'");
            }

            string name = args[i][2..];
            string? value = null;
            if (name.Contains('='))
            {
                (name, value) = (name[..name.IndexOf('=')], name[(name.IndexOf('=') + 1)..]);
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }

            options[name] = value;
        }

        return options;
    }

    private static long Long(Dictionary<string, string?> options, string name, long fallback) =>
        options.TryGetValue(name, out string? text) && text is not null ? long.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static double Double(Dictionary<string, string?> options, string name, double fallback) =>
        options.TryGetValue(name, out string? text) && text is not null ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"CfitsioNet.Fuzz: {problem}");
        Console.Error.WriteLine("usage: fuzz [--seconds N] [--count N] [--seed N] [--timeout S] [--jobs N] [--quick] [--out DIR] [--corpus DIR]");
        Console.Error.WriteLine("       case --seed N --index N [--through N] [--save FILE] | run FILE... | soak [--cycles N] [--forgotten N] [--out DIR] | worker");
        return 2;
    }
}
