using System;

namespace CfitsioNet;

/// <summary>
/// The rules that decide an image's natural type and which element types a read may convert to without loss.
/// Pure functions of the header values, so they are tested against CFITSIO's <c>ffgiet</c> and against astropy.
/// </summary>
internal static class PixelConversion
{
    private const double TwoTo31 = 2147483648.0;
    private const double TwoTo63 = 9223372036854775808.0;

    /// <summary>The type of the stored values, from BITPIX alone (what <see cref="ReadOptions.Raw"/> reads).</summary>
    internal static PixelType? Stored(int bitpix) => bitpix switch
    {
        8 => PixelType.Byte,
        16 => PixelType.Int16,
        32 => PixelType.Int32,
        64 => PixelType.Int64,
        -32 => PixelType.Single,
        -64 => PixelType.Double,
        _ => null,
    };

    /// <summary>
    /// The type that holds <c>BZERO + BSCALE * stored</c> for every stored value. Follows CFITSIO's <c>ffgiet</c>
    /// (integer scaling picks the smallest integer type whose range covers the scaled range; fractional scaling gives
    /// float for 8/16-bit data and double for 32-bit data), with corrections where ffgiet is wrong: BITPIX 64 with
    /// BZERO 2^63 is <see cref="PixelType.UInt64"/> and any other scaled BITPIX 64 is <see cref="PixelType.Double"/>
    /// (ffgiet keeps Int64); a negative BSCALE gets the right range (ffgiet computes the minimum from its new maximum);
    /// fractional scaling with BZERO 2^31 is not mistaken for the unsigned convention; and an integral BZERO of 2^31 or
    /// more is treated as integral (ffgiet then answers float/double).
    /// </summary>
    internal static PixelType? Natural(int bitpix, double bzero, double bscale)
    {
        PixelType? stored = Stored(bitpix);
        if (stored is null || bitpix < 0 || (bscale == 1.0 && bzero == 0.0))
        {
            return stored;
        }

        if (bitpix == 64)
        {
            return bscale == 1.0 && bzero == TwoTo63 ? PixelType.UInt64 : PixelType.Double;
        }

        bool integral = Math.Floor(bzero) == bzero && Math.Floor(bscale) == bscale && Math.Abs(bzero) < 1e15 && Math.Abs(bscale) < 1e15;
        if (!integral)
        {
            return bitpix == 32 ? PixelType.Double : PixelType.Single;
        }

        (double low, double high) = bitpix switch
        {
            8 => (0.0, 255.0),
            16 => (-32768.0, 32767.0),
            _ => (-TwoTo31, TwoTo31 - 1),
        };

        double min = bscale >= 0 ? bzero + (bscale * low) : bzero + (bscale * high);
        double max = bscale >= 0 ? bzero + (bscale * high) : bzero + (bscale * low);
        if (min == -128.0 && max == 127.0) return PixelType.SByte;
        if (min >= -32768.0 && max <= 32767.0) return PixelType.Int16;
        if (min >= 0.0 && max <= 65535.0) return PixelType.UInt16;
        if (min >= -TwoTo31 && max <= TwoTo31 - 1) return PixelType.Int32;
        if (min >= 0.0 && max < 2 * TwoTo31) return PixelType.UInt32;
        return PixelType.Double;
    }

    /// <summary>Whether every value of type <paramref name="from"/> is exactly representable in <paramref name="to"/>.</summary>
    internal static bool IsExact(PixelType from, PixelType to) => from == to || from switch
    {
        PixelType.Byte => to is PixelType.Int16 or PixelType.UInt16 or PixelType.Int32 or PixelType.UInt32
            or PixelType.Int64 or PixelType.UInt64 or PixelType.Single or PixelType.Double,
        PixelType.SByte => to is PixelType.Int16 or PixelType.Int32 or PixelType.Int64 or PixelType.Single or PixelType.Double,
        PixelType.Int16 => to is PixelType.Int32 or PixelType.Int64 or PixelType.Single or PixelType.Double,
        PixelType.UInt16 => to is PixelType.Int32 or PixelType.UInt32 or PixelType.Int64 or PixelType.UInt64
            or PixelType.Single or PixelType.Double,
        PixelType.Int32 => to is PixelType.Int64 or PixelType.Double,
        PixelType.UInt32 => to is PixelType.Int64 or PixelType.UInt64 or PixelType.Double,
        PixelType.Single => to is PixelType.Double,
        _ => false,
    };

    /// <summary>
    /// Whether a read from <paramref name="from"/> to <paramref name="to"/> needs no <see cref="ReadOptions.AllowLossy"/>:
    /// exact conversions, and 64-bit integers to <see cref="PixelType.Double"/>, the read every analysis does. Each such
    /// value becomes the nearest double (ties to even: exact up to 2^53 in magnitude, within half a unit in the last place
    /// beyond), as a C cast and numpy's astype give; 64-bit integers to <see cref="PixelType.Single"/> stay refused.
    /// </summary>
    internal static bool IsAllowedWithoutLossy(PixelType from, PixelType to) =>
        IsExact(from, to) || (to == PixelType.Double && from is PixelType.Int64 or PixelType.UInt64);

    /// <summary>Whether <paramref name="type"/> is <see cref="PixelType.Single"/> or <see cref="PixelType.Double"/>.</summary>
    internal static bool IsFloating(PixelType type) => type is PixelType.Single or PixelType.Double;

    /// <summary>
    /// The value NaN pixels get when floating-point data are read into an integer type with
    /// <see cref="ReadOptions.AllowLossy"/>: the type's minimum for signed types, its maximum for unsigned ones
    /// (CFITSIO treats a null value of 0 as "no null checking", which would leave NaN conversion undefined).
    /// </summary>
    internal static T IntegerNullValue<T>()
        where T : unmanaged
    {
        if (typeof(T) == typeof(byte)) return (T)(object)byte.MaxValue;
        if (typeof(T) == typeof(sbyte)) return (T)(object)sbyte.MinValue;
        if (typeof(T) == typeof(short)) return (T)(object)short.MinValue;
        if (typeof(T) == typeof(ushort)) return (T)(object)ushort.MaxValue;
        if (typeof(T) == typeof(int)) return (T)(object)int.MinValue;
        if (typeof(T) == typeof(uint)) return (T)(object)uint.MaxValue;
        if (typeof(T) == typeof(long)) return (T)(object)long.MinValue;
        if (typeof(T) == typeof(ulong)) return (T)(object)ulong.MaxValue;
        throw new NotSupportedException($"{typeof(T).Name} is not an integer pixel type.");
    }

    /// <summary>The C# keyword for a pixel type, for messages.</summary>
    internal static string Keyword(PixelType type) => type switch
    {
        PixelType.Byte => "byte",
        PixelType.SByte => "sbyte",
        PixelType.Int16 => "short",
        PixelType.UInt16 => "ushort",
        PixelType.Int32 => "int",
        PixelType.UInt32 => "uint",
        PixelType.Int64 => "long",
        PixelType.UInt64 => "ulong",
        PixelType.Single => "float",
        PixelType.Double => "double",
        _ => type.ToString(),
    };
}
