using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Tables;

/// <summary>
/// Regressions of the table fuzzer's findings: variable-length descriptors that point past the heap, or past the end
/// of the file under a PCOUNT claiming a terabyte, are FitsExceptions naming the file and row (they were an
/// OutOfMemoryException and an OverflowException). fitsverify, reading the same bytes, names the same descriptor.
/// </summary>
public sealed class TableHostileTests
{
    // vla.fits HDU 1: NAXIS1 = 100, 12 rows, a 3120-byte heap; VJ (1PJ(30)) is column 3, its descriptor at byte 16.
    private const int RowWidth = 100;
    private const int VjOffset = 16;

    [TestCase(1000, 0, TestName = "A descriptor of 1000 int32 values at heap offset 0 (4000 bytes > the 3120-byte heap)")]
    [TestCase(int.MaxValue, 0, TestName = "A descriptor of 2^31-1 values")]
    [TestCase(5, 3119, TestName = "A descriptor of 5 values starting at the heap's last byte")]
    [TestCase(2, int.MinValue, TestName = "A descriptor with a negative heap offset")]
    public void A_descriptor_past_the_heap_is_a_FitsException(int length, int offset)
    {
        using var temp = new TempDirectory();
        string path = temp.File("bad-descriptor.fits");
        byte[] bytes = File.ReadAllBytes(TablesGolden.PathOf("vla.fits"));
        int data = DataStart(bytes, 1);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(data + (2 * RowWidth) + VjOffset), length);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(data + (2 * RowWidth) + VjOffset + 4), offset);
        File.WriteAllBytes(path, bytes);

        // The independent reader: fitsverify finds this descriptor outside the heap.
        (int errors, _, string report) = HeaderTools.Verify(path);
        Assert.That(errors, Is.GreaterThan(0), report);
        Assert.That(report, Does.Contain("Descriptor of Column #3 at Row 3"), report);

        foreach (FitsOpenOptions options in new[] { FitsOpenOptions.Default, FitsOpenOptions.CfitsioOnly })
        {
            using var fits = FitsFile.Open(path, options);
            TableHdu table = fits[1].AsTable();
            FitsException? error = Assert.Throws<FitsException>(() => table.ReadVariable<int>("VJ"));
            Assert.That(error!.FileName, Is.EqualTo(path));
            Assert.That(error.Message, Does.Contain("row 3 of column 3"));
            Assert.Throws<FitsException>(() => table.ReadChunks(["VJ"], 5).ToList());
            Assert.Throws<FitsException>(() => table.Read());

            // The rows before it, and the other columns, still read as from the untouched file.
            using var golden = FitsFile.Open(TablesGolden.PathOf("vla.fits"), FitsOpenOptions.CfitsioOnly);
            TableHdu reference = golden[1].AsTable();
            Assert.That(table.ReadVariable<int>("VJ", 0..2).Values, Is.EqualTo(reference.ReadVariable<int>("VJ", 0..2).Values));
            Assert.That(table.ReadVariable<short>("VI").Values, Is.EqualTo(reference.ReadVariable<short>("VI").Values));
        }
    }

    [Test]
    public void A_heap_claimed_past_the_end_of_the_file_bounds_the_descriptors_by_the_file()
    {
        using var temp = new TempDirectory();
        string path = temp.File("huge-pcount.fits");
        byte[] bytes = File.ReadAllBytes(TablesGolden.PathOf("vla.fits"));
        int data = DataStart(bytes, 1);
        SetCard(bytes, 1, "PCOUNT", "1099511627776");
        // 2^30 int32 values inside the claimed terabyte heap, far past the end of the 20 KB file.
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(data + (2 * RowWidth) + VjOffset), 1 << 30);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(data + (2 * RowWidth) + VjOffset + 4), 0);
        File.WriteAllBytes(path, bytes);

        (int errors, _, string report) = HeaderTools.Verify(path);
        Assert.That(errors, Is.GreaterThan(0), report);
        try
        {
            using var fits = FitsFile.Open(path);
            TableHdu table = fits[1].AsTable();
            FitsException? error = Assert.Throws<FitsException>(() => table.ReadVariable<int>("VJ"));
            Assert.That(error!.FileName, Is.EqualTo(path));
            Assert.That(error.Message, Does.Contain("row 3 of column 3"));
        }
        catch (FitsException e)
        {
            Assert.That(e.FileName, Is.EqualTo(path)); // refused at open: also the promised answer
        }
    }

    private static int DataStart(byte[] bytes, int hdu)
    {
        int at = 0;
        for (int h = 0; ; h++)
        {
            int end = HeaderEnd(bytes, at);
            if (h == hdu)
            {
                return end;
            }

            long naxis1 = Card(bytes, at, "NAXIS1") ?? 0, naxis2 = Card(bytes, at, "NAXIS2") ?? 0, pcount = Card(bytes, at, "PCOUNT") ?? 0;
            long size = h == 0 ? 0 : (naxis1 * naxis2) + pcount;
            at = end + (int)((size + 2879) / 2880 * 2880);
        }
    }

    private static int HeaderEnd(byte[] bytes, int start)
    {
        for (int at = start; ; at += 80)
        {
            if (Encoding.ASCII.GetString(bytes, at, 8) == "END     ")
            {
                return ((at / 2880) + 1) * 2880;
            }
        }
    }

    private static long? Card(byte[] bytes, int start, string keyword)
    {
        for (int at = start; at < HeaderEnd(bytes, start); at += 80)
        {
            if (Encoding.ASCII.GetString(bytes, at, 8).TrimEnd() == keyword)
            {
                return long.Parse(Encoding.ASCII.GetString(bytes, at + 10, 70).Split('/')[0].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    private static void SetCard(byte[] bytes, int hdu, string keyword, string value)
    {
        int start = HeaderStart(bytes, hdu);
        for (int at = start; ; at += 80)
        {
            if (Encoding.ASCII.GetString(bytes, at, 8).TrimEnd() == keyword)
            {
                Encoding.ASCII.GetBytes((keyword.PadRight(8) + "= " + value.PadLeft(20)).PadRight(80), bytes.AsSpan(at, 80));
                return;
            }
        }
    }

    private static int HeaderStart(byte[] bytes, int hdu)
    {
        int data = DataStart(bytes, hdu);
        int at = data - 2880;
        while (Encoding.ASCII.GetString(bytes, at, 8) != "XTENSION")
        {
            at -= 2880;
        }

        return at;
    }
}
