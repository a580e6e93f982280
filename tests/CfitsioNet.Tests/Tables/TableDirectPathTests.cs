using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Tables;

/// <summary>
/// The table direct path (row blocks gathered without CFITSIO) gives CFITSIO's bytes exactly: every golden table read
/// with the default options (direct, from the map on repeated reads), with the map always on, and by CFITSIO alone
/// (<see cref="FitsOpenOptions.CfitsioOnly"/>) must agree bit for bit, NaN payloads included, for whole tables,
/// single columns and row ranges at the edges.
/// </summary>
[TestFixture]
public sealed class TableDirectPathTests
{
    private static readonly FitsOpenOptions MapAlways = new() { MemoryMap = true };

    // Every read split into parts of a few rows on 4 threads, from positioned reads then the map, and from the map always.
    private static readonly FitsOpenOptions Parallel = new() { TableParallelMinimumBytes = 0, TableBlockBytes = 200, MaxDegreeOfParallelism = 4 };
    private static readonly FitsOpenOptions ParallelMapped = new() { TableParallelMinimumBytes = 0, TableBlockBytes = 200, MaxDegreeOfParallelism = 4, MemoryMap = true };

    [TestCaseSource(typeof(TablesGolden), nameof(TablesGolden.All))]
    public void Direct_reads_equal_CFITSIO_reads_bit_for_bit(GoldenTable golden)
    {
        using var cfitsio = FitsFile.Open(golden.Path, FitsOpenOptions.CfitsioOnly);
        TableHdu reference = cfitsio[golden.Hdu].AsTable();
        List<(long First, long Count)> ranges = [(0, golden.Rows)];
        if (golden.Rows > 2)
        {
            ranges.AddRange([(0, 1), (golden.Rows - 1, 1), (1, golden.Rows - 2)]);
        }

        foreach (FitsOpenOptions options in new[] { FitsOpenOptions.Default, MapAlways, Parallel, ParallelMapped })
        {
            using var fits = FitsFile.Open(golden.Path, options);
            TableHdu table = fits[golden.Hdu].AsTable();
            for (int repeat = 0; repeat < 2; repeat++) // the second read of a file goes to the map by default
            {
                foreach ((long first, long count) in ranges)
                {
                    TableChunk direct = table.Read(rows: RowRange.FromStart(first, count));
                    TableChunk expected = reference.Read(rows: RowRange.FromStart(first, count));
                    foreach (TableColumn column in expected.Columns.Where(c => !c.IsVariableLength))
                    {
                        string name = column.Name.Length == 0 ? $"col{column.Number}" : column.Name;
                        Assert.That(Bytes(direct.GetValues(name)), Is.EqualTo(Bytes(expected.GetValues(name))),
                                    $"{golden} {name} ({column.Format}) rows {first}+{count}, {Describe(options)} read {repeat}");
                        Assert.That(direct.GetNulls(name), Is.EqualTo(expected.GetNulls(name)));
                    }
                }
            }

            bool anyDirect = table.Columns.Any(c => !c.IsAscii && !c.IsVariableLength && c.Null is null
                                                    && c.Type is ColumnType.Int16 or ColumnType.Int32 or ColumnType.Int64 or ColumnType.Single or ColumnType.Double
                                                    && c.Scale == 1.0 && (c.Zero == 0.0 || c.NaturalType != typeof(double)));
            if (anyDirect && golden.Rows > 0)
            {
                Assert.That(fits.DirectReadCount, Is.GreaterThan(0), $"{golden}: the direct path served the plain numeric columns");
            }
        }

        Assert.That(cfitsio.DirectReadCount, Is.Zero);
    }

    // Found by the fuzzer (a gzipped MEF under a .fits name): CFITSIO decompresses a gzip file into memory whatever its
    // name, and its data offsets are offsets into that copy; the direct path read the compressed bytes at them. Stored
    // (uncompressed) deflate blocks make the file on disk longer than the FITS data, so a read there does not come up short.
    [TestCase("types.fits", "types-gzipped.fits")]
    [TestCase("types.fits", "types.fits.gz")]
    [TestCase("mef.fits", "mef-gzipped.fits")]
    public void A_gzip_file_is_read_by_CFITSIO_whatever_its_name(string source, string name)
    {
        string original = System.IO.Path.Combine(AppContext.BaseDirectory, "golden", "tables", source);
        using var directory = new TempDirectory();
        string path = directory.File(name);
        using (var output = System.IO.File.Create(path))
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.NoCompression))
        {
            gzip.Write(System.IO.File.ReadAllBytes(original));
        }

        using var reference = FitsFile.Open(original, FitsOpenOptions.CfitsioOnly);
        foreach (FitsOpenOptions options in new[] { FitsOpenOptions.Default, MapAlways, Parallel })
        {
            using var fits = FitsFile.Open(path, options);
            Assert.That(fits.HduCount, Is.EqualTo(reference.HduCount));
            int tables = 0;
            for (int hdu = 0; hdu < fits.HduCount; hdu++)
            {
                if (reference[hdu] is not TableHdu expectedTable)
                {
                    continue;
                }

                tables++;
                TableChunk expected = expectedTable.Read();
                TableChunk actual = fits[hdu].AsTable().Read();
                foreach (TableColumn column in expected.Columns.Where(c => !c.IsVariableLength))
                {
                    string columnName = column.Name.Length == 0 ? $"col{column.Number}" : column.Name;
                    Assert.That(Bytes(actual.GetValues(columnName)), Is.EqualTo(Bytes(expected.GetValues(columnName))),
                                $"{name} HDU {hdu} {columnName} ({column.Format}), {Describe(options)}");
                }
            }

            Assert.That(tables, Is.GreaterThan(0));
            Assert.That(fits.DirectReadCount, Is.Zero, "nothing is read from the compressed bytes on disk");
        }
    }

    [Test]
    public void Single_column_reads_use_the_direct_path_and_agree_with_CFITSIO()
    {
        GoldenTable golden = TablesGolden.Get("types.fits", 1);
        using var fits = FitsFile.Open(golden.Path);
        using var cfitsio = FitsFile.Open(golden.Path, FitsOpenOptions.CfitsioOnly);
        TableHdu table = fits[1].AsTable();
        TableHdu reference = cfitsio[1].AsTable();
        foreach (TableColumn column in table.Columns.Where(c => c.Format.EndsWith('D')))
        {
            int before = fits.DirectReadCount;
            double[] values = table.ReadColumn<double>(column.Name);
            Assert.That(fits.DirectReadCount, Is.EqualTo(before + 1), column.Name);
            Assert.That(MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), Is.EqualTo(MemoryMarshal.AsBytes(reference.ReadColumn<double>(column.Name).AsSpan()).ToArray()));
            using NativeBuffer<double> native = table.ReadColumnNative<double>(column.Name, 3..9);
            Assert.That(native.Span.ToArray(), Is.EqualTo(reference.ReadColumn<double>(column.Name, 3..9)));
        }

        // Not a byte move: read by CFITSIO, and the same values.
        string ints = table.Columns.First(c => c.Format == "J").Name;
        int count = fits.DirectReadCount;
        Assert.That(table.ReadColumn<double>(ints), Is.EqualTo(reference.ReadColumn<double>(ints)));
        Assert.That(fits.DirectReadCount, Is.EqualTo(count), "a conversion goes to CFITSIO");
    }

    private static string Describe(FitsOpenOptions options) =>
        (options.TableParallelMinimumBytes == 0 ? "parallel " : string.Empty) + (options.MemoryMap ? "mapped" : "default");

    private static byte[] Bytes(object values) => values switch
    {
        bool[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        sbyte[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        byte[] a => a,
        short[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        ushort[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        int[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        uint[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        long[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        ulong[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        float[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        double[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        Complex[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        string[] a => System.Text.Encoding.Latin1.GetBytes(string.Join("\u0001", a)),
        _ => throw new NotSupportedException(values.GetType().Name),
    };
}
