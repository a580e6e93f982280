using System;
using System.Collections.Generic;
using System.Linq;
using CfitsioNet.Tables;
using NUnit.Framework;

namespace CfitsioNet.Tests.Tables;

/// <summary>
/// The gather kernel against a plain reference (reverse each element's bytes, XOR the sign bit) on random rows, for
/// every element size, cell size around the vector widths, offset, sign flip and row count around the gather
/// widths. Every mode is compared in one run (<see cref="GatherMode"/>); the suite also passes with
/// DOTNET_EnableAVX512F=0, DOTNET_EnableAVX2=0 and DOTNET_EnableHWIntrinsic=0, which select the other paths.
/// </summary>
[TestFixture]
public sealed class ColumnGatherTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (int size in new[] { 1, 2, 4, 8 })
        {
            foreach (int count in new[] { 0, 1, 2, 3, 4, 5, 8, 9, 16, 17, 33 })
            {
                foreach (bool flip in new[] { false, true })
                {
                    yield return new TestCaseData(size, count, flip).SetName($"Gather({size}x{count}{(flip ? ", flip" : "")})");
                }
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Gather_equals_the_reference(int size, int count, bool flip)
    {
        var random = new Random((size * 1000) + (count * 10) + (flip ? 1 : 0));
        int cell = size * count;
        foreach (int before in new[] { 0, 1, 3, 7 })
        {
            foreach (int after in new[] { 0, 2, 5, 64 })
            {
                int rowWidth = before + cell + after;
                if (rowWidth == 0)
                {
                    continue;
                }

                foreach (int rows in new[] { 0, 1, 3, 4, 7, 8, 9, 15, 16, 17, 63, 67 })
                {
                    byte[] block = new byte[rows * rowWidth];
                    random.NextBytes(block);
                    var column = new GatherColumn(before, size, count, flip);
                    byte[] expected = Reference(block, rowWidth, column);
                    foreach (GatherMode mode in Enum.GetValues<GatherMode>())
                    {
                        byte[] got = new byte[rows * cell + 3];
                        got.AsSpan().Fill(0xEE);
                        ColumnGather.Gather(block, rowWidth, column, got, mode);
                        Assert.That(got.AsSpan(0, rows * cell).ToArray(), Is.EqualTo(expected),
                                    $"offset {before}, row {rowWidth} bytes, {rows} rows, {mode}");
                        Assert.That(got.AsSpan(rows * cell).ToArray(), Is.All.EqualTo(0xEE), "bytes past the cells written");
                    }
                }
            }
        }
    }

    [Test]
    public void A_one_column_table_is_swapped_in_one_pass()
    {
        // cell == row width: the contiguous path, misaligned source and destination.
        byte[] block = new byte[8 * 1001 + 1];
        new Random(5).NextBytes(block);
        var column = new GatherColumn(0, 8, 1, true);
        byte[] expected = Reference(block.AsSpan(1).ToArray(), 8, column);
        byte[] got = new byte[8 * 1001 + 1];
        ColumnGather.Gather(block.AsSpan(1), 8, column, got.AsSpan(1), GatherMode.Streaming);
        Assert.That(got.AsSpan(1).ToArray(), Is.EqualTo(expected));
    }

    [Test]
    public void Several_columns_of_one_block()
    {
        const int rowWidth = 120;       // the Investigate table's row: 8 D, 8 E, 2 J, 2 K
        const int rows = 999;
        byte[] block = new byte[rows * rowWidth];
        new Random(6).NextBytes(block);
        GatherColumn[] columns = [new(0, 8, 1, false), new(64, 4, 1, false), new(96, 4, 1, true), new(104, 8, 1, true), new(8, 8, 7, false)];
        byte[][] outputs = columns.Select(c => new byte[rows * c.CellBytes]).ToArray();
        unsafe
        {
            fixed (byte* source = block)
            fixed (byte* d0 = outputs[0])
            fixed (byte* d1 = outputs[1])
            fixed (byte* d2 = outputs[2])
            fixed (byte* d3 = outputs[3])
            fixed (byte* d4 = outputs[4])
            {
                ColumnGather.GatherBlock(source, rowWidth, rows, columns, [(nint)d0, (nint)d1, (nint)d2, (nint)d3, (nint)d4]);
            }
        }

        for (int c = 0; c < columns.Length; c++)
        {
            Assert.That(outputs[c], Is.EqualTo(Reference(block, rowWidth, columns[c])), $"column {c}");
        }
    }

    [Test]
    public void Columns_outside_the_row_and_short_destinations_are_refused()
    {
        byte[] block = new byte[100];
        Assert.Throws<ArgumentException>(() => ColumnGather.Gather(block, 10, new GatherColumn(4, 4, 2, false), new byte[100]));
        Assert.Throws<ArgumentException>(() => ColumnGather.Gather(block, 10, new GatherColumn(-1, 4, 1, false), new byte[100]));
        Assert.Throws<ArgumentException>(() => ColumnGather.Gather(block, 10, new GatherColumn(0, 3, 1, false), new byte[100]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ColumnGather.Gather(block, 0, new GatherColumn(0, 4, 1, false), new byte[100]));
        var e = Assert.Throws<ArgumentException>(() => ColumnGather.Gather(block, 10, new GatherColumn(0, 4, 2, false), new byte[79]))!;
        Assert.That(e.Message, Does.Contain("10 cells of 8 bytes need 80"));
    }

    [TestCase('B', 0.0, false)]
    [TestCase('B', -128.0, true)]
    [TestCase('I', 32768.0, true)]
    [TestCase('J', 2147483648.0, true)]
    [TestCase('K', 9223372036854775808.0, true)]
    [TestCase('E', 0.0, false)]
    [TestCase('D', 0.0, false)]
    public void Natural_reads_that_are_byte_moves(char type, double zero, bool flip)
    {
        TableLayout layout = TableLayout.CreateBinary(["3" + type], [], 3 * BinaryColumnFormat.ElementSizeOf((BinaryElementType)type), null, null);
        GatherColumn? column = GatherColumn.ForNaturalRead(layout.Columns[0], 1.0, zero);
        Assert.That(column, Is.EqualTo(new GatherColumn(0, BinaryColumnFormat.ElementSizeOf((BinaryElementType)type), 3, flip)));
    }

    [TestCase("C", 1.0, 0.0, 4, 2)]
    [TestCase("2M", 1.0, 0.0, 8, 4)]
    public void Complex_columns_are_pairs_of_reals(string tform, double scale, double zero, int size, int count)
    {
        TableLayout layout = TableLayout.CreateBinary([tform], [], size * count, null, null);
        Assert.That(GatherColumn.ForNaturalRead(layout.Columns[0], scale, zero), Is.EqualTo(new GatherColumn(0, size, count, false)));
    }

    [TestCase("I", 0.5, 0.0)]        // scaled: arithmetic, not a byte move
    [TestCase("J", 1.0, 7.0)]
    [TestCase("I", 1.0, 32767.0)]    // close to the convention is not the convention
    [TestCase("E", 1.0, 0.5)]
    [TestCase("K", 1.0, 9223372036854774784.0)]
    [TestCase("L", 1.0, 0.0)]        // 'T'/'F' become 1/0 in CFITSIO's reads
    [TestCase("8X", 1.0, 0.0)]
    [TestCase("5A", 1.0, 0.0)]
    [TestCase("PJ", 1.0, 0.0)]
    public void Other_columns_are_not_natural_byte_moves(string tform, double scale, double zero)
    {
        Assert.That(TformParser.TryParseBinary(tform, out BinaryColumnFormat format, out _), Is.True);
        TableLayout layout = TableLayout.CreateBinary([tform], [], format.FieldWidth, null, null);
        Assert.That(GatherColumn.ForNaturalRead(layout.Columns[0], scale, zero), Is.Null);
        Assert.That(GatherColumn.ForRawBytes(layout.Columns[0]), Is.EqualTo(new GatherColumn(0, 1, (int)format.FieldWidth, false)));
    }

    // Reverses each element's bytes, XORs the top bit of its first stored byte (the sign bit after the swap).
    private static byte[] Reference(byte[] block, int rowWidth, GatherColumn column)
    {
        int rows = block.Length / rowWidth;
        int cell = (int)column.CellBytes;
        var result = new byte[rows * cell];
        for (int r = 0; r < rows; r++)
        {
            for (int k = 0; k < column.ElementsPerRow; k++)
            {
                int from = (r * rowWidth) + column.Offset + (k * column.ElementSize);
                int to = (r * cell) + (k * column.ElementSize);
                for (int b = 0; b < column.ElementSize; b++)
                {
                    result[to + b] = block[from + column.ElementSize - 1 - b];
                }

                if (column.FlipSign)
                {
                    result[to + column.ElementSize - 1] ^= 0x80;
                }
            }
        }

        return result;
    }
}
