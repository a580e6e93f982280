using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;
using System.Threading;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Native;

/// <summary>The source fixes in native/patches/000N-*.patch, checked on the library we ship.</summary>
[TestFixture]
public sealed class CfitsioPatchTests
{
    [TestCase(CompressionAlgorithm.Gzip1)]
    [TestCase(CompressionAlgorithm.Gzip2)]
    public void A_truncated_gzip_tile_is_an_error_not_a_hang(CompressionAlgorithm algorithm)
    {
        using var directory = new TempDirectory();
        string path = directory.File("truncated-tile.fits");
        short[] pixels = new short[64 * 48];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (short)((i * 7919) % 30011);
        }

        using (var output = FitsFile.Create(path))
        {
            // One tile for the whole image, so the first row of the table describes it.
            output.AddImage<short>(pixels, [48, 64], new ImageWriteOptions
            {
                Compression = new ImageCompression(algorithm) { TileShape = [48, 64] },
            });
            output.Commit();
        }

        // Halve the tile's byte count in its heap descriptor (the first column's 1PB pointer: count, offset).
        byte[] bytes = File.ReadAllBytes(path);
        long descriptor = DataStartOfSecondHdu(bytes);
        int count = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan((int)descriptor));
        Assert.That(count, Is.GreaterThan(20), "the tile holds a gzip stream");
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan((int)descriptor), count / 2);
        File.WriteAllBytes(path, bytes);

        Exception? thrown = null;
        var reader = new Thread(() =>
        {
            try
            {
                using FitsFile fits = FitsFile.Open(path);
                fits[1].AsImage().Read<short>();
            }
            catch (Exception e)
            {
                thrown = e;
            }
        }) { IsBackground = true };
        reader.Start();

        // Unpatched CFITSIO 4.2.0 never returns from this read.
        Assert.That(reader.Join(TimeSpan.FromSeconds(60)), Is.True, "the read returned");
        Assert.That(thrown, Is.TypeOf<FitsException>());
        Assert.That(((FitsException)thrown!).HduIndex, Is.EqualTo(1));
    }

    [Test]
    public void The_hdu_after_a_table_with_a_heap_gap_is_found()
    {
        // Written by astropy, heap moved 3000 bytes past the table (tests/golden/tables/make_tables.py); astropy
        // reads three HDUs. Unpatched CFITSIO 4.2.0 looks for the third one a gap too far and finds two.
        using FitsFile fits = FitsFile.Open(Path.Combine(AppContext.BaseDirectory, "golden", "tables", "heap_gap_next_hdu.fits"));
        Assert.That(fits.HduCount, Is.EqualTo(3));
        ImageHdu after = fits[2].AsImage();
        Assert.That(after.Name, Is.EqualTo("AFTER"));
        Assert.That(after.Info.Shape, Is.EqualTo(new long[] { 3, 4 }));
        Assert.That(after.Read<short>(), Has.Length.EqualTo(12));
    }

    [TestCase(-1, TestName = "A_THEAP_inside_the_table_is_refused")]
    [TestCase(+1, TestName = "A_THEAP_past_the_data_unit_is_refused")]
    public void A_theap_outside_the_data_unit_is_refused(int side)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "golden", "tables", "heap_gap_next_hdu.fits"));
        string header = Encoding.ASCII.GetString(bytes);
        int card = header.IndexOf("THEAP   = ", StringComparison.Ordinal);
        Assert.That(card, Is.GreaterThan(0), "the golden table has a THEAP card");
        long naxis1 = CardValue(header, "NAXIS1  = ", card), naxis2 = CardValue(header, "NAXIS2  = ", card), pcount = CardValue(header, "PCOUNT  = ", card);
        long theap = side < 0 ? (naxis1 * naxis2) - 1 : (naxis1 * naxis2) + pcount + 1;
        Encoding.ASCII.GetBytes(theap.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(20)).CopyTo(bytes, card + 10);
        using var directory = new TempDirectory();
        string path = directory.File("bad-theap.fits");
        File.WriteAllBytes(path, bytes);

        FitsException? thrown = null;
        try
        {
            using FitsFile fits = FitsFile.Open(path);
            _ = fits[1].Header;
        }
        catch (FitsException e)
        {
            thrown = e;
        }

        Assert.That(thrown, Is.Not.Null, "the damaged table was accepted");
        Assert.That(thrown!.Status, Is.EqualTo(264), thrown.Message);
        Assert.That(thrown.Message, Does.Contain("THEAP"));
    }

    // Fix 7: ffgttb compared where it meant to assign, so a table whose NAXIS1 or NAXIS2 was bad (or
    // unreadable) came back as success, and ffbinit allocated and initialised a never-set number of columns.
    [TestCase("NAXIS1  = ", "-5", 213, TestName = "A_negative_NAXIS1_is_BAD_NAXES")]
    [TestCase("NAXIS2  = ", "-5", 213, TestName = "A_negative_NAXIS2_is_BAD_NAXES")]
    [TestCase("NAXIS1  = ", null, 207, TestName = "An_unreadable_NAXIS1_card_is_BAD_KEYCHAR_every_time")]
    public void A_table_header_with_a_bad_required_keyword_is_refused_the_same_way_every_time(string key, string? value, int status)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "golden", "tables", "heap_gap_next_hdu.fits"));
        string header = Encoding.ASCII.GetString(bytes);
        int card = header.IndexOf(key, header.IndexOf("XTENSION= 'BINTABLE'", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.That(card, Is.GreaterThan(2880), $"the golden table has a {key.Trim()} card");
        if (value is null)
        {
            // The card's bytes all 0xFF, as in tests/corpus/hang-30f8f4d3b7ff.fits (the fuzz case that found it).
            bytes.AsSpan(card, 80).Fill(0xFF);
        }
        else
        {
            Encoding.ASCII.GetBytes(value.PadLeft(20)).CopyTo(bytes, card + 10);
        }

        using var directory = new TempDirectory();
        string path = directory.File("bad-table-header.fits");
        File.WriteAllBytes(path, bytes);

        // Unpatched, the answer depended on what was on the stack: this status, 111 (a failed calloc), or success
        // after gigabytes of column structures. Several opens in one process must all give the same refusal.
        for (int attempt = 0; attempt < 4; attempt++)
        {
            FitsException? thrown = null;
            try
            {
                using FitsFile fits = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly);
                _ = fits[1].Header;
            }
            catch (FitsException e)
            {
                thrown = e;
            }

            Assert.That(thrown, Is.Not.Null, $"attempt {attempt}: the damaged table was accepted");
            Assert.That(thrown!.Status, Is.EqualTo(status), $"attempt {attempt}: {thrown.Message}");
            Assert.That(thrown.HduIndex, Is.EqualTo(1));
        }
    }

    // The integer value of the last card named `key` before `before` in a header read as text.
    private static long CardValue(string header, string key, int before)
    {
        int at = header.LastIndexOf(key, before, StringComparison.Ordinal);
        return long.Parse(header.AsSpan(at + 10, 20).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    // The byte offset where HDU 1's data begins: after the primary HDU and HDU 1's header (both end with END).
    private static long DataStartOfSecondHdu(byte[] bytes)
    {
        long offset = 0;
        int headersSeen = 0;
        while (offset + 80 <= bytes.Length)
        {
            string card = Encoding.ASCII.GetString(bytes, (int)offset, 8);
            offset += 80;
            if (card == "END     ")
            {
                offset = (offset + 2879) / 2880 * 2880;
                if (++headersSeen == 2)
                {
                    return offset;
                }

                // The primary has no data here (NAXIS = 0), so the next header starts right away.
            }
        }

        throw new InvalidDataException("No second header found.");
    }
}
