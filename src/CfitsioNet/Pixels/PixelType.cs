namespace CfitsioNet;

/// <summary>
/// The .NET element type that holds an image's pixel values exactly once BZERO and BSCALE are applied
/// (the image's "natural" type). The FITS unsigned conventions map to the unsigned types.
/// </summary>
public enum PixelType
{
    /// <summary><see cref="byte"/>: BITPIX 8.</summary>
    Byte,

    /// <summary><see cref="sbyte"/>: BITPIX 8 with BZERO -128.</summary>
    SByte,

    /// <summary><see cref="short"/>: BITPIX 16.</summary>
    Int16,

    /// <summary><see cref="ushort"/>: BITPIX 16 with BZERO 32768.</summary>
    UInt16,

    /// <summary><see cref="int"/>: BITPIX 32.</summary>
    Int32,

    /// <summary><see cref="uint"/>: BITPIX 32 with BZERO 2^31.</summary>
    UInt32,

    /// <summary><see cref="long"/>: BITPIX 64.</summary>
    Int64,

    /// <summary><see cref="ulong"/>: BITPIX 64 with BZERO 2^63.</summary>
    UInt64,

    /// <summary><see cref="float"/>: BITPIX -32, or integer data whose BSCALE/BZERO give fractional values that fit a float.</summary>
    Single,

    /// <summary><see cref="double"/>: BITPIX -64, or scaled integer data that needs double precision.</summary>
    Double,
}
