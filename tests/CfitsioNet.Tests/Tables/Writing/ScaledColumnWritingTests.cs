using System;
using System.Linq;
using System.Text.Json;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Tables.Writing;

/// <summary>
/// Columns written from physical values (<see cref="TableColumnData.Scaled{TStored}"/>): CFITSIO rounds them into the
/// stored integers through TSCAL/TZERO, astropy reads the physical values back, the stored integers are the ones
/// the rounding rule gives (computed here, not by the library), NaN becomes TNULL, and values that cannot be stored
/// are refused before anything is written.
/// </summary>
public sealed class ScaledColumnWritingTests
{
    private const int Rows = 400;

    [Test]
    public void Physical_values_are_stored_rounded_and_read_back_by_astropy_and_our_reader()
    {
        using var folder = new TempDirectory();
        string path = folder.File("scaled.fits");
        var random = new Random(15);

        // Random values, exact half steps either side of zero (stored away from zero), and the type's extremes.
        double[] flux = new double[Rows];
        for (int i = 0; i < Rows; i++)
        {
            flux[i] = 100 + ((random.NextDouble() - 0.5) * 3000);
        }

        flux[0] = 100 + (2.5 * 0.1);
        flux[1] = 100 - (2.5 * 0.1);
        flux[2] = 100 + (32767 * 0.1);
        flux[3] = 100 - (32768 * 0.1);
        double[] counts = Enumerable.Range(0, Rows).Select(i => i % 7 == 0 ? double.NaN : i * 3.25).ToArray();
        double[] cells = Enumerable.Range(0, Rows * 6).Select(i => Math.Sin(i) * 1e6).ToArray();
        double[] bytes = Enumerable.Range(0, Rows).Select(i => (i % 256) * 0.5).ToArray();

        using (var fits = FitsFile.Create(path))
        {
            fits.AddTable(
            [
                TableColumnData.Scaled<short>("FLUX", flux, scale: 0.1, zero: 100, unit: "Jy"),
                TableColumnData.Scaled<int>("COUNTS", counts, scale: 0.25, zero: 10, nullValue: int.MinValue),
                // astropy 5.2 cannot read a K column whose TZERO is not 2^63 (UnboundLocalError in _convert_other), so no zero here.
                TableColumnData.Scaled<long>("CELLS", cells, scale: 1e-3, cellShape: [2, 3]),
                TableColumnData.Scaled<byte>("HALF", bytes, scale: 0.5),
            ], new TableWriteOptions { Name = "SCALED" });
            fits.Commit();
        }

        TableAstropy.AssertFitsverifyClean(path);

        short[] fluxStored = flux.Select(v => (short)Stored(v, 0.1, 100)).ToArray();
        int[] countsStored = counts.Select(v => double.IsNaN(v) ? int.MinValue : (int)Stored(v, 0.25, 10)).ToArray();
        long[] cellsStored = cells.Select(v => Stored(v, 1e-3, 0)).ToArray();
        byte[] bytesStored = bytes.Select(v => (byte)Stored(v, 0.5, 0)).ToArray();
        Assert.That(fluxStored[..4], Is.EqualTo(new short[] { 3, -3, 32767, -32768 }), "half steps away from zero; the extremes");

        using (var fits = FitsFile.Open(path))
        {
            TableHdu table = fits["SCALED"].AsTable();
            Assert.That(table.Columns["FLUX"].Format, Is.EqualTo("1I"));
            Assert.That(table.Columns["COUNTS"].Format, Is.EqualTo("1J"));
            Assert.That(table.Columns["CELLS"].Format, Is.EqualTo("6K"));
            Assert.That(table.Columns["FLUX"].Scale, Is.EqualTo(0.1));
            Assert.That(table.Columns["FLUX"].Zero, Is.EqualTo(100));
            Assert.That(table.Columns["COUNTS"].Null, Is.EqualTo(int.MinValue));
            var raw = new ReadOptions { Raw = true };
            Assert.That(table.ReadColumn<short>("FLUX", raw), Is.EqualTo(fluxStored));
            Assert.That(table.ReadColumn<int>("COUNTS", raw), Is.EqualTo(countsStored));
            Assert.That(table.ReadColumn<long>("CELLS", raw), Is.EqualTo(cellsStored));
            Assert.That(table.ReadColumn<byte>("HALF", raw), Is.EqualTo(bytesStored));

            double[] countsBack = table.ReadColumn<double>("COUNTS");
            Assert.That(countsBack.Select(double.IsNaN), Is.EqualTo(counts.Select(double.IsNaN)), "TNULL reads as NaN");
            Assert.That(table.ReadColumn<double>("FLUX"), Is.EqualTo(fluxStored.Select(s => (s * 0.1) + 100)));
        }

        // astropy applies TSCAL/TZERO itself: the physical values within half a step of what was given.
        JsonElement columns = TableAstropy.Read(path, "SCALED").GetProperty("columns");
        Assert.That(columns.GetProperty("FLUX").GetProperty("unit").GetString(), Is.EqualTo("Jy"));
        double[] astropyFlux = columns.GetProperty("FLUX").GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.That(astropyFlux, Is.EqualTo(fluxStored.Select(s => (s * 0.1) + 100)).Within(1e-9));
        for (int i = 0; i < Rows; i++)
        {
            Assert.That(astropyFlux[i], Is.EqualTo(flux[i]).Within(0.05 + 1e-9), $"FLUX row {i}");
        }

        // astropy's HDU data does not mask TNULL: a null cell is the null value scaled like any other.
        Assert.That(columns.GetProperty("COUNTS").GetProperty("null").GetInt64(), Is.EqualTo(int.MinValue));
        double[] astropyCounts = columns.GetProperty("COUNTS").GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.That(astropyCounts, Is.EqualTo(countsStored.Select(s => (s * 0.25) + 10)));
        Assert.That(Enumerable.Range(0, Rows).Where(i => astropyCounts[i] == (int.MinValue * 0.25) + 10), Is.EqualTo(Enumerable.Range(0, Rows).Where(i => double.IsNaN(counts[i]))),
            "exactly the NaN rows hold TNULL");

        double[] astropyCells = columns.GetProperty("CELLS").GetProperty("values").EnumerateArray()
            .SelectMany(row => row.EnumerateArray().SelectMany(axis => axis.EnumerateArray())).Select(e => e.GetDouble()).ToArray();
        Assert.That(astropyCells, Has.Length.EqualTo(Rows * 6));
        for (int i = 0; i < astropyCells.Length; i++)
        {
            Assert.That(astropyCells[i], Is.EqualTo(cells[i]).Within(0.0005 + 1e-6), $"CELLS element {i}");
        }

        double[] astropyHalf = columns.GetProperty("HALF").GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.That(astropyHalf, Is.EqualTo(bytes), "multiples of the scale come back exactly");
    }

    [Test]
    public void Values_that_cannot_be_stored_are_refused_before_anything_is_written()
    {
        Assert.That(() => TableColumnData.Scaled<short>("X", [0, 3276.8], scale: 0.1),
            Throws.ArgumentException.With.Message.Contains("value 1"), "32768 once scaled");
        Assert.That(() => TableColumnData.Scaled<short>("X", [-3276.85], scale: 0.1),
            Throws.ArgumentException.With.Message.Contains("outside what Int16 holds"));
        Assert.That(() => TableColumnData.Scaled<byte>("X", [-1], scale: 1),
            Throws.ArgumentException.With.Message.Contains("value 0"));
        Assert.That(() => TableColumnData.Scaled<int>("X", [1, double.NaN], scale: 1),
            Throws.ArgumentException.With.Message.Contains("nullValue"), "NaN needs a TNULL");
        Assert.That(() => TableColumnData.Scaled<int>("X", [double.PositiveInfinity], scale: 1, nullValue: 0),
            Throws.ArgumentException.With.Message.Contains("infinite"));
        Assert.That(() => TableColumnData.Scaled<long>("X", [9.3e18], scale: 1),
            Throws.ArgumentException.With.Message.Contains("Int64"), "2^63 and more do not fit");
        Assert.That(() => TableColumnData.Scaled<float>("X", [1], scale: 1), Throws.TypeOf<NotSupportedException>());
        Assert.That(() => TableColumnData.Scaled<int>("X", [1], scale: 0), Throws.ArgumentException, "TSCAL 0");
        Assert.That(() => TableColumnData.Scaled<short>("X", [1], scale: 1, nullValue: 40000), Throws.InstanceOf<ArgumentException>(), "TNULL outside short");
        Assert.That(() => TableColumnData.Scaled<int>("X", [1, 9.75], scale: 0.25, zero: 10, nullValue: -1),
            Throws.ArgumentException.With.Message.Contains("value 1 (9.75) would be stored as -1"), "a value stored as TNULL would read back as null");
        Assert.That(() => TableColumnData.Scaled<int>("X", [1, 9.75], scale: 0.25, zero: 10).WithNull(-1),
            Throws.ArgumentException.With.Message.Contains("TNULL"), "also when the null value comes later");
        Assert.That(() => TableColumnData.Scaled<short>("X", [1, 2], scale: 0.5).WithScaling(2), Throws.ArgumentException.With.Message.Contains("already"));

        // A refused column leaves no file behind.
        using var folder = new TempDirectory();
        string path = folder.File("refused.fits");
        Assert.That(() =>
        {
            using var fits = FitsFile.Create(path);
            fits.AddTable([TableColumnData.Scaled<short>("X", [1e9], scale: 1)]);
            fits.Commit();
        }, Throws.ArgumentException);
        Assert.That(System.IO.File.Exists(path), Is.False);
    }

    [Test]
    public void Rows_appended_from_physical_values_are_scaled_as_the_first_ones()
    {
        using var folder = new TempDirectory();
        string path = folder.File("append.fits");
        double[] first = [1.04, 2.06, double.NaN];
        double[] more = [-7.25, double.NaN, 1000.01];
        using (var fits = FitsFile.Create(path))
        {
            using TableWriter writer = fits.BeginTable([TableColumnData.Scaled<short>("T", first, scale: 0.1, zero: 1, nullValue: short.MinValue)]);
            writer.WriteRows([TableColumnData.Scaled<short>("T", more, scale: 0.1, zero: 1, nullValue: short.MinValue)]);
            fits.Commit();
        }

        TableAstropy.AssertFitsverifyClean(path);
        using var read = FitsFile.Open(path);
        TableHdu table = read[1].AsTable();
        Assert.That(table.ReadColumn<short>("T", new ReadOptions { Raw = true }),
            Is.EqualTo(new short[] { 0, 11, short.MinValue, -83, short.MinValue, 9990 }));
    }

    /// <summary>CFITSIO's rule (putcoli.c and siblings): (value - zero) / scale, rounded half away from zero.</summary>
    private static long Stored(double value, double scale, double zero)
    {
        double scaled = (value - zero) / scale;
        return scaled >= 0 ? (long)(scaled + 0.5) : (long)(scaled - 0.5);
    }
}
