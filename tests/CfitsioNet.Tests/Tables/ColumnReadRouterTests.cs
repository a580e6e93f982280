using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using CfitsioNet.Tables;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Tables;

/// <summary>
/// Each path of <see cref="ColumnReadRouter"/> on the columns it must take and those it must refuse, checked by the
/// direct-read counter, by which columns each path marked done, and by the values of a CFITSIO-only read of the same
/// file (<see cref="FitsOpenOptions.CfitsioOnly"/>).
/// </summary>
public sealed class ColumnReadRouterTests
{
    [Test]
    public void The_router_tries_the_direct_path_first_and_cfitsio_last()
    {
        Assert.That(ColumnReadRouter.Paths, Has.Length.EqualTo(2));
        Assert.That(ColumnReadRouter.Paths[0], Is.SameAs(DirectColumnPath.Instance));
        Assert.That(ColumnReadRouter.Paths[^1], Is.SameAs(CfitsioColumnPath.Instance));
    }

    [Test]
    public void Direct_path_takes_plain_numeric_columns_of_a_plain_file()
    {
        string path = TablesGolden.PathOf("types.fits");
        using FitsFile fits = FitsFile.Open(path);
        using FitsFile cfitsio = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly);
        TableHdu table = fits[1].AsTable();
        TableHdu reference = cfitsio[1].AsTable();

        var doubles = new double[table.RowCount];
        Assert.That(TryPath(DirectColumnPath.Instance, table, "F64", doubles), Is.True);
        Assert.That(fits.DirectReadCount, Is.EqualTo(1));
        Assert.That(doubles, Is.EqualTo(reference.ReadColumn<double>("F64")));

        // Null flags asked for a column without TNULL: the direct path serves the read and flags nothing.
        var ints = new int[table.RowCount * 24];
        bool[] nulls = Enumerable.Repeat(true, ints.Length).ToArray();
        Assert.That(TryPath(DirectColumnPath.Instance, table, "I32C", ints, nulls), Is.True);
        Assert.That(ints, Is.EqualTo(reference.ReadColumn<int>("I32C")));
        Assert.That(nulls, Has.All.False);
        Assert.That(fits.DirectReadCount, Is.EqualTo(2));

        // The unsigned convention (TZERO 32768) is a swap and a sign flip: still a byte move.
        string scaledPath = TablesGolden.PathOf("scaled.fits");
        using FitsFile scaled = FitsFile.Open(scaledPath);
        using FitsFile scaledReference = FitsFile.Open(scaledPath, FitsOpenOptions.CfitsioOnly);
        TableHdu unsigned = scaled[1].AsTable();
        var u16 = new ushort[unsigned.RowCount];
        Assert.That(TryPath(DirectColumnPath.Instance, unsigned, "U16", u16), Is.True);
        Assert.That(u16, Is.EqualTo(scaledReference[1].AsTable().ReadColumn<ushort>("U16")));
        Assert.That(scaled.DirectReadCount, Is.EqualTo(1));
    }

    [Test]
    public void Direct_path_refuses_scaled_converted_null_ascii_and_logical_columns()
    {
        using FitsFile scaled = FitsFile.Open(TablesGolden.PathOf("scaled.fits"));
        TableHdu table = scaled[1].AsTable();
        Assert.That(TryPath(DirectColumnPath.Instance, table, "I16S", new double[table.RowCount]), Is.False, "TSCAL 0.25");
        Assert.That(TryPath(DirectColumnPath.Instance, table, "I32N", new double[table.RowCount]), Is.False, "TNULL into double: NaN for nulls");
        Assert.That(TryPath(DirectColumnPath.Instance, table, "I32N", new int[table.RowCount], new bool[table.RowCount]), Is.False, "TNULL with flags");
        Assert.That(scaled.DirectReadCount, Is.Zero);

        using FitsFile types = FitsFile.Open(TablesGolden.PathOf("types.fits"));
        TableHdu binary = types[1].AsTable();
        Assert.That(TryPath(DirectColumnPath.Instance, binary, "I32", new double[binary.RowCount]), Is.False, "a conversion");
        Assert.That(TryPath(DirectColumnPath.Instance, binary, "FLAG", new bool[binary.RowCount]), Is.False, "a logical column");
        Assert.That(types.DirectReadCount, Is.Zero);

        using FitsFile ascii = FitsFile.Open(TablesGolden.PathOf("ascii.fits"));
        TableHdu text = ascii[1].AsTable();
        Assert.That(TryPath(DirectColumnPath.Instance, text, "E", new double[text.RowCount]), Is.False, "an ASCII table");
        Assert.That(ascii.DirectReadCount, Is.Zero);
    }

    [Test]
    public void Direct_path_refuses_cfitsio_only_files_and_gzip_files()
    {
        string path = TablesGolden.PathOf("types.fits");
        using (FitsFile cfitsio = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly))
        {
            TableHdu table = cfitsio[1].AsTable();
            Assert.That(TryPath(DirectColumnPath.Instance, table, "F64", new double[table.RowCount]), Is.False);
            Assert.That(cfitsio.DirectReadCount, Is.Zero);
        }

        // CFITSIO reads a gzip file from its decompressed copy, whatever its name: the bytes on disk are not the rows.
        using var directory = new TempDirectory();
        foreach (string name in new[] { "types.fits.gz", "types-gzipped.fits" })
        {
            string gzipped = directory.File(name);
            using (FileStream output = File.Create(gzipped))
            using (var gzip = new GZipStream(output, CompressionLevel.NoCompression))
            {
                gzip.Write(File.ReadAllBytes(path));
            }

            using FitsFile fits = FitsFile.Open(gzipped);
            TableHdu table = fits[1].AsTable();
            Assert.That(TryPath(DirectColumnPath.Instance, table, "F64", new double[table.RowCount]), Is.False, name);
            Assert.That(table.ReadColumn<double>("F64"), Has.Length.EqualTo(table.RowCount), $"{name}: the router sends it to CFITSIO");
            Assert.That(fits.DirectReadCount, Is.Zero, name);
        }
    }

    [Test]
    public void Cfitsio_path_takes_every_column_and_the_router_sends_it_what_the_direct_path_refuses()
    {
        string path = TablesGolden.PathOf("types.fits");
        using FitsFile fits = FitsFile.Open(path);
        using FitsFile cfitsio = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly);
        TableHdu table = fits[1].AsTable();
        TableHdu reference = cfitsio[1].AsTable();

        var doubles = new double[table.RowCount];
        Assert.That(TryPath(CfitsioColumnPath.Instance, table, "F64", doubles), Is.True);
        Assert.That(doubles, Is.EqualTo(reference.ReadColumn<double>("F64")));
        Assert.That(fits.DirectReadCount, Is.Zero);

        // Through the public API: a conversion is CFITSIO's, the natural type direct.
        Assert.That(table.ReadColumn<double>("I32"), Is.EqualTo(reference.ReadColumn<double>("I32")));
        Assert.That(fits.DirectReadCount, Is.Zero);
        Assert.That(table.ReadColumn<int>("I32"), Is.EqualTo(reference.ReadColumn<int>("I32")));
        Assert.That(fits.DirectReadCount, Is.EqualTo(1));
    }

    [TestCase("types.fits", new[] { "F64", "I32", "TEXT", "FLAG", "BIT13", "C128" }, new[] { true, true, false, false, false, true })]
    [TestCase("scaled.fits", new[] { "U16", "I16S", "I32N", "S8", "F32S" }, new[] { true, false, false, true, false })]
    [TestCase("vla.fits", new[] { "VJ", "ID", "VA", "QD" }, new[] { false, true, false, false })]
    [TestCase("ascii.fits", new[] { "NAME", "I10", "D" }, new[] { false, false, false })]
    public void A_chunk_is_shared_the_direct_path_gathers_what_it_can_and_cfitsio_reads_the_rest(string file, string[] names, bool[] direct)
    {
        string path = TablesGolden.PathOf(file);
        using FitsFile fits = FitsFile.Open(path);
        using FitsFile cfitsio = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly);
        TableHdu table = fits[1].AsTable();
        int rows = (int)table.RowCount;
        ColumnSlot[] slots = names.Select(name => ColumnSlot.Create(table, table.Columns[name], rows)).ToArray();
        ColumnTarget[] targets = slots.Select(slot => new ColumnTarget(slot)).ToArray();
        var done = new bool[targets.Length];
        bool complete;
        lock (fits.Sync)
        {
            var read = new ColumnReadContext(table, new ColumnReadRequest(targets, 0, rows), done);
            complete = DirectColumnPath.Instance.TryRead(ref read);
            Assert.That(done, Is.EqualTo(direct), "the columns the direct path served");
            Assert.That(complete, Is.EqualTo(direct.All(d => d)));
            Assert.That(CfitsioColumnPath.Instance.TryRead(ref read), Is.True);
        }

        Assert.That(done, Has.All.True);
        Assert.That(fits.DirectReadCount, Is.EqualTo(direct.Any(d => d) ? 1 : 0), "one direct pass for all of them");
        TableChunk expected = cfitsio[1].AsTable().Read(names);
        for (int i = 0; i < names.Length; i++)
        {
            AssertSameValues(slots[i].Values, expected.GetValues(names[i]), $"{file} {names[i]}");
            Assert.That(slots[i].Nulls, Is.EqualTo(expected.GetNulls(names[i])), $"{file} {names[i]} null flags");
        }

        // The public chunk read goes the same way.
        TableChunk chunk = table.Read(names);
        for (int i = 0; i < names.Length; i++)
        {
            AssertSameValues(chunk.GetValues(names[i]), expected.GetValues(names[i]), $"{file} {names[i]} by TableHdu.Read");
        }
    }

    [Test]
    public void A_detached_chunk_reused_for_a_read_is_filled_through_the_direct_path()
    {
        using FitsFile fits = FitsFile.Open(TablesGolden.PathOf("types.fits"));
        using FitsFile cfitsio = FitsFile.Open(TablesGolden.PathOf("types.fits"), FitsOpenOptions.CfitsioOnly);
        TableHdu table = fits[1].AsTable();
        string[] names = ["F64", "I64V", "TEXT"];
        TableChunk kept = table.Read(names, RowRange.FromStart(0, 10)).Detach();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        int before = fits.DirectReadCount;
        TableChunk again = table.Read(names, RowRange.FromStart(10, 10), reuse: kept);
        Assert.That(again.GetValues("F64"), Is.SameAs(kept.GetValues("F64")), "the detached chunk's arrays were reused");
        Assert.That(fits.DirectReadCount, Is.EqualTo(before + 1));
        TableChunk expected = cfitsio[1].AsTable().Read(names, RowRange.FromStart(10, 10));
        foreach (string name in names)
        {
            AssertSameValues(again.GetValues(name), expected.GetValues(name), name);
        }
    }

    [Test]
    public void An_empty_read_of_a_disposed_file_still_says_it_is_disposed()
    {
        FitsFile fits = FitsFile.Open(TablesGolden.PathOf("types.fits"));
        TableHdu table = fits[1].AsTable();
        Assert.That(table.ReadColumn<double>("F64", RowRange.FromStart(0, 0)), Is.Empty);
        fits.Dispose();
        Assert.Throws<ObjectDisposedException>(() => table.ReadColumn<double>("F64", RowRange.FromStart(0, 0)));
        Assert.Throws<ObjectDisposedException>(() => table.Read(["F64", "I32"], RowRange.FromStart(0, 0)));
        Assert.Throws<ObjectDisposedException>(() => table.ReadColumn<double>("F64"));
    }

    private static unsafe bool TryPath<T>(IColumnReadPath path, TableHdu table, string name, T[] destination, bool[]? nulls = null)
        where T : unmanaged
    {
        TableColumn column = table.Columns[name];
        ColumnReader.Plan plan = ColumnReader.PlanRead<T>(table, column, table.Schema.NaturalPixels[column.Number - 1], default, variable: false);
        Span<bool> done = stackalloc bool[1];
        fixed (T* values = destination)
        fixed (bool* flags = nulls)
        {
            var target = new ColumnTarget(column, plan, values, flags);
            lock (table.File.Sync)
            {
                var read = new ColumnReadContext(table, new ColumnReadRequest(new ReadOnlySpan<ColumnTarget>(in target), 0, table.RowCount), done);
                bool served = path.TryRead(ref read);
                Assert.That(done[0], Is.EqualTo(served));
                return served;
            }
        }
    }

    private static void AssertSameValues(object actual, object expected, string what)
    {
        switch (actual)
        {
            case VariableLengthColumn<int> arrays:
                var other = (VariableLengthColumn<int>)expected;
                Assert.That(arrays.Offsets, Is.EqualTo(other.Offsets), what);
                Assert.That(arrays.Values, Is.EqualTo(other.Values), what);
                break;
            case VariableLengthColumn<double> arrays:
                var others = (VariableLengthColumn<double>)expected;
                Assert.That(arrays.Offsets, Is.EqualTo(others.Offsets), what);
                Assert.That(arrays.Values, Is.EqualTo(others.Values), what);
                break;
            default:
                Assert.That(actual.GetType(), Is.EqualTo(expected.GetType()), what);
                Assert.That(actual, Is.EqualTo(expected), what);
                break;
        }
    }
}
