using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Compression;

/// <summary>
/// Quantized (lossy) RICE_1, GZIP_1 and GZIP_2 float and double images whose tiles were quantized and coded on several
/// threads: the whole file is byte for byte the one CFITSIO writes when it quantizes the tiles itself (same ZDITHER0,
/// ZSCALE/ZZERO, heap, GZIP_COMPRESSED_DATA column for tiles it cannot quantize, ZBLANK, checksums), on any number of
/// threads; CFITSIO and astropy read back CFITSIO's own quantized values.
/// </summary>
public sealed class QuantizedTileWriterTests
{
    /// <summary>What the image holds besides smooth noisy values.</summary>
    public enum Content
    {
        /// <summary>Every tile quantizable, no NaN.</summary>
        Plain,

        /// <summary>NaN scattered, plus a tile that is all NaN.</summary>
        WithNaN,

        /// <summary>Constant tiles (the first one among them), which CFITSIO stores losslessly; some NaN too.</summary>
        ConstantTiles,
    }

    private static readonly long[] CubeShape = [5, 61, 77];
    private static readonly long[] CubeTiles = [2, 16, 32];

    public static IEnumerable<TestCaseData> Cases()
    {
        float[] levels = [4, 16, -0.25f];
        int n = 0;
        foreach (PixelType type in new[] { PixelType.Single, PixelType.Double })
        {
            foreach (CompressionAlgorithm algorithm in new[] { CompressionAlgorithm.Rice, CompressionAlgorithm.Gzip1, CompressionAlgorithm.Gzip2 })
            {
                foreach (QuantizationMethod method in new[] { QuantizationMethod.NoDither, QuantizationMethod.SubtractiveDither1, QuantizationMethod.SubtractiveDither2 })
                {
                    foreach (int? seed in new int?[] { null, 77 })
                    {
                        foreach (Content content in Enum.GetValues<Content>())
                        {
                            // Every content meets every level as the cases go round.
                            float level = levels[(n + (n / 3)) % levels.Length];
                            n++;
                            string seedName = seed is null ? "checksum_seed" : $"seed_{seed}";
                            yield return new TestCaseData(type, algorithm, method, seed, level, content)
                                .SetName($"{type}_{algorithm}_{method}_{seedName}_q{level}_{content}");
                        }
                    }
                }
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Files_are_byte_identical_to_cfitsios_quantization_on_any_thread_count(
        PixelType type, CompressionAlgorithm algorithm, QuantizationMethod method, int? seed, float level, Content content)
    {
        using var folder = new TempDirectory();
        Array pixels = Pixels(type, CubeShape, CubeTiles, content, seed: (int)algorithm * 7 + (int)method);
        var compression = new ImageCompression(algorithm) { TileShape = CubeTiles, QuantizeLevel = level, QuantizationMethod = method, DitherSeed = seed };

        string cfitsio = Write(folder.File("cfitsio.fits"), pixels, CubeShape, new ImageWriteOptions { Compression = compression, ManagedTiles = false });
        byte[] expected = File.ReadAllBytes(cfitsio);
        foreach (int threads in new[] { 1, 3, -1 })
        {
            string managed = Write(folder.File($"managed{threads}.fits"), pixels, CubeShape,
                new ImageWriteOptions { Compression = compression, MaxDegreeOfParallelism = threads });
            AssertSameBytes(managed, expected, $"{threads} threads");
        }

        string header = Latin1(expected);
        Assert.That(header.Contains("TTYPE4  = 'GZIP_COMPRESSED_DATA'", StringComparison.Ordinal), Is.EqualTo(content == Content.ConstantTiles && level > 0),
            "CFITSIO stores constant tiles losslessly, in a column of their own, unless the step is absolute");
        Assert.That(header.Contains("ZBLANK  =", StringComparison.Ordinal), Is.EqualTo(content != Content.Plain));
        AssertCfitsioReadsTheSameValues(cfitsio, folder.File("managed-1.fits"), type, pixels, level);
    }

    [TestCase(PixelType.Single, false)]
    [TestCase(PixelType.Double, false)]
    [TestCase(PixelType.Single, true)]
    [TestCase(PixelType.Double, true)]
    public void Many_batches_with_a_later_constant_tile_and_64_bit_descriptors_give_cfitsios_bytes(PixelType type, bool wide)
    {
        // Batches of 3 tiles; the first tile CFITSIO cannot quantize is in the fifth batch, so the GZIP column is
        // added after earlier batches were written. 'Q' descriptors as CFITSIO writes them above its huge-HDU size
        // (lowered here to 0 bytes). Tile 40 is all NaN for 32-bit descriptors, a constant for 64-bit ones (no NaN at all).
        using var folder = new TempDirectory();
        long[] shape = [37, 29, 41];
        long[] tiles = [1, 7, 41];
        Array pixels = Pixels(type, shape, tiles, Content.Plain, seed: 5);
        long tilePixels = 7 * 41;
        long tilesPerPlane = 5;
        foreach (long tile in new long[] { 13, 14, 40 })
        {
            // Constant tiles: plane tile / 5, row block tile % 5.
            long plane = tile / tilesPerPlane, block = tile % tilesPerPlane;
            for (long y = block * 7; y < Math.Min(29, (block + 1) * 7); y++)
            {
                for (long x = 0; x < 41; x++)
                {
                    SetPixel(pixels, ((plane * 29) + y) * 41 + x, tile == 40 && !wide ? double.NaN : 2.5);
                }
            }
        }

        var compression = new ImageCompression(CompressionAlgorithm.Rice) { TileShape = tiles, QuantizeLevel = 8 };
        long huge = wide ? 0 : FitsFile.HugeHduBytes;
        int size = type == PixelType.Single ? 4 : 8;
        string cfitsio = Write(folder.File("cfitsio.fits"), pixels, shape, new ImageWriteOptions { Compression = compression, ManagedTiles = false, HugeHduBytes = huge });
        string managed = Write(folder.File("managed.fits"), pixels, shape, new ImageWriteOptions { Compression = compression, HugeHduBytes = huge, TileBatchBytes = 3 * tilePixels * size });

        byte[] expected = File.ReadAllBytes(cfitsio);
        AssertSameBytes(managed, expected, "batches of 3 tiles");
        Assert.That(Latin1(expected), Does.Contain(wide ? "TFORM4  = '1QB(" : "TFORM4  = '1PB("));
        AssertCfitsioReadsTheSameValues(cfitsio, managed, type, pixels, 8);
    }

    [TestCase(PixelType.Single, CompressionAlgorithm.Gzip2)]
    [TestCase(PixelType.Double, CompressionAlgorithm.Rice)]
    public void One_pixel_edge_tiles_and_one_dimensional_images_give_cfitsios_bytes(PixelType type, CompressionAlgorithm algorithm)
    {
        // 1001 pixels in tiles of 100: the last tile has one pixel, which CFITSIO never quantizes.
        using var folder = new TempDirectory();
        long[] shape = [1001];
        Array pixels = Pixels(type, shape, [100], Content.Plain, seed: 9);
        var compression = new ImageCompression(algorithm) { TileShape = [100], QuantizeLevel = 16, QuantizationMethod = QuantizationMethod.SubtractiveDither2 };
        string cfitsio = Write(folder.File("cfitsio.fits"), pixels, shape, new ImageWriteOptions { Compression = compression, ManagedTiles = false });
        string managed = Write(folder.File("managed.fits"), pixels, shape, new ImageWriteOptions { Compression = compression });

        byte[] expected = File.ReadAllBytes(cfitsio);
        AssertSameBytes(managed, expected, "one-pixel tile");
        Assert.That(Latin1(expected), Does.Contain("GZIP_COMPRESSED_DATA"));
        AssertCfitsioReadsTheSameValues(cfitsio, managed, type, pixels, 16);
    }

    [Test]
    public void A_quantize_level_on_an_integer_image_is_ignored_as_cfitsio_ignores_it()
    {
        using var folder = new TempDirectory();
        long[] shape = [61, 77];
        short[] pixels = Enumerable.Range(0, 61 * 77).Select(i => (short)((i * 37 % 1001) - 500)).ToArray();
        var compression = new ImageCompression(CompressionAlgorithm.Rice) { TileShape = [16, 32], QuantizeLevel = 4 };
        string cfitsio = folder.File("cfitsio.fits"), managed = folder.File("managed.fits");
        foreach ((string path, bool managedTiles) in new[] { (cfitsio, false), (managed, true) })
        {
            using FitsFile output = FitsFile.Create(path);
            output.AddImage<short>(pixels, shape, new ImageWriteOptions { Compression = compression, ManagedTiles = managedTiles });
            output.Commit();
        }

        AssertSameBytes(managed, File.ReadAllBytes(cfitsio), "Int16 with a quantize level");
        using var fits = FitsFile.Open(managed, FitsOpenOptions.CfitsioOnly);
        Assert.That(fits[1].AsImage().Read<short>(), Is.EqualTo(pixels));
    }

    [TestCase(PixelType.Single, CompressionAlgorithm.Rice, QuantizationMethod.SubtractiveDither1, Content.WithNaN)]
    [TestCase(PixelType.Single, CompressionAlgorithm.Gzip2, QuantizationMethod.SubtractiveDither2, Content.ConstantTiles)]
    [TestCase(PixelType.Double, CompressionAlgorithm.Gzip1, QuantizationMethod.NoDither, Content.ConstantTiles)]
    [TestCase(PixelType.Double, CompressionAlgorithm.Rice, QuantizationMethod.SubtractiveDither2, Content.WithNaN)]
    public void Astropy_reads_from_our_file_the_values_cfitsio_reads_from_its_own(PixelType type, CompressionAlgorithm algorithm, QuantizationMethod method, Content content)
    {
        WritingTools.RequireTool(WritingTools.HasAstropy, "/usr/bin/python3 with astropy");
        using var folder = new TempDirectory();
        Array pixels = Pixels(type, CubeShape, CubeTiles, content, seed: 3);
        var compression = new ImageCompression(algorithm) { TileShape = CubeTiles, QuantizeLevel = 4, QuantizationMethod = method };
        string cfitsio = Write(folder.File("cfitsio.fits"), pixels, CubeShape, new ImageWriteOptions { Compression = compression, ManagedTiles = false });
        string managed = Write(folder.File("managed.fits"), pixels, CubeShape, new ImageWriteOptions { Compression = compression });

        Array expected;
        using (var fits = FitsFile.Open(cfitsio, FitsOpenOptions.CfitsioOnly))
        {
            expected = ReadBack(fits[1].AsImage(), type);
        }

        // astropy's own decompression of our file, as little-endian values in C order.
        const string script = """
            import sys, numpy
            from astropy.io import fits
            with fits.open(sys.argv[1]) as f:
                d = f[1].data
                numpy.ascontiguousarray(d, dtype=d.dtype.newbyteorder('<')).tofile(sys.argv[2])
                print(d.dtype.name, d.shape)
            """;
        string raw = folder.File("astropy.raw");
        ProcessResult run = WritingTools.Run("/usr/bin/python3", ["-c", script, managed, raw], folder.Path);
        Assert.That(run.ExitCode, Is.Zero, run.StandardError);
        Assert.That(run.StandardOutput.Trim(), Is.EqualTo($"{WritingTools.NumpyName(type)} (5, 61, 77)"));
        byte[] bytes = File.ReadAllBytes(raw);
        double[] astropy = type == PixelType.Single ? MemoryMarshal.Cast<byte, float>(bytes).ToArray().Select(v => (double)v).ToArray() : MemoryMarshal.Cast<byte, double>(bytes).ToArray();
        double[] cfitsioValues = AsDoubles(expected);
        Assert.That(CountNaN(expected), Is.EqualTo(CountNaN(pixels)));

        // astropy 5.2 ignores the ZBLANK keyword of quantized tiles and returns the dequantized flag (a value just
        // below the tile's minimum) where CFITSIO returns NaN: every other value must be CFITSIO's, bit for bit.
        int defined = 0;
        for (int i = 0; i < astropy.Length; i++)
        {
            if (double.IsNaN(cfitsioValues[i]))
            {
                astropy[i] = double.NaN;
            }
            else
            {
                defined++;
            }
        }

        Assert.That(astropy, Is.EqualTo(cfitsioValues), "astropy's values from our file against CFITSIO's from its own");
        Assert.That(defined, Is.GreaterThan(astropy.Length * 9 / 10));
    }

    private static void AssertSameBytes(string path, byte[] expected, string what)
    {
        byte[] actual = File.ReadAllBytes(path);
        if (!actual.AsSpan().SequenceEqual(expected))
        {
            int at = 0;
            while (at < Math.Min(actual.Length, expected.Length) && actual[at] == expected[at])
            {
                at++;
            }

            Assert.Fail($"{what}: {actual.Length} bytes against CFITSIO's {expected.Length}; first difference at byte {at}");
        }
    }

    /// <summary>CFITSIO reads the same values from both files, each within half a quantization step of the original, NaN where it was.</summary>
    private static void AssertCfitsioReadsTheSameValues(string cfitsio, string managed, PixelType type, Array pixels, float level)
    {
        Array theirs, ours;
        using (var fits = FitsFile.Open(cfitsio, FitsOpenOptions.CfitsioOnly))
        {
            theirs = ReadBack(fits[1].AsImage(), type);
        }

        using (var fits = FitsFile.Open(managed, FitsOpenOptions.CfitsioOnly))
        {
            ours = ReadBack(fits[1].AsImage(), type);
        }

        Assert.That(ours, Is.EqualTo(theirs));
        Assert.That(CountNaN(ours), Is.EqualTo(CountNaN(pixels)));
        double[] originals = AsDoubles(pixels), read = AsDoubles(ours);
        double worst = 0;
        for (int i = 0; i < originals.Length; i++)
        {
            double original = originals[i];
            if (!double.IsNaN(original))
            {
                worst = Math.Max(worst, Math.Abs(original - read[i]));
            }
        }

        // Noise of about 0.5 in each tile: a step of noise / level, or the absolute step; lossless tiles are exact.
        double step = level < 0 ? -level : 1.0 / level;
        Assert.That(worst, Is.LessThanOrEqualTo(step), "quantization error");
    }

    private static int CountNaN(Array values) => AsDoubles(values).Count(double.IsNaN);

    private static double[] AsDoubles(Array values) => values is float[] singles ? singles.Select(v => (double)v).ToArray() : (double[])values;

    private static string Latin1(byte[] bytes) => System.Text.Encoding.Latin1.GetString(bytes);

    private static string Write(string path, Array pixels, long[] shape, ImageWriteOptions options)
    {
        using (FitsFile output = FitsFile.Create(path))
        {
            if (pixels is float[] singles)
            {
                output.AddImage<float>(singles, shape, options);
            }
            else
            {
                output.AddImage<double>((double[])pixels, shape, options);
            }

            output.Commit();
        }

        return path;
    }

    private static Array ReadBack(ImageHdu image, PixelType type) => type == PixelType.Single ? image.Read<float>() : image.Read<double>();

    private static void SetPixel(Array pixels, long index, double value)
    {
        if (pixels is float[] singles)
        {
            singles[index] = (float)value;
        }
        else
        {
            ((double[])pixels)[index] = value;
        }
    }

    /// <summary>
    /// A sloped, noisy image (noise about 0.5) in C order; <paramref name="content"/> adds NaN and constant tiles
    /// (the tiles are <paramref name="tiles"/>, C order).
    /// </summary>
    private static Array Pixels(PixelType type, long[] shape, long[] tiles, Content content, int seed)
    {
        var random = new Random(seed);
        long count = shape.Aggregate(1L, (a, b) => a * b);
        double[] values = new double[count];
        int rank = shape.Length;
        var index = new long[rank];
        for (long i = 0; i < count; i++)
        {
            long rest = i;
            for (int k = rank - 1; k >= 0; k--)
            {
                index[k] = rest % shape[k];
                rest /= shape[k];
            }

            values[i] = 1000 + (3.0 * index[rank - 1]) + (0.5 * (random.NextDouble() - 0.5) * 3.4);
            bool firstTile = index.Select((v, k) => v < tiles[k]).All(b => b);
            bool lastTileColumns = index[rank - 1] >= tiles[rank - 1] * ((shape[rank - 1] - 1) / tiles[rank - 1]);
            switch (content)
            {
                case Content.WithNaN:
                    if (random.Next(53) == 0 || (lastTileColumns && index[0] < tiles[0] && index[1] < tiles[1]))
                    {
                        values[i] = double.NaN;
                    }

                    break;
                case Content.ConstantTiles:
                    if (firstTile || (lastTileColumns && index[0] == shape[0] - 1))
                    {
                        values[i] = -7.25;
                    }
                    else if (random.Next(101) == 0)
                    {
                        values[i] = double.NaN;
                    }

                    break;
            }
        }

        return type == PixelType.Single ? values.Select(v => (float)v).ToArray() : values;
    }
}
