using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Tables.Writing;

/// <summary>
/// ASCII tables with chosen formats (TFORMn), text nulls for NaN (TNULLn) and TSCAL/TZERO: the fields are the text
/// the format gives, astropy and fitsverify read the file, and our reader gives the values (NaN for the null text).
/// </summary>
public sealed class AsciiTableOptionsWritingTests
{
    [Test]
    public void Formats_text_nulls_and_scaling_are_written_as_asked_and_read_back_by_astropy()
    {
        using var folder = new TempDirectory();
        string path = folder.File("ascii.fits");
        double[] fixedValues = [3.14159, -2.5, 1234.56789, 0];
        float[] withNaN = [1.5f, float.NaN, -3.25f, float.NaN];
        int[] counts = [7, -42, 123456, 0];
        double[] physical = [10.25, 11.5, -0.75, 99.0];
        short[] stored = [1, 2, 3, 4];
        using (var fits = FitsFile.Create(path))
        {
            fits.AddTable(
            [
                TableColumnData.Of("FIXED", fixedValues).WithAsciiFormat("F12.4"),
                TableColumnData.Of("FLUX", withNaN).WithAsciiNull("NULL"),
                TableColumnData.Of("COUNT", counts).WithAsciiFormat("i8"),
                TableColumnData.Scaled<int>("PHYS", physical, scale: 0.25, zero: 10),
                TableColumnData.Of("RAW", stored).WithScaling(2, 1),
            ], new TableWriteOptions { Ascii = true, Name = "ASC" });
            fits.Commit();
        }

        TableAstropy.AssertFitsverifyClean(path);

        // The header and the fields as text: the formats CFITSIO applied.
        string text = Encoding.Latin1.GetString(File.ReadAllBytes(path));
        Assert.That(text, Does.Contain("TFORM1  = 'F12.4   '"));
        Assert.That(text, Does.Contain("TFORM3  = 'I8      '"));
        Assert.That(text, Does.Contain("TNULL2  = 'NULL    '"));
        Assert.That(text, Does.Contain("      3.1416"), "3.14159 as F12.4");
        Assert.That(text, Does.Contain("   1234.5679"));
        foreach (int storedPhysical in new[] { 1, 6, -43, 356 })
        {
            Assert.That(text, Does.Contain(storedPhysical.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(11)), "PHYS stored as round((value - 10) / 0.25) in I11");
        }

        using (var fits = FitsFile.Open(path))
        {
            TableHdu table = fits["ASC"].AsTable();
            Assert.That(table.IsAscii, Is.True);
            Assert.That(table.ReadColumn<double>("FIXED"), Is.EqualTo(fixedValues.Select(v => Math.Round(v, 4))).Within(1e-12));
            double[] flux = table.ReadColumn<double>("FLUX"); // an ASCII number's natural type is double
            Assert.That(flux.Select(double.IsNaN), Is.EqualTo(new[] { false, true, false, true }), "the null text reads as NaN");
            Assert.That(flux[0], Is.EqualTo(1.5));
            Assert.That(flux[2], Is.EqualTo(-3.25));
            Assert.That(table.ReadColumn<int>("COUNT"), Is.EqualTo(counts));
            Assert.That(table.ReadColumn<double>("PHYS"), Is.EqualTo(physical));
            Assert.That(table.ReadColumn<double>("RAW"), Is.EqualTo(stored.Select(s => (2.0 * s) + 1)));
        }

        JsonElement columns = TableAstropy.Read(path, "ASC").GetProperty("columns");
        Assert.That(columns.GetProperty("FIXED").GetProperty("format").GetString(), Is.EqualTo("F12.4"));
        Assert.That(columns.GetProperty("FIXED").GetProperty("values").EnumerateArray().Select(e => e.GetDouble()),
            Is.EqualTo(fixedValues.Select(v => Math.Round(v, 4))).Within(1e-12));
        Assert.That(columns.GetProperty("FLUX").GetProperty("null").GetString(), Is.EqualTo("NULL"));
        JsonElement[] astropyFlux = columns.GetProperty("FLUX").GetProperty("values").EnumerateArray().ToArray();
        Assert.That(astropyFlux[0].GetDouble(), Is.EqualTo(1.5));
        Assert.That(astropyFlux[2].GetDouble(), Is.EqualTo(-3.25));
        // astropy 5.2 recognises the null text (its null is reported above) and gives those fields as 0 (its ASCIITNULL).
        Assert.That(new[] { astropyFlux[1].GetDouble(), astropyFlux[3].GetDouble() }, Is.EqualTo(new[] { 0.0, 0.0 }));
        Assert.That(columns.GetProperty("COUNT").GetProperty("values").EnumerateArray().Select(e => e.GetInt64()), Is.EqualTo(counts.Select(c => (long)c)));
        Assert.That(columns.GetProperty("PHYS").GetProperty("values").EnumerateArray().Select(e => e.GetDouble()), Is.EqualTo(physical));
        Assert.That(columns.GetProperty("RAW").GetProperty("values").EnumerateArray().Select(e => e.GetDouble()), Is.EqualTo(stored.Select(s => (2.0 * s) + 1)));
    }

    [Test]
    public void Ascii_options_that_cannot_hold_the_values_are_refused()
    {
        Assert.That(() => TableColumnData.Of("X", new[] { 1.0 }).WithAsciiFormat("I5"), Throws.ArgumentException.With.Message.Contains("does not suit"));
        Assert.That(() => TableColumnData.Of("X", new[] { 1 }).WithAsciiFormat("F8.2"), Throws.ArgumentException.With.Message.Contains("does not suit"));
        Assert.That(() => TableColumnData.Of("X", new[] { 1.0 }).WithAsciiFormat("Q8"), Throws.ArgumentException.With.Message.Contains("format letter"));
        Assert.That(() => TableColumnData.Of("X", new[] { 1.0 }).WithAsciiFormat("F80.2"), Throws.ArgumentException.With.Message.Contains("70"));
        Assert.That(() => TableColumnData.Of("X", new[] { 1 }).WithAsciiNull("NULL"), Throws.ArgumentException.With.Message.Contains("float and double"));
        Assert.That(() => TableColumnData.Of("X", new[] { 1.0 }).WithAsciiNull("   "), Throws.ArgumentException.With.Message.Contains("blank"));

        using var folder = new TempDirectory();
        string path = folder.File("refused.fits");
        var ascii = new TableWriteOptions { Ascii = true };
        using var fits = FitsFile.Create(path);
        Assert.That(() => fits.AddTable([TableColumnData.Of("X", new[] { 1.0, double.NaN })], ascii),
            Throws.ArgumentException.With.Message.Contains("WithAsciiNull"), "NaN without a text null");
        Assert.That(() => fits.AddTable([TableColumnData.Of("X", new short[] { 1 }).WithNull(-1)], ascii),
            Throws.ArgumentException.With.Message.Contains("binary tables only"));

        // A value wider than its format is CFITSIO's error, raised as a FitsException, and the file is not committed.
        Assert.That(() => fits.AddTable([TableColumnData.Of("X", new[] { 123456 }).WithAsciiFormat("I3")], ascii),
            Throws.InstanceOf<FitsException>());
    }
}
