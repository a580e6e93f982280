using System;
using System.Runtime.CompilerServices;

namespace CfitsioNet.Tests.Support;

/// <summary>
/// Deterministic pixel values that are a function of the index alone: the type's extremes and special values
/// first (minimum, maximum, 0, -1, NaN, infinities, -0, subnormals), then hashed values spread over the whole range.
/// Floating-point values come from raw hashed bit patterns, so some are NaNs with payloads that must survive a read.
/// </summary>
internal static class PixelPattern
{
    /// <summary>Values for pixels 0..count-1; <paramref name="seed"/> makes different images differ.</summary>
    public static T[] Create<T>(long count, ulong seed = 0)
        where T : unmanaged
    {
        var values = new T[count];
        T[] specials = Specials<T>();
        for (long i = 0; i < count; i++)
        {
            values[i] = i < specials.Length ? specials[i] : FromBits<T>(Hash(seed, (ulong)i));
        }

        return values;
    }

    /// <summary>SplitMix64 of the seed and index: cheap, and every output bit depends on every input bit.</summary>
    public static ulong Hash(ulong seed, ulong index)
    {
        ulong z = seed * 0x9E3779B97F4A7C15UL + index + 0x632BE59BD9B4E019UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static T FromBits<T>(ulong bits)
        where T : unmanaged
    {
        // Reinterpreting the low bytes gives every bit pattern of T equal probability.
        return Unsafe.As<ulong, T>(ref bits);
    }

    private static T[] Specials<T>()
        where T : unmanaged
    {
        object specials = typeof(T) switch
        {
            var t when t == typeof(byte) => new byte[] { 0, 255, 1, 254, 128, 127 },
            var t when t == typeof(sbyte) => new sbyte[] { sbyte.MinValue, sbyte.MaxValue, 0, -1, 1, -127, 126 },
            var t when t == typeof(short) => new short[] { short.MinValue, short.MaxValue, 0, -1, 1, -32767, 32766 },
            var t when t == typeof(ushort) => new ushort[] { 0, ushort.MaxValue, 32768, 32767, 1, 65534 },
            var t when t == typeof(int) => new[] { int.MinValue, int.MaxValue, 0, -1, 1, int.MinValue + 1, int.MaxValue - 1 },
            var t when t == typeof(uint) => new[] { 0u, uint.MaxValue, 0x8000_0000u, 0x7FFF_FFFFu, 1u, uint.MaxValue - 1 },
            var t when t == typeof(long) => new[] { long.MinValue, long.MaxValue, 0L, -1L, 1L, long.MinValue + 1, long.MaxValue - 1 },
            var t when t == typeof(ulong) => new[] { 0UL, ulong.MaxValue, 0x8000_0000_0000_0000UL, 0x7FFF_FFFF_FFFF_FFFFUL, 1UL, ulong.MaxValue - 1 },
            var t when t == typeof(float) => new[]
            {
                float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.MaxValue, float.MinValue,
                float.Epsilon, -float.Epsilon, BitConverter.Int32BitsToSingle(0x0080_0000), 1f, -1f,
                BitConverter.Int32BitsToSingle(0x7F80_0001), BitConverter.Int32BitsToSingle(unchecked((int)0xFFFF_FFFF)),
            },
            var t when t == typeof(double) => new[]
            {
                double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0d, -0d, double.MaxValue, double.MinValue,
                double.Epsilon, -double.Epsilon, BitConverter.Int64BitsToDouble(0x0010_0000_0000_0000), 1d, -1d,
                BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0001), BitConverter.Int64BitsToDouble(-1L),
            },
            _ => throw new NotSupportedException(typeof(T).Name),
        };
        return (T[])specials;
    }
}
