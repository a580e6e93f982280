using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Tables.Writing;

/// <summary>Tables written in row blocks in bounded memory, and rows and tables appended to existing files.</summary>
[TestFixture]
public sealed class TableStreamingAndUpdateTests
{
    private TempDirectory _folder = null!;

    [SetUp]
    public void MakeFolder() => _folder = new TempDirectory("tablewrite-stream");

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    private static double Value(long row, int element) => (row * 8) + element + 0.25;

    [Test]
    public void A_few_hundred_megabytes_written_in_blocks_keep_managed_memory_bounded()
    {
        const int blockRows = 65536;
        const int blocks = 48;                  // 48 x 64 Ki rows x (8 doubles + 1 long) = 226 MiB
        string path = _folder.File("big.fits");
        var cells = new double[blockRows * 8];
        var index = new long[blockRows];
        long largestHeap = 0;
        using (var fits = FitsFile.Create(path, overwrite: false, durable: false))
        {
            using (TableWriter writer = fits.BeginTable(
                [TableColumnData.Of("CELL", Array.Empty<double>(), cellShape: [8]), TableColumnData.Of("ROW", Array.Empty<long>())],
                new TableWriteOptions { Name = "BIG" }))
            {
                GC.Collect();
                long baseline = GC.GetTotalMemory(forceFullCollection: true);
                for (int b = 0; b < blocks; b++)
                {
                    long first = (long)b * blockRows;
                    for (int r = 0; r < blockRows; r++)
                    {
                        index[r] = first + r;
                        for (int e = 0; e < 8; e++)
                        {
                            cells[(r * 8) + e] = Value(first + r, e);
                        }
                    }

                    writer.WriteRows([TableColumnData.Of("CELL", cells, cellShape: [8]), TableColumnData.Of("ROW", index)]);
                    largestHeap = Math.Max(largestHeap, GC.GetTotalMemory(forceFullCollection: false) - baseline);
                }

                Assert.That(writer.RowCount, Is.EqualTo((long)blocks * blockRows));
            }

            fits.Commit();
        }

        // One block is 4.5 MiB: the writer must not hold the table (226 MiB) or copies of the blocks.
        Assert.That(largestHeap, Is.LessThan(32L << 20), $"managed memory grew by {largestHeap >> 20} MiB while writing");
        Assert.That(new FileInfo(path).Length, Is.GreaterThan(blocks * blockRows * 72L));

        long rows = (long)blocks * blockRows;
        using (var fits = FitsFile.Open(path))
        {
            TableHdu table = fits["BIG"].AsTable();
            Assert.That(table.RowCount, Is.EqualTo(rows));
            foreach (long row in new[] { 0L, blockRows - 1, blockRows, rows / 2, rows - 1 })
            {
                Assert.That(table.ReadColumn<long>("ROW", RowRange.FromStart(row, 1)), Is.EqualTo(new[] { row }));
                Assert.That(table.ReadColumn<double>("CELL", RowRange.FromStart(row, 1)), Is.EqualTo(Enumerable.Range(0, 8).Select(e => Value(row, e))));
            }
        }

        TableAstropy.AssertFitsverifyClean(path);
    }

    [Test]
    public void Rows_and_a_table_appended_in_update_mode_read_back_in_astropy()
    {
        string path = _folder.File("grow.fits");
        using (var fits = FitsFile.Create(path))
        {
            fits.AddImage<short>(new short[] { 1, 2, 3, 4 }, [2, 2]);
            fits.AddTable(
                [TableColumnData.Of("T", new[] { 1.0, 2.0 }, unit: "s"), TableColumnData.Of("NAME", ["a", "bb"], width: 4), TableColumnData.Variable("V", new int[]?[] { [1], [2, 3] }), TableColumnData.Of("U", new ushort[] { 1, 65535 })],
                new TableWriteOptions { Name = "EVENTS" });
            fits.AddImage<float>(new float[] { 9f }, [1], new ImageWriteOptions { Name = "AFTER" });
            fits.Commit();
        }

        using (var fits = FitsFile.OpenForUpdate(path))
        {
            TableHdu table = fits["EVENTS"].AsTable();
            Assert.That(table.Header.Get<long>("NAXIS2"), Is.EqualTo(2));
            long rows = fits.AppendRows(table,
                [TableColumnData.Of("T", new[] { 3.0, 4.0, 5.0 }), TableColumnData.Of("NAME", ["ccc", "", "dddd"]), TableColumnData.Variable("V", new int[]?[] { [], [4, 5, 6], null }), TableColumnData.Of("U", new ushort[] { 2, 3, 32768 })]);
            Assert.That(rows, Is.EqualTo(5));
            Assert.That(table.RowCount, Is.EqualTo(5));
            Assert.That(table.Header.Get<long>("NAXIS2"), Is.EqualTo(5), "the header read before is refreshed");
            Assert.That(table.ReadColumn<double>("T"), Is.EqualTo(new[] { 1.0, 2.0, 3.0, 4.0, 5.0 }));
            fits.AddTable([TableColumnData.Of("X", new[] { 7, 8 })], new TableWriteOptions { Name = "MORE" });
        }

        TableAstropy.AssertFitsverifyClean(path);
        using (var fits = FitsFile.Open(path))
        {
            Assert.That(fits.HduCount, Is.EqualTo(4));
            TableHdu table = fits["EVENTS"].AsTable();
            Assert.That(table.ReadStrings("NAME"), Is.EqualTo(new[] { "a", "bb", "ccc", "", "dddd" }));
            Assert.That(table.ReadColumn<ushort>("U"), Is.EqualTo(new ushort[] { 1, 65535, 2, 3, 32768 }));
            VariableLengthColumn<int> v = table.ReadVariable<int>("V");
            Assert.That(Enumerable.Range(0, 5).Select(r => v[r].ToArray()), Is.EqualTo(new[] { new[] { 1 }, [2, 3], [], [4, 5, 6], [] }));
            Assert.That(fits["AFTER"].AsImage().Read<float>(), Is.EqualTo(new[] { 9f }), "the HDU after the table moved intact");
            Assert.That(fits["MORE"].AsTable().ReadColumn<int>("X"), Is.EqualTo(new[] { 7, 8 }));
        }

        JsonElement events = TableAstropy.Read(path, "EVENTS");
        Assert.That(events.GetProperty("rows").GetInt32(), Is.EqualTo(5));
        JsonElement columns = events.GetProperty("columns");
        Assert.That(columns.GetProperty("T").GetProperty("values").EnumerateArray().Select(e => e.GetDouble()), Is.EqualTo(new[] { 1.0, 2.0, 3.0, 4.0, 5.0 }));
        Assert.That(columns.GetProperty("T").GetProperty("unit").GetString(), Is.EqualTo("s"));
        Assert.That(columns.GetProperty("NAME").GetProperty("values").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "a", "bb", "ccc", "", "dddd" }));
        Assert.That(columns.GetProperty("U").GetProperty("values").EnumerateArray().Select(e => e.GetInt64()), Is.EqualTo(new long[] { 1, 65535, 2, 3, 32768 }));
        Assert.That(
            columns.GetProperty("V").GetProperty("values").EnumerateArray().Select(e => e.EnumerateArray().Select(x => x.GetInt32()).ToArray()),
            Is.EqualTo(new[] { new[] { 1 }, [2, 3], [], [4, 5, 6], [] }));
        Assert.That(TableAstropy.Read(path, "MORE").GetProperty("columns").GetProperty("X").GetProperty("values").EnumerateArray().Select(e => e.GetInt32()), Is.EqualTo(new[] { 7, 8 }));
    }
}
