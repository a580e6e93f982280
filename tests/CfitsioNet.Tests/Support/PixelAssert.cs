using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NUnit.Framework;

namespace CfitsioNet.Tests.Support;

/// <summary>Pixel-by-pixel comparisons that report the first differing index.</summary>
internal static class PixelAssert
{
    /// <summary>
    /// Asserts bitwise equality (so NaN payloads, -0 and subnormals count). With <paramref name="anyNaN"/>, two
    /// NaNs of any payload are equal: for NaNs that CFITSIO makes itself from BLANK.
    /// </summary>
    public static void Equal<T>(ReadOnlySpan<T> expected, ReadOnlySpan<T> actual, string what, bool anyNaN = false)
        where T : unmanaged
    {
        Assert.That(actual.Length, Is.EqualTo(expected.Length), $"{what}: length");
        if (MemoryMarshal.AsBytes(expected).SequenceEqual(MemoryMarshal.AsBytes(actual)))
        {
            return;
        }

        int mismatches = 0;
        int first = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            if (!SameBits(expected[i], actual[i]) && !(anyNaN && IsNaN(expected[i]) && IsNaN(actual[i])))
            {
                mismatches++;
                if (first < 0)
                {
                    first = i;
                }
            }
        }

        if (mismatches > 0)
        {
            Assert.Fail($"{what}: {mismatches} of {expected.Length} pixels differ; first at flat index {first}: " +
                        $"expected {Show(expected[first])}, got {Show(actual[first])}.");
        }
    }

    public static bool IsNaN<T>(T value)
        where T : unmanaged
        => value switch
        {
            float f => float.IsNaN(f),
            double d => double.IsNaN(d),
            _ => false,
        };

    private static bool SameBits<T>(T a, T b)
        where T : unmanaged
        => MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in a)).SequenceEqual(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in b)));

    private static string Show<T>(T value)
        where T : unmanaged
    {
        string hex = Convert.ToHexString(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)));
        return $"{value} (little-endian 0x{hex}, {Unsafe.SizeOf<T>()} bytes)";
    }
}
