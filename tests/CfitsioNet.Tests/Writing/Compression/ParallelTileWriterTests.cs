using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Compression;

/// <summary>
/// RICE_1, GZIP_1 and GZIP_2 images whose tiles were coded on several threads (Rice by the managed encoder, gzip by
/// CFITSIO's coder called per tile): the whole file is byte for byte the one
/// CFITSIO writes when it compresses the tiles itself (same header, heap, checksums), on any number of threads; the
/// data units of astropy's golden Rice files are reproduced from their pixels; CFITSIO reads the pixels back.
/// </summary>
public sealed class ParallelTileWriterTests
{
    private static readonly string GoldenFolder = Path.Combine(AppContext.BaseDirectory, "golden", "rice");

    public static IEnumerable<TestCaseData> Cases()
    {
        PixelType[] integers = [PixelType.Byte, PixelType.SByte, PixelType.Int16, PixelType.UInt16, PixelType.Int32, PixelType.UInt32];
        foreach (CompressionAlgorithm algorithm in new[] { CompressionAlgorithm.Rice, CompressionAlgorithm.Gzip1, CompressionAlgorithm.Gzip2 })
        {
            PixelType[] types = algorithm == CompressionAlgorithm.Rice ? integers : [.. integers, PixelType.Single, PixelType.Double];
            foreach (PixelType type in types)
            {
                yield return new TestCaseData(algorithm, type, new long[] { 300, 1000 }, null).SetName($"{algorithm}_{type}_300x1000_rows");
                yield return new TestCaseData(algorithm, type, new long[] { 5, 61, 77 }, new long[] { 2, 16, 32 }).SetName($"{algorithm}_{type}_5x61x77_tiles_2x16x32");
                yield return new TestCaseData(algorithm, type, new long[] { 10007 }, new long[] { 1000 }).SetName($"{algorithm}_{type}_10007_tiles_1000");
                yield return new TestCaseData(algorithm, type, new long[] { 40, 50 }, new long[] { 100, 100 }).SetName($"{algorithm}_{type}_40x50_one_tile");
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Files_are_byte_identical_to_cfitsios_own_compression_on_any_thread_count(CompressionAlgorithm algorithm, PixelType type, long[] shape, long[]? tiles)
    {
        using var folder = new TempDirectory();
        Array pixels = Pixels(type, shape.Aggregate(1L, (a, b) => a * b), seed: shape.Length * 31 + (int)type);
        var compression = new ImageCompression(algorithm) { TileShape = tiles };

        string cfitsio = Write(folder.File("cfitsio.fits"), pixels, shape, new ImageWriteOptions { Compression = compression, ManagedTiles = false });
        byte[] expected = File.ReadAllBytes(cfitsio);
        foreach (int threads in new[] { 1, 3, -1 })
        {
            string managed = Write(folder.File($"managed{threads}.fits"), pixels, shape,
                new ImageWriteOptions { Compression = compression, MaxDegreeOfParallelism = threads });
            Assert.That(File.ReadAllBytes(managed), Is.EqualTo(expected), $"{threads} threads against CFITSIO's bytes");
        }

        // CFITSIO's own reader gives the pixels back.
        using var fits = FitsFile.Open(folder.File("managed-1.fits"), FitsOpenOptions.CfitsioOnly);
        Assert.That(ReadBack(fits[1].AsImage(), type), Is.EqualTo(pixels));
    }

    [TestCase(PixelType.Int16, false)]
    [TestCase(PixelType.UInt32, false)]
    [TestCase(PixelType.Int16, true)]
    [TestCase(PixelType.SByte, true)]
    public void Many_batches_and_64_bit_descriptors_give_cfitsios_bytes(PixelType type, bool wide)
    {
        // Batches of about 3 tiles (written as one heap cell each, then their descriptors), and 'Q' descriptors as
        // CFITSIO writes them above its huge-HDU size (lowered here to 0 bytes).
        using var folder = new TempDirectory();
        long[] shape = [37, 29, 41];
        Array pixels = Pixels(type, shape.Aggregate(1L, (a, b) => a * b), seed: 77);
        var compression = new ImageCompression(CompressionAlgorithm.Rice) { TileShape = [1, 7, 41] };
        long huge = wide ? 0 : FitsFile.HugeHduBytes;
        string cfitsio = Write(folder.File("cfitsio.fits"), pixels, shape, new ImageWriteOptions { Compression = compression, ManagedTiles = false, HugeHduBytes = huge });
        string managed = Write(folder.File("managed.fits"), pixels, shape, new ImageWriteOptions { Compression = compression, HugeHduBytes = huge, TileBatchBytes = 3 * 7 * 41 });

        Assert.That(File.ReadAllBytes(managed), Is.EqualTo(File.ReadAllBytes(cfitsio)));
        using var fits = FitsFile.Open(managed, FitsOpenOptions.CfitsioOnly);
        Assert.That(System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(managed)), Does.Contain(wide ? "TFORM1  = '1QB(" : "TFORM1  = '1PB("));
        Assert.That(ReadBack(fits[1].AsImage(), type), Is.EqualTo(pixels));
    }

    [Test]
    public void The_golden_files_written_by_astropy_are_reproduced_from_their_pixels()
    {
        using var folder = new TempDirectory();
        using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(GoldenFolder, "expected.json")));
        int compared = 0;
        foreach (JsonProperty file in expected.RootElement.EnumerateObject())
        {
            long[] tiles = file.Value.GetProperty("tiles").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            using var golden = FitsFile.Open(Path.Combine(GoldenFolder, file.Name), FitsOpenOptions.CfitsioOnly);
            ImageHdu image = golden[1].AsImage();
            long[] shape = image.Info.Shape.ToArray();
            Array pixels = ReadBack(image, image.Info.PixelType);
            string ours = Write(folder.File(file.Name), pixels, shape,
                new ImageWriteOptions { Compression = new ImageCompression(CompressionAlgorithm.Rice) { TileShape = tiles } });

            using var written = FitsFile.Open(ours);
            Assert.That(DataUnit(written[1]), Is.EqualTo(DataUnit(golden[1])), $"{file.Name}: the table and heap astropy wrote");
            compared++;
        }

        Assert.That(compared, Is.GreaterThanOrEqualTo(10));
    }

    private static byte[] DataUnit(Hdu hdu)
    {
        HduLayout layout = hdu.Layout;
        byte[] bytes = new byte[layout.PaddedDataSize];
        hdu.ReadDataBytes(0, bytes);
        return bytes;
    }

    private static string Write(string path, Array pixels, long[] shape, ImageWriteOptions options)
    {
        using (FitsFile output = FitsFile.Create(path))
        {
            // By the exact type: the runtime lets a ushort[] pass for a short[] (and sbyte[] for byte[]) in a type test.
            Type element = pixels.GetType().GetElementType()!;
            if (element == typeof(byte)) { output.AddImage<byte>((byte[])pixels, shape, options); }
            else if (element == typeof(sbyte)) { output.AddImage<sbyte>((sbyte[])pixels, shape, options); }
            else if (element == typeof(short)) { output.AddImage<short>((short[])pixels, shape, options); }
            else if (element == typeof(ushort)) { output.AddImage<ushort>((ushort[])pixels, shape, options); }
            else if (element == typeof(int)) { output.AddImage<int>((int[])pixels, shape, options); }
            else if (element == typeof(uint)) { output.AddImage<uint>((uint[])pixels, shape, options); }
            else if (element == typeof(float)) { output.AddImage<float>((float[])pixels, shape, options); }
            else { output.AddImage<double>((double[])pixels, shape, options); }

            output.Commit();
        }

        return path;
    }

    private static Array ReadBack(ImageHdu image, PixelType type) => type switch
    {
        PixelType.Byte => image.Read<byte>(),
        PixelType.SByte => image.Read<sbyte>(),
        PixelType.Int16 => image.Read<short>(),
        PixelType.UInt16 => image.Read<ushort>(),
        PixelType.Int32 => image.Read<int>(),
        PixelType.UInt32 => image.Read<uint>(),
        PixelType.Single => image.Read<float>(),
        _ => image.Read<double>(),
    };

    /// <summary>Smooth values with noise, flat runs and outliers: every kind of Rice block, in the type's full range.</summary>
    private static Array Pixels(PixelType type, long count, int seed)
    {
        var random = new Random(seed);
        double[] values = new double[count];
        for (long i = 0; i < count; i++)
        {
            double smooth = Math.Sin(i / 37.0) * 0.3;
            double noise = (random.NextDouble() - 0.5) * (i % 5000 < 2500 ? 0.001 : 0.05);
            values[i] = (i / 700) % 4 == 3 ? 0.1 : random.Next(97) == 0 ? (random.NextDouble() * 2) - 1 : smooth + noise;
        }

        // Scaled into each type's range (v in [-1, 1]).
        return type switch
        {
            PixelType.Byte => values.Select(v => (byte)Math.Clamp(127.5 + (v * 127.5), 0, 255)).ToArray(),
            PixelType.SByte => values.Select(v => (sbyte)Math.Clamp(v * 127, -128, 127)).ToArray(),
            PixelType.Int16 => values.Select(v => (short)Math.Clamp(v * 32767, short.MinValue, short.MaxValue)).ToArray(),
            PixelType.UInt16 => values.Select(v => (ushort)Math.Clamp(32767.5 + (v * 32767.5), 0, ushort.MaxValue)).ToArray(),
            PixelType.Int32 => values.Select(v => (int)Math.Clamp(v * int.MaxValue, int.MinValue, int.MaxValue)).ToArray(),
            PixelType.UInt32 => values.Select(v => (uint)Math.Clamp(2147483647.5 + (v * 2147483647.5), 0, uint.MaxValue)).ToArray(),
            PixelType.Single => values.Select(v => (float)(v * 1e4)).ToArray(),
            _ => (Array)values.Select(v => v * 1e4).ToArray(),
        };
    }
}
