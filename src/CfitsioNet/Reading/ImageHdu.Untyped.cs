using System;
using System.Runtime.InteropServices;

namespace CfitsioNet;

/// <summary>Reads whose element type is chosen at run time: by a <see cref="PixelType"/> value, or raw bytes.</summary>
public sealed partial class ImageHdu
{
    /// <summary>
    /// Reads every pixel into a new array of the element type <paramref name="type"/> names: <c>short[]</c> for
    /// <see cref="PixelType.Int16"/>, <c>float[]</c> for <see cref="PixelType.Single"/>, and so on. Pass
    /// <c>Info.PixelType</c> for the exact natural type (or <c>Info.StoredPixelType</c> with <see cref="ReadOptions.Raw"/>),
    /// so that code handling any file needs no switch of its own. The same rules as <see cref="Read{T}(ReadOptions)"/> apply.
    /// </summary>
    /// <param name="type">The element type of the array to return.</param>
    /// <param name="options">Scaling and conversion options; <see cref="ReadOptions.Default"/> when omitted.</param>
    /// <returns>A <c>T[]</c> of the .NET type <paramref name="type"/> names (as <see cref="ImageInfo.ElementType"/> maps it), the pixels in C order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined <see cref="PixelType"/>.</exception>
    /// <exception cref="NotSupportedException">The image has more than <see cref="Array.MaxLength"/> pixels.</exception>
    /// <exception cref="InvalidCastException">Converting to <paramref name="type"/> could lose values and <see cref="ReadOptions.AllowLossy"/> is not set.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the pixels, or the HDU is random groups (see <see cref="ReadGroups"/>).</exception>
    public Array Read(PixelType type, ReadOptions options = default) => type switch
    {
        PixelType.Byte => Read<byte>(options),
        PixelType.SByte => Read<sbyte>(options),
        PixelType.Int16 => Read<short>(options),
        PixelType.UInt16 => Read<ushort>(options),
        PixelType.Int32 => Read<int>(options),
        PixelType.UInt32 => Read<uint>(options),
        PixelType.Int64 => Read<long>(options),
        PixelType.UInt64 => Read<ulong>(options),
        PixelType.Single => Read<float>(options),
        PixelType.Double => Read<double>(options),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a pixel type."),
    };

    /// <summary>
    /// Reads the stored values into a new byte array: <see cref="ImageInfo.StoredPixelType"/> elements (BITPIX alone:
    /// no BZERO/BSCALE, BLANK kept, NaN kept), each in the machine's native byte order, so the bytes can be
    /// reinterpreted in place with <see cref="MemoryMarshal.Cast{TFrom, TTo}(Span{TFrom})"/> or handed to native code
    /// as a typed buffer. Native order rather than the file's big-endian order because a tile-compressed image has no
    /// big-endian pixel bytes in the file at all, and because every consumer of a typed buffer on x64 and arm64 wants
    /// native order; <see cref="System.Buffers.Binary.BinaryPrimitives"/> gives big-endian where a format needs it.
    /// </summary>
    /// <returns><see cref="ImageInfo.ElementCount"/> times the stored element size bytes, in C order.</returns>
    /// <exception cref="NotSupportedException">The data are larger than <see cref="Array.MaxLength"/> bytes.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the pixels, BSCALE is 0 (CFITSIO cannot read such an image unscaled), or the HDU is random groups.</exception>
    public byte[] ReadRawBytes()
    {
        ImageInfo info = Info;
        long bytes = RawByteCount(info);
        EnsureDataInFile(info); // before an array is sized from the header
        byte[] destination = GC.AllocateUninitializedArray<byte>((int)bytes);
        ReadRawBytes(destination);
        return destination;
    }

    /// <summary>Reads the stored values as native-order bytes into <paramref name="destination"/> (see <see cref="ReadRawBytes()"/>).</summary>
    /// <param name="destination">Exactly <see cref="ImageInfo.ElementCount"/> times the size of <see cref="ImageInfo.StoredPixelType"/> bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    /// <exception cref="NotSupportedException">The data are larger than <see cref="Array.MaxLength"/> bytes.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the pixels, or BSCALE is 0.</exception>
    public void ReadRawBytes(Span<byte> destination)
    {
        ImageInfo info = Info;
        long bytes = RawByteCount(info);
        if (destination.Length != bytes)
        {
            throw new ArgumentException(
                $"The destination holds {destination.Length} bytes but the stored data are {bytes} bytes (image {FormatShape(info)}, BITPIX={info.Bitpix}).",
                nameof(destination));
        }

        var raw = new ReadOptions { Raw = true };
        switch (info.StoredPixelType)
        {
            case PixelType.Byte: Read(destination, raw); break;
            case PixelType.Int16: Read(MemoryMarshal.Cast<byte, short>(destination), raw); break;
            case PixelType.Int32: Read(MemoryMarshal.Cast<byte, int>(destination), raw); break;
            case PixelType.Int64: Read(MemoryMarshal.Cast<byte, long>(destination), raw); break;
            case PixelType.Single: Read(MemoryMarshal.Cast<byte, float>(destination), raw); break;
            default: Read(MemoryMarshal.Cast<byte, double>(destination), raw); break;
        }
    }

    private static long RawByteCount(ImageInfo info)
    {
        long bytes = info.ElementCount * PixelTypes.Size(info.StoredPixelType); // bounded by ReadInfo's 2^63-byte check
        ThrowIfTooLarge(info, bytes, "Read<T>() into a NativeBuffer<T> with ReadOptions.Raw");
        return bytes;
    }
}
