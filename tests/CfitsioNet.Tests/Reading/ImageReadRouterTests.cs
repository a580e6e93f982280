using System;
using System.Buffers.Binary;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json;
using NUnit.Framework;
using CfitsioNet.Tests.Support;

namespace CfitsioNet.Tests.Reading;

/// <summary>
/// Each read path of <see cref="ImageReadRouter"/> on a file it must take and one it must refuse, checked by the
/// path counters and by values from an independent source: the stored big-endian bytes the test writer wrote, the
/// digests astropy computed when it wrote the golden files, and CFITSIO's own read.
/// </summary>
public sealed class ImageReadRouterTests
{
    private static readonly string s_golden = Path.Combine(AppContext.BaseDirectory, "golden", "performance");

    [Test]
    public void The_router_tries_the_fast_paths_before_cfitsio_and_cfitsio_last()
    {
        Assert.That(ImageReadRouter.Paths, Has.Length.EqualTo(4));
        Assert.That(ImageReadRouter.Paths[0], Is.SameAs(DirectReadPath.Instance));
        Assert.That(ImageReadRouter.Paths[1], Is.SameAs(RiceReadPath.Instance));
        Assert.That(ImageReadRouter.Paths[2], Is.SameAs(ParallelBandReadPath.Instance));
        Assert.That(ImageReadRouter.Paths[^1], Is.SameAs(CfitsioReadPath.Instance));
    }

    [Test]
    public void Direct_path_takes_an_uncompressed_image_and_refuses_a_compressed_one()
    {
        (string path, short[] expected) = PlainInt16("router_direct.fits", 120, 90);
        using (FitsFile file = FitsFile.Open(path, DirectReadFiles.Direct()))
        {
            var pixels = new short[expected.Length];
            Assert.That(TryPath(DirectReadPath.Instance, file.Primary, pixels, 0, pixels.Length), Is.True);
            Assert.That(file.DirectReadCount, Is.EqualTo(1));
            Assert.That(pixels, Is.EqualTo(expected), "direct read vs the stored bytes");

            var rows = new short[3 * 90];
            Assert.That(TryPath(DirectReadPath.Instance, file.Primary, rows, 5 * 90, rows.Length), Is.True, "a run of rows");
            Assert.That(rows, Is.EqualTo(expected.AsSpan(5 * 90, rows.Length).ToArray()));
            Assert.That(TryPath(DirectReadPath.Instance, file.Primary, rows, 5 * 90, rows.Length, fastPathsApply: false), Is.False, "the router's gate said no");
            Assert.That(file.DirectReadCount, Is.EqualTo(2));
        }

        using FitsFile rice = FitsFile.Open(Path.Combine(s_golden, "rice_int16_rows.fits"), DirectReadFiles.Direct());
        ImageHdu image = rice[1].AsImage();
        Assert.That(TryPath(DirectReadPath.Instance, image, new short[image.Info.ElementCount], 0, image.Info.ElementCount), Is.False);
        Assert.That(rice.DirectReadCount, Is.Zero);
    }

    [Test]
    public void Rice_path_takes_a_rice_image_and_refuses_hcompress_and_uncompressed()
    {
        using (FitsFile file = FitsFile.Open(Path.Combine(s_golden, "rice_int16_rows.fits"), DirectReadFiles.Direct()))
        {
            ImageHdu image = file[1].AsImage();
            var pixels = new short[image.Info.ElementCount];
            Assert.That(TryPath(RiceReadPath.Instance, image, pixels, 0, pixels.Length), Is.True);
            Assert.That(file.ManagedRiceReadCount, Is.EqualTo(1));
            Assert.That(Sha256(pixels), Is.EqualTo(Digest("rice_int16_rows.fits")), "managed Rice vs astropy");
            Assert.That(TryPath(RiceReadPath.Instance, image, new short[10], 3, 10), Is.False, "a run that is not whole rows");
        }

        using (FitsFile file = FitsFile.Open(Path.Combine(s_golden, "hcompress_int16.fits"), DirectReadFiles.Direct()))
        {
            ImageHdu image = file[1].AsImage();
            Assert.That(TryPath(RiceReadPath.Instance, image, new short[image.Info.ElementCount], 0, image.Info.ElementCount), Is.False);
            Assert.That(file.ManagedRiceReadCount, Is.Zero);
        }

        (string path, short[] expected) = PlainInt16("router_rice.fits", 10, 10);
        using FitsFile plain = FitsFile.Open(path, DirectReadFiles.Direct());
        Assert.That(TryPath(RiceReadPath.Instance, plain.Primary, new short[expected.Length], 0, expected.Length), Is.False);
        Assert.That(plain.ManagedRiceReadCount, Is.Zero);
    }

    [Test]
    public void Band_path_takes_a_whole_compressed_image_and_refuses_a_part_of_it()
    {
        string path = Path.Combine(s_golden, "hcompress_int16.fits");
        var options = new FitsOpenOptions { MaxDegreeOfParallelism = 4, ParallelMinimumTiles = 2, DirectMinimumBytes = 0, DirectRead = false };
        using FitsFile file = FitsFile.Open(path, options);
        ImageHdu image = file[1].AsImage();
        var pixels = new short[image.Info.ElementCount];
        Assert.That(TryPath(ParallelBandReadPath.Instance, image, pixels, 0, pixels.Length), Is.True);
        Assert.That(file.ParallelTileReadCount, Is.EqualTo(1));
        Assert.That(Sha256(pixels), Is.EqualTo(Digest("hcompress_int16.fits")), "bands vs astropy");

        Assert.That(TryPath(ParallelBandReadPath.Instance, image, new short[128 * 16], 0, 128 * 16), Is.False, "one band only");
        Assert.That(file.ParallelTileReadCount, Is.EqualTo(1));

        using FitsFile serial = FitsFile.Open(path, new FitsOpenOptions { MaxDegreeOfParallelism = 1, DirectRead = false });
        Assert.That(TryPath(ParallelBandReadPath.Instance, serial[1].AsImage(), pixels, 0, pixels.Length), Is.False, "one thread");
    }

    [Test]
    public void Cfitsio_path_takes_every_read_and_the_router_sends_it_what_the_fast_paths_refuse()
    {
        (string path, short[] expected) = PlainInt16("router_cfitsio.fits", 40, 30);
        using FitsFile file = FitsFile.Open(path, DirectReadFiles.Direct());
        var pixels = new short[expected.Length];
        Assert.That(TryPath(CfitsioReadPath.Instance, file.Primary, pixels, 0, pixels.Length), Is.True);
        Assert.That(pixels, Is.EqualTo(expected), "CFITSIO's read vs the stored bytes");
        Assert.That(file.DirectReadCount, Is.Zero);

        // Through the public API: a region and a converted read are CFITSIO's, a whole read in the natural type is direct.
        short[] region = file.Primary.ReadRegion<short>([2, 3], [6, 13]);
        Assert.That(region[0], Is.EqualTo(expected[(2 * 30) + 3]));
        Assert.That(region[^1], Is.EqualTo(expected[(5 * 30) + 12]));
        int[] widened = file.Primary.Read<int>();
        Assert.That(widened[17], Is.EqualTo(expected[17]));
        Assert.That(file.DirectReadCount, Is.Zero);
        Assert.That(file.Primary.Read<short>(), Is.EqualTo(expected));
        Assert.That(file.DirectReadCount, Is.EqualTo(1));

        using FitsFile rice = FitsFile.Open(Path.Combine(s_golden, "rice_int16_rows.fits"), new FitsOpenOptions { DirectRead = false, MaxDegreeOfParallelism = 1 });
        short[] decompressed = rice[1].AsImage().Read<short>();
        Assert.That(Sha256(decompressed), Is.EqualTo(Digest("rice_int16_rows.fits")), "CFITSIO's decompression vs astropy");
        Assert.That(rice.ManagedRiceReadCount + rice.ParallelTileReadCount + rice.DirectReadCount, Is.Zero);
    }

    private static unsafe bool TryPath(IReadPath path, ImageHdu hdu, short[] destination, long first, long count, bool fastPathsApply = true)
    {
        var request = new ImageReadRequest(PixelType.Int16, Raw: false, AllowOverflow: false, NullHandling.None).ForRun(first, count);
        fixed (short* pointer = destination)
        {
            ImageReader reader = ImageReader.Create(hdu, hdu.Info, request, pointer);
            reader.FastPathsApply = fastPathsApply;
            return path.TryRead(ref reader);
        }
    }

    private static (string Path, short[] Expected) PlainInt16(string name, int rows, int columns)
    {
        byte[] stored = DirectReadFiles.RandomStored(16, rows * columns, seed: rows + columns);
        var expected = new short[rows * columns];
        for (int i = 0; i < expected.Length; i++)
        {
            expected[i] = BinaryPrimitives.ReadInt16BigEndian(stored.AsSpan(i * 2, 2));
        }

        return (DirectReadFiles.WritePrimary(name, 16, [rows, columns], stored), expected);
    }

    private static string Sha256(short[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2, 2), values[i]);
        }

        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static string Digest(string name)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(s_golden, "expected.json")));
        return document.RootElement.GetProperty(name).GetProperty("sha256").GetString()!;
    }
}
