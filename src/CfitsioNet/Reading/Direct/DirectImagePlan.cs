using System;

namespace CfitsioNet.Direct;

/// <summary>
/// How to read one uncompressed image HDU without CFITSIO: where its data starts, how many bytes it has, and which
/// kernel turns them into the natural type. Built once per HDU from what CFITSIO parsed; immutable.
/// </summary>
internal sealed unsafe class DirectImagePlan
{
    private DirectImagePlan(long dataOffset, long elementCount, int storedSize, int outputSize, DirectConversion conversion, double scale, double zero, long? blank)
    {
        DataOffset = dataOffset;
        ElementCount = elementCount;
        StoredSize = storedSize;
        OutputSize = outputSize;
        Conversion = conversion;
        Scale = scale;
        Zero = zero;
        Blank = blank;
    }

    /// <summary>Byte offset of the first pixel in the file.</summary>
    internal long DataOffset { get; }

    /// <summary>Number of pixels.</summary>
    internal long ElementCount { get; }

    /// <summary>Bytes per stored pixel (|BITPIX| / 8).</summary>
    internal int StoredSize { get; }

    /// <summary>Bytes per pixel of the natural type.</summary>
    internal int OutputSize { get; }

    /// <summary>Bytes of pixel data in the file, without the padding to 2880.</summary>
    internal long StoredBytes => ElementCount * StoredSize;

    /// <summary>The kernel.</summary>
    internal DirectConversion Conversion { get; }

    /// <summary>Whether the conversion can run in place in the destination (stored and natural sizes are equal).</summary>
    internal bool InPlace => StoredSize == OutputSize;

    /// <summary>Whether the conversion computes (BSCALE/BZERO in double precision) rather than only moving bytes.</summary>
    internal bool Computes => Conversion >= DirectConversion.UInt8ToSingle;

    /// <summary>BSCALE, for the scaling conversions.</summary>
    internal double Scale { get; }

    /// <summary>BZERO, for the scaling conversions.</summary>
    internal double Zero { get; }

    /// <summary>BLANK, for the scaling conversions of integer data (null when absent).</summary>
    internal long? Blank { get; }

    /// <summary>
    /// The plan for an image, or null when the direct path cannot be proven identical to CFITSIO's reader: an
    /// unusual BITPIX/BSCALE/BZERO combination, integer results of integer scaling, a BLANK CFITSIO would truncate,
    /// or a data unit whose size is not exactly the pixels padded to 2880 bytes (random groups, PCOUNT/GCOUNT).
    /// </summary>
    /// <param name="info">What the header says.</param>
    /// <param name="dataStart">CFITSIO's data offset of the HDU (<c>ffghadll</c>).</param>
    /// <param name="dataEnd">CFITSIO's end of the data unit, padding included.</param>
    internal static DirectImagePlan? TryCreate(ImageInfo info, long dataStart, long dataEnd)
    {
        if (!BitConverter.IsLittleEndian || info.ElementCount <= 0 || dataStart < 0)
        {
            return null;
        }

        int storedSize = Math.Abs(info.Bitpix) / 8;
        (DirectConversion conversion, int outputSize)? kind = Classify(info);
        if (kind is null)
        {
            return null;
        }

        long storedBytes;
        try
        {
            storedBytes = checked(info.ElementCount * storedSize);
        }
        catch (OverflowException)
        {
            return null;
        }

        long padded = FitsBlock.Padded(storedBytes);
        if (dataEnd - dataStart != padded)
        {
            return null;
        }

        return new DirectImagePlan(dataStart, info.ElementCount, storedSize, kind.Value.outputSize, kind.Value.conversion, info.Bscale, info.Bzero, info.Blank);
    }

    /// <summary>Converts <paramref name="count"/> stored pixels at <paramref name="source"/> into natural values at <paramref name="destination"/>.</summary>
    internal void Convert(byte* source, void* destination, nuint count)
    {
        byte* target = (byte*)destination;
        switch (Conversion)
        {
            case DirectConversion.Copy:
                if (source != target)
                {
                    Buffer.MemoryCopy(source, target, count, count);
                }

                break;
            case DirectConversion.FlipSign8: Endian.FlipSign8(source, target, count); break;
            case DirectConversion.Swap16: Endian.Swap16(source, target, count, flipSign: false); break;
            case DirectConversion.Swap16FlipSign: Endian.Swap16(source, target, count, flipSign: true); break;
            case DirectConversion.Swap32: Endian.Swap32(source, target, count, flipSign: false); break;
            case DirectConversion.Swap32FlipSign: Endian.Swap32(source, target, count, flipSign: true); break;
            case DirectConversion.Swap64: Endian.Swap64(source, target, count, flipSign: false); break;
            case DirectConversion.Swap64FlipSign: Endian.Swap64(source, target, count, flipSign: true); break;
            case DirectConversion.UInt8ToSingle: Endian.UInt8ToSingle(source, (float*)target, count, Scale, Zero, Blank, float.NaN); break;
            case DirectConversion.Int16ToSingle: Endian.Int16ToSingle(source, (float*)target, count, Scale, Zero, Blank, float.NaN); break;
            case DirectConversion.Int32ToDouble: Endian.Int32ToDouble(source, (double*)target, count, Scale, Zero, Blank, double.NaN); break;
            case DirectConversion.SingleToSingle: Endian.SingleToSingle(source, (float*)target, count, Scale, Zero); break;
            case DirectConversion.DoubleToDouble: Endian.DoubleToDouble(source, (double*)target, count, Scale, Zero); break;
            default: throw new InvalidOperationException($"Unknown conversion {Conversion}.");
        }
    }

    // The natural-type conventions CFITSIO reads with a fixed formula (getcol*.c, nullcheck as ImageHdu asks for it).
    private static (DirectConversion, int)? Classify(ImageInfo info)
    {
        double scale = info.Bscale;
        double zero = info.Bzero;
        bool unscaled = scale == 1.0 && zero == 0.0;
        return (info.Bitpix, info.PixelType) switch
        {
            (8, PixelType.Byte) when unscaled => (DirectConversion.Copy, 1),
            (8, PixelType.SByte) when scale == 1.0 && zero == -128.0 => (DirectConversion.FlipSign8, 1),
            (16, PixelType.Int16) when unscaled => (DirectConversion.Swap16, 2),
            (16, PixelType.UInt16) when scale == 1.0 && zero == 32768.0 => (DirectConversion.Swap16FlipSign, 2),
            (32, PixelType.Int32) when unscaled => (DirectConversion.Swap32, 4),
            (32, PixelType.UInt32) when scale == 1.0 && zero == 2147483648.0 => (DirectConversion.Swap32FlipSign, 4),
            (64, PixelType.Int64) when unscaled => (DirectConversion.Swap64, 8),
            (64, PixelType.UInt64) when scale == 1.0 && zero == 9223372036854775808.0 => (DirectConversion.Swap64FlipSign, 8),
            (-32, PixelType.Single) when unscaled => (DirectConversion.Swap32, 4),
            (-64, PixelType.Double) when unscaled => (DirectConversion.Swap64, 8),
            (8, PixelType.Single) when Finite(scale, zero) => (DirectConversion.UInt8ToSingle, 4),
            (16, PixelType.Single) when Finite(scale, zero) => (DirectConversion.Int16ToSingle, 4),

            // CFITSIO hands a 32-bit BLANK to fffi4r8 truncated to 32 bits; leave such headers to CFITSIO.
            (32, PixelType.Double) when Finite(scale, zero) && info.Blank is null or (>= int.MinValue and <= int.MaxValue) => (DirectConversion.Int32ToDouble, 8),
            (-32, PixelType.Single) when Finite(scale, zero) => (DirectConversion.SingleToSingle, 4),
            (-64, PixelType.Double) when Finite(scale, zero) => (DirectConversion.DoubleToDouble, 8),
            _ => null,
        };

        static bool Finite(double scale, double zero) => double.IsFinite(scale) && double.IsFinite(zero);
    }
}
