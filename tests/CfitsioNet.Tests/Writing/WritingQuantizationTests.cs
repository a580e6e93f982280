using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests;

/// <summary>
/// Lossy (quantized) compression of float and double images: every value must read back within half a quantization
/// step (the step comes from the file's ZSCALE column as astropy reads it, or is |q| for an absolute level), NaN must stay
/// NaN, SUBTRACTIVE_DITHER_2 must keep zeros exactly, astropy must decode the same values as CFITSIO, and fitsverify must
/// accept the files.
/// </summary>
[TestFixture]
public sealed class WritingQuantizationTests
{
    private static readonly long[] s_shape = [40, 50];

    private TempDirectory? _folder;
    private readonly Dictionary<string, Outcome> _outcomes = new(StringComparer.Ordinal);
    private Dictionary<string, FitsverifyResult>? _fitsverify;
    private Dictionary<string, JsonElement>? _astropy;

    public static IEnumerable<QuantizedCase> Cases()
    {
        CompressionAlgorithm[] algorithms = [CompressionAlgorithm.Rice, CompressionAlgorithm.Gzip1, CompressionAlgorithm.Gzip2, CompressionAlgorithm.HCompress];
        foreach (PixelType type in new[] { PixelType.Single, PixelType.Double })
        {
            foreach (CompressionAlgorithm algorithm in algorithms)
            {
                foreach (QuantizationMethod method in Enum.GetValues<QuantizationMethod>())
                {
                    if (algorithm == CompressionAlgorithm.HCompress && method == QuantizationMethod.SubtractiveDither2)
                    {
                        continue;
                    }

                    // Relative to the noise (the usual use), and an absolute step of 0.05.
                    yield return new QuantizedCase(type, algorithm, method, 4f, 17);
                    yield return new QuantizedCase(type, algorithm, method, -0.05f, null);
                }
            }
        }
    }

    [OneTimeSetUp]
    public void WriteAll()
    {
        _folder = new TempDirectory("quantize", inMemory: true);
        foreach (QuantizedCase testCase in Cases())
        {
            _outcomes[testCase.Name] = testCase.Type == PixelType.Single ? Write<float>(testCase) : Write<double>(testCase);
        }

        Outcome[] written = _outcomes.Values.Where(o => o.Error is null).ToArray();
        if (WritingTools.HasFitsverify)
        {
            _fitsverify = WritingTools.RunFitsverify(_folder.Path, written.Select(o => Path.GetFileName(o.Path)).ToArray());
        }

        if (WritingTools.HasAstropy)
        {
            _astropy = WritingTools.RunAstropy(_folder.Path, written.Select(o => new AstropyRequest(
                Path.GetFileName(o.Path),
                new Dictionary<int, (string, string)> { [1] = (Path.GetFileName(o.RawPath), o.Dtype) },
                new Dictionary<int, string>())));
        }
    }

    [OneTimeTearDown]
    public void DeleteAll() => _folder?.Dispose();

    [TestCaseSource(nameof(Cases))]
    public void Reads_back_within_half_a_step(QuantizedCase testCase)
    {
        Outcome outcome = Written(testCase);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.NaNPreserved, Is.True, "NaN pixels must read back as NaN, and only they");
            if (testCase.Level < 0)
            {
                // An absolute level fixes the step: no external information needed.
                Assert.That(outcome.MaxError, Is.LessThanOrEqualTo(Bound(-testCase.Level, outcome.MaxMagnitude)));
            }

            if (testCase.Method == QuantizationMethod.SubtractiveDither2)
            {
                Assert.That(outcome.ZerosChanged, Is.Zero, "SUBTRACTIVE_DITHER_2 keeps 0.0 exactly");
            }

            Assert.That(outcome.MaxError, Is.GreaterThan(0), "the compression is lossy, so some value must have moved");
        });
    }

    [TestCaseSource(nameof(Cases))]
    public void Astropy_agrees_and_bound_holds(QuantizedCase testCase)
    {
        WritingTools.RequireTool(WritingTools.HasAstropy, "/usr/bin/python3 with astropy");
        Outcome outcome = Written(testCase);
        JsonElement file = _astropy![Path.GetFileName(outcome.Path)];
        Assert.That(file.GetProperty("error").ValueKind, Is.EqualTo(JsonValueKind.Null), () => file.GetProperty("error").ToString());
        JsonElement hdu = file.GetProperty("hdus")[1];
        double step = hdu.GetProperty("max_zscale").GetDouble();
        JsonElement table = hdu.GetProperty("table_header");
        Assert.Multiple(() =>
        {
            Assert.That(hdu.GetProperty("dtype").GetString(), Is.EqualTo(WritingTools.NumpyName(testCase.Type)));
            Assert.That(hdu.GetProperty("sha256").GetString(), Is.EqualTo(outcome.ReadSha256), "astropy decodes other values than CFITSIO");
            Assert.That(ParseDouble(hdu.GetProperty("max_abs_error")), Is.LessThanOrEqualTo(Bound(step, outcome.MaxMagnitude)), "astropy's error exceeds half a step");
            Assert.That(outcome.MaxError, Is.LessThanOrEqualTo(Bound(step, outcome.MaxMagnitude)), "CfitsioNet's error exceeds half a step");
            if (testCase.Level < 0)
            {
                Assert.That(step, Is.EqualTo((double)-testCase.Level), "an absolute level is the step itself");
            }

            if (testCase.Method == QuantizationMethod.SubtractiveDither2)
            {
                Assert.That(hdu.GetProperty("zeros_changed").GetInt32(), Is.Zero);
            }

            Assert.That(table.GetProperty("ZQUANTIZ").GetString(), Is.EqualTo(testCase.Method switch
            {
                QuantizationMethod.NoDither => "NO_DITHER",
                QuantizationMethod.SubtractiveDither2 => "SUBTRACTIVE_DITHER_2",
                _ => "SUBTRACTIVE_DITHER_1",
            }));
            if (testCase.Method != QuantizationMethod.NoDither)
            {
                int seed = table.GetProperty("ZDITHER0").GetInt32();
                long firstTileLength = table.GetProperty("ZTILE1").GetInt64() * table.GetProperty("ZTILE2").GetInt64();
                Assert.That(seed, testCase.Seed is int chosen ? Is.EqualTo(chosen) : Is.EqualTo(ChecksumSeed(outcome.PixelBytes![..(int)(firstTileLength * ElementSize(testCase.Type))])));
            }
        });

        if (testCase.Algorithm == CompressionAlgorithm.HCompress)
        {
            // TileBudget reproduces CFITSIO's quantization to measure HCOMPRESS tiles: its sizes must be CFITSIO's.
            long[] tiles = Enumerable.Range(1, 2).Select(i => table.GetProperty($"ZTILE{i}").GetInt64()).ToArray();
            long[] stored = hdu.GetProperty("tile_bytes").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            int seed = table.TryGetProperty("ZDITHER0", out JsonElement dither) ? dither.GetInt32() : 1; // unused without dithering
            Assert.That(outcome.MeasureTiles(tiles, seed), Is.EqualTo(stored));
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Passes_fitsverify(QuantizedCase testCase)
    {
        WritingTools.RequireTool(WritingTools.HasFitsverify, "fitsverify");
        Outcome outcome = Written(testCase);
        FitsverifyResult result = _fitsverify![Path.GetFileName(outcome.Path)];
        Assert.That(result.Clean, Is.True, () => $"{result.Line}\n{WritingTools.FitsverifyReport(outcome.Path)}");
    }

    [Test]
    public void Same_image_and_default_seed_give_identical_files()
    {
        // The default seed comes from the pixels, so compression is reproducible.
        float[] pixels = PixelData.Make<float>(2000, 5, ValueRange.Noisy);
        var options = new ImageWriteOptions { Compression = new ImageCompression(CompressionAlgorithm.Rice) { QuantizeLevel = 8 } };
        byte[][] files = new byte[2][];
        for (int i = 0; i < 2; i++)
        {
            string path = _folder!.File($"reproducible{i}.fits");
            using (FitsFile fits = FitsFile.Create(path))
            {
                fits.AddImage<float>(pixels, s_shape, options);
                fits.Commit();
            }

            files[i] = File.ReadAllBytes(path);
        }

        Assert.That(files[1], Is.EqualTo(files[0]));
    }

    [Test]
    public void Different_seeds_dither_differently()
    {
        float[] pixels = PixelData.Make<float>(2000, 5, ValueRange.Noisy);
        float[][] read = new float[2][];
        for (int i = 0; i < 2; i++)
        {
            string path = _folder!.File($"seed{i}.fits");
            using (FitsFile fits = FitsFile.Create(path))
            {
                var compression = new ImageCompression(CompressionAlgorithm.Rice) { QuantizeLevel = 4, DitherSeed = 100 + i };
                fits.AddImage<float>(pixels, s_shape, new ImageWriteOptions { Compression = compression });
                fits.Commit();
            }

            using FitsFile reopened = FitsFile.Open(path);
            read[i] = reopened[1].AsImage().Read<float>();
        }

        Assert.That(read[1], Is.Not.EqualTo(read[0]));
    }

    [Test]
    public void Clock_seed_still_reads_back_within_the_step()
    {
        float[] pixels = PixelData.Make<float>(2000, 6, ValueRange.Noisy);
        string path = _folder!.File("clock.fits");
        using (FitsFile fits = FitsFile.Create(path))
        {
            var compression = new ImageCompression(CompressionAlgorithm.Rice) { QuantizeLevel = -0.25f, DitherSeed = 0 };
            fits.AddImage<float>(pixels, s_shape, new ImageWriteOptions { Compression = compression });
            fits.Commit();
        }

        using FitsFile reopened = FitsFile.Open(path);
        float[] read = reopened[1].AsImage().Read<float>();
        double worst = pixels.Zip(read, (a, b) => Math.Abs((double)a - b)).Max();
        Assert.That(worst, Is.LessThanOrEqualTo(Bound(0.25, 120)));
    }

    [TestCase(CompressionAlgorithm.Rice)]
    [TestCase(CompressionAlgorithm.HCompress)]
    public void Undefined_pixels_read_back_as_NaN(CompressionAlgorithm algorithm)
    {
        // Quantized images store NaN as ZBLANK; CFITSIO turns it back into NaN. (astropy 5.2 and fitsio 1.1.8 do not:
        // they return a value near the tile's minimum, which is why the astropy comparisons above use finite images.)
        double[] pixels = PixelData.Make<double>(2000, 9, ValueRange.Noisy);
        int[] nanAt = [0, 5, 777, 1999];
        foreach (int i in nanAt)
        {
            pixels[i] = double.NaN;
        }

        string path = _folder!.File($"nan-{algorithm}.fits");
        using (FitsFile fits = FitsFile.Create(path))
        {
            var options = new ImageWriteOptions { Compression = new ImageCompression(algorithm) { QuantizeLevel = -0.01f, DitherSeed = 3 } };
            fits.AddImage<double>(pixels, s_shape, options);
            fits.Commit();
        }

        using FitsFile reopened = FitsFile.Open(path);
        double[] read = reopened[1].AsImage().Read<double>();
        Assert.Multiple(() =>
        {
            Assert.That(Enumerable.Range(0, read.Length).Where(i => double.IsNaN(read[i])), Is.EqualTo(nanAt));
            double worst = Enumerable.Range(0, read.Length).Where(i => !double.IsNaN(pixels[i])).Max(i => Math.Abs(pixels[i] - read[i]));
            Assert.That(worst, Is.LessThanOrEqualTo(Bound(0.01, 120)));
        });
    }

    [Test]
    public void Infinity_cannot_be_quantized()
    {
        float[] pixels = PixelData.Make<float>(2000, 7, ValueRange.Noisy);
        pixels[123] = float.PositiveInfinity;
        using FitsFile fits = FitsFile.Create(_folder!.File("infinity.fits"));
        var options = new ImageWriteOptions { Compression = new ImageCompression(CompressionAlgorithm.Rice) { QuantizeLevel = 4 } };
        var error = Assert.Throws<ArgumentException>(() => fits.AddImage<float>(pixels, s_shape, options));
        Assert.That(error!.Message, Does.Contain("Pixel 123").And.Contain("infinit"));
    }

    [Test]
    public void Value_equal_to_CFITSIO_null_flag_is_not_turned_into_NaN()
    {
        // CFITSIO marks undefined pixels with a flag value; one that occurs in the image must not be chosen.
        float[] pixels = PixelData.Make<float>(2000, 8, ValueRange.Noisy);
        pixels[10] = float.NaN;
        pixels[11] = -9.11912E-36f;
        string path = _folder!.File("flag.fits");
        using (FitsFile fits = FitsFile.Create(path))
        {
            var options = new ImageWriteOptions { Compression = new ImageCompression(CompressionAlgorithm.Gzip2) { QuantizeLevel = -1e-3f } };
            fits.AddImage<float>(pixels, s_shape, options);
            fits.Commit();
        }

        using FitsFile reopened = FitsFile.Open(path);
        float[] read = reopened[1].AsImage().Read<float>();
        Assert.That(float.IsNaN(read[10]), Is.True);
        Assert.That(read[11], Is.EqualTo(0f).Within(1e-3));
        Assert.That(read.Count(float.IsNaN), Is.EqualTo(1));
    }

    /// <summary>Half a step, plus the rounding of the reconstructed value to the image's precision.</summary>
    private static double Bound(double step, double magnitude) => (step / 2 * (1 + 1e-9)) + (magnitude * 1.2e-7);

    private static double ParseDouble(JsonElement element) => element.ValueKind == JsonValueKind.Number ? element.GetDouble() : double.PositiveInfinity;

    private static int ElementSize(PixelType type) => type == PixelType.Single ? 4 : 8;

    /// <summary>CFITSIO's seed for ZDITHER0 = -1: the byte sum of the first tile (full-width tiles: the first rows), mod 10000, plus 1.</summary>
    private static int ChecksumSeed(byte[] firstTile)
    {
        ulong sum = 0;
        foreach (byte b in firstTile)
        {
            sum += b;
        }

        return (int)(sum % 10000) + 1;
    }

    private Outcome Written(QuantizedCase testCase)
    {
        Outcome outcome = _outcomes[testCase.Name];
        Assert.That(outcome.Error, Is.Null, () => $"writing failed: {outcome.Error}");
        return outcome;
    }

    private Outcome Write<T>(QuantizedCase testCase)
        where T : unmanaged, IConvertible
    {
        string path = _folder!.File(testCase.Name + ".fits");
        string rawPath = _folder.File(testCase.Name + ".bin");
        // No NaN here: astropy 5.2 does not restore NaN from ZBLANK (see Undefined_pixels_read_back_as_NaN).
        T[] pixels = PixelData.Make<T>(2000, testCase.Name.Length * 31, ValueRange.Noisy);
        File.WriteAllBytes(rawPath, MemoryMarshal.AsBytes(pixels.AsSpan()).ToArray());

        var compression = new ImageCompression(testCase.Algorithm)
        {
            QuantizeLevel = testCase.Level,
            QuantizationMethod = testCase.Method,
            DitherSeed = testCase.Seed,
        };
        try
        {
            using (FitsFile fits = FitsFile.Create(path))
            {
                fits.AddImage<T>(pixels, s_shape, new ImageWriteOptions { Compression = compression });
                fits.Commit();
            }

            using FitsFile reopened = FitsFile.Open(path);
            T[] read = reopened[1].AsImage().Read<T>();
            double maxError = 0;
            double maxMagnitude = 0;
            int zerosChanged = 0;
            bool nanPreserved = true;
            for (int i = 0; i < pixels.Length; i++)
            {
                double written = pixels[i].ToDouble(null);
                double back = read[i].ToDouble(null);
                if (double.IsNaN(written) || double.IsNaN(back))
                {
                    nanPreserved &= double.IsNaN(written) && double.IsNaN(back);
                    continue;
                }

                maxError = Math.Max(maxError, Math.Abs(written - back));
                maxMagnitude = Math.Max(maxMagnitude, Math.Abs(written));
                zerosChanged += written == 0 && back != 0 ? 1 : 0;
            }

            unsafe long[] Measure(long[] fortranTiles, int seed)
            {
                var quantization = new TileBudget.Quantization(testCase.Level, MethodCode(testCase.Method), seed, false, 0);
                fixed (T* pointer = pixels)
                {
                    return TileBudget.Measure(testCase.Type, testCase.Algorithm, s_shape, fortranTiles, pointer, 0, quantization);
                }
            }

            return new Outcome(path, rawPath, WritingTools.NumpyName(testCase.Type), WritingTools.Sha256<T>(read), maxError, maxMagnitude,
                zerosChanged, nanPreserved, MemoryMarshal.AsBytes(pixels.AsSpan()).ToArray(), Measure, null);
        }
        catch (Exception e)
        {
            return new Outcome(path, rawPath, string.Empty, string.Empty, 0, 0, 0, false, null, (_, _) => [], e);
        }
    }

    private static int MethodCode(QuantizationMethod method) => method switch
    {
        QuantizationMethod.NoDither => -1,
        QuantizationMethod.SubtractiveDither2 => 2,
        _ => 1,
    };

    private sealed record Outcome(
        string Path, string RawPath, string Dtype, string ReadSha256, double MaxError, double MaxMagnitude, int ZerosChanged, bool NaNPreserved,
        byte[]? PixelBytes, Func<long[], int, long[]> MeasureTiles, Exception? Error);
}

/// <summary>One quantized case: type, algorithm, method, quantize level (negative = absolute step) and dither seed (null = checksum).</summary>
public sealed record QuantizedCase(PixelType Type, CompressionAlgorithm Algorithm, QuantizationMethod Method, float Level, int? Seed)
{
    public string Name => $"{Type}_{Algorithm}_{Method}_q{Level}".Replace("-", "abs", StringComparison.Ordinal);

    public override string ToString() => Name;
}
