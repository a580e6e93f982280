using System;
using System.Globalization;
using System.Text.Json;
using CfitsioNet.Tool.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tool.Tests.Commands;

/// <summary><c>fits stats</c> against numpy's nanmin, nanmax, nanmean, nanmedian and nanstd in float64.</summary>
public sealed class StatsCommandTests
{
    [TestCase("tool/preview.fits", "0")]
    [TestCase("tool/preview.fits", "1")]
    [TestCase("int16_2d.fits", "0")]
    [TestCase("uint16_2d.fits", "0")]
    [TestCase("float64_2d.fits", "0")]
    [TestCase("float32_3d_nan.fits", "0")]
    [TestCase("scaled_int16_blank.fits", "0")]
    [TestCase("uint64_1d.fits", "0")]
    [TestCase("reading/rice_i16.fits", "1")]
    [TestCase("reading/gz_i16.fits.gz", "1")]
    public void Match_numpy(string file, string extension)
    {
        JsonElement expected = Astropy.Json("stats", file, extension);
        ProcessResult result = ToolProcess.Run("stats", file, "-e", extension, "--json");
        Assert.That(result.ExitCode, Is.Zero, result.Error);
        JsonElement actual = JsonDocument.Parse(result.Output).RootElement;
        Assert.That(actual.GetProperty("pixels").GetInt64(), Is.EqualTo(expected.GetProperty("pixels").GetInt64()));
        Assert.That(actual.GetProperty("nan").GetInt64(), Is.EqualTo(expected.GetProperty("nan").GetInt64()));
        string[] names = ["min", "max", "mean", "median", "std"];
        for (int i = 0; i < names.Length; i++)
        {
            double numpy = Python(expected.GetProperty("values")[i].GetString()!);
            JsonElement ours = actual.GetProperty(names[i]);
            if (!double.IsFinite(numpy))
            {
                Assert.That(ours.ValueKind, Is.EqualTo(JsonValueKind.Null), $"{names[i]}: numpy gives {numpy}, JSON has no such number");
                continue;
            }

            // min, max, median are values of the data: exact. The mean and std are sums: within 1e-12 relative.
            double tolerance = names[i] is "mean" or "std" ? 1e-12 * System.Math.Max(1, System.Math.Abs(numpy)) : 0;
            Assert.That(ours.GetDouble(), Is.EqualTo(numpy).Within(tolerance), names[i]);
        }
    }

    // Python's repr() of a float: digits, or inf, -inf, nan.
    private static double Python(string text) => text switch
    {
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        "nan" => double.NaN,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };

    [Test]
    public void Text_output_names_each_statistic()
    {
        ProcessResult result = ToolProcess.Run("stats", "tool/preview.fits");
        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Lines[0], Is.EqualTo("tool/preview.fits HDU 0 PRIMARY: float32 (64, 50)"));
        Assert.That(result.Lines[1..], Has.Exactly(1).Matches<string>(l => l != null && l == "nan     1"));
        Assert.That(result.Lines[1..], Has.Exactly(1).Matches<string>(l => l != null && l.StartsWith("median  ", StringComparison.Ordinal)));
    }

    [Test]
    public void A_table_is_refused_with_one_line()
    {
        string message = ToolProcess.AssertOneLineError(ToolProcess.Run("stats", "tool/base.fits", "-e", "EVENTS"));
        Assert.That(message, Does.Contain("HDU 2 is a BinaryTable"));
    }
}
