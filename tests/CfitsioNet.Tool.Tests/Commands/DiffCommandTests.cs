using CfitsioNet.Tool.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tool.Tests.Commands;

/// <summary><c>fits diff</c>'s verdict (exit code) against fitsdiff's on the same pair and options.</summary>
public sealed class DiffCommandTests
{
    [TestCase("tool/base.fits", "tool/base.fits")]
    [TestCase("tool/base.fits", "tool/value.fits")]
    [TestCase("tool/base.fits", "tool/value.fits", "-k", "EXPTIME")]
    [TestCase("tool/base.fits", "tool/comment.fits")]
    [TestCase("tool/base.fits", "tool/comment.fits", "-c", "EXPTIME")]
    [TestCase("tool/base.fits", "tool/tiny.fits")]
    [TestCase("tool/base.fits", "tool/tiny.fits", "-r", "1e-6")]
    [TestCase("tool/base.fits", "tool/tiny.fits", "-r", "1e-7")]
    [TestCase("tool/base.fits", "tool/tiny.fits", "-a", "1e-6")]
    [TestCase("tool/base.fits", "tool/pixel.fits")]
    [TestCase("tool/base.fits", "tool/pixel.fits", "-r", "0.5")]
    [TestCase("tool/base.fits", "tool/table.fits")]
    [TestCase("tool/base.fits", "tool/extra.fits")]
    [TestCase("headers/checksum.fits", "headers/checksum_baddata.fits")]
    [TestCase("headers/checksum.fits", "headers/checksum_badheader.fits")]
    [TestCase("float32_3d_nan.fits", "float32_3d_nan.fits")]
    [TestCase("reading/rice_i16.fits", "reading/rice_i16.fits")]
    [TestCase("reading/i16.fits", "reading/rice_i16.fits")]
    public void Verdict_matches_fitsdiff(string a, string b, params string[] options)
    {
        int expected = Astropy.Run(["diff", .. options, a, b]).ExitCode;
        Assert.That(expected, Is.EqualTo(0).Or.EqualTo(1), "fitsdiff's verdict");
        ProcessResult result = ToolProcess.Run(["diff", a, b, .. options]);
        Assert.That(result.ExitCode, Is.EqualTo(expected), result.Output + result.Error);
        Assert.That(result.Lines[^1], Is.EqualTo(expected == 0 ? "No differences found." : "Files differ."));
    }

    [Test]
    public void Reports_what_differs()
    {
        ProcessResult value = ToolProcess.Run("diff", "tool/base.fits", "tool/value.fits");
        Assert.That(value.Output, Does.Contain("Keyword EXPTIME has different values:").And.Contain("a> 30\n").And.Contain("b> 30.5\n"));

        ProcessResult pixel = ToolProcess.Run("diff", "tool/base.fits", "tool/pixel.fits");
        Assert.That(pixel.Output, Does.Contain("HDU 0 (PRIMARY):").And.Contain("Data differ at 1 of 600 pixels"));
        Assert.That(pixel.Output, Does.Contain("at [5, 4]: a> -1342  b> -1341"), "1-based FITS order, as fitsdiff reports");

        ProcessResult table = ToolProcess.Run("diff", "tool/base.fits", "tool/table.fits");
        Assert.That(table.Output, Does.Contain("HDU 2 (EVENTS):").And.Contain("the first in row 3, byte"));

        ProcessResult quiet = ToolProcess.Run("diff", "-q", "tool/base.fits", "tool/extra.fits");
        Assert.That((quiet.ExitCode, quiet.Output), Is.EqualTo((1, string.Empty)));
    }
}
