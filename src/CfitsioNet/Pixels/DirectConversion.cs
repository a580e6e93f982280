namespace CfitsioNet.Direct;

/// <summary>What the direct path does to the stored big-endian values to produce the natural type.</summary>
internal enum DirectConversion
{
    /// <summary>BITPIX 8 to <c>byte</c>: the bytes as they are.</summary>
    Copy,

    /// <summary>BITPIX 8, BZERO -128 to <c>sbyte</c>: XOR 0x80.</summary>
    FlipSign8,

    /// <summary>BITPIX 16 to <c>short</c>.</summary>
    Swap16,

    /// <summary>BITPIX 16, BZERO 32768 to <c>ushort</c>: swap and XOR 0x8000.</summary>
    Swap16FlipSign,

    /// <summary>BITPIX 32 to <c>int</c>, or BITPIX -32 to <c>float</c>.</summary>
    Swap32,

    /// <summary>BITPIX 32, BZERO 2^31 to <c>uint</c>.</summary>
    Swap32FlipSign,

    /// <summary>BITPIX 64 to <c>long</c>, or BITPIX -64 to <c>double</c>.</summary>
    Swap64,

    /// <summary>BITPIX 64, BZERO 2^63 to <c>ulong</c>.</summary>
    Swap64FlipSign,

    /// <summary>BITPIX 8 with fractional BSCALE/BZERO to <c>float</c>, BLANK to NaN.</summary>
    UInt8ToSingle,

    /// <summary>BITPIX 16 with fractional BSCALE/BZERO to <c>float</c>, BLANK to NaN.</summary>
    Int16ToSingle,

    /// <summary>BITPIX 32 scaled to <c>double</c>, BLANK to NaN.</summary>
    Int32ToDouble,

    /// <summary>BITPIX -32 with BSCALE/BZERO to <c>float</c>.</summary>
    SingleToSingle,

    /// <summary>BITPIX -64 with BSCALE/BZERO to <c>double</c>.</summary>
    DoubleToDouble,
}
