using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Tables;

/// <summary>
/// 64-bit row counts: a sparse binary table of 2^32 + 7 one-byte rows (a 4.3 GB file that takes a few blocks of disk),
/// NAXIS2 past both 2^31 and 2^32. RowCount, reads of the last rows and of rows across the 2^31 and 2^32 boundaries,
/// and ReadChunks (every row exactly once, in order, with 64-bit StartRow) agree with CFITSIO alone and with astropy.
/// </summary>
[NonParallelizable]
public sealed class TableLargeRowCountTests
{
    private const long Rows = (1L << 32) + 7;

    // Rows holding non-zero markers (the rest of the file is a hole of zeros).
    private static readonly long[] s_marked = [0, 1, (1L << 31) - 1, 1L << 31, (1L << 32) - 1, 1L << 32, Rows - 2, Rows - 1];

    private static byte Marker(long row) => (byte)(1 + (row % 251));

    [Test]
    public void A_table_of_more_than_2_to_the_32_rows_reads_its_last_rows_and_streams_every_row_once()
    {
        using var temp = new TempDirectory();
        string path = temp.File("sparse-rows.fits");
        long dataStart = WriteSparseTable(path);

        using var fits = FitsFile.Open(path);
        using var cfitsio = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly);
        TableHdu table = fits[1].AsTable();
        TableHdu reference = cfitsio[1].AsTable();
        Assert.That(table.RowCount, Is.EqualTo(Rows));
        Assert.That(reference.RowCount, Is.EqualTo(Rows));

        foreach (long row in s_marked)
        {
            long first = Math.Max(0, row - 2);
            long count = Math.Min(Rows, row + 3) - first;
            byte[] expected = Expected(first, count);
            Assert.That(table.ReadColumn<byte>("V", RowRange.FromStart(first, count)), Is.EqualTo(expected), $"rows {first}+{count}");
            Assert.That(reference.ReadColumn<byte>("V", RowRange.FromStart(first, count)), Is.EqualTo(expected), $"CFITSIO rows {first}+{count}");
        }

        Assert.That(table.ReadColumn<byte>("V", ^3..), Is.EqualTo(Expected(Rows - 3, 3)));

        // Streaming across both boundaries: 2^31 - 5000 .. 2^31 + 5000 and the last 70,000 rows, in odd-sized chunks.
        foreach ((long first, long count) in new[] { ((1L << 31) - 5000, 10_000L), (Rows - 70_000, 70_000L) })
        {
            long next = first;
            var seen = new List<byte>();
            foreach (TableChunk chunk in table.ReadChunks(["V"], 4093, RowRange.FromStart(first, count)))
            {
                Assert.That(chunk.StartRow, Is.EqualTo(next));
                next += chunk.RowCount;
                seen.AddRange(chunk.Get<byte>("V"));
            }

            Assert.That(next, Is.EqualTo(first + count), "every row exactly once");
            Assert.That(seen.ToArray(), Is.EqualTo(Expected(first, count)));
        }

        // The independent reader: astropy sees the same row count and the same last rows (memory-mapped, lazily).
        HeaderTools.RequireAstropy();
        (int code, string output) = HeaderTools.Run(HeaderTools.SystemPython,
            $"-c \"from astropy.io import fits; h = fits.open('{path}', memmap=True); d = h[1].data; print(h[1].header['NAXIS2'], len(d), list(d['V'][-3:]), list(d['V'][{(1L << 32) - 1}:{(1L << 32) + 1}]))\"",
            stdoutOnly: true);
        Assert.That(code, Is.Zero, output);
        string expectedLine = $"{Rows} {Rows} [{string.Join(", ", Expected(Rows - 3, 3))}] [{string.Join(", ", Expected((1L << 32) - 1, 2))}]";
        Assert.That(output.Trim().Replace("np.uint8(", "").Replace(")", ""), Is.EqualTo(expectedLine));
        Assert.That(dataStart, Is.EqualTo(2 * 2880));
    }

    private static byte[] Expected(long first, long count)
    {
        var values = new byte[count];
        foreach (long row in s_marked)
        {
            if (row >= first && row < first + count)
            {
                values[row - first] = Marker(row);
            }
        }

        return values;
    }

    /// <summary>An empty primary, then a BINTABLE of one 1-byte column V with <see cref="Rows"/> rows; data a hole but for the markers.</summary>
    private static long WriteSparseTable(string path)
    {
        string[] primary = ["SIMPLE  =                    T", "BITPIX  =                    8", "NAXIS   =                    0", "EXTEND  =                    T"];
        string[] table =
        [
            "XTENSION= 'BINTABLE'", "BITPIX  =                    8", "NAXIS   =                    2", "NAXIS1  =                    1",
            $"NAXIS2  = {Rows,20}", "PCOUNT  =                    0", "GCOUNT  =                    1", "TFIELDS =                    1",
            "TTYPE1  = 'V       '", "TFORM1  = 'B       '",
        ];
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        stream.Write(Header(primary));
        stream.Write(Header(table));
        long dataStart = stream.Position;
        stream.SetLength(dataStart + ((Rows + 2879) / 2880 * 2880));
        foreach (long row in s_marked)
        {
            stream.Position = dataStart + row;
            stream.WriteByte(Marker(row));
        }

        return dataStart;
    }

    private static byte[] Header(string[] cards)
    {
        var text = new StringBuilder();
        foreach (string card in cards.Append("END"))
        {
            text.Append(card.PadRight(80));
        }

        while (text.Length % 2880 != 0)
        {
            text.Append(' ');
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
