using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CfitsioNet.Tool.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tool.Tests.Commands;

/// <summary><c>fits header</c> against astropy's fitsheader --compressed (the cards as stored).</summary>
public sealed class HeaderCommandTests
{
    private static readonly string[] Files =
        ["headers/mef.fits", "headers/checksum.fits", "reading/rice_cube.fits", "reading/gz_i16.fits.gz", "tables.fits", "tool/base.fits", "performance/hcompress_int16.fits"];

    [TestCaseSource(nameof(Files))]
    public void Prints_the_cards_fitsheader_prints(string file)
    {
        string[] expected = Normalise(Astropy.Run("header", file).Output);
        ProcessResult result = ToolProcess.Run("header", file);
        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(expected.Count(l => l == "# HDU"), Is.GreaterThan(0));
        Assert.That(Normalise(result.Output), Is.EqualTo(expected));
    }

    [TestCase("headers/mef.fits", "SCI,2", "NAXIS*")]
    [TestCase("headers/mef.fits", "4", "TFORM?")]
    [TestCase("headers/mef.fits", "0", "HIST*")]
    [TestCase("tool/base.fits", "0", "exptime")]
    public void Selects_an_extension_and_keyword_as_fitsheader_does(string file, string extension, string keyword)
    {
        string[] expected = Normalise(Astropy.Run("header", file, "-e", extension, "-k", keyword).Output);
        ProcessResult result = ToolProcess.Run("header", file, "-e", extension, "-k", keyword);
        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(expected.Length, Is.GreaterThan(1));
        Assert.That(Normalise(result.Output), Is.EqualTo(expected));
    }

    [Test]
    public void Json_holds_the_same_records_split_into_keyword_value_and_comment()
    {
        ProcessResult text = ToolProcess.Run("header", "tool/base.fits");
        ProcessResult json = ToolProcess.Run("header", "tool/base.fits", "--json");
        Assert.That(json.ExitCode, Is.Zero, json.Error);
        JsonElement hdus = JsonDocument.Parse(json.Output).RootElement;
        var records = new List<string>();
        foreach (JsonElement hdu in hdus.EnumerateArray())
        {
            records.Add($"# HDU {hdu.GetProperty("hdu").GetInt32()} in tool/base.fits:");
            records.AddRange(hdu.GetProperty("cards").EnumerateArray().Select(c => c.GetProperty("record").GetString()!.TrimEnd()));
        }

        Assert.That(records, Is.EqualTo(text.Lines.Where(l => l.Length > 0)));
        JsonElement exptime = hdus[0].GetProperty("cards").EnumerateArray().Single(c => c.GetProperty("keyword").GetString() == "EXPTIME");
        Assert.That(exptime.GetProperty("value").GetString(), Is.EqualTo("30.0"));
        Assert.That(exptime.GetProperty("comment").GetString(), Is.EqualTo("exposure time [s]"));
        JsonElement target = hdus[0].GetProperty("cards").EnumerateArray().Single(c => c.GetProperty("keyword").GetString() == "OBJECT");
        Assert.That(target.GetProperty("value").GetString(), Is.EqualTo("'M31     '"), "the value as written, quotes included");
    }

    // fitsheader prints a long-string card and its CONTINUE cards as one line of 80-character images, blank-padded;
    // it also prints the blank records just before END, which CFITSIO (and so Header.Cards) treats as free space.
    // Its HDU lines name the HDU as given (-e SCI,2 gives "('SCI', 2)"), ours by index: both become "# HDU".
    private static string[] Normalise(string output)
    {
        var lines = output.TrimEnd('\n').Split('\n')
            .SelectMany(line => line.StartsWith("# HDU", StringComparison.Ordinal) || line.Length <= 80
                ? [line.TrimEnd()]
                : Enumerable.Range(0, (line.Length + 79) / 80).Select(k => line.Substring(k * 80, System.Math.Min(80, line.Length - (k * 80))).TrimEnd()))
            .Select(line => line.StartsWith("# HDU", StringComparison.Ordinal) ? "# HDU" : line)
            .ToList();
        for (int i = lines.Count - 1; i >= 0; i--)
        {
            if (lines[i].Length == 0 && (i == lines.Count - 1 || lines[i + 1] == "# HDU" || lines[i + 1].Length == 0))
            {
                lines.RemoveAt(i);
            }
        }

        return [.. lines];
    }
}
