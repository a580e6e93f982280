using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests;

/// <summary>
/// Every natural type, in 1 to 4 dimensions of odd sizes, plain and with every lossless compression CFITSIO can
/// apply to it: written, then (a) read back through CfitsioNet before and after Commit, (b) checked by fitsverify and
/// (c) read by astropy, whose values must hash to the sha256 of what the test wrote. Files are written once in
/// <see cref="WriteAll"/> and both external checkers run once over all of them.
/// </summary>
[TestFixture]
public sealed class WritingRoundTripTests
{
    private static readonly PixelType[] s_types = Enum.GetValues<PixelType>();

    private static readonly long[][] s_shapes = [[37], [13, 29], [5, 7, 11], [2, 3, 5, 7]];

    private TempDirectory? _folder;
    private readonly Dictionary<string, Outcome> _outcomes = new(StringComparer.Ordinal);
    private Dictionary<string, FitsverifyResult>? _fitsverify;
    private Dictionary<string, JsonElement>? _astropy;

    /// <summary>Every case, named like <c>UInt16_13x29_Rice</c>.</summary>
    public static IEnumerable<RoundTripCase> Cases()
    {
        foreach (PixelType type in s_types)
        {
            foreach (long[] shape in s_shapes)
            {
                yield return new RoundTripCase(type, shape, null, null);
            }

            foreach (CompressionAlgorithm algorithm in LosslessAlgorithms(type))
            {
                foreach (long[] shape in s_shapes)
                {
                    // Compressed images have at most 3 axes (see FitsFile.AddImage); HCompress needs 2.
                    if (shape.Length <= 3 && (algorithm != CompressionAlgorithm.HCompress || shape.Length >= 2))
                    {
                        yield return new RoundTripCase(type, shape, algorithm, null);
                    }
                }

                // Several tiles per axis, with partial tiles at the far edges.
                yield return new RoundTripCase(type, [64, 100], algorithm, [16, 32]);
            }

            if (type == PixelType.Int32)
            {
                // Tile lengths beyond the image are clamped to it.
                yield return new RoundTripCase(type, [13, 29], CompressionAlgorithm.Gzip2, [100, 100]);
            }
        }
    }

    /// <summary>What CFITSIO compresses losslessly for each type (64-bit integers: nothing).</summary>
    private static IEnumerable<CompressionAlgorithm> LosslessAlgorithms(PixelType type) => type switch
    {
        PixelType.Int64 or PixelType.UInt64 => [],
        PixelType.Single or PixelType.Double => [CompressionAlgorithm.Gzip1, CompressionAlgorithm.Gzip2],
        PixelType.UInt16 or PixelType.UInt32 => [CompressionAlgorithm.Rice, CompressionAlgorithm.Gzip1, CompressionAlgorithm.Gzip2, CompressionAlgorithm.HCompress],
        _ => Enum.GetValues<CompressionAlgorithm>(),
    };

    [OneTimeSetUp]
    public void WriteAll()
    {
        _folder = new TempDirectory("roundtrip", inMemory: true);
        foreach (RoundTripCase testCase in Cases())
        {
            _outcomes[testCase.Name] = testCase.Type switch
            {
                PixelType.Byte => Write<byte>(testCase),
                PixelType.SByte => Write<sbyte>(testCase),
                PixelType.Int16 => Write<short>(testCase),
                PixelType.UInt16 => Write<ushort>(testCase),
                PixelType.Int32 => Write<int>(testCase),
                PixelType.UInt32 => Write<uint>(testCase),
                PixelType.Int64 => Write<long>(testCase),
                PixelType.UInt64 => Write<ulong>(testCase),
                PixelType.Single => Write<float>(testCase),
                _ => Write<double>(testCase),
            };
        }

        string[] written = _outcomes.Values.Where(o => o.Error is null).Select(o => Path.GetFileName(o.Path)).ToArray();
        if (WritingTools.HasFitsverify)
        {
            _fitsverify = WritingTools.RunFitsverify(_folder.Path, written);
        }

        if (WritingTools.HasAstropy)
        {
            _astropy = WritingTools.RunAstropy(_folder.Path, _outcomes.Values.Where(o => o.Error is null).Select(o => new AstropyRequest(
                Path.GetFileName(o.Path), new Dictionary<int, (string, string)>(), new Dictionary<int, string> { [o.Index] = WritingTools.NumpyName(o.Info!.PixelType) })));
        }
    }

    [OneTimeTearDown]
    public void DeleteAll() => _folder?.Dispose();

    [TestCaseSource(nameof(Cases))]
    public void Reads_back_identical(RoundTripCase testCase)
    {
        Outcome outcome = _outcomes[testCase.Name];
        Assert.That(outcome.Error, Is.Null, () => $"writing failed: {outcome.Error}");
        Assert.That(outcome.Index, Is.EqualTo(testCase.Algorithm is null ? 0 : 1), "HDU index (a compressed image follows an empty primary)");
        Assert.That(outcome.Info!.PixelType, Is.EqualTo(testCase.Type));
        Assert.That(outcome.Info.Shape, Is.EqualTo(testCase.Shape));
        Assert.That(outcome.ReadError, Is.Null, () => $"reading back failed: {outcome.ReadError}");
        Assert.Multiple(() =>
        {
            Assert.That(outcome.BeforeCommit, Is.True, "read back before Commit differs from what was written");
            Assert.That(outcome.AfterReopen, Is.True, "read back after reopening differs from what was written");
        });
    }

    [TestCaseSource(nameof(Cases))]
    public void Passes_fitsverify(RoundTripCase testCase)
    {
        WritingTools.RequireTool(WritingTools.HasFitsverify, "fitsverify");
        Outcome outcome = _outcomes[testCase.Name];
        Assert.That(outcome.Error, Is.Null, () => $"writing failed: {outcome.Error}");
        string name = Path.GetFileName(outcome.Path);
        Assert.That(_fitsverify!.TryGetValue(name, out FitsverifyResult? result), Is.True, $"fitsverify printed no summary for {name}");
        Assert.That(result!.Clean, Is.True, () => $"{result.Line}\n{WritingTools.FitsverifyReport(outcome.Path)}");
    }

    [TestCaseSource(nameof(Cases))]
    public void Astropy_reads_identical(RoundTripCase testCase)
    {
        WritingTools.RequireTool(WritingTools.HasAstropy, "/usr/bin/python3 with astropy");
        Outcome outcome = _outcomes[testCase.Name];
        Assert.That(outcome.Error, Is.Null, () => $"writing failed: {outcome.Error}");
        JsonElement file = _astropy![Path.GetFileName(outcome.Path)];
        Assert.That(file.GetProperty("error").ValueKind, Is.EqualTo(JsonValueKind.Null), () => file.GetProperty("error").ToString());
        JsonElement[] hdus = file.GetProperty("hdus").EnumerateArray().ToArray();
        Assert.That(hdus, Has.Length.EqualTo(outcome.Index + 1));
        JsonElement hdu = hdus[outcome.Index];
        Assert.Multiple(() =>
        {
            Assert.That(hdu.GetProperty("class").GetString(), Is.EqualTo(testCase.Algorithm is null ? "PrimaryHDU" : "CompImageHDU"));
            Assert.That(hdu.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()), Is.EqualTo(testCase.Shape));
            if (testCase.Type == PixelType.SByte && testCase.Algorithm is not null)
            {
                // astropy 5.2 scales compressed BITPIX 8 / BZERO -128 images to float32 rather than int8 (CFITSIO and
                // astropy agree on the values): require exactly the int8 values written.
                Assert.That(hdu.GetProperty("dtype").GetString(), Is.AnyOf("int8", "float32"));
                if (hdu.GetProperty("dtype").GetString() == "float32")
                {
                    Assert.That(hdu.GetProperty("exact_in_expected_dtype").GetBoolean(), Is.True, "astropy's float32 values are not integers");
                    Assert.That(hdu.GetProperty("sha256_in_expected_dtype").GetString(), Is.EqualTo(outcome.Sha256), "astropy's values differ from what was written");
                    return;
                }
            }

            Assert.That(hdu.GetProperty("dtype").GetString(), Is.EqualTo(WritingTools.NumpyName(testCase.Type)));
            Assert.That(hdu.GetProperty("sha256").GetString(), Is.EqualTo(outcome.Sha256), "astropy's values differ from what was written");
        });

        if (testCase.Algorithm is CompressionAlgorithm algorithm)
        {
            JsonElement table = hdu.GetProperty("table_header");
            Assert.That(table.GetProperty("ZCMPTYPE").GetString(), Is.EqualTo(CfitsioName(algorithm)));
            long[] tiles = Enumerable.Range(1, testCase.Shape.Length).Select(i => table.GetProperty($"ZTILE{i}").GetInt64()).ToArray();
            long[]? expectedTiles = ExpectedFortranTiles(testCase);
            if (expectedTiles is not null)
            {
                Assert.That(tiles, Is.EqualTo(expectedTiles), "ZTILEn (Fortran order)");
            }

            if (algorithm is CompressionAlgorithm.HCompress or CompressionAlgorithm.Plio)
            {
                // TileBudget predicts each tile's compressed size by running CFITSIO's encoder on its own copy of the
                // tile: it must match what CFITSIO stored, or its overflow guard would be guessing.
                long[] stored = hdu.GetProperty("tile_bytes").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                Assert.That(outcome.MeasureTiles!(tiles), Is.EqualTo(stored), "TileBudget's predicted tile sizes differ from CFITSIO's");
            }
        }
    }

    private static string CfitsioName(CompressionAlgorithm algorithm) => algorithm switch
    {
        CompressionAlgorithm.Rice => "RICE_1",
        CompressionAlgorithm.Gzip1 => "GZIP_1",
        CompressionAlgorithm.Gzip2 => "GZIP_2",
        CompressionAlgorithm.HCompress => "HCOMPRESS_1",
        _ => "PLIO_1",
    };

    /// <summary>ZTILEn the file must hold: the requested tiles reversed, or one row per tile by default (HCompress chooses its own).</summary>
    private static long[]? ExpectedFortranTiles(RoundTripCase testCase)
    {
        if (testCase.Tiles is { } tiles)
        {
            return tiles.Zip(testCase.Shape, Math.Min).Reverse().ToArray();
        }

        if (testCase.Algorithm == CompressionAlgorithm.HCompress)
        {
            return null;
        }

        long[] fortran = new long[testCase.Shape.Length];
        Array.Fill(fortran, 1L);
        fortran[0] = testCase.Shape[^1];
        return fortran;
    }

    private Outcome Write<T>(RoundTripCase testCase)
        where T : unmanaged
    {
        string path = _folder!.File(testCase.Name + ".fits");
        long count = testCase.Shape.Aggregate(1L, (a, b) => a * b);
        // HCompress and PLIO suit smooth images and masks; CFITSIO 4.2 cannot hold their output for noise (see TileBudget).
        ValueRange range = testCase.Algorithm switch
        {
            CompressionAlgorithm.HCompress => ValueRange.Smooth,
            CompressionAlgorithm.Plio => ValueRange.Mask,
            _ => ValueRange.Full,
        };
        T[] pixels = PixelData.Make<T>(count, testCase.Name.GetHashCode(StringComparison.Ordinal) & 0xffff, range);
        string sha = WritingTools.Sha256<T>(pixels);
        var options = testCase.Algorithm is CompressionAlgorithm algorithm
            ? new ImageWriteOptions { Compression = new ImageCompression(algorithm) { TileShape = testCase.Tiles } }
            : null;
        unsafe long[] Measure(long[] fortranTiles)
        {
            fixed (T* pointer = pixels)
            {
                return TileBudget.Measure(testCase.Type, testCase.Algorithm!.Value, testCase.Shape, fortranTiles, pointer, 0, null);
            }
        }

        int index;
        bool beforeCommit = false;
        try
        {
            using FitsFile fits = FitsFile.Create(path);
            ImageHdu hdu = fits.AddImage<T>(pixels, testCase.Shape, options);
            index = hdu.Index;
            try
            {
                beforeCommit = WritingTools.Sha256<T>(hdu.Read<T>()) == sha;
            }
            catch (FitsException)
            {
                // Reported by the reopened read below.
            }

            fits.Commit();
        }
        catch (Exception e)
        {
            return new Outcome(path, sha, -1, false, false, null, e, null, Measure);
        }

        using FitsFile reopened = FitsFile.Open(path);
        ImageHdu image = reopened[index].AsImage();
        try
        {
            bool afterReopen = WritingTools.Sha256<T>(image.Read<T>()) == sha;
            return new Outcome(path, sha, index, beforeCommit, afterReopen, image.Info, null, null, Measure);
        }
        catch (FitsException e)
        {
            return new Outcome(path, sha, index, beforeCommit, false, image.Info, null, e, Measure);
        }
    }

    private sealed record Outcome(
        string Path, string Sha256, int Index, bool BeforeCommit, bool AfterReopen, ImageInfo? Info, Exception? Error, Exception? ReadError, Func<long[], long[]>? MeasureTiles);
}

/// <summary>One round-trip case: type, shape (C order), algorithm (null = plain) and tile shape (null = default).</summary>
public sealed record RoundTripCase(PixelType Type, long[] Shape, CompressionAlgorithm? Algorithm, long[]? Tiles)
{
    public string Name => $"{Type}_{string.Join("x", Shape)}_{Algorithm?.ToString() ?? "Plain"}" + (Tiles is null ? string.Empty : "_tiles" + string.Join("x", Tiles));

    public override string ToString() => Name;
}
