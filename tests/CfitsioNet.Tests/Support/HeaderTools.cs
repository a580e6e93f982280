using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.Json;
using NUnit.Framework;

namespace CfitsioNet.Tests.Support;

/// <summary>
/// Independent checkers for headers: astropy (through /usr/bin/python3) and HEASARC's fitsverify. When one is missing
/// the test is ignored, except under CI=true where a missing checker fails the test.
/// </summary>
internal static class HeaderTools
{
    public const string SystemPython = "/usr/bin/python3";
    public const string Fitsverify = "/usr/bin/fitsverify";

    private static readonly Lazy<string?> s_astropyProblem = new(() =>
    {
        if (!File.Exists(SystemPython))
        {
            return $"{SystemPython} is not installed";
        }

        (int code, string output) = Run(SystemPython, "-c \"import astropy, numpy\"");
        return code == 0 ? null : $"{SystemPython} has no astropy/numpy (Debian: apt-get install python3-astropy): {output.Trim()}";
    });

    /// <summary>Ignores the test (or fails it under CI) when astropy is not available.</summary>
    public static void RequireAstropy() => Require(s_astropyProblem.Value);

    /// <summary>Ignores the test (or fails it under CI) when fitsverify is not installed.</summary>
    public static void RequireFitsverify() =>
        Require(File.Exists(Fitsverify) ? null : $"{Fitsverify} is not installed (Debian: apt-get install fitsverify)");

    /// <summary>What astropy reads from <paramref name="path"/> (astropy_dump.py): the same shape as an expected.json entry.</summary>
    public static JsonElement AstropyDump(string path)
    {
        RequireAstropy();
        string script = Path.Combine(HeaderGolden.Directory, "astropy_dump.py");
        (int code, string output) = Run(SystemPython, $"\"{script}\" \"{path}\"", stdoutOnly: true);
        Assert.That(code, Is.Zero, output);
        using JsonDocument document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    /// <summary>Runs fitsverify (with HIERARCH checks) on <paramref name="path"/>; returns its error and warning counts and its report.</summary>
    public static (int Errors, int Warnings, string Report) Verify(string path)
    {
        RequireFitsverify();
        (int _, string report) = Run(Fitsverify, $"-H \"{path}\"");
        var summary = System.Text.RegularExpressions.Regex.Match(report, @"Verification found (\d+) warning\(s\) and (\d+) error\(s\)");
        Assert.That(summary.Success, Is.True, report);
        return (int.Parse(summary.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(summary.Groups[1].Value, CultureInfo.InvariantCulture), report);
    }

    public static (int ExitCode, string Output) Run(string program, string arguments, bool stdoutOnly = false)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Debian's interpreter with Debian's packages, whatever a pyenv or virtualenv in the environment says.
        start.Environment.Remove("PYTHONPATH");
        start.Environment.Remove("PYTHONHOME");
        start.Environment.Remove("VIRTUAL_ENV");
        using Process process = Process.Start(start)!;
        System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            return (-1, output + "\n(timed out after 120 s)");
        }

        return (process.ExitCode, stdoutOnly && process.ExitCode == 0 ? output : output + error.Result);
    }

    private static void Require(string? problem)
    {
        if (problem is null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"CI=true but {problem}");
        }

        Assert.Ignore(problem);
    }
}
