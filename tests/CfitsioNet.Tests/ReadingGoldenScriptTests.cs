using System;
using System.Diagnostics;
using System.IO;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests;

/// <summary>The committed golden files and expected.json are what make_reading.py produces (run with astropy).</summary>
[TestFixture]
public sealed class ReadingGoldenScriptTests
{
    private const string Python = "/usr/bin/python3";

    [Test]
    public void GoldenFilesRegenerateToTheCommittedExpectations()
    {
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!File.Exists(Python) || Run("-c \"import astropy, numpy\"", out _) != 0)
        {
            if (ci)
            {
                Assert.Fail($"{Python} with astropy and numpy is required on CI to check the golden files.");
            }

            Assert.Ignore($"{Python} with astropy and numpy is not available.");
        }

        string script = Path.Combine(ReadingGolden.Folder, "make_reading.py");
        int exit = Run($"\"{script}\" --check", out string output);
        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain("ok:"));
    }

    private static int Run(string arguments, out string output)
    {
        var start = new ProcessStartInfo(Python, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        output = stdout + stderr;
        return process.ExitCode;
    }
}
