using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using NUnit.Framework;

namespace CfitsioNet.Tests.Support;

/// <summary>Runs a golden folder's make script with <c>--check</c> under /usr/bin/python3 (astropy and numpy).</summary>
internal static class GoldenScript
{
    private const string Python = "/usr/bin/python3";

    /// <summary>
    /// numpy's SIMD dispatch narrowed to what an older x86-64 CPU has (no AVX-512, AVX2 or FMA): numpy then takes the
    /// kernels such a machine would, so a generator whose values depend on the CPU regenerates different bytes.
    /// </summary>
    internal const string NarrowedDispatch = "AVX512F AVX512_SKX AVX2 FMA3";

    /// <summary>Every make_*.py under tests/golden (as copied next to the test assembly).</summary>
    internal static IEnumerable<string> All()
    {
        string root = Path.Combine(AppContext.BaseDirectory, "golden");
        foreach (string script in Directory.EnumerateFiles(root, "make_*.py", SearchOption.AllDirectories))
        {
            yield return Path.GetRelativePath(root, script);
        }
    }

    /// <summary>
    /// Asserts that <paramref name="script"/> (relative to tests/golden) --check exits 0, with numpy's CPU dispatch
    /// narrowed to <paramref name="disabledCpuFeatures"/> when given; ignored where astropy is missing, except on
    /// CI, where that fails.
    /// </summary>
    internal static void AssertReproduces(string script, string? disabledCpuFeatures = null)
    {
        bool haveAstropy = File.Exists(Python) && Run("-c \"import astropy, numpy\"", null).ExitCode == 0;
        if (!haveAstropy)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail("CI needs /usr/bin/python3 with astropy and numpy to check the golden files.");
            }

            Assert.Ignore("/usr/bin/python3 with astropy is not available.");
        }

        string path = Path.Combine(AppContext.BaseDirectory, "golden", script);
        (int exitCode, string output) = Run($"\"{path}\" --check", disabledCpuFeatures);
        Assert.That(exitCode, Is.Zero, output);
    }

    private static (int ExitCode, string Output) Run(string arguments, string? disabledCpuFeatures)
    {
        var info = new ProcessStartInfo(Python, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Never inherit a setting from the caller's shell: the default case must be numpy's own dispatch.
        info.Environment.Remove("NPY_DISABLE_CPU_FEATURES");
        if (disabledCpuFeatures is not null)
        {
            info.Environment["NPY_DISABLE_CPU_FEATURES"] = disabledCpuFeatures;
        }

        using Process process = Process.Start(info)!;
        System.Threading.Tasks.Task<string> stderr = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd() + stderr.Result;
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
