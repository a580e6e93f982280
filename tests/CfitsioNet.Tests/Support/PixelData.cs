using System;

namespace CfitsioNet.Tests.Support;

/// <summary>What kind of values a generated image holds.</summary>
internal enum ValueRange
{
    /// <summary>The type's whole range, starting with its extremes (and for floating point: NaN, infinities, -0, subnormals).</summary>
    Full,

    /// <summary>Integers PLIO can hold: 0 to 2^24 - 1 within the type's range (the whole range for byte, sbyte, ushort).</summary>
    Plio,

    /// <summary>Finite smooth values with Gaussian noise (sigma 1 around 100) and some exact zeros: what quantization is for.</summary>
    Noisy,

    /// <summary>Integers: a slow wave over 1/32 of the type's range with a little noise (what HCompress suits).</summary>
    Smooth,

    /// <summary>Integers PLIO can hold, in runs of equal values, as in a mask, including 0 and the largest value.</summary>
    Mask,
}

/// <summary>Deterministic test images of every natural type.</summary>
internal static class PixelData
{
    internal static T[] Make<T>(long count, int seed, ValueRange range)
        where T : unmanaged
    {
        var random = new Random(seed);
        int n = checked((int)count);
        object array = typeof(T) switch
        {
            _ when typeof(T) == typeof(byte) => Integers<byte>(n, random, byte.MinValue, byte.MaxValue, range, v => (byte)v),
            _ when typeof(T) == typeof(sbyte) => Integers<sbyte>(n, random, sbyte.MinValue, sbyte.MaxValue, range, v => (sbyte)v),
            _ when typeof(T) == typeof(short) => Integers<short>(n, random, short.MinValue, short.MaxValue, range, v => (short)v),
            _ when typeof(T) == typeof(ushort) => Integers<ushort>(n, random, ushort.MinValue, ushort.MaxValue, range, v => (ushort)v),
            _ when typeof(T) == typeof(int) => Integers<int>(n, random, int.MinValue, int.MaxValue, range, v => (int)v),
            _ when typeof(T) == typeof(uint) => Integers<uint>(n, random, uint.MinValue, uint.MaxValue, range, v => (uint)v),
            _ when typeof(T) == typeof(long) => Longs(n, random),
            _ when typeof(T) == typeof(ulong) => ULongs(n, random),
            _ when typeof(T) == typeof(float) => Floats(n, random, range),
            _ when typeof(T) == typeof(double) => Doubles(n, random, range),
            _ => throw new NotSupportedException(typeof(T).Name),
        };
        return (T[])array;
    }

    private static T[] Integers<T>(int n, Random random, long min, long max, ValueRange range, Func<long, T> convert)
    {
        if ((range is ValueRange.Plio or ValueRange.Mask) && min < 0 && max > 255)
        {
            min = 0;
            max = Math.Min(max, (1 << 24) - 1);
        }

        var values = new T[n];
        if (range == ValueRange.Smooth)
        {
            double middle = (min / 2.0) + (max / 2.0);
            double amplitude = (max / 64.0) - (min / 64.0);
            for (int i = 0; i < n; i++)
            {
                long value = (long)Math.Round(middle + (amplitude * Math.Sin(i / 50.0)) + random.Next(-3, 4));
                values[i] = convert(Math.Clamp(value, min, max));
            }

            return values;
        }

        if (range == ValueRange.Mask)
        {
            long current = min;
            for (int i = 0; i < n; i++)
            {
                if (i == 7)
                {
                    current = max;
                }
                else if (i > 7 && i % 7 == 0)
                {
                    current = random.NextInt64(min, max + 1);
                }

                values[i] = convert(current);
            }

            return values;
        }

        long[] extremes = [min, max, 0, 1, max - 1, min + 1];
        for (int i = 0; i < n; i++)
        {
            long value = i < extremes.Length ? extremes[i] : random.NextInt64(min, max + 1);
            values[i] = convert(Math.Clamp(value, min, max));
        }

        return values;
    }

    private static long[] Longs(int n, Random random)
    {
        var values = new long[n];
        long[] extremes = [long.MinValue, long.MaxValue, 0, 1, -1, long.MaxValue - 1, long.MinValue + 1];
        for (int i = 0; i < n; i++)
        {
            values[i] = i < extremes.Length ? extremes[i] : random.NextInt64() ^ ((long)random.Next() << 33);
        }

        return values;
    }

    private static ulong[] ULongs(int n, Random random)
    {
        var values = new ulong[n];
        ulong[] extremes = [ulong.MinValue, ulong.MaxValue, 1, 1UL << 63, (1UL << 63) - 1, ulong.MaxValue - 1];
        for (int i = 0; i < n; i++)
        {
            values[i] = i < extremes.Length ? extremes[i] : (ulong)random.NextInt64() ^ ((ulong)random.Next() << 34);
        }

        return values;
    }

    private static float[] Floats(int n, Random random, ValueRange range)
    {
        var values = new float[n];
        float[] specials = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, float.Epsilon, float.MaxValue, float.MinValue, 1.17549435E-38f];
        for (int i = 0; i < n; i++)
        {
            values[i] = range == ValueRange.Noisy ? (float)Noisy(i, random)
                : i < specials.Length ? specials[i]
                : (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30)));
        }

        return values;
    }

    private static double[] Doubles(int n, Random random, ValueRange range)
    {
        var values = new double[n];
        double[] specials = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0d, double.Epsilon, double.MaxValue, double.MinValue, 2.2250738585072014E-308];
        for (int i = 0; i < n; i++)
        {
            values[i] = range == ValueRange.Noisy ? Noisy(i, random)
                : i < specials.Length ? specials[i]
                : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-300, 300));
        }

        return values;
    }

    private static double Noisy(int i, Random random)
    {
        if (i % 17 == 3)
        {
            return 0.0;
        }

        // Box-Muller: Gaussian noise of sigma 1 on a slow gradient.
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        double gaussian = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return 100.0 + (10.0 * Math.Sin(i / 37.0)) + gaussian;
    }
}
