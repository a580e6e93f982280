using System;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>Mappings between <see cref="PixelType"/>, CFITSIO's codes and .NET types.</summary>
internal static class PixelTypes
{
    /// <summary>The natural type for CFITSIO's equivalent image type (<c>ffgiet</c>), or null if unknown.</summary>
    internal static PixelType? FromEquivalentImageType(int imageType) => imageType switch
    {
        8 => PixelType.Byte,
        10 => PixelType.SByte,
        16 => PixelType.Int16,
        20 => PixelType.UInt16,
        32 => PixelType.Int32,
        40 => PixelType.UInt32,
        64 => PixelType.Int64,
        80 => PixelType.UInt64,
        -32 => PixelType.Single,
        -64 => PixelType.Double,
        _ => null,
    };

    /// <summary>CFITSIO's datatype code (TBYTE, TSHORT, ...) for reading into this type.</summary>
    internal static int DataTypeCode(PixelType type) => type switch
    {
        PixelType.Byte => Cfitsio.TypeByte,
        PixelType.SByte => Cfitsio.TypeSByte,
        PixelType.Int16 => Cfitsio.TypeInt16,
        PixelType.UInt16 => Cfitsio.TypeUInt16,
        PixelType.Int32 => Cfitsio.TypeInt32,
        PixelType.UInt32 => Cfitsio.TypeUInt32,
        PixelType.Int64 => Cfitsio.TypeInt64,
        PixelType.UInt64 => Cfitsio.TypeUInt64,
        PixelType.Single => Cfitsio.TypeSingle,
        PixelType.Double => Cfitsio.TypeDouble,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Bytes per element of this type.</summary>
    internal static int Size(PixelType type) => type switch
    {
        PixelType.Byte or PixelType.SByte => 1,
        PixelType.Int16 or PixelType.UInt16 => 2,
        PixelType.Int32 or PixelType.UInt32 or PixelType.Single => 4,
        PixelType.Int64 or PixelType.UInt64 or PixelType.Double => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    internal static Type ClrType(PixelType type) => type switch
    {
        PixelType.Byte => typeof(byte),
        PixelType.SByte => typeof(sbyte),
        PixelType.Int16 => typeof(short),
        PixelType.UInt16 => typeof(ushort),
        PixelType.Int32 => typeof(int),
        PixelType.UInt32 => typeof(uint),
        PixelType.Int64 => typeof(long),
        PixelType.UInt64 => typeof(ulong),
        PixelType.Single => typeof(float),
        PixelType.Double => typeof(double),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The <see cref="PixelType"/> of <typeparamref name="T"/>, or null for a type FITS pixels cannot be read into.</summary>
    internal static PixelType? Of<T>()
    {
        // Each comparison is a JIT-time constant for value types, so this folds to one value.
        if (typeof(T) == typeof(byte)) return PixelType.Byte;
        if (typeof(T) == typeof(sbyte)) return PixelType.SByte;
        if (typeof(T) == typeof(short)) return PixelType.Int16;
        if (typeof(T) == typeof(ushort)) return PixelType.UInt16;
        if (typeof(T) == typeof(int)) return PixelType.Int32;
        if (typeof(T) == typeof(uint)) return PixelType.UInt32;
        if (typeof(T) == typeof(long)) return PixelType.Int64;
        if (typeof(T) == typeof(ulong)) return PixelType.UInt64;
        if (typeof(T) == typeof(float)) return PixelType.Single;
        if (typeof(T) == typeof(double)) return PixelType.Double;
        return null;
    }
}
