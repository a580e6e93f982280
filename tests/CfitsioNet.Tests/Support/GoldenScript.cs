using System;
using System.Diagnostics;
using System.IO;
using NUnit.Framework;

namespace CfitsioNet.Tests.Support;

/// <summary>Runs a golden folder's make script with <c>--check</c> under /usr/bin/python3 (astropy and numpy).</summary>
internal static class GoldenScript
{
    private const string Python = "/usr/bin/python3";

    /// <summary>
    /// Asserts that <paramref name="script"/> --check exits 0; ignored where astropy is missing, except on CI, where
    /// that fails.
    /// </summary>
    internal static void AssertReproduces(string script)
    {
        bool haveAstropy = File.Exists(Python) && Run("-c \"import astropy, numpy\"").ExitCode == 0;
        if (!haveAstropy)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail("CI needs /usr/bin/python3 with astropy and numpy to check the golden files.");
            }

            Assert.Ignore("/usr/bin/python3 with astropy is not available.");
        }

        (int exitCode, string output) = Run($"\"{script}\" --check");
        Assert.That(exitCode, Is.Zero, output);
    }

    private static (int ExitCode, string Output) Run(string arguments)
    {
        var info = new ProcessStartInfo(Python, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using Process process = Process.Start(info)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
