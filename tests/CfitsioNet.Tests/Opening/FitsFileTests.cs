using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Runtime.CompilerServices;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests;

public sealed class FitsFileTests
{
    private TempDirectory _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = new TempDirectory();

    [TearDown]
    public void DeleteDirectory() => _directory.Dispose();

    [Test]
    public void Open_reports_the_full_path_as_FileName()
    {
        string path = WriteSmallImage("small.fits");
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, path);

        using FitsFile fits = FitsFile.Open(relative);

        Assert.That(fits.FileName, Is.EqualTo(path));
        Assert.That(fits.ToString(), Does.Contain(path));
    }

    [Test]
    public void Open_of_a_missing_file_throws_FileNotFoundException_with_the_path()
    {
        string path = _directory.File("does-not-exist.fits");

        var e = Assert.Throws<FileNotFoundException>(() => FitsFile.Open(path));
        Assert.That(e!.FileName, Is.EqualTo(path));
        Assert.That(e.Message, Does.Contain(path));
    }

    [Test]
    public void Open_of_a_missing_file_does_not_fall_back_to_a_compressed_sibling()
    {
        // CFITSIO's own open looks for name.gz when name is missing; a plain-path API must not.
        string path = WriteSmallImage("sibling.fits");
        Gzip(path, path + ".gz");
        File.Delete(path);

        Assert.Throws<FileNotFoundException>(() => FitsFile.Open(path));
    }

    [Test]
    public void Open_refuses_null_and_empty_paths()
    {
        Assert.Throws<ArgumentNullException>(() => FitsFile.Open((string)null!));
        Assert.Throws<ArgumentException>(() => FitsFile.Open(string.Empty));
    }

    [TestCase("a[1].fits")]
    [TestCase("b.fits[SCI]")]
    [TestCase("!bang.fits")]
    [TestCase("with space.fits")]
    [TestCase("ñandú+plus(1).fits")]
    public void Open_takes_the_name_literally(string name)
    {
        // None of these names may be read as CFITSIO extended syntax: brackets, a leading '!', parentheses.
        var pixels = PixelPattern.Create<short>(12, seed: 7);
        string path = new TestFitsWriter().Primary(16, [4, 3], TestFitsWriter.BigEndian<short>(pixels)).Write(_directory.File(name));

        using FitsFile fits = FitsFile.Open(path);

        Assert.That(fits.FileName, Is.EqualTo(path));
        PixelAssert.Equal<short>(pixels, fits.Primary.Read<short>(), name);
    }

    // CFITSIO decompresses a gzip file into memory whatever its name; the fast paths read the bytes on disk, so a file
    // is theirs only when CFITSIO reads it through its file:// driver (one check at open, FitsFile.DirectReadAllowed).
    // Stored (uncompressed) deflate blocks keep the file on disk as long as the FITS data, so no read there comes up short.
    [TestCase(false, TestName = "A_gzip_file_under_a_fits_name_is_read_by_CFITSIO_not_the_direct_path")]
    [TestCase(true, TestName = "A_gzipped_Rice_image_under_a_fits_name_is_read_by_CFITSIO_not_the_managed_decoder")]
    public void A_gzip_file_under_a_fits_name_is_read_by_CFITSIO(bool rice)
    {
        short[] pixels = PixelPattern.Create<short>(200 * 200, seed: 21);
        string plain = _directory.File("plain.fits");
        if (rice)
        {
            using var output = FitsFile.Create(plain);
            output.AddImage<short>(pixels, [200, 200], new ImageWriteOptions { Compression = new ImageCompression(CompressionAlgorithm.Rice) });
            output.Commit();
        }
        else
        {
            new TestFitsWriter().Primary(16, [200, 200], TestFitsWriter.BigEndian<short>(pixels)).Write(plain);
        }

        string gzipped = _directory.File("gzipped.fits");
        using (FileStream input = File.OpenRead(plain))
        using (FileStream output = File.Create(gzipped))
        using (var gzip = new GZipStream(output, CompressionLevel.NoCompression))
        {
            input.CopyTo(gzip);
        }

        using FitsFile fits = FitsFile.Open(gzipped);
        ImageHdu image = fits[rice ? 1 : 0].AsImage();
        PixelAssert.Equal<short>(pixels, image.Read<short>(), "gzip");
        PixelAssert.Equal<short>(pixels, image.Read<short>(), "gzip, read again");
        Assert.That(fits.DirectReadCount, Is.Zero);
        Assert.That(fits.ManagedRiceReadCount, Is.Zero);
    }

    [Test]
    public void Open_reads_gzip_compressed_files()
    {
        var pixels = PixelPattern.Create<float>(13 * 5, seed: 8);
        string plain = new TestFitsWriter().Primary(-32, [13, 5], TestFitsWriter.BigEndian<float>(pixels)).Write(_directory.File("plain.fits"));
        string compressed = _directory.File("compressed.fits.gz");
        Gzip(plain, compressed);

        using FitsFile fits = FitsFile.Open(compressed);

        Assert.That(fits.Primary.Info.Shape, Is.EqualTo(new long[] { 5, 13 }));
        PixelAssert.Equal<float>(pixels, fits.Primary.Read<float>(), "gzip");
    }

    [Test]
    public void HduCount_indexer_and_enumeration_agree()
    {
        string path = new TestFitsWriter()
            .EmptyPrimary()
            .ImageExtension(32, [13, 5], TestFitsWriter.BigEndian<int>(PixelPattern.Create<int>(65)), ("EXTNAME", "SCI"))
            .BinaryTable([1, 2, 3], extname: "EVENTS")
            .ImageExtension(-64, [2], TestFitsWriter.BigEndian<double>([1.5, -2.5]))
            .Write(_directory.File("four.fits"));

        using FitsFile fits = FitsFile.Open(path);

        Assert.That(fits.HduCount, Is.EqualTo(4));
        Hdu[] all = fits.ToArray();
        Assert.That(all.Select(h => h.Index), Is.EqualTo(new[] { 0, 1, 2, 3 }));
        Assert.That(all.Select(h => h.Kind), Is.EqualTo(new[] { HduKind.Image, HduKind.Image, HduKind.BinaryTable, HduKind.Image }));
        Assert.That(all.Select(h => h.File), Is.All.SameAs(fits));
        for (int i = 0; i < all.Length; i++)
        {
            Assert.That(fits[i], Is.SameAs(all[i]), $"fits[{i}] is the enumerated HDU");
        }

        Assert.That(fits.Primary, Is.SameAs(fits[0]));
        Assert.That(fits[0], Is.InstanceOf<ImageHdu>());
        Assert.That(fits[2], Is.Not.InstanceOf<ImageHdu>());
        Assert.That(fits[3].AsImage().Read<double>(), Is.EqualTo(new[] { 1.5, -2.5 }));
    }

    [Test]
    public void Indexer_refuses_indexes_outside_the_file()
    {
        string path = new TestFitsWriter().EmptyPrimary().BinaryTable([1]).Write(_directory.File("two.fits"));
        using FitsFile fits = FitsFile.Open(path);

        Assert.Throws<ArgumentOutOfRangeException>(() => _ = fits[-1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = fits[2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = fits[int.MaxValue]);
        Assert.That(fits[1].Kind, Is.EqualTo(HduKind.BinaryTable), "a valid index still works afterwards");
    }

    [Test]
    public void Single_HDU_file_has_count_one()
    {
        using FitsFile fits = FitsFile.Open(WriteSmallImage("one.fits"));

        Assert.That(fits.HduCount, Is.EqualTo(1));
        Assert.That(fits, Has.Exactly(1).Items, "enumerating the file yields one HDU");
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = fits[1]);
    }

    [Test]
    public void Calls_after_Dispose_throw_ObjectDisposedException()
    {
        using FitsFile fits = FitsFile.Open(WriteSmallImage("disposed.fits"));
        ImageHdu image = fits.Primary;
        _ = image.Info;
        fits.Dispose();

        Assert.Throws<ObjectDisposedException>(() => _ = fits.Primary);
        Assert.Throws<ObjectDisposedException>(() => _ = fits.HduCount);
        Assert.Throws<ObjectDisposedException>(() => fits.ToList());
        Assert.Throws<ObjectDisposedException>(() => image.Read<short>());
        Assert.Throws<ObjectDisposedException>(() => image.ReadPinned<short>());
        Assert.Throws<ObjectDisposedException>(() => ((IDisposable)image.ReadNative<short>()).Dispose());
        Assert.Throws<ObjectDisposedException>(() => image.Read<short>(new short[12]));
        using var buffer = new NativeBuffer<short>(12);
        Assert.Throws<ObjectDisposedException>(() => image.Read(buffer));
        Assert.DoesNotThrow(fits.Dispose, "a second Dispose is harmless");
    }

    [Test]
    public void Info_not_yet_read_before_Dispose_throws_ObjectDisposedException()
    {
        string path = new TestFitsWriter().EmptyPrimary().ImageExtension(16, [2], TestFitsWriter.BigEndian<short>([1, 2]))
            .Write(_directory.File("lazy.fits"));
        FitsFile fits = FitsFile.Open(path);
        ImageHdu extension = fits[1].AsImage();
        fits.Dispose();

        Assert.Throws<ObjectDisposedException>(() => _ = extension.Info);
    }

    [Test]
    public void Reading_an_empty_image_after_Dispose_throws_ObjectDisposedException()
    {
        // Nothing needs reading from an empty image, but a disposed file must still say so.
        string path = new TestFitsWriter().Primary(16, [5, 0], []).Write(_directory.File("empty-disposed.fits"));
        FitsFile fits = FitsFile.Open(path);
        ImageHdu image = fits.Primary;
        _ = image.Info;
        fits.Dispose();

        Assert.Throws<ObjectDisposedException>(() => image.Read<short>());
    }

    [Test]
    public void A_disposed_file_can_be_reopened_and_deleted()
    {
        string path = WriteSmallImage("reopen.fits");
        FitsFile first = FitsFile.Open(path);
        first.Dispose();

        using (FitsFile second = FitsFile.Open(path))
        {
            Assert.That(second.Primary.Read<short>(), Has.Length.EqualTo(12));
        }

        File.Delete(path);
        Assert.That(File.Exists(path), Is.False);
    }

    [Test]
    public void Open_and_Dispose_release_the_file_descriptor()
    {
        const string descriptors = "/proc/self/fd";
        if (!Directory.Exists(descriptors))
        {
            Assert.Ignore("needs /proc/self/fd (Linux)");
        }

        string path = WriteSmallImage("cycle.fits");
        using (FitsFile warmUp = FitsFile.Open(path))
        {
            _ = warmUp.Primary.Read<short>();
        }

        int before = Directory.GetFiles(descriptors).Length;
        for (int i = 0; i < 200; i++)
        {
            using FitsFile fits = FitsFile.Open(path);
            _ = fits.Primary.Read<short>();
        }

        int after = Directory.GetFiles(descriptors).Length;

        // A leak would leave 200 more; allow a few for the runtime's own files.
        Assert.That(after - before, Is.LessThan(10));
    }

    [Test]
    public void A_forgotten_file_is_closed_by_the_finalizer()
    {
        const string descriptors = "/proc/self/fd";
        if (!Directory.Exists(descriptors))
        {
            Assert.Ignore("needs /proc/self/fd (Linux)");
        }

        string path = WriteSmallImage("forgotten.fits");
        int before = Directory.GetFiles(descriptors).Length;
        OpenWithoutDisposing(path, 50);
        int open = Directory.GetFiles(descriptors).Length;
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        int after = Directory.GetFiles(descriptors).Length;

        Assert.That(open - before, Is.GreaterThanOrEqualTo(50), "control: each open file holds a descriptor");
        Assert.That(after - before, Is.LessThan(10), "finalizers closed them");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OpenWithoutDisposing(string path, int count)
    {
        for (int i = 0; i < count; i++)
        {
            _ = FitsFile.Open(path).Primary.Info;
        }
    }

    private string WriteSmallImage(string name) =>
        new TestFitsWriter().Primary(16, [4, 3], TestFitsWriter.BigEndian<short>(PixelPattern.Create<short>(12))).Write(_directory.File(name));

    private static void Gzip(string source, string destination)
    {
        using FileStream input = File.OpenRead(source);
        using FileStream output = File.Create(destination);
        using var gzip = new GZipStream(output, CompressionLevel.Optimal);
        input.CopyTo(gzip);
    }
}
