using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using CfitsioNet.Tests.Support;
using CfitsioNet.Tool.Tests.Support;
using NUnit.Framework;
using StbImageSharp;

namespace CfitsioNet.Tool.Tests.Commands;

/// <summary>
/// <c>fits preview</c>: the PNG is decoded with StbImageSharp (not the tool's SkiaSharp), its size checked, and every
/// pixel compared with the grey level computed here from astropy's data and limits (ZScaleInterval for zscale,
/// numpy's nanmin/nanmax otherwise) and the documented formula.
/// </summary>
public sealed class PreviewCommandTests
{
    private TempDirectory _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempDirectory("preview");

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    [TestCase("zscale", "0", 0, null)]
    [TestCase("linear", "0", 0, null)]
    [TestCase("asinh", "0", 0, null)]
    [TestCase("zscale", "0", 0, 100)]
    [TestCase("linear", "0", 0, 23)]
    [TestCase("zscale", "CUBE", 2, 128)]
    [TestCase("asinh", "CUBE", 1, null)]
    public void Pixels_follow_the_stretch(string stretch, string extension, int plane, int? size)
    {
        string hduIndex = extension == "CUBE" ? "1" : "0";
        double[][] data = Astropy.Json("plane", "tool/preview.fits", hduIndex, plane.ToString(CultureInfo.InvariantCulture))
            .EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray()).ToArray();
        int height = data.Length, width = data[0].Length;
        (double min, double max) = stretch == "zscale" ? ZScaleFromAstropy(hduIndex, plane) : MinMax(data);

        string png = _folder.File("out.png");
        string[] arguments = ["preview", "tool/preview.fits", "-o", png, "--stretch", stretch, "-e", extension, "--plane", plane.ToString(CultureInfo.InvariantCulture)];
        ProcessResult result = ToolProcess.Run(size is int n ? [.. arguments, "--size", n.ToString(CultureInfo.InvariantCulture)] : arguments);
        Assert.That(result.ExitCode, Is.Zero, result.Error);

        // The limits the tool used, as printed: zscale's equal astropy's to rounding.
        Match limits = Regex.Match(result.Output, @"limits \[(\S+), (\S+)\]");
        Assert.That(limits.Success, Is.True, result.Output);
        Assert.That(double.Parse(limits.Groups[1].Value, CultureInfo.InvariantCulture), Is.EqualTo(min).Within(1e-9 * Math.Abs(max - min)));
        Assert.That(double.Parse(limits.Groups[2].Value, CultureInfo.InvariantCulture), Is.EqualTo(max).Within(1e-9 * Math.Abs(max - min)));

        ImageResult image = ImageResult.FromMemory(File.ReadAllBytes(png), ColorComponents.Grey);
        (int outWidth, int outHeight) = size is int longest
            ? (longest, (int)Math.Round((double)height * longest / width, MidpointRounding.AwayFromZero))
            : (width, height);
        Assert.That((image.Width, image.Height), Is.EqualTo((outWidth, outHeight)));

        int exact = 0, total = outWidth * outHeight;
        for (int y = 0; y < outHeight; y++)
        {
            // PNG row 0 is the top: the last FITS row.
            int row = Source(outHeight - 1 - y, outHeight, height);
            for (int x = 0; x < outWidth; x++)
            {
                int expected = Grey(data[row][Source(x, outWidth, width)], min, max, stretch);
                int actual = image.Data[(y * outWidth) + x];
                Assert.That(actual, Is.EqualTo(expected).Within(1), $"pixel ({x}, {y})");
                exact += actual == expected ? 1 : 0;
            }
        }

        Assert.That(exact, Is.GreaterThanOrEqualTo(total * 99 / 100), "grey levels off by one only where a value sits on a step");
        int distinct = image.Data.Distinct().Count();
        Assert.That(distinct, Is.GreaterThan(5), "a real picture, not a flat one");
    }

    // Sizes from 399 to 60,000 pixels (sampling strides 1 to 60), integer and float data, NaN and infinities, cubes.
    [TestCase("performance/rice_int16_rows.fits", "1", 0)]
    [TestCase("performance/rice_int32_bands.fits", "1", 0)]
    [TestCase("performance/hcompress_int16.fits", "1", 0)]
    [TestCase("performance/gzip2_uint8_rows.fits", "1", 0)]
    [TestCase("performance/rice_uint16_cube.fits", "1", 3)]
    [TestCase("int16_2d.fits", "0", 0)]
    [TestCase("uint8_2d.fits", "0", 0)]
    [TestCase("float32_3d_nan.fits", "0", 1)]
    [TestCase("reading/rice_cube.fits", "1", 2)]
    public void Zscale_limits_match_astropy_ZScaleInterval(string file, string hdu, int plane)
    {
        string p = plane.ToString(CultureInfo.InvariantCulture);
        ProcessResult reference = Astropy.Run("zscale", file, hdu, p);
        Assert.That(reference.ExitCode, Is.Zero, reference.Error);
        double[] expected = reference.Output.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        ProcessResult result = ToolProcess.Run("preview", file, "-e", hdu, "--plane", p, "-o", _folder.File("z.png"));
        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Match limits = Regex.Match(result.Output, @"zscale limits \[(\S+), (\S+)\]");
        double tolerance = 1e-9 * Math.Max(1, Math.Abs(expected[1] - expected[0]));
        Assert.That(double.Parse(limits.Groups[1].Value, CultureInfo.InvariantCulture), Is.EqualTo(expected[0]).Within(tolerance), "vmin");
        Assert.That(double.Parse(limits.Groups[2].Value, CultureInfo.InvariantCulture), Is.EqualTo(expected[1]).Within(tolerance), "vmax");
    }

    [Test]
    public void Bad_plane_table_and_output_folder_fail_with_one_line()
    {
        string png = _folder.File("out.png");
        Assert.That(ToolProcess.AssertOneLineError(ToolProcess.Run("preview", "tool/preview.fits", "-o", png, "-e", "CUBE", "--plane", "3")),
            Does.Contain("has 3 plane(s)"));
        Assert.That(ToolProcess.AssertOneLineError(ToolProcess.Run("preview", "tool/preview.fits", "-o", png, "-e", "EVENTS")),
            Does.Contain("is a BinaryTable"));
        Assert.That(ToolProcess.AssertOneLineError(ToolProcess.Run("preview", "tool/preview.fits", "-o", Path.Combine(_folder.Path, "no", "out.png"))),
            Does.Contain("does not exist"));
        ToolProcess.AssertOneLineError(ToolProcess.Run("preview", "tool/preview.fits", "-o", png, "--size", "0"));
        ToolProcess.AssertOneLineError(ToolProcess.Run("preview", "tool/preview.fits", "-o", png, "--stretch", "log"));
        Assert.That(File.Exists(png), Is.False, "nothing written on failure");
    }

    // The tool's documented mapping: x = clip((v - min) / (max - min)), asinh(x / 0.1) / asinh(10), grey = min(255, floor(256 y)).
    private static int Grey(double value, double min, double max, string stretch)
    {
        if (double.IsNaN(value))
        {
            return 0;
        }

        double x = Math.Clamp((value - min) / (max - min), 0, 1);
        if (stretch == "asinh")
        {
            x = Math.Asinh(x / 0.1) / Math.Asinh(1 / 0.1);
        }

        return (int)Math.Min(255, Math.Floor(x * 256));
    }

    // Nearest neighbour: output pixel i shows input pixel floor((i + 0.5) * input / output).
    private static int Source(int i, int output, int input) => Math.Min(input - 1, (int)Math.Floor((i + 0.5) * input / output));

    private static (double, double) ZScaleFromAstropy(string hdu, int plane)
    {
        ProcessResult result = Astropy.Run("zscale", "tool/preview.fits", hdu, plane.ToString(CultureInfo.InvariantCulture));
        Assert.That(result.ExitCode, Is.Zero, result.Error);
        double[] limits = result.Output.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        return (limits[0], limits[1]);
    }

    private static (double, double) MinMax(double[][] data)
    {
        double[] finite = data.SelectMany(r => r).Where(double.IsFinite).ToArray();
        return (finite.Min(), finite.Max());
    }
}
