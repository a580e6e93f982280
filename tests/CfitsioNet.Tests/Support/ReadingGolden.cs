using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace CfitsioNet.Tests.Support;

/// <summary>The golden files of tests/golden/reading and what make_reading.py says they hold.</summary>
internal static class ReadingGolden
{
    internal static string Folder => Path.Combine(AppContext.BaseDirectory, "golden", "reading");

    internal static string PathOf(string name) => Path.Combine(Folder, name);

    private static readonly Lazy<List<GoldenImage>> s_images = new(Load);

    internal static IReadOnlyList<GoldenImage> Images => s_images.Value;

    internal static GoldenImage Get(string file, int hdu = -1) =>
        Images.Single(i => i.File == file && (hdu < 0 || i.Hdu == hdu));

    private static List<GoldenImage> Load()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")));
        var images = new List<GoldenImage>();
        foreach (JsonProperty file in document.RootElement.GetProperty("files").EnumerateObject())
        {
            foreach (JsonElement e in file.Value.EnumerateArray())
            {
                images.Add(new GoldenImage(
                    file.Name,
                    e.GetProperty("hdu").GetInt32(),
                    e.GetProperty("bitpix").GetInt32(),
                    Enum.Parse<PixelType>(e.GetProperty("pixel_type").GetString()!),
                    Enum.Parse<PixelType>(e.GetProperty("stored_type").GetString()!),
                    e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()).ToArray(),
                    e.GetProperty("bzero").GetDouble(),
                    e.GetProperty("bscale").GetDouble(),
                    e.GetProperty("blank").ValueKind == JsonValueKind.Null ? null : e.GetProperty("blank").GetInt64(),
                    e.GetProperty("compression").ValueKind == JsonValueKind.Null ? null : e.GetProperty("compression").GetString(),
                    e.GetProperty("sha256").GetString()!,
                    e.GetProperty("regions").EnumerateArray().Select(r => new GoldenRegion(
                        Longs(r.GetProperty("start")), Longs(r.GetProperty("end")), Longs(r.GetProperty("step")),
                        Longs(r.GetProperty("shape")), r.GetProperty("sha256").GetString()!)).ToArray(),
                    e.GetProperty("conversions").EnumerateArray().Select(c => new GoldenConversion(
                        Enum.Parse<PixelType>(c.GetProperty("type").GetString()!), c.GetProperty("lossy").GetBoolean(),
                        c.GetProperty("sha256").GetString()!)).ToArray(),
                    e.TryGetProperty("raw_sha256", out JsonElement raw) ? raw.GetString() : null,
                    e.TryGetProperty("tolerance", out JsonElement tolerance) ? tolerance.GetDouble() : null,
                    e.TryGetProperty("values", out JsonElement values)
                        ? values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray()
                        : null,
                    e.TryGetProperty("decoded_sha256", out JsonElement decoded) ? decoded.GetString() : null));
            }
        }

        return images;
    }

    private static long[] Longs(JsonElement array) => array.EnumerateArray().Select(x => x.GetInt64()).ToArray();

    /// <summary>sha256 of the values as little-endian bytes, every NaN made the canonical quiet NaN (as the script does).</summary>
    internal static string Sha<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The golden checksums are over little-endian bytes.");
        }

        if (typeof(T) == typeof(float))
        {
            float[] copy = MemoryMarshal.Cast<T, float>(values).ToArray();
            for (int i = 0; i < copy.Length; i++)
            {
                if (float.IsNaN(copy[i]))
                {
                    copy[i] = BitConverter.Int32BitsToSingle(0x7FC00000);
                }
            }

            return Hex(SHA256.HashData(MemoryMarshal.AsBytes(copy.AsSpan())));
        }

        if (typeof(T) == typeof(double))
        {
            double[] copy = MemoryMarshal.Cast<T, double>(values).ToArray();
            for (int i = 0; i < copy.Length; i++)
            {
                if (double.IsNaN(copy[i]))
                {
                    copy[i] = BitConverter.Int64BitsToDouble(0x7FF8000000000000);
                }
            }

            return Hex(SHA256.HashData(MemoryMarshal.AsBytes(copy.AsSpan())));
        }

        return Hex(SHA256.HashData(MemoryMarshal.AsBytes(values)));
    }

    internal static string Sha<T>(T[] values)
        where T : unmanaged
        => Sha<T>((ReadOnlySpan<T>)values);

    private static string Hex(byte[] hash) => Convert.ToHexString(hash).ToLowerInvariant();
}

public sealed record GoldenRegion(long[] Start, long[] End, long[] Step, long[] Shape, string Sha256)
{
    public override string ToString() => $"[{string.Join(",", Start)}]..[{string.Join(",", End)}] step [{string.Join(",", Step)}]";
}

public sealed record GoldenConversion(PixelType Type, bool Lossy, string Sha256);

public sealed record GoldenImage(
    string File, int Hdu, int Bitpix, PixelType PixelType, PixelType StoredType, long[] Shape, double Bzero, double Bscale,
    long? Blank, string? Compression, string Sha256, GoldenRegion[] Regions, GoldenConversion[] Conversions, string? RawSha256,
    double? Tolerance, double[]? Values, string? DecodedSha256)
{
    public override string ToString() => $"{File}[{Hdu}]";
}

/// <summary>Calls a generic method with the .NET type of a <see cref="PixelType"/>.</summary>
internal interface IPixelFunction<TResult>
{
    TResult Invoke<T>()
        where T : unmanaged;
}

internal static class PixelDispatch
{
    internal static TResult Call<TResult>(PixelType type, IPixelFunction<TResult> function) => type switch
    {
        PixelType.Byte => function.Invoke<byte>(),
        PixelType.SByte => function.Invoke<sbyte>(),
        PixelType.Int16 => function.Invoke<short>(),
        PixelType.UInt16 => function.Invoke<ushort>(),
        PixelType.Int32 => function.Invoke<int>(),
        PixelType.UInt32 => function.Invoke<uint>(),
        PixelType.Int64 => function.Invoke<long>(),
        PixelType.UInt64 => function.Invoke<ulong>(),
        PixelType.Single => function.Invoke<float>(),
        PixelType.Double => function.Invoke<double>(),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
