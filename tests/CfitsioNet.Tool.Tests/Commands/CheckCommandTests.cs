using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using CfitsioNet.Tests.Support;
using CfitsioNet.Tool.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tool.Tests.Commands;

/// <summary><c>fits check</c>: checksum verdicts against astropy's verify_datasum/verify_checksum, structural failures, exit codes.</summary>
public sealed class CheckCommandTests
{
    [TestCase("headers/checksum.fits", 0)]
    [TestCase("headers/checksum_baddata.fits", 1)]
    [TestCase("headers/checksum_badheader.fits", 1)]
    public void Checksum_verdicts_match_astropy(string file, int exitCode)
    {
        JsonElement expected = Astropy.Json("checksums", file);
        ProcessResult result = ToolProcess.Run("check", file);
        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.Output + result.Error);
        string[] hduLines = result.Lines.Where(l => l.StartsWith("  HDU ", StringComparison.Ordinal)).ToArray();
        Assert.That(hduLines, Has.Length.EqualTo(expected.GetArrayLength()));
        for (int i = 0; i < hduLines.Length; i++)
        {
            string datasum = Verdict(expected[i][0].GetInt32()), checksum = Verdict(expected[i][1].GetInt32());
            Assert.That(hduLines[i], Does.EndWith($"DATASUM {datasum}  CHECKSUM {checksum}"), $"HDU {i}");
            Assert.That(hduLines[i].Contains("PROBLEM"), Is.EqualTo(datasum == "INVALID" || checksum == "INVALID"), $"HDU {i}");
        }
    }

    [Test]
    public void Missing_checksums_are_problems_only_when_required()
    {
        Assert.That(ToolProcess.Run("check", "tool/base.fits").ExitCode, Is.Zero);
        ProcessResult required = ToolProcess.Run("check", "--require-checksums", "tool/base.fits");
        Assert.That(required.ExitCode, Is.EqualTo(1));
        Assert.That(required.Lines[0], Is.EqualTo("tool/base.fits: 3 problem(s)"));
    }

    [Test]
    public void A_truncated_data_unit_is_a_structural_problem()
    {
        using var folder = new TempDirectory("check");
        byte[] whole = File.ReadAllBytes(Path.Combine(ToolProcess.Golden, "tool/base.fits"));
        string path = folder.Write("truncated.fits", whole[..(whole.Length - 2880 - 100)]);
        ProcessResult result = ToolProcess.Run("check", path);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.Output + result.Error);
        Assert.That(result.Lines.Single(l => l.StartsWith("  HDU 2", StringComparison.Ordinal)), Does.Contain("PROBLEM").And.Contain("data: "));
        Assert.That(result.Lines.Single(l => l.StartsWith("  HDU 1", StringComparison.Ordinal)), Does.Contain(" ok "));
    }

    [Test]
    public void A_file_that_is_not_FITS_is_a_problem_and_a_missing_file_an_error()
    {
        ProcessResult notFits = ToolProcess.Run("check", "tool/make_tool.py");
        Assert.That(notFits.ExitCode, Is.EqualTo(1));
        Assert.That(notFits.Lines[0], Does.StartWith("tool/make_tool.py: PROBLEM: not a readable FITS file"));

        ProcessResult several = ToolProcess.Run("check", "tool/base.fits", "nothing-here.fits");
        Assert.That(several.ExitCode, Is.EqualTo(2), "a file that could not be checked wins over the others");
        Assert.That(several.Error, Does.Contain("fits: nothing-here.fits: no such file"));
        Assert.That(several.Error, Does.Contain("[1/2] tool/base.fits"), "progress on stderr");
        Assert.That(several.Lines[^1], Is.EqualTo("2 files: 1 ok, 0 with problems, 1 not checked"));
    }

    private static string Verdict(int astropy) => astropy switch { 1 => "valid", 2 => "missing", _ => "INVALID" };
}
