using System;
using System.Globalization;
using System.IO;
using System.Text;
using CfitsioNet.Tests.Support;
using NUnit.Framework;
using static CfitsioNet.Tests.Support.ReadingFiles;

namespace CfitsioNet.Tests;

/// <summary>
/// Broken files, written byte by byte here: each must give a <see cref="FitsException"/> that names the file and the
/// HDU, never a crash or a silent wrong value.
/// </summary>
[TestFixture]
public sealed class BadInputTests
{
    private TempDirectory _folder = null!;

    [OneTimeSetUp]
    public void CreateFolder() => _folder = new TempDirectory();

    [OneTimeTearDown]
    public void DeleteFolder() => _folder.Dispose();

    private static FitsException AssertNames(FitsException error, string path, int hdu)
    {
        Assert.That(error.FileName, Is.EqualTo(path));
        Assert.That(error.HduIndex, Is.EqualTo(hdu));
        Assert.That(error.Message, Does.Contain(Path.GetFileName(path)).And.Contain($"HDU {hdu}"));
        return error;
    }

    /// <summary>The same broken image header as the primary HDU, and as an extension after a good primary.</summary>
    private void AssertBrokenHeader(string name, int bitpix, string[] axisCards, int expectedStatus)
    {
        var primaryCards = new System.Collections.Generic.List<string> { Card("SIMPLE", true), Card("BITPIX", bitpix), Card("NAXIS", 2) };
        primaryCards.AddRange(axisCards);
        string primary = _folder.Write(name + "_primary.fits", Concat(Header(primaryCards), Data(new byte[100])));
        FitsException atOpen = Assert.Throws<FitsException>(() => FitsFile.Open(primary))!;
        Assert.That(AssertNames(atOpen, primary, 0).Status, Is.EqualTo(expectedStatus));

        var extensionCards = new System.Collections.Generic.List<string> { Card("XTENSION", "IMAGE"), Card("BITPIX", bitpix), Card("NAXIS", 2) };
        extensionCards.AddRange(axisCards);
        extensionCards.Add(Card("PCOUNT", 0));
        extensionCards.Add(Card("GCOUNT", 1));
        string extension = _folder.Write(name + "_extension.fits", Concat(EmptyPrimary(), Header(extensionCards), Data(new byte[100])));
        using var fits = FitsFile.Open(extension);
        Assert.That(fits.HduCount, Is.EqualTo(2), "the broken HDU is counted, so that reaching it reports the problem");
        FitsException atMove = Assert.Throws<FitsException>(() => _ = fits[1])!;
        Assert.That(AssertNames(atMove, extension, 1).Status, Is.EqualTo(expectedStatus));
        Assert.That(fits.Primary.Info.Rank, Is.Zero, "the good HDU is still usable");
    }

    [Test]
    public void Missing_NAXISn() => AssertBrokenHeader("missing_naxis2", 16, [Card("NAXIS1", 10)], expectedStatus: 224);

    [Test]
    public void Invalid_BITPIX() => AssertBrokenHeader("bitpix12", 12, [Card("NAXIS1", 10), Card("NAXIS2", 2)], expectedStatus: 211);

    [Test]
    public void Negative_axis_length() => AssertBrokenHeader("negative_axis", 16, [Card("NAXIS1", -5), Card("NAXIS2", 3)], expectedStatus: 213);

    [Test]
    public void File_shorter_than_its_header_claims()
    {
        // 100 x 100 shorts need 20000 bytes; one block (1440 pixels, rows 0..13 and part of 14) is present.
        string path = _folder.Write("short.fits", Concat(Header(ImageCards(16, [100, 100])), Data(BigEndian(1, 2, 3))));
        using var fits = FitsFile.Open(path);
        ImageHdu image = fits.Primary;
        Assert.That(image.Info.Shape, Is.EqualTo(new long[] { 100, 100 }));
        AssertNames(Assert.Throws<FitsException>(() => image.Read<short>())!, path, 0);
        AssertNames(Assert.Throws<FitsException>(() => image.ReadRegion<short>([90, 0], [100, 10]))!, path, 0);
        AssertNames(Assert.Throws<FitsException>(() => image.ReadRows<float>(99, 1))!, path, 0);
        Assert.That(image.ReadRegion<short>([0, 0], [2, 3]), Is.EqualTo(new short[] { 1, 2, 3, 0, 0, 0 }), "what is there still reads");

        string headerOnly = _folder.Write("header_only.fits", Header(ImageCards(16, [100, 100])));
        using var empty = FitsFile.Open(headerOnly);
        AssertNames(Assert.Throws<FitsException>(() => empty.Primary.Read<short>())!, headerOnly, 0);

        string cut = _folder.Write("cut_header.fits", Encoding.ASCII.GetBytes(Card("SIMPLE", true) + Card("BITPIX", 16)));
        AssertNames(Assert.Throws<FitsException>(() => FitsFile.Open(cut))!, cut, 0);
    }

    [Test]
    public void Axis_lengths_whose_product_overflows_are_refused_before_any_native_read()
    {
        string path = _folder.Write("overflow.fits", Concat(Header(ImageCards(64, [10_000_000_000, 10_000_000_000, 10_000_000_000])), Data(new byte[8])));
        // Refused by the header scan at Open (reliability), or at the latest when the geometry is read.
        FitsException error = AssertNames(Assert.Throws<FitsException>(() =>
        {
            using var fits = FitsFile.Open(path);
            _ = fits.Primary.Info;
        })!, path, 0);
        Assert.That(error.Message, Does.Contain("2^63 bytes").Or.Contain("overflows 64 bits"));
    }

    [Test]
    public void An_axis_far_larger_than_the_file_fails_cleanly()
    {
        const long length = 1L << 62;
        string path = _folder.Write("huge_axis.fits", Concat(Header(ImageCards(8, [length])), Data(new byte[10])));
        using var fits = FitsFile.Open(path);
        Assert.That(fits.Primary.Info.ElementCount, Is.EqualTo(length));
        Assert.That(() => fits.Primary.Read<byte>(), Throws.TypeOf<NotSupportedException>());
        AssertNames(Assert.Throws<FitsException>(() => fits.Primary.ReadRegion<byte>([length - 4], [length]))!, path, 0);
        Assert.That(fits.Primary.ReadRegion<byte>([0], [3]), Is.EqualTo(new byte[3]));
    }

    [Test]
    public void Too_many_axes_are_refused()
    {
        string path = _folder.Write("naxis1000.fits", Concat(Header([Card("SIMPLE", true), Card("BITPIX", 8), Card("NAXIS", 1000)]), Data(new byte[1])));
        AssertNames(Assert.Throws<FitsException>(() => FitsFile.Open(path))!, path, 0);
    }

    // Garbage in the heap of compressed bytes, and garbage in the tile descriptors, for every algorithm. PLIO has no
    // redundancy to detect heap garbage (it decodes to other values, slowly), so only its descriptors are corrupted.
    [TestCase("rice_i16.fits", true)]
    [TestCase("gzip1_i32.fits", true)]
    [TestCase("gzip2_i16.fits", true)]
    [TestCase("hcompress_i16.fits", true)]
    [TestCase("rice_f32_quantized.fits", true)]
    [TestCase("plio_i32.fits", false)]
    public void Corrupted_compressed_tiles_are_reported_not_crashed_on(string file, bool corruptHeap)
    {
        byte[] original = File.ReadAllBytes(ReadingGolden.PathOf(file));
        (long descriptors, long heap, long rowBytes) = TableLayout(original);
        var random = new Random(17);
        byte[] heapGarbage = (byte[])original.Clone();
        for (long i = heap; i < original.Length; i++)
        {
            heapGarbage[i] = (byte)random.Next(256);
        }

        // COMPRESSED_DATA is the first column: a 'P' descriptor (32-bit count, 32-bit heap offset); point past the heap.
        byte[] descriptorGarbage = (byte[])original.Clone();
        for (long row = descriptors; row < heap; row += rowBytes)
        {
            descriptorGarbage[row + 4] = 0x7F;
            descriptorGarbage[row + 5] = 0xFF;
        }

        var cases = corruptHeap ? new[] { ("heap", heapGarbage), ("descriptors", descriptorGarbage) } : new[] { ("descriptors", descriptorGarbage) };
        foreach ((string suffix, byte[] bytes) in cases)
        {
            string path = _folder.Write($"{suffix}_{file}", bytes);
            FitsFile fits;
            try
            {
                fits = FitsFile.Open(path);
            }
            catch (FitsException refused)
            {
                // The header scan refuses descriptors that point outside the heap, and damaged gzip tiles, before CFITSIO reads them.
                Assert.That(suffix == "descriptors" || file.StartsWith("gzip", StringComparison.Ordinal), Is.True, refused.Message);
                AssertNames(refused, path, 1);
                continue;
            }

            using var owned = fits;
            ImageHdu image = fits[1].AsImage();
            Assert.That(image.Info.IsCompressed, Is.True);
            AssertNames(Assert.Throws<FitsException>(() => image.Read<double>())!, path, 1);
            AssertNames(Assert.Throws<FitsException>(() => image.ReadRegion<double>([0, 0], image.Info.GetShape(), [1, 2]))!, path, 1);
        }
    }

    /// <summary>Where the tile descriptors and the heap of HDU 1's BINTABLE start, and the row length, from its header cards.</summary>
    private static (long Descriptors, long Heap, long RowBytes) TableLayout(byte[] file)
    {
        string text = Encoding.ASCII.GetString(file);
        long headerStart = Block; // after the empty primary
        long rowBytes = 0, rows = 0, end = -1;
        for (long card = headerStart; end < 0; card += 80)
        {
            string c = text.Substring((int)card, 80);
            if (c.StartsWith("NAXIS1  =", StringComparison.Ordinal))
            {
                rowBytes = long.Parse(c.Substring(10, 20).Trim(), CultureInfo.InvariantCulture);
            }
            else if (c.StartsWith("NAXIS2  =", StringComparison.Ordinal))
            {
                rows = long.Parse(c.Substring(10, 20).Trim(), CultureInfo.InvariantCulture);
            }
            else if (c.StartsWith("END     ", StringComparison.Ordinal))
            {
                end = card;
            }
        }

        long dataStart = ((end / Block) + 1) * Block;
        Assert.That(text.Substring((int)headerStart, (int)(end - headerStart)), Does.Contain("TFORM1  = '1P"), "32-bit descriptors");
        return (dataStart, dataStart + (rowBytes * rows), rowBytes);
    }
}
