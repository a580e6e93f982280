using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace CfitsioNet.Tests.Support;

/// <summary>The independent checkers for written files: fitsverify and astropy (through /usr/bin/python3).</summary>
internal static partial class WritingTools
{
    private const string Python = "/usr/bin/python3";
    private const string Fitsverify = "/usr/bin/fitsverify";

    /// <summary>Whether missing tools must fail the test instead of skipping it.</summary>
    internal static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips (or, on CI, fails) a test that needs a tool this machine lacks.</summary>
    internal static void RequireTool(bool available, string what)
    {
        if (!available)
        {
            if (IsCi)
            {
                Assert.Fail($"{what} is required on CI (CI=true) but is not available.");
            }

            Assert.Ignore($"{what} is not available on this machine.");
        }
    }

    internal static bool HasFitsverify => File.Exists(Fitsverify);

    private static readonly Lazy<bool> s_hasAstropy = new(() =>
        File.Exists(Python) && Run(Python, ["-c", "import astropy, numpy"], Directory.GetCurrentDirectory()).ExitCode == 0);

    internal static bool HasAstropy => s_hasAstropy.Value;

    /// <summary>
    /// Runs <c>fitsverify -q</c> on every file at once and parses its one-line summaries: file name to
    /// (warnings, errors). Lines look like "verification OK: name" or "verification FAILED: name , 1 warnings and 2 errors".
    /// </summary>
    internal static Dictionary<string, FitsverifyResult> RunFitsverify(string folder, IReadOnlyCollection<string> fileNames)
    {
        var results = new Dictionary<string, FitsverifyResult>(StringComparer.Ordinal);
        if (fileNames.Count == 0)
        {
            return results;
        }

        string list = Path.Combine(folder, "fitsverify-files.txt");
        File.WriteAllLines(list, fileNames);
        ProcessResult run = Run(Fitsverify, ["-q", "@" + Path.GetFileName(list)], folder);
        foreach (string line in run.StandardOutput.Split('\n'))
        {
            Match match = SummaryLine().Match(line.TrimEnd());
            if (!match.Success)
            {
                continue;
            }

            string name = match.Groups["name"].Value.Trim();
            int warnings = match.Groups["warnings"].Success ? int.Parse(match.Groups["warnings"].Value, CultureInfo.InvariantCulture) : 0;
            int errors = match.Groups["errors"].Success ? int.Parse(match.Groups["errors"].Value, CultureInfo.InvariantCulture) : 0;
            results[name] = new FitsverifyResult(match.Groups["verdict"].Value == "OK", warnings, errors, line.Trim());
        }

        return results;
    }

    /// <summary>Full fitsverify report for one file, to explain a failure.</summary>
    internal static string FitsverifyReport(string path) => Run(Fitsverify, [path], Path.GetDirectoryName(path)!).StandardOutput;

    /// <summary>Runs astropy_digest.py over a manifest and returns the report of every file, keyed by the path given.</summary>
    internal static Dictionary<string, JsonElement> RunAstropy(string folder, IEnumerable<AstropyRequest> requests)
    {
        var files = requests.Select(r => new Dictionary<string, object>
        {
            ["path"] = r.Path,
            ["raw"] = r.Raw.ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => (object)new Dictionary<string, string> { ["path"] = p.Value.Path, ["dtype"] = p.Value.Dtype }),
            ["dtype"] = r.Dtypes.ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => p.Value),
        }).ToList();
        string manifest = Path.Combine(folder, "astropy-manifest.json");
        string output = Path.Combine(folder, "astropy-report.json");
        File.WriteAllText(manifest, JsonSerializer.Serialize(new Dictionary<string, object> { ["files"] = files }));
        string script = Path.Combine(TestContext.CurrentContext.TestDirectory, "golden", "writing", "astropy_digest.py");
        ProcessResult run = Run(Python, [script, manifest, output], folder);
        if (run.ExitCode != 0)
        {
            Assert.Fail($"astropy_digest.py failed ({run.ExitCode}): {run.StandardError}");
        }

        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(output));
        var report = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonProperty file in document.RootElement.GetProperty("files").EnumerateObject())
        {
            report[file.Name] = file.Value.Clone();
        }

        return report;
    }

    /// <summary>sha256 of the values as little-endian bytes in C order: what astropy_digest.py computes.</summary>
    internal static string Sha256<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        Assert.That(BitConverter.IsLittleEndian, "the digests assume a little-endian machine");
        return Convert.ToHexString(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values))).ToLowerInvariant();
    }

    /// <summary>numpy's name for the dtype astropy should report for each natural type.</summary>
    internal static string NumpyName(PixelType type) => type switch
    {
        PixelType.Byte => "uint8",
        PixelType.SByte => "int8",
        PixelType.Int16 => "int16",
        PixelType.UInt16 => "uint16",
        PixelType.Int32 => "int32",
        PixelType.UInt32 => "uint32",
        PixelType.Int64 => "int64",
        PixelType.UInt64 => "uint64",
        PixelType.Single => "float32",
        PixelType.Double => "float64",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    internal static ProcessResult Run(string program, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, output, error.Result);
    }

    [GeneratedRegex(@"^verification (?<verdict>OK|FAILED): (?<name>.*?)\s*(,\s*(?<warnings>\d+) warnings and (?<errors>\d+) errors)?$")]
    private static partial Regex SummaryLine();
}

internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);

internal sealed record FitsverifyResult(bool Ok, int Warnings, int Errors, string Line)
{
    public bool Clean => Ok && Warnings == 0 && Errors == 0;
}

/// <summary>One file for astropy_digest.py: raw values of lossy HDUs, and the numpy dtype meant for each HDU.</summary>
internal sealed record AstropyRequest(string Path, IReadOnlyDictionary<int, (string Path, string Dtype)> Raw, IReadOnlyDictionary<int, string> Dtypes)
{
    public AstropyRequest(string path)
        : this(path, new Dictionary<int, (string, string)>(), new Dictionary<int, string>())
    {
    }
}
