using System.IO;
using CfitsioNet.Tool.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tool.Tests;

/// <summary>tests/golden/tool/make_tool.py --check: the committed files are what astropy writes from the script.</summary>
public sealed class GoldenScriptTests
{
    [Test]
    public void Tool_golden_files_regenerate_byte_for_byte()
    {
        var start = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3");
        start.ArgumentList.Add(Path.Combine(ToolProcess.Golden, "tool", "make_tool.py"));
        start.ArgumentList.Add("--check");
        _ = Astropy.Run("checksums", "tool/base.fits"); // ignored or failed the same way when astropy is missing
        ProcessResult result = Processes.Run(start, System.TimeSpan.FromMinutes(2));
        Assert.That(result.ExitCode, Is.Zero, result.Output + result.Error);
    }
}
