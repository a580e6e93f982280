using CfitsioNet.Tool.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tool.Tests;

/// <summary>Bad input to every command: one clear line on stderr, exit code 2, never a stack trace.</summary>
public sealed class BadInputTests
{
    [TestCase("info", "missing.fits")]
    [TestCase("header", "missing.fits")]
    [TestCase("stats", "missing.fits")]
    [TestCase("diff", "missing.fits", "tool/base.fits")]
    [TestCase("diff", "tool/base.fits", "missing.fits")]
    [TestCase("preview", "missing.fits", "-o", "/tmp/never.png")]
    [TestCase("check", "missing.fits")]
    public void A_missing_file(params string[] arguments)
    {
        Assert.That(ToolProcess.AssertOneLineError(ToolProcess.Run(arguments)), Is.EqualTo("fits: missing.fits: no such file"));
    }

    [TestCase("info")]
    [TestCase("header")]
    [TestCase("stats")]
    public void A_file_that_is_not_FITS(string command)
    {
        string message = ToolProcess.AssertOneLineError(ToolProcess.Run(command, "tool/make_tool.py"));
        Assert.That(message, Does.Contain("tool/make_tool.py").And.Contain("CFITSIO status"));
    }

    [Test]
    public void A_directory()
    {
        Assert.That(ToolProcess.AssertOneLineError(ToolProcess.Run("info", "tool")), Is.EqualTo("fits: tool: is a directory, not a FITS file"));
    }

    [TestCase("99", "no HDU 99 (the file has 3: 0 to 2)")]
    [TestCase("-1", "no HDU -1")]
    [TestCase("NOPE", "NOPE")]
    [TestCase("SCI,7", "SCI")]
    public void A_bad_extension(string extension, string expected)
    {
        Assert.That(ToolProcess.AssertOneLineError(ToolProcess.Run("header", "tool/base.fits", "-e", extension)), Does.Contain(expected));
        Assert.That(ToolProcess.AssertOneLineError(ToolProcess.Run("stats", "tool/base.fits", "-e", extension)), Does.Contain(expected));
    }

    [Test]
    public void A_keyword_that_is_not_there()
    {
        Assert.That(ToolProcess.AssertOneLineError(ToolProcess.Run("header", "tool/base.fits", "-k", "NOSUCHKEY")),
            Is.EqualTo("fits: keyword NOSUCHKEY not found in any HDU of tool/base.fits"));
    }

    [TestCase("frobnicate")]
    [TestCase("info")]
    [TestCase("header", "tool/base.fits", "-e")]
    [TestCase("diff", "tool/base.fits")]
    [TestCase("diff", "tool/base.fits", "tool/value.fits", "--rtol", "abc")]
    [TestCase("diff", "tool/base.fits", "tool/value.fits", "--rtol", "-1")]
    [TestCase("preview", "tool/preview.fits")]
    public void Bad_usage(params string[] arguments) => ToolProcess.AssertOneLineError(ToolProcess.Run(arguments));

    [Test]
    public void Help_exits_zero()
    {
        ProcessResult result = ToolProcess.Run("--help");
        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.Output, Does.Contain("info").And.Contain("header").And.Contain("diff").And.Contain("check").And.Contain("stats").And.Contain("preview"));
    }
}
