using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace CfitsioNet.Bench.Investigation;

/// <summary>The result of one cbench or pybench run: a sample, or the reason there is none.</summary>
internal sealed record ExternalResult(Sample? Sample, string? NotAvailable, JsonElement? Json);

/// <summary>
/// Runs the baselines as child processes, one per case (each does its own warm-up and iterations) and reads the
/// JSON object it prints: cbench (native/baseline, against the same libcfitsio) and pybench (fitsio, astropy).
/// </summary>
internal sealed class ExternalTools(string? cbench, string? python, string? pybench, string nativeDir)
{
    internal string? Cbench { get; } = cbench is not null && File.Exists(cbench) ? cbench : null;

    internal string? Python { get; } = python is not null && (File.Exists(python) || !python.Contains('/')) ? python : null;

    internal string? Pybench { get; } = pybench is not null && File.Exists(pybench) ? pybench : null;

    internal ExternalResult RunCbench(string file, string caseName, int iterations, int warmup, string? datatype = null,
                                      IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? extra = null)
    {
        if (Cbench is null)
        {
            return new ExternalResult(null, "cbench not built (./build.sh --target=Native builds it)", null);
        }

        var args = new List<string> { "--file", file, "--case", caseName, "--iterations", iterations.ToString(CultureInfo.InvariantCulture), "--warmup", warmup.ToString(CultureInfo.InvariantCulture), "--json" };
        if (datatype is not null)
        {
            args.AddRange(["--datatype", datatype]);
        }

        args.AddRange(extra ?? []);

        var env = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            // The same libcfitsio file the library loads, whatever rpath cbench was linked with.
            [OperatingSystem.IsMacOS() ? "DYLD_LIBRARY_PATH" : "LD_LIBRARY_PATH"] = nativeDir,
        };
        return Parse(Execute(Cbench, args, env), "cbench");
    }

    internal ExternalResult RunPybench(string lib, string file, string caseName, int iterations, int warmup,
                                       IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? extra = null)
    {
        if (Python is null || Pybench is null)
        {
            return new ExternalResult(null, Python is null ? "no python3 with fitsio/astropy here" : "bench/python/pybench.py not found", null);
        }

        var args = new List<string> { Pybench, "--file", file, "--lib", lib, "--case", caseName, "--iterations", iterations.ToString(CultureInfo.InvariantCulture), "--warmup", warmup.ToString(CultureInfo.InvariantCulture) };
        args.AddRange(extra ?? []);
        return Parse(Execute(Python, args, environment), lib);
    }

    /// <summary>Runs one .NET case in a child process of this program (see <see cref="Worker"/>) with <paramref name="environment"/> set.</summary>
    internal static ExternalResult RunWorker(string file, string caseName, int iterations, int warmup, IReadOnlyDictionary<string, string> environment)
    {
        string self = typeof(Worker).Assembly.Location;
        string host = Environment.ProcessPath ?? "dotnet";
        var args = new List<string>();
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            args.Add(self);
        }

        args.AddRange(["worker", "--file", file, "--case", caseName, "--iterations", iterations.ToString(CultureInfo.InvariantCulture), "--warmup", warmup.ToString(CultureInfo.InvariantCulture)]);
        return Parse(Execute(host, args, environment), ".NET worker");
    }

    /// <summary>cbench --info --json, or null.</summary>
    internal JsonElement? CbenchInfo()
    {
        if (Cbench is null)
        {
            return null;
        }

        var env = new Dictionary<string, string> { [OperatingSystem.IsMacOS() ? "DYLD_LIBRARY_PATH" : "LD_LIBRARY_PATH"] = nativeDir };
        var (code, stdout, _) = Execute(Cbench, ["--info", "--json"], env);
        return code == 0 ? JsonDocument.Parse(stdout).RootElement.Clone() : null;
    }

    private static ExternalResult Parse((int Code, string Stdout, string Stderr) run, string tool)
    {
        string? line = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (run.Code != 0 || line is null)
        {
            string why = run.Code switch { 3 => "data differ from the reference read", _ => "failed" };
            return new ExternalResult(null, $"{tool} {why} (exit {run.Code}): {run.Stderr.Trim().Split('\n').LastOrDefault()}", null);
        }

        JsonElement json = JsonDocument.Parse(line).RootElement.Clone();
        if (json.TryGetProperty("skipped", out JsonElement skipped))
        {
            return new ExternalResult(null, skipped.GetString(), json);
        }

        double[] times = json.GetProperty("times_ms").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        long[] faults = json.GetProperty("minflt").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var sample = new Sample(times, faults, json.GetProperty("warmup").GetInt32(), json.GetProperty("median_ms").GetDouble(),
                                json.GetProperty("min_ms").GetDouble(), json.GetProperty("p90_ms").GetDouble(),
                                json.GetProperty("minflt_median").GetDouble());
        return new ExternalResult(sample, null, json);
    }

    internal static (int Code, string Stdout, string Stderr) Execute(string exe, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        try
        {
            using Process process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout, stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (127, "", $"cannot run {exe}: {e.Message}");
        }
    }
}
