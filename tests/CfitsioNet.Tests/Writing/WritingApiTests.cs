using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests;

/// <summary>
/// The writing API beyond single images: files with several HDUs, names and versions, header-only HDUs, keywords,
/// native buffers and chunked writes, argument checking, and refusal of what CFITSIO cannot compress.
/// </summary>
[TestFixture]
public sealed class WritingApiTests
{
    private TempDirectory _folder = null!;

    [SetUp]
    public void MakeFolder() => _folder = new TempDirectory("api");

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    [Test]
    public void Several_HDUs_with_names_versions_keywords_and_compression()
    {
        // One file, checked by one astropy run: plain and compressed HDUs in a row, since CFITSIO keeps compression
        // settings on the open file and they must not leak from one image into the next.
        string path = _folder.File("multi.fits");
        short[] primary = Enumerable.Range(0, 6).Select(i => (short)(i - 3)).ToArray();
        float[] science = PixelData.Make<float>(64, 1, ValueRange.Full);
        short[] counts = PixelData.Make<short>(64, 2, ValueRange.Full);
        byte[] mask = Enumerable.Range(0, 20).Select(i => (byte)(i / 7)).ToArray();
        using (FitsFile fits = FitsFile.Create(path))
        {
            ImageHdu first = fits.AddImage<short>(primary, [2, 3], new ImageWriteOptions { Name = "RAW" });
            first.AppendKeyword("OBSERVER", "Edwin O'Hubble", "with a quote");
            first.AppendKeyword("EXPTIME", 1234.5678901234567, "seconds");
            first.AppendKeyword("NCOMBINE", 3_000_000_000L);
            first.AppendKeyword("FLATCOR", true);
            ImageHdu sci = fits.AddImage<float>(science, [8, 8], new ImageWriteOptions
            {
                Name = "SCI",
                Version = 1,
                Compression = new ImageCompression(CompressionAlgorithm.Gzip1),
            });
            ImageHdu rice = fits.AddImage<short>(counts, [8, 8], Compressed(new ImageCompression(CompressionAlgorithm.Rice)));
            ImageHdu plain = fits.AddImage<short>(counts, [8, 8], new ImageWriteOptions { Name = "PLAIN" });
            ImageHdu dq = fits.AddImage<byte>(mask, [4, 5], new ImageWriteOptions
            {
                Name = "DQ",
                Version = 2,
                Compression = new ImageCompression(CompressionAlgorithm.Plio),
            });
            ImageHdu meta = fits.AddEmptyImage(new ImageWriteOptions { Name = "META" });

            Assert.Multiple(() =>
            {
                Assert.That(new[] { first.Index, sci.Index, rice.Index, plain.Index, dq.Index, meta.Index }, Is.EqualTo(new[] { 0, 1, 2, 3, 4, 5 }));
                Assert.That(fits.HduCount, Is.EqualTo(6));
                Assert.That(fits.Select(h => h.Index), Is.EqualTo(new[] { 0, 1, 2, 3, 4, 5 }));
                Assert.That(WritingTools.Sha256<float>(sci.Read<float>()), Is.EqualTo(WritingTools.Sha256<float>(science)), "an earlier HDU reads back after later ones were added");
                Assert.That(rice.Read<short>(), Is.EqualTo(counts), "an integer image after a lossless float one is not taken for floats");
            });
            fits.Commit();
        }

        using (FitsFile reopened = FitsFile.Open(path))
        {
            Assert.Multiple(() =>
            {
                Assert.That(reopened.HduCount, Is.EqualTo(6));
                Assert.That(reopened.Primary.Read<short>(), Is.EqualTo(primary));
                Assert.That(WritingTools.Sha256<float>(reopened[1].AsImage().Read<float>()), Is.EqualTo(WritingTools.Sha256<float>(science)));
                Assert.That(reopened[2].AsImage().Read<short>(), Is.EqualTo(counts));
                Assert.That(reopened[3].AsImage().Read<short>(), Is.EqualTo(counts));
                Assert.That(reopened[4].AsImage().Read<byte>(), Is.EqualTo(mask));
                Assert.That(reopened[5].AsImage().Info.Rank, Is.Zero);
            });
        }

        AssertFitsverifyClean(path);
        JsonElement[] hdus = Astropy(path);
        Assert.Multiple(() =>
        {
            Assert.That(hdus.Select(h => h.GetProperty("class").GetString()),
                Is.EqualTo(new[] { "PrimaryHDU", "CompImageHDU", "CompImageHDU", "ImageHDU", "CompImageHDU", "ImageHDU" }));
            Assert.That(hdus.Select(h => h.GetProperty("name").ValueKind == JsonValueKind.Null ? null : h.GetProperty("name").GetString()),
                Is.EqualTo(new[] { "RAW", "SCI", null, "PLAIN", "DQ", "META" }));
            Assert.That(hdus[1].GetProperty("ver").GetInt32(), Is.EqualTo(1));
            Assert.That(hdus[4].GetProperty("ver").GetInt32(), Is.EqualTo(2));
            Assert.That(hdus[0].GetProperty("sha256").GetString(), Is.EqualTo(WritingTools.Sha256<short>(primary)));
            Assert.That(hdus[1].GetProperty("sha256").GetString(), Is.EqualTo(WritingTools.Sha256<float>(science)));
            Assert.That(hdus[2].GetProperty("sha256").GetString(), Is.EqualTo(WritingTools.Sha256<short>(counts)));
            Assert.That(hdus[3].GetProperty("sha256").GetString(), Is.EqualTo(WritingTools.Sha256<short>(counts)));
            Assert.That(hdus[4].GetProperty("sha256").GetString(), Is.EqualTo(WritingTools.Sha256<byte>(mask)));
            JsonElement header = hdus[0].GetProperty("header");
            Assert.That(header.GetProperty("OBSERVER").GetString(), Is.EqualTo("Edwin O'Hubble"));
            Assert.That(header.GetProperty("EXPTIME").GetDouble(), Is.EqualTo(1234.5678901234567), "17 significant digits keep a double exact");
            Assert.That(header.GetProperty("NCOMBINE").GetInt64(), Is.EqualTo(3_000_000_000L));
            Assert.That(header.GetProperty("FLATCOR").GetBoolean(), Is.True);
        });
    }

    [Test]
    public void Images_with_an_empty_axis_have_no_pixels()
    {
        string path = _folder.File("empty-axis.fits");
        using (FitsFile fits = FitsFile.Create(path))
        {
            fits.AddImage<float>(ReadOnlySpan<float>.Empty, [0]);
            fits.AddImage<short>(ReadOnlySpan<short>.Empty, [3, 0]);
            fits.Commit();
        }

        using (FitsFile reopened = FitsFile.Open(path))
        {
            Assert.That(reopened.Primary.Info.Shape, Is.EqualTo(new long[] { 0 }));
            Assert.That(reopened[1].AsImage().Info.Shape, Is.EqualTo(new long[] { 3, 0 }));
            Assert.That(reopened[1].AsImage().Info.ElementCount, Is.Zero);
        }

        AssertFitsverifyClean(path);
    }

    [Test]
    public void NativeBuffers_write_with_their_shape_or_a_given_one()
    {
        string path = _folder.File("native.fits");
        using var cube = new NativeBuffer<ushort>([3, 4, 5]);
        for (int i = 0; i < cube.Length; i++)
        {
            cube.Span[i] = (ushort)(65535 - (i * 997));
        }

        using (FitsFile fits = FitsFile.Create(path))
        {
            ImageHdu asCube = fits.AddImage(cube);
            ImageHdu asImage = fits.AddImage(cube, [12, 5], new ImageWriteOptions { Compression = new ImageCompression(CompressionAlgorithm.Rice) });
            Assert.That(asCube.Info.Shape, Is.EqualTo(new long[] { 3, 4, 5 }));
            Assert.That(asImage.Info.Shape, Is.EqualTo(new long[] { 12, 5 }));
            fits.Commit();
        }

        using FitsFile reopened = FitsFile.Open(path);
        Assert.That(reopened.Primary.Read<ushort>(), Is.EqualTo(cube.Span.ToArray()));
        Assert.That(reopened[1].AsImage().Read<ushort>(), Is.EqualTo(cube.Span.ToArray()), "a compressed extension right after the primary");
    }

    [Test]
    public void Large_writes_are_split_into_chunks_seamlessly()
    {
        // Odd chunks far smaller than the image exercise the loop that large images take.
        long saved = FitsFile.WriteChunkElements;
        FitsFile.WriteChunkElements = 7;
        try
        {
            string path = _folder.File("chunks.fits");
            double[] pixels = PixelData.Make<double>(5 * 11 * 13, 21, ValueRange.Full);
            using (FitsFile fits = FitsFile.Create(path))
            {
                fits.AddImage<double>(pixels, [5, 11, 13]);
                fits.Commit();
            }

            using FitsFile reopened = FitsFile.Open(path);
            Assert.That(WritingTools.Sha256<double>(reopened.Primary.Read<double>()), Is.EqualTo(WritingTools.Sha256<double>(pixels)));
        }
        finally
        {
            FitsFile.WriteChunkElements = saved;
        }
    }

    [Test]
    public void Argument_mistakes_are_refused()
    {
        short[] twelve = new short[12];
        Assert.Multiple(() =>
        {
            Assert.That(FailsWith<ArgumentException>(f => f.AddImage<short>(twelve, ReadOnlySpan<long>.Empty)), Does.Contain("AddEmptyImage"));
            Assert.That(FailsWith<ArgumentException>(f => f.AddImage<short>(twelve, [-3, -4])), Does.Contain("negative"));
            Assert.That(FailsWith<ArgumentException>(f => f.AddImage<short>(twelve, [3, 5])), Does.Contain("15 pixels").And.Contain("12"));
            Assert.That(FailsWith<ArgumentException>(f => f.AddImage<short>(twelve, Enumerable.Repeat(1L, 1000).ToArray())), Does.Contain("999"));
            Assert.That(FailsWith<ArgumentException>(f => f.AddImage<short>(ReadOnlySpan<short>.Empty, [long.MaxValue, 4])), Does.Contain("more than"));
            Assert.That(FailsWith<NotSupportedException>(f => f.AddImage<char>(new char[12], [12])), Does.Contain("Char"));
            Assert.That(FailsWith<ArgumentException>(f => f.AddEmptyImage(new ImageWriteOptions { Compression = new ImageCompression(CompressionAlgorithm.Rice) })), Does.Contain("compress"));
        });
    }

    [Test]
    public void Option_mistakes_are_refused_when_the_options_are_built()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ImageCompression((CompressionAlgorithm)99));
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ImageCompression(CompressionAlgorithm.Rice) { TileShape = [16, 0] });
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ImageCompression(CompressionAlgorithm.Rice) { QuantizeLevel = float.NaN });
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ImageCompression(CompressionAlgorithm.Rice) { DitherSeed = 10001 });
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ImageCompression(CompressionAlgorithm.Rice) { DitherSeed = -1 });
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ImageCompression(CompressionAlgorithm.Rice) { QuantizationMethod = (QuantizationMethod)7 });
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ImageCompression(CompressionAlgorithm.HCompress) { HCompressScale = float.PositiveInfinity });
            Assert.Throws<ArgumentException>(() => _ = new ImageWriteOptions { Name = "Ångström" });
            Assert.Throws<ArgumentException>(() => _ = new ImageWriteOptions { Name = new string('x', 69) });
            Assert.Throws<ArgumentException>(() => _ = new ImageWriteOptions { Name = new string('\'', 35) }, "each quote is written twice");
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ImageWriteOptions { Version = 0 });
            Assert.That(new ImageCompression(CompressionAlgorithm.Gzip1) { QuantizeLevel = 0 }.QuantizeLevel, Is.Null, "0 means lossless");
        });
    }

    [Test]
    public void Compression_CFITSIO_cannot_do_is_refused_clearly()
    {
        var rice = new ImageCompression(CompressionAlgorithm.Rice);
        var plio = new ImageCompression(CompressionAlgorithm.Plio);
        var hcompress = new ImageCompression(CompressionAlgorithm.HCompress);
        Assert.Multiple(() =>
        {
            Assert.That(FailsWith<NotSupportedException>(f => f.AddImage<long>(new long[12], [3, 4], Compressed(rice))), Does.Contain("64-bit"));
            Assert.That(FailsWith<NotSupportedException>(f => f.AddImage<ulong>(new ulong[12], [3, 4], Compressed(rice))), Does.Contain("64-bit"));
            Assert.That(FailsWith<NotSupportedException>(f => f.AddImage<short>(new short[16], [2, 2, 2, 2], Compressed(rice))), Does.Contain("3 axes"));
            Assert.That(FailsWith<ArgumentException>(f => f.AddImage<short>(ReadOnlySpan<short>.Empty, [0, 4], Compressed(rice))), Does.Contain("length 0"));
            Assert.That(FailsWith<ArgumentException>(f => f.AddImage<short>(new short[12], [3, 4], Compressed(new ImageCompression(CompressionAlgorithm.Rice) { TileShape = [4] }))), Does.Contain("axes"));
            Assert.That(FailsWith<ArgumentException>(f => f.AddImage<float>(new float[12], [3, 4], Compressed(rice))), Does.Contain("losslessly"));
            Assert.That(FailsWith<ArgumentException>(f => f.AddImage<double>(new double[12], [3, 4], Compressed(hcompress))), Does.Contain("losslessly"));
            Assert.That(FailsWith<NotSupportedException>(f => f.AddImage<float>(new float[12], [3, 4], Compressed(plio))), Does.Contain("PLIO"));
            Assert.That(FailsWith<NotSupportedException>(f => f.AddImage<uint>(new uint[12], [3, 4], Compressed(plio))), Does.Contain("PLIO"));
            Assert.That(FailsWith<NotSupportedException>(f => f.AddImage<ushort>(new ushort[12], [3, 4], Compressed(plio))), Does.Contain("misread"));
            Assert.That(FailsWith<ArgumentException>(f => f.AddImage<short>([0, 1, -1, 2], [4], Compressed(plio))), Does.Contain("pixel 2").And.Contain("-1"));
            Assert.That(FailsWith<ArgumentException>(f => f.AddImage<int>([0, 1 << 24], [2], Compressed(plio))), Does.Contain("16777216"));
            Assert.That(FailsWith<ArgumentException>(f => f.AddImage<int>(new int[40], [40], Compressed(hcompress))), Does.Contain("2 axes"));
            Assert.That(FailsWith<ArgumentException>(f => f.AddImage<int>(new int[30], [10, 3], Compressed(hcompress))), Does.Contain("4 pixels"));
            Assert.That(FailsWith<ArgumentException>(f => f.AddImage<int>(new int[512], [8, 8, 8], Compressed(new ImageCompression(CompressionAlgorithm.HCompress) { TileShape = [8, 8, 8] }))), Does.Contain("exactly two"));
            Assert.That(FailsWith<ArgumentException>(f => f.AddImage<float>(new float[64], [8, 8], Compressed(new ImageCompression(CompressionAlgorithm.HCompress)
            {
                QuantizeLevel = 4,
                QuantizationMethod = QuantizationMethod.SubtractiveDither2,
            }))), Does.Contain("SubtractiveDither2"));
        });
    }

    [TestCase(PixelType.Int16)]
    [TestCase(PixelType.UInt16)]
    [TestCase(PixelType.Int32)]
    [TestCase(PixelType.Byte)]
    public void Noisy_tiles_that_would_overflow_CFITSIO_are_refused(PixelType type)
    {
        // CFITSIO 4.2's HCOMPRESS and PLIO coders write past their tile buffer for such data (heap corruption);
        // the process must get an exception instead, and stay healthy.
        string message = type switch
        {
            PixelType.Int16 => FailsWith<ArgumentException>(f => f.AddImage<short>(PixelData.Make<short>(13 * 29, 1, ValueRange.Full), [13, 29], Compressed(new ImageCompression(CompressionAlgorithm.HCompress)))),
            PixelType.UInt16 => FailsWith<ArgumentException>(f => f.AddImage<ushort>(PixelData.Make<ushort>(8 * 8, 2, ValueRange.Full), [8, 8], Compressed(new ImageCompression(CompressionAlgorithm.HCompress)))),
            PixelType.Int32 => FailsWith<ArgumentException>(f => f.AddImage<int>(PixelData.Make<int>(13 * 29, 3, ValueRange.Full), [13, 29], Compressed(new ImageCompression(CompressionAlgorithm.HCompress)))),
            _ => FailsWith<ArgumentException>(f => f.AddImage<byte>([0, 255, 0], [3], Compressed(new ImageCompression(CompressionAlgorithm.Plio)))),
        };
        Assert.That(message, Does.Contain("bytes").And.Contain("tile 1"));

        // The guard is exact, not a guess: smooth data of the same shape compresses.
        string path = _folder.File("smooth.fits");
        using FitsFile fits = FitsFile.Create(path);
        short[] smooth = PixelData.Make<short>(13 * 29, 5, ValueRange.Smooth);
        fits.AddImage<short>(smooth, [13, 29], Compressed(new ImageCompression(CompressionAlgorithm.HCompress)));
        fits.Commit();
        using FitsFile reopened = FitsFile.Open(path);
        Assert.That(reopened[1].AsImage().Read<short>(), Is.EqualTo(smooth));
    }

    [Test]
    public void HCOMPRESS_keeps_extreme_values_exactly()
    {
        // Full-range extremes on a smooth background: lossless at scale 0.
        string path = _folder.File("extremes.fits");
        int[] pixels = PixelData.Make<int>(64 * 100, 8, ValueRange.Smooth);
        pixels[0] = int.MinValue;
        pixels[1] = int.MaxValue;
        pixels[4321] = int.MinValue;
        using (FitsFile fits = FitsFile.Create(path))
        {
            fits.AddImage<int>(pixels, [64, 100], Compressed(new ImageCompression(CompressionAlgorithm.HCompress)));
            fits.Commit();
        }

        using FitsFile reopened = FitsFile.Open(path);
        Assert.That(reopened[1].AsImage().Read<int>(), Is.EqualTo(pixels));
        AssertFitsverifyClean(path);
    }

    [Test]
    [Explicit("Writes a 2.1 GB file; run by hand to check images of more than int.MaxValue pixels.")]
    public void Images_larger_than_an_array_write()
    {
        string path = _folder.File("large.fits");
        long length = (long)int.MaxValue + 1000;
        using var pixels = new NativeBuffer<byte>([2, length / 2]);
        unsafe
        {
            byte* pointer = (byte*)pixels.Pin().Pointer;
            for (long i = 0; i < pixels.Length; i++)
            {
                pointer[i] = (byte)(i % 251);
            }
        }

        using (FitsFile fits = FitsFile.Create(path))
        {
            fits.AddImage(pixels);
            fits.Commit();
        }

        using FitsFile reopened = FitsFile.Open(path);
        using NativeBuffer<byte> read = reopened.Primary.ReadNative<byte>();
        unsafe
        {
            byte* pointer = (byte*)read.Pin().Pointer;
            for (long i = 0; i < read.Length; i += 9973)
            {
                Assert.That(pointer[i], Is.EqualTo((byte)(i % 251)), $"pixel {i}");
            }

            Assert.That(pointer[read.Length - 1], Is.EqualTo((byte)((read.Length - 1) % 251)));
        }
    }

    private static ImageWriteOptions Compressed(ImageCompression compression) => new() { Compression = compression };

    /// <summary>Runs a write that must fail on a fresh file, checks the file is then faulted, and returns the message.</summary>
    private string FailsWith<TException>(Action<FitsFile> write)
        where TException : Exception
    {
        using FitsFile fits = FitsFile.Create(_folder.File($"fail-{Guid.NewGuid():N}.fits"));
        var error = Assert.Throws<TException>(() => write(fits))!;
        Assert.Throws<InvalidOperationException>(() => fits.Commit(), "a failed write faults the file");
        return error.Message;
    }

    private static void AssertFitsverifyClean(string path)
    {
        if (!WritingTools.HasFitsverify)
        {
            WritingTools.RequireTool(false, "fitsverify");
        }

        string name = Path.GetFileName(path);
        FitsverifyResult result = WritingTools.RunFitsverify(Path.GetDirectoryName(path)!, [name])[name];
        Assert.That(result.Clean, Is.True, () => $"{result.Line}\n{WritingTools.FitsverifyReport(path)}");
    }

    private JsonElement[] Astropy(string path)
    {
        WritingTools.RequireTool(WritingTools.HasAstropy, "/usr/bin/python3 with astropy");
        string name = Path.GetFileName(path);
        JsonElement file = WritingTools.RunAstropy(_folder.Path, [new AstropyRequest(name)])[name];
        Assert.That(file.GetProperty("error").ValueKind, Is.EqualTo(JsonValueKind.Null), () => file.GetProperty("error").ToString());
        return file.GetProperty("hdus").EnumerateArray().ToArray();
    }
}
