using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using NUnit.Framework;

namespace CfitsioNet.Tool.Tests.Support;

/// <summary>Asks astropy and numpy (astropy_reference.py under /usr/bin/python3) about the golden files.</summary>
internal static class Astropy
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Runs a command of astropy_reference.py in the golden folder; ignored where astropy is missing, except on CI.</summary>
    public static ProcessResult Run(params string[] arguments)
    {
        if (!File.Exists(Python))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail("CI needs /usr/bin/python3 with astropy and numpy.");
            }

            Assert.Ignore("/usr/bin/python3 with astropy is not available.");
        }

        var start = new ProcessStartInfo(Python) { WorkingDirectory = ToolProcess.Golden };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "astropy_reference.py"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Processes.Run(start, TimeSpan.FromMinutes(2));
    }

    /// <summary>A command's JSON output; fails when it did not succeed.</summary>
    public static JsonElement Json(params string[] arguments)
    {
        ProcessResult result = Run(arguments);
        Assert.That(result.ExitCode, Is.Zero, result.Error);
        return JsonDocument.Parse(result.Output).RootElement;
    }
}
