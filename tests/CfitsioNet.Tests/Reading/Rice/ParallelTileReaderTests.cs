using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using NUnit.Framework;

namespace CfitsioNet.Tests.Direct;

/// <summary>
/// Tile-compressed images decompressed in parallel bands against the serial read, bit for bit, and against the
/// values astropy decompressed when it wrote the golden files (tests/golden/performance).
/// </summary>
public sealed class ParallelTileReaderTests
{
    private static readonly string s_folder = Path.Combine(AppContext.BaseDirectory, "golden", "performance");

    public static IEnumerable<string> Files() =>
    [
        "rice_int16_rows.fits",
        "rice_int32_bands.fits",
        "gzip_float32_quantized.fits",
        "hcompress_int16.fits",
        "rice_uint16_cube.fits",
        "gzip2_uint8_rows.fits",
    ];

    [TestCaseSource(nameof(Files))]
    public void Parallel_decompression_equals_the_serial_read_and_astropy(string name)
    {
        string path = Path.Combine(s_folder, name);
        JsonElement expected = Manifest().GetProperty(name);

        using FitsFile serial = FitsFile.Open(path, new FitsOpenOptions { MaxDegreeOfParallelism = 1, DirectRead = false });
        // DirectRead off: Rice images would otherwise go to the managed decoder (RiceTileReaderTests covers that path).
        using FitsFile parallel = FitsFile.Open(path, new FitsOpenOptions { MaxDegreeOfParallelism = 4, ParallelMinimumTiles = 2, DirectMinimumBytes = 0, DirectRead = false });
        ImageHdu serialImage = serial[1].AsImage();
        ImageHdu parallelImage = parallel[1].AsImage();
        Assert.That(serialImage.Info.Shape, Is.EqualTo(expected.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64())));

        (byte[] serialBytes, string serialHash) = ReadAndHash(serialImage);
        (byte[] parallelBytes, string parallelHash) = ReadAndHash(parallelImage);
        (byte[] again, _) = ReadAndHash(parallelImage);

        Assert.That(parallel.ParallelTileReadCount, Is.EqualTo(2), "both reads were split into bands");
        Assert.That(serial.ParallelTileReadCount, Is.Zero);
        Assert.That(Support.DirectReadFiles.FirstDifference(parallelBytes, serialBytes), Is.EqualTo(-1), "parallel vs serial, first differing byte");
        Assert.That(again, Is.EqualTo(parallelBytes), "the spare handles give the same pixels on a second read");
        Assert.That(serialHash, Is.EqualTo(expected.GetProperty("sha256").GetString()), "serial read vs astropy");
        Assert.That(parallelHash, Is.EqualTo(serialHash));
    }

    [Test]
    public void A_damaged_tile_gives_the_serial_reads_error()
    {
        // Two damaged places, one early and one late in the heap: the parallel bands fail in whatever order the threads
        // reach them, but the error must be the one a serial read reports (the first bad tile).
        byte[] bytes = File.ReadAllBytes(Path.Combine(s_folder, "hcompress_int16.fits"));
        foreach (double at in new[] { 0.45, 0.9 })
        {
            int position = (int)(bytes.Length * at);
            for (int i = 0; i < 64; i++)
            {
                bytes[position + i] ^= 0x5A;
            }
        }

        string path = TestRun.Files.File("parallel-damaged.fits");
        File.WriteAllBytes(path, bytes);
        using FitsFile serial = FitsFile.Open(path, new FitsOpenOptions { MaxDegreeOfParallelism = 1, DirectRead = false });
        using FitsFile parallel = FitsFile.Open(path, new FitsOpenOptions { MaxDegreeOfParallelism = 4, ParallelMinimumTiles = 2, DirectMinimumBytes = 0, DirectRead = false });
        FitsException expected = Assert.Throws<FitsException>(() => serial[1].AsImage().Read<short>())!;
        for (int round = 0; round < 5; round++)
        {
            FitsException actual = Assert.Throws<FitsException>(() => parallel[1].AsImage().Read<short>())!;
            Assert.That((actual.Status, actual.Operation, actual.HduIndex), Is.EqualTo((expected.Status, expected.Operation, expected.HduIndex)), $"round {round}");
            Assert.That(actual.ErrorStack, Is.EqualTo(expected.ErrorStack), $"round {round}: CFITSIO's messages");
        }

        Assert.That(parallel.ParallelTileReadCount, Is.Zero, "the failed parallel reads gave way to serial ones");
    }

    [Test]
    public void Too_few_tile_bands_are_read_serially()
    {
        string path = Path.Combine(s_folder, "rice_uint16_cube.fits");
        using FitsFile file = FitsFile.Open(path, new FitsOpenOptions { MaxDegreeOfParallelism = 4 });
        file[1].AsImage().Read<ushort>();
        Assert.That(file.ParallelTileReadCount, Is.Zero, "6 planes are fewer than the default minimum of 8 bands");
    }

    [Test]
    public void Compressed_images_are_never_read_by_the_direct_path()
    {
        using FitsFile file = FitsFile.Open(Path.Combine(s_folder, "rice_int16_rows.fits"), Support.DirectReadFiles.Direct());
        file[1].AsImage().Read<short>();
        Assert.That(file.DirectReadCount, Is.Zero);
    }

    private static JsonElement Manifest()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(s_folder, "expected.json")));
        return document.RootElement.Clone();
    }

    private static (byte[] Bytes, string Sha256) ReadAndHash(ImageHdu image) => image.Info.PixelType switch
    {
        PixelType.Byte => Hash(image.Read<byte>()),
        PixelType.Int16 => Hash(image.Read<short>()),
        PixelType.UInt16 => Hash(image.Read<ushort>()),
        PixelType.Int32 => Hash(image.Read<int>()),
        PixelType.Single => Hash(image.Read<float>()),
        _ => throw new NotSupportedException(image.Info.PixelType.ToString()),
    };

    // The manifest's digest: little-endian values, NaN replaced by the canonical quiet NaN.
    private static (byte[], string) Hash<T>(T[] values)
        where T : unmanaged
    {
        byte[] raw = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        byte[] canonical = (byte[])raw.Clone();
        if (typeof(T) == typeof(float))
        {
            Span<float> floats = MemoryMarshal.Cast<byte, float>(canonical.AsSpan());
            for (int i = 0; i < floats.Length; i++)
            {
                if (float.IsNaN(floats[i]))
                {
                    floats[i] = BitConverter.Int32BitsToSingle(0x7fc00000);
                }
            }
        }

        return (raw, Convert.ToHexString(SHA256.HashData(canonical)).ToLowerInvariant());
    }
}
