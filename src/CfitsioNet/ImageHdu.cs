using System;
using CfitsioNet.Interop;
using CfitsioNet.Validation;

namespace CfitsioNet;

/// <summary>
/// An image HDU: the primary array or an IMAGE extension. Reads land in memory the caller chooses: a span it owns
/// (no allocation), a new array, a pinned array, or a <see cref="NativeBuffer{T}"/>.
/// </summary>
/// <remarks>
/// The element type of the read methods must currently be the image's natural type
/// (<see cref="ImageInfo.PixelType"/>): <c>short</c> for BITPIX 16, <c>ushort</c> for BITPIX 16 with BZERO 32768, and
/// so on. Reading in that type is exact. Pixels are returned in C order: the last axis (NAXIS1) varies fastest.
/// </remarks>
public sealed partial class ImageHdu : Hdu
{
    private ImageInfo? _info;

    internal ImageHdu(FitsFile file, int index)
        : base(file, index, HduKind.Image)
    {
    }

    /// <summary>BITPIX, natural type, shape (C order) and scaling of this image. Read from the header once.</summary>
    /// <exception cref="FitsException">The header does not describe a valid image.</exception>
    public ImageInfo Info
    {
        get
        {
            if (_info is null)
            {
                lock (File.Sync)
                {
                    _info ??= ReadInfo();
                }
            }

            return _info;
        }
    }

    /// <summary>Reads every pixel into <paramref name="destination"/>, which the caller owns. Allocates nothing.</summary>
    /// <typeparam name="T">The image's natural element type (see <see cref="ImageInfo.PixelType"/>).</typeparam>
    /// <param name="destination">Exactly <see cref="ImageInfo.ElementCount"/> elements.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not the image's natural type.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the pixels (for example, the file is truncated).</exception>
    public unsafe void Read<T>(Span<T> destination)
        where T : unmanaged
    {
        ImageInfo info = Info;
        PixelType type = CheckType<T>(info);
        if (destination.Length != info.ElementCount)
        {
            throw new ArgumentException(
                $"The destination holds {destination.Length} elements but the image has {info.ElementCount} ({FormatShape(info)}).",
                nameof(destination));
        }

        fixed (T* pointer = destination)
        {
            ReadPixels(info, type, pointer, info.ElementCount);
        }
    }

    /// <summary>
    /// Reads every pixel into a <see cref="NativeBuffer{T}"/> the caller owns, typically one reused across reads.
    /// Works for images of more than <see cref="int.MaxValue"/> pixels.
    /// </summary>
    /// <typeparam name="T">The image's natural element type.</typeparam>
    /// <param name="destination">A buffer of exactly <see cref="ImageInfo.ElementCount"/> elements (its shape may differ).</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not the image's natural type.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the pixels.</exception>
    public unsafe void Read<T>(NativeBuffer<T> destination)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(destination);
        ImageInfo info = Info;
        PixelType type = CheckType<T>(info);
        if (destination.Length != info.ElementCount)
        {
            throw new ArgumentException(
                $"The destination holds {destination.Length} elements but the image has {info.ElementCount} ({FormatShape(info)}).",
                nameof(destination));
        }

        ReadPixels(info, type, destination.Pointer, info.ElementCount);
    }

    /// <summary>Reads every pixel into a new array.</summary>
    /// <typeparam name="T">The image's natural element type.</typeparam>
    /// <returns>The pixels in C order.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not the image's natural type, or the image has more than <see cref="Array.MaxLength"/> pixels (use <see cref="ReadNative{T}"/>).</exception>
    /// <exception cref="FitsException">CFITSIO could not read the pixels.</exception>
    public T[] Read<T>()
        where T : unmanaged
        => ReadArray<T>(pinned: false);

    /// <summary>
    /// Reads every pixel into a new array on the pinned object heap: its address never changes, so native code
    /// can keep a pointer to it without a <c>fixed</c> block or GC handle.
    /// </summary>
    /// <typeparam name="T">The image's natural element type.</typeparam>
    /// <returns>The pixels in C order, in a pinned array.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not the image's natural type, or the image is too large for an array.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the pixels.</exception>
    public T[] ReadPinned<T>()
        where T : unmanaged
        => ReadArray<T>(pinned: true);

    /// <summary>
    /// Reads every pixel into a new 64-byte-aligned <see cref="NativeBuffer{T}"/> shaped like the image (C order).
    /// Dispose the buffer to free it. Works for images of any size.
    /// </summary>
    /// <typeparam name="T">The image's natural element type.</typeparam>
    /// <returns>A buffer the caller owns.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not the image's natural type.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the pixels.</exception>
    public unsafe NativeBuffer<T> ReadNative<T>()
        where T : unmanaged
    {
        ImageInfo info = Info;
        PixelType type = CheckType<T>(info);
        EnsureDataInFile(info);
        var buffer = new NativeBuffer<T>(info.ShapeSpan);
        try
        {
            ReadPixels(info, type, buffer.Pointer, info.ElementCount);
            return buffer;
        }
        catch
        {
            ((IDisposable)buffer).Dispose();
            throw;
        }
    }

    private unsafe T[] ReadArray<T>(bool pinned)
        where T : unmanaged
    {
        ImageInfo info = Info;
        PixelType type = CheckType<T>(info);
        if (info.ElementCount > Array.MaxLength)
        {
            throw new NotSupportedException(
                $"The image has {info.ElementCount} pixels ({FormatShape(info)}), more than an array can hold; use ReadNative<T>().");
        }

        EnsureDataInFile(info);
        T[] pixels = GC.AllocateUninitializedArray<T>((int)info.ElementCount, pinned);
        fixed (T* pointer = pixels)
        {
            ReadPixels(info, type, pointer, info.ElementCount);
        }

        return pixels;
    }

    private unsafe void ReadPixels(ImageInfo info, PixelType type, void* destination, long count)
    {
        if (count == 0)
        {
            // Nothing to read, but a disposed file must still say so.
            lock (File.Sync)
            {
                File.EnterHdu(Index);
            }

            return;
        }

        long* firstPixel = stackalloc long[Math.Max(info.Rank, 1)];
        for (int i = 0; i < info.Rank; i++)
        {
            firstPixel[i] = 1;
        }

        // Undefined integer pixels (BLANK) become NaN when they are scaled to floating point.
        double nanDouble = double.NaN;
        float nanSingle = float.NaN;
        void* nullValue = info.Blank is null ? null
            : type == PixelType.Single ? &nanSingle
            : type == PixelType.Double ? &nanDouble
            : null;

        lock (File.Sync)
        {
            FitsHandle handle = File.EnterHdu(Index);
            int status = 0;
            Cfitsio.ReadPixels(handle, PixelTypes.DataTypeCode(type), firstPixel, count, nullValue, destination, out _, ref status);
            File.Check(status, "read pixels", Index);
        }
    }

    private PixelType CheckType<T>(ImageInfo info)
        where T : unmanaged
    {
        PixelType? requested = PixelTypes.Of<T>();
        if (requested is null)
        {
            throw new NotSupportedException(
                $"{typeof(T).Name} is not a FITS pixel type; use byte, sbyte, short, ushort, int, uint, long, ulong, float or double.");
        }

        if (requested != info.PixelType)
        {
            throw new NotSupportedException(
                $"HDU {Index} of '{File.FileName}' holds {info.PixelType} pixels (BITPIX={info.Bitpix}, BZERO={info.Bzero}, " +
                $"BSCALE={info.Bscale}); read it as {info.ElementType.Name}. Reading as {typeof(T).Name} would need a conversion, which is not supported.");
        }

        return requested.Value;
    }

    private unsafe ImageInfo ReadInfo()
    {
        FitsHandle handle = File.EnterHdu(Index);
        int status = 0;
        Cfitsio.GetImageParameters(handle, 0, out int bitpix, out int rank, null, ref status);
        File.Check(status, "read image parameters", Index);
        if (rank < 0 || rank > Cfitsio.MaxDimensions)
        {
            throw new FitsException($"NAXIS = {rank} is outside 0..999.", File.FileName, "read image parameters", Index);
        }

        long[] fortranAxes = new long[rank];
        fixed (long* axes = fortranAxes)
        {
            Cfitsio.GetImageParameters(handle, rank, out bitpix, out rank, axes, ref status);
        }

        File.Check(status, "read image parameters", Index);
        Cfitsio.GetEquivalentImageType(handle, out int equivalentType, ref status);
        File.Check(status, "read equivalent image type", Index);
        PixelType pixelType = PixelTypes.FromEquivalentImageType(equivalentType)
            ?? throw new FitsException($"Unsupported BITPIX {bitpix} (equivalent type {equivalentType}).", File.FileName, "read image parameters", Index);

        long[] shape = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            if (fortranAxes[i] < 0)
            {
                throw new FitsException($"NAXIS{i + 1} = {fortranAxes[i]} is negative.", File.FileName, "read image parameters", Index);
            }

            shape[rank - 1 - i] = fortranAxes[i];
        }

        ImageGeometry.CheckShape(shape, bitpix, File.FileName, Index);
        double bzero = ReadOptionalDouble(handle, "BZERO", 0.0);
        double bscale = ReadOptionalDouble(handle, "BSCALE", 1.0);
        long? blank = bitpix > 0 ? ReadOptionalLong(handle, "BLANK") : null;

        // CFITSIO's ffgiet (4.2.0) leaves BITPIX 64 with BZERO 2^63 as LONGLONG_IMG; ffgpxvll reads it as TULONGLONG exactly.
        if (bitpix == 64 && bscale == 1.0 && bzero == 9223372036854775808.0)
        {
            pixelType = PixelType.UInt64;
        }

        return new ImageInfo(bitpix, pixelType, shape, bzero, bscale, blank);
    }

    private unsafe double ReadOptionalDouble(FitsHandle handle, string keyword, double fallback)
    {
        int status = 0;
        // A missing keyword is normal here: drop only the message it pushes, not other threads' messages.
        Cfitsio.MarkErrorMessages();
        Cfitsio.ReadKeyDouble(handle, keyword, out double value, null, ref status);
        if (status == Cfitsio.KeyNotFound)
        {
            Cfitsio.ClearErrorMessagesToMark();
            return fallback;
        }

        if (status == 0)
        {
            Cfitsio.ClearErrorMessagesToMark();
        }

        File.Check(status, $"read keyword {keyword}", Index);
        return value;
    }

    private unsafe long? ReadOptionalLong(FitsHandle handle, string keyword)
    {
        int status = 0;
        Cfitsio.MarkErrorMessages();
        Cfitsio.ReadKeyLong(handle, keyword, out long value, null, ref status);
        if (status == Cfitsio.KeyNotFound)
        {
            Cfitsio.ClearErrorMessagesToMark();
            return null;
        }

        if (status == 0)
        {
            Cfitsio.ClearErrorMessagesToMark();
        }

        File.Check(status, $"read keyword {keyword}", Index);
        return value;
    }

    private static string FormatShape(ImageInfo info) => "shape [" + string.Join(", ", info.Shape) + "]";
}
