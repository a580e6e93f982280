using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests;

/// <summary>
/// Files written by astropy (tests/golden/make_golden.py), read in every mode and compared with what astropy's side
/// recorded in expected.json: shape, natural type, sha256 of the values, sum, extremes and sampled pixels.
/// </summary>
public sealed class GoldenFileTests
{
    private static readonly string GoldenDirectory = Path.Combine(AppContext.BaseDirectory, "golden");

    public static IEnumerable<TestCaseData> Files() =>
        Manifest().Select(f => new TestCaseData(f.GetProperty("file").GetString()).SetArgDisplayNames(f.GetProperty("file").GetString()!));

    public static IEnumerable<TestCaseData> ImagesInEveryMode() =>
        from file in Manifest()
        from image in file.GetProperty("images").EnumerateArray()
        from mode in Enum.GetValues<ReadMode>()
        let name = file.GetProperty("file").GetString()!
        let hdu = image.GetProperty("hdu").GetInt32()
        select new TestCaseData(name, hdu, mode).SetArgDisplayNames(name, $"HDU {hdu}", mode.ToString());

    [Test]
    public void Golden_files_are_next_to_the_tests()
    {
        Assert.That(File.Exists(Path.Combine(GoldenDirectory, "expected.json")), Is.True, GoldenDirectory);
        Assert.That(Manifest().Count, Is.GreaterThanOrEqualTo(10));
    }

    [TestCaseSource(nameof(Files))]
    public void HDU_count_and_kinds_match(string file)
    {
        JsonElement entry = Entry(file);
        using FitsFile fits = FitsFile.Open(Path.Combine(GoldenDirectory, file));

        Assert.That(fits.HduCount, Is.EqualTo(entry.GetProperty("hdu_count").GetInt32()));
        string[] kinds = entry.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()!).ToArray();
        Assert.That(fits.Select(h => h.Kind.ToString()).ToArray(), Is.EqualTo(kinds));
        foreach (Hdu hdu in fits.Where(h => h.Kind != HduKind.Image))
        {
            Assert.Throws<InvalidOperationException>(() => hdu.AsImage());
        }
    }

    [TestCaseSource(nameof(ImagesInEveryMode))]
    public void Pixels_match_what_astropy_wrote(string file, int hdu, ReadMode mode)
    {
        using FitsFile fits = FitsFile.Open(Path.Combine(GoldenDirectory, file));
        CheckImage(fits, file, hdu, mode);
    }

    [TestCaseSource(nameof(ImagesInEveryMode))]
    public void Pixels_from_memory_match_what_astropy_wrote(string file, int hdu, ReadMode mode)
    {
        using FitsFile fits = FitsFile.Open(File.ReadAllBytes(Path.Combine(GoldenDirectory, file)));
        CheckImage(fits, file, hdu, mode);
    }

    private static void CheckImage(FitsFile fits, string file, int hdu, ReadMode mode)
    {
        JsonElement expected = Entry(file).GetProperty("images").EnumerateArray().Single(i => i.GetProperty("hdu").GetInt32() == hdu);
        ImageHdu image = fits[hdu].AsImage();

        long[] shape = expected.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        Assert.That(image.Info.Shape, Is.EqualTo(shape), "shape");
        Assert.That(image.Info.Bitpix, Is.EqualTo(expected.GetProperty("bitpix").GetInt32()), "bitpix");
        if (expected.TryGetProperty("bscale", out JsonElement bscale))
        {
            Assert.That(image.Info.Bscale, Is.EqualTo(ParseDouble(bscale.GetString()!)), "bscale");
            Assert.That(image.Info.Bzero, Is.EqualTo(ParseDouble(expected.GetProperty("bzero").GetString()!)), "bzero");
            Assert.That(image.Info.Blank, Is.EqualTo(long.Parse(expected.GetProperty("blank").GetString()!, CultureInfo.InvariantCulture)), "blank");
        }

        string dtype = expected.GetProperty("dtype").GetString()!;
        switch (dtype)
        {
            case "uint8": Check<byte>(image, PixelType.Byte, mode, expected, shape); break;
            case "int8": Check<sbyte>(image, PixelType.SByte, mode, expected, shape); break;
            case "int16": Check<short>(image, PixelType.Int16, mode, expected, shape); break;
            case "uint16": Check<ushort>(image, PixelType.UInt16, mode, expected, shape); break;
            case "int32": Check<int>(image, PixelType.Int32, mode, expected, shape); break;
            case "uint32": Check<uint>(image, PixelType.UInt32, mode, expected, shape); break;
            case "int64": Check<long>(image, PixelType.Int64, mode, expected, shape); break;
            case "uint64": Check<ulong>(image, PixelType.UInt64, mode, expected, shape); break;
            case "float32": Check<float>(image, PixelType.Single, mode, expected, shape); break;
            case "float64": Check<double>(image, PixelType.Double, mode, expected, shape); break;
            default: Assert.Fail($"unknown dtype {dtype} in expected.json"); break;
        }
    }

    public static IEnumerable<TestCaseData> Images() =>
        from file in Manifest()
        from image in file.GetProperty("images").EnumerateArray()
        let name = file.GetProperty("file").GetString()!
        let hdu = image.GetProperty("hdu").GetInt32()
        select new TestCaseData(name, hdu).SetArgDisplayNames(name, $"HDU {hdu}");

    [TestCaseSource(nameof(Images))]
    public void Read_returns_a_new_array_each_call(string file, int hdu)
    {
        JsonElement expected = Entry(file).GetProperty("images").EnumerateArray().Single(i => i.GetProperty("hdu").GetInt32() == hdu);
        using FitsFile fits = FitsFile.Open(Path.Combine(GoldenDirectory, file));
        ImageHdu image = fits[hdu].AsImage();
        switch (image.Info.PixelType)
        {
            case PixelType.Byte: CheckIndependent<byte>(image, expected); break;
            case PixelType.SByte: CheckIndependent<sbyte>(image, expected); break;
            case PixelType.Int16: CheckIndependent<short>(image, expected); break;
            case PixelType.UInt16: CheckIndependent<ushort>(image, expected); break;
            case PixelType.Int32: CheckIndependent<int>(image, expected); break;
            case PixelType.UInt32: CheckIndependent<uint>(image, expected); break;
            case PixelType.Int64: CheckIndependent<long>(image, expected); break;
            case PixelType.UInt64: CheckIndependent<ulong>(image, expected); break;
            case PixelType.Single: CheckIndependent<float>(image, expected); break;
            case PixelType.Double: CheckIndependent<double>(image, expected); break;
            default: Assert.Fail($"unexpected type {image.Info.PixelType}"); break;
        }
    }

    /// <summary>Two reads give two arrays with astropy's values; writing into one leaves the other, and a third read, as they were.</summary>
    private static void CheckIndependent<T>(ImageHdu image, JsonElement expected)
        where T : unmanaged, INumber<T>
    {
        string sha = expected.GetProperty("sha256").GetString()!;
        T[] first = image.Read<T>();
        T[] second = image.Read<T>();
        Assert.That(second, Is.Not.SameAs(first));
        Assert.That(Sha256(first), Is.EqualTo(sha), "first read");
        Assert.That(Sha256(second), Is.EqualTo(sha), "second read");
        Array.Fill(first, T.One);
        Assert.That(Sha256(second), Is.EqualTo(sha), "the second array after writing into the first");
        Assert.That(Sha256(image.Read<T>()), Is.EqualTo(sha), "a third read after writing into the first");
    }

    private static void Check<T>(ImageHdu image, PixelType type, ReadMode mode, JsonElement expected, long[] shape)
        where T : unmanaged, INumber<T>
    {
        Assert.That(image.Info.PixelType, Is.EqualTo(type), "natural type");
        T[] values = PixelReader.Read<T>(image, mode);
        Assert.That(values.LongLength, Is.EqualTo(shape.Aggregate(1L, (a, b) => a * b)), "element count");

        Assert.That(Sha256(values), Is.EqualTo(expected.GetProperty("sha256").GetString()), "sha256 of the values");

        bool floating = typeof(T) == typeof(float) || typeof(T) == typeof(double);
        if (floating)
        {
            double[] finite = values.Select(double.CreateChecked).Where(double.IsFinite).ToArray();
            double sum = 0;
            foreach (double v in finite)
            {
                sum += v;
            }

            Assert.That(sum, Is.EqualTo(ParseDouble(expected.GetProperty("sum").GetString()!)), "sum of finite values");
            Assert.That(finite.Min(), Is.EqualTo(ParseDouble(expected.GetProperty("min").GetString()!)), "min");
            Assert.That(finite.Max(), Is.EqualTo(ParseDouble(expected.GetProperty("max").GetString()!)), "max");
            Assert.That(values.Count(v => T.IsNaN(v)), Is.EqualTo(expected.GetProperty("nan_count").GetInt32()), "NaN count");
            Assert.That(values.Count(v => T.IsInfinity(v)), Is.EqualTo(expected.GetProperty("inf_count").GetInt32()), "infinity count");
        }
        else
        {
            BigInteger[] integers = values.Select(BigInteger.CreateChecked).ToArray();
            BigInteger sum = integers.Aggregate(BigInteger.Zero, (a, b) => a + b);
            Assert.That(sum, Is.EqualTo(BigInteger.Parse(expected.GetProperty("sum").GetString()!, CultureInfo.InvariantCulture)), "sum");
            Assert.That(integers.Min(), Is.EqualTo(BigInteger.Parse(expected.GetProperty("min").GetString()!, CultureInfo.InvariantCulture)), "min");
            Assert.That(integers.Max(), Is.EqualTo(BigInteger.Parse(expected.GetProperty("max").GetString()!, CultureInfo.InvariantCulture)), "max");
        }

        foreach (JsonElement sample in expected.GetProperty("samples").EnumerateArray())
        {
            long[] index = sample.GetProperty("index").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            long flat = 0;
            for (int axis = 0; axis < shape.Length; axis++)
            {
                flat = flat * shape[axis] + index[axis];
            }

            T value = values[flat];
            string at = $"pixel [{string.Join(", ", index)}]";
            Assert.That(Convert.ToHexStringLower(CanonicalBytes<T>([value])), Is.EqualTo(sample.GetProperty("hex").GetString()), at + " bytes");
            string text = sample.GetProperty("value").GetString()!;
            if (floating)
            {
                double actual = double.CreateChecked(value);
                double wanted = ParseDouble(text);
                Assert.That(double.IsNaN(actual) ? "nan" : actual.ToString("R", CultureInfo.InvariantCulture),
                            Is.EqualTo(double.IsNaN(wanted) ? "nan" : wanted.ToString("R", CultureInfo.InvariantCulture)), at);
            }
            else
            {
                Assert.That(BigInteger.CreateChecked(value), Is.EqualTo(BigInteger.Parse(text, CultureInfo.InvariantCulture)), at);
            }
        }
    }

    /// <summary>sha256 of the values as little-endian bytes in C order, NaNs canonicalised as make_golden.py does.</summary>
    private static string Sha256<T>(T[] values)
        where T : unmanaged, INumber<T>
        => Convert.ToHexStringLower(SHA256.HashData(CanonicalBytes<T>(values)));

    private static byte[] CanonicalBytes<T>(ReadOnlySpan<T> values)
        where T : unmanaged, INumber<T>
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("expected.json holds little-endian hashes");
        }

        T[] copy = values.ToArray();
        for (int i = 0; i < copy.Length; i++)
        {
            if (copy[i] is float f && float.IsNaN(f))
            {
                copy[i] = (T)(object)BitConverter.Int32BitsToSingle(0x7FC0_0000);
            }
            else if (copy[i] is double d && double.IsNaN(d))
            {
                copy[i] = (T)(object)BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0000);
            }
        }

        return MemoryMarshal.AsBytes(copy.AsSpan()).ToArray();
    }

    private static double ParseDouble(string text) => text switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static List<JsonElement> Manifest()
    {
        string path = Path.Combine(GoldenDirectory, "expected.json");
        if (!File.Exists(path))
        {
            return [];
        }

        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("files").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private static JsonElement Entry(string file) => Manifest().Single(e => e.GetProperty("file").GetString() == file);

    // Debian's interpreter with Debian's packages, whatever a pyenv or virtualenv in the environment says.
}
