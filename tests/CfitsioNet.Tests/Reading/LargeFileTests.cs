using System;
using System.IO;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests;

/// <summary>
/// Files and images past 32-bit limits, as sparse files (the zeros are never written): a BITPIX 16 image of 4.4 GB
/// with 2.2e9 pixels, and a BITPIX 8 image of 2.5e9 pixels. Only small parts are read.
/// </summary>
[TestFixture]
public sealed class LargeFileTests
{
    private TempDirectory _folder = null!;

    [OneTimeSetUp]
    public void CreateFolder() => _folder = new TempDirectory();

    [OneTimeTearDown]
    public void DeleteFolder() => _folder.Dispose();

    /// <summary>A sparse image file: header, then <c>SetLength</c>; <paramref name="pixels"/> written at their offsets.</summary>
    private string SparseImage(string name, int bitpix, long width, long height, params (long Y, long X, short Value)[] pixels)
    {
        string path = _folder.File(name);
        byte[] header = ReadingFiles.Header(ReadingFiles.ImageCards(bitpix, [width, height]));
        long bytesPerPixel = bitpix / 8;
        long dataBytes = width * height * bytesPerPixel;
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        stream.Write(header);
        stream.SetLength(header.Length + ((dataBytes + ReadingFiles.Block - 1) / ReadingFiles.Block * ReadingFiles.Block));
        foreach ((long y, long x, short value) in pixels)
        {
            stream.Position = header.Length + (((y * width) + x) * bytesPerPixel);
            stream.Write(bitpix == 8 ? [(byte)value] : ReadingFiles.BigEndian(value));
        }

        return path;
    }

    [Test]
    public void Region_near_the_end_of_a_file_larger_than_4_GiB()
    {
        const long width = 100_000, height = 22_000;
        string path = SparseImage("large16.fits", 16, width, height,
            (height - 1, width - 1, 31_111), (height - 1, width - 10, -7), (height - 2, width - 5, 12_345), (height - 2, 3, 99));
        Assert.That(new FileInfo(path).Length, Is.GreaterThan(4L << 30));

        using var fits = FitsFile.Open(path);
        ImageHdu image = fits.Primary;
        Assert.That(image.Info.Shape, Is.EqualTo(new[] { height, width }));
        Assert.That(image.Info.ElementCount, Is.EqualTo(width * height).And.GreaterThan(int.MaxValue));

        short[] corner = image.ReadRegion<short>([height - 2, width - 10], [height, width]);
        var expected = new short[20];
        expected[5] = 12_345;
        expected[10] = -7;
        expected[19] = 31_111;
        Assert.That(corner, Is.EqualTo(expected));

        int[] lastRow = image.ReadRows<int>(height - 1, 1);
        Assert.That(lastRow[^1], Is.EqualTo(31_111));
        Assert.That(lastRow[^10], Is.EqualTo(-7));
        short[] rows = image.ReadRows<short>(height - 2, 2);
        Assert.That(rows[3], Is.EqualTo(99));

        using NativeBuffer<double> strided = image.ReadRegionNative<double>([height - 2, 3], [height, width], [1, 99_996 / 4]);
        Assert.That(strided.Shape, Is.EqualTo(new long[] { 2, 5 }), "columns 3, 25002, 50001, 75000, 99999");
        Assert.That(strided.Span.ToArray(), Is.EqualTo(new double[] { 99, 0, 0, 0, 0, 0, 0, 0, 0, 31_111 }));
    }

    [Test]
    public void Images_of_more_than_int_MaxValue_pixels_need_NativeBuffers()
    {
        const long side = 50_000;
        string path = SparseImage("large8.fits", 8, side, side, (side - 1, side - 1, 200), (side - 1, 0, 7));
        using var fits = FitsFile.Open(path);
        ImageHdu image = fits.Primary;
        Assert.That(image.Info.ElementCount, Is.EqualTo(side * side));

        var arrayError = Assert.Throws<NotSupportedException>(() => image.Read<byte>())!;
        Assert.That(arrayError.Message, Does.Contain("ReadNative").And.Contain("2500000000"));
        Assert.That(() => image.ReadPinned<byte>(), Throws.TypeOf<NotSupportedException>());
        var spanError = Assert.Throws<NotSupportedException>(() => image.Read<byte>(new byte[1000].AsSpan()))!;
        Assert.That(spanError.Message, Does.Contain("ReadNative"));
        Assert.That(() => image.ReadRegion<byte>([0, 0], [side, side]), Throws.TypeOf<NotSupportedException>().With.Message.Contains("ReadRegionNative"));

        Assert.That(image.ReadRegion<byte>([side - 1, side - 3], [side, side]), Is.EqualTo(new byte[] { 0, 0, 200 }));
        Assert.That(image.ReadRows<byte>(side - 1, 1)[0], Is.EqualTo(7));
        Assert.That(() => image.ReadPlane<byte>(0), Throws.TypeOf<NotSupportedException>(), "the one plane is the whole image");
    }
}
