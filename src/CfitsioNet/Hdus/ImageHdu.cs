using System;
using System.Text;
using CfitsioNet.Interop;
using CfitsioNet.Validation;

namespace CfitsioNet;

/// <summary>
/// An image HDU: the primary array or an IMAGE extension, tile-compressed images included. Reads land in memory the
/// caller chooses: a span it owns (no allocation), a new array, a pinned array, or a <see cref="NativeBuffer{T}"/>;
/// whole images, regions (<see cref="ReadRegion{T}(ReadOnlySpan{long}, ReadOnlySpan{long}, ReadOnlySpan{long}, ReadOptions)"/>),
/// planes and rows.
/// </summary>
/// <remarks>
/// <para>
/// Element types: reading in the image's natural type (<see cref="ImageInfo.PixelType"/>: <c>short</c> for BITPIX 16,
/// <c>ushort</c> for BITPIX 16 with BZERO 32768, and so on) is exact and fastest. Any other of <c>byte</c>, <c>sbyte</c>,
/// <c>short</c>, <c>ushort</c>, <c>int</c>, <c>uint</c>, <c>long</c>, <c>ulong</c>, <c>float</c>, <c>double</c> is
/// converted with BSCALE/BZERO applied, provided it can hold every value of the natural type (<c>int</c> or
/// <c>double</c> for a <c>short</c> image, <c>double</c> for a <c>float</c> image). Undefined pixels (BLANK; ZBLANK in
/// tile-compressed images, including quantized floating-point ones) read as NaN into <c>float</c>/<c>double</c>; integer
/// types receive BZERO + BSCALE * BLANK. One rounding read is allowed because every analysis does it: <c>long</c> and
/// <c>ulong</c> images (BITPIX 64) read into <c>double</c>, each value the nearest double (ties to even; exact up to 2^53)
/// and BLANK pixels NaN. Any other type that could lose values (<c>float</c> for a BITPIX 64 image among them) is refused with an
/// <see cref="InvalidCastException"/> unless <see cref="ReadOptions.AllowLossy"/> is set (values are then truncated and
/// clipped as CFITSIO does); <see cref="ReadOptions.Raw"/> reads the stored values unscaled. A <see cref="Type"/> that is
/// not a pixel type gets a <see cref="NotSupportedException"/>.
/// </para>
/// <para>Pixels are returned in C order: the last axis (NAXIS1) varies fastest.</para>
/// </remarks>
public sealed partial class ImageHdu : Hdu
{
    private ImageInfo? _info;

    internal ImageHdu(FitsFile file, int index)
        : base(file, index, HduKind.Image)
    {
    }

    /// <summary>BITPIX, natural type, shape (C order), scaling and compression of this image. Read from the header once.</summary>
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
    /// <typeparam name="T">The element type: the natural type (exact, fastest) or one that holds all its values (see <see cref="ImageHdu"/>).</typeparam>
    /// <param name="destination">Exactly <see cref="ImageInfo.ElementCount"/> elements.</param>
    /// <param name="options">Scaling and conversion options; <see cref="ReadOptions.Default"/> when omitted.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a pixel type, or the image has more than <see cref="int.MaxValue"/> pixels (use <see cref="ReadNative{T}(ReadOptions)"/> or a region).</exception>
    /// <exception cref="InvalidCastException">Converting to <typeparamref name="T"/> could lose values and <see cref="ReadOptions.AllowLossy"/> is not set.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the pixels (for example, the file is truncated).</exception>
    public unsafe void Read<T>(Span<T> destination, ReadOptions options = default)
        where T : unmanaged
    {
        ImageInfo info = Info;
        ImageReadRequest request = PlanRead<T>(info, options);
        ThrowIfTooLarge(info, info.ElementCount, "ReadNative<T>()");
        CheckDestination(destination.Length, info.ElementCount, info);
        fixed (T* pointer = destination)
        {
            ReadPixels(info, request.ForRun(0, info.ElementCount), pointer);
        }
    }

    /// <summary>
    /// Reads every pixel into a <see cref="NativeBuffer{T}"/> the caller owns, typically one reused across reads.
    /// Works for images of more than <see cref="int.MaxValue"/> pixels.
    /// </summary>
    /// <typeparam name="T">The element type (see <see cref="ImageHdu"/>).</typeparam>
    /// <param name="destination">A buffer of exactly <see cref="ImageInfo.ElementCount"/> elements (its shape may differ).</param>
    /// <param name="options">Scaling and conversion options; <see cref="ReadOptions.Default"/> when omitted.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a pixel type.</exception>
    /// <exception cref="InvalidCastException">Converting to <typeparamref name="T"/> could lose values and <see cref="ReadOptions.AllowLossy"/> is not set.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the pixels.</exception>
    public unsafe void Read<T>(NativeBuffer<T> destination, ReadOptions options = default)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(destination);
        ImageInfo info = Info;
        ImageReadRequest request = PlanRead<T>(info, options);
        CheckDestination(destination.Length, info.ElementCount, info);
        ReadPixels(info, request.ForRun(0, info.ElementCount), destination.Pointer);
    }

    /// <summary>Reads every pixel into a new array.</summary>
    /// <typeparam name="T">The element type (see <see cref="ImageHdu"/>).</typeparam>
    /// <param name="options">Scaling and conversion options; <see cref="ReadOptions.Default"/> when omitted.</param>
    /// <returns>The pixels in C order.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a pixel type, or the image has more than <see cref="Array.MaxLength"/> pixels (use <see cref="ReadNative{T}(ReadOptions)"/>).</exception>
    /// <exception cref="InvalidCastException">Converting to <typeparamref name="T"/> could lose values and <see cref="ReadOptions.AllowLossy"/> is not set.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the pixels.</exception>
    public T[] Read<T>(ReadOptions options = default)
        where T : unmanaged
        => ReadArray<T>(options, pinned: false);

    /// <summary>
    /// Reads every pixel into a new array on the pinned object heap: its address never changes, so native code
    /// can keep a pointer to it without a <c>fixed</c> block or GC handle.
    /// </summary>
    /// <typeparam name="T">The element type (see <see cref="ImageHdu"/>).</typeparam>
    /// <param name="options">Scaling and conversion options; <see cref="ReadOptions.Default"/> when omitted.</param>
    /// <returns>The pixels in C order, in a pinned array.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a pixel type, or the image is too large for an array (use <see cref="ReadNative{T}(ReadOptions)"/>).</exception>
    /// <exception cref="InvalidCastException">Converting to <typeparamref name="T"/> could lose values and <see cref="ReadOptions.AllowLossy"/> is not set.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the pixels.</exception>
    public T[] ReadPinned<T>(ReadOptions options = default)
        where T : unmanaged
        => ReadArray<T>(options, pinned: true);

    /// <summary>
    /// Reads every pixel into a new 64-byte-aligned <see cref="NativeBuffer{T}"/> shaped like the image (C order).
    /// Dispose the buffer to free it. Works for images of any size.
    /// </summary>
    /// <typeparam name="T">The element type (see <see cref="ImageHdu"/>).</typeparam>
    /// <param name="options">Scaling and conversion options; <see cref="ReadOptions.Default"/> when omitted.</param>
    /// <returns>A buffer the caller owns.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a pixel type.</exception>
    /// <exception cref="InvalidCastException">Converting to <typeparamref name="T"/> could lose values and <see cref="ReadOptions.AllowLossy"/> is not set.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the pixels.</exception>
    public unsafe NativeBuffer<T> ReadNative<T>(ReadOptions options = default)
        where T : unmanaged
    {
        ImageInfo info = Info;
        ImageReadRequest request = PlanRead<T>(info, options);
        EnsureDataInFile(info); // before a buffer is sized from the header
        var buffer = new NativeBuffer<T>(info.ShapeSpan);
        try
        {
            ReadPixels(info, request.ForRun(0, info.ElementCount), buffer.Pointer);
            return buffer;
        }
        catch
        {
            ((IDisposable)buffer).Dispose();
            throw;
        }
    }

    private unsafe T[] ReadArray<T>(ReadOptions options, bool pinned)
        where T : unmanaged
    {
        ImageInfo info = Info;
        ImageReadRequest request = PlanRead<T>(info, options);
        ThrowIfTooLarge(info, info.ElementCount, "ReadNative<T>()");
        EnsureDataInFile(info); // before an array is sized from the header
        T[] pixels = GC.AllocateUninitializedArray<T>((int)info.ElementCount, pinned);
        fixed (T* pointer = pixels)
        {
            ReadPixels(info, request.ForRun(0, info.ElementCount), pointer);
        }

        return pixels;
    }

    private static void ThrowIfTooLarge(ImageInfo info, long count, string alternative)
    {
        if (count > Array.MaxLength)
        {
            throw new NotSupportedException(
                $"The read covers {count} pixels of an image with {FormatShape(info)}, more than an array or span can hold; use {alternative}, or read smaller regions.");
        }
    }

    private static void CheckDestination(long length, long expected, ImageInfo info)
    {
        if (length != expected)
        {
            throw new ArgumentException(
                $"The destination holds {length} elements but the read needs {expected} (image {FormatShape(info)}).",
                "destination");
        }
    }

    private unsafe ImageInfo ReadInfo()
    {
        const string operation = "read image parameters";
        if (Index == 0 && File.DeferredPrimaryInfo() is { } proven)
        {
            return proven; // the header the deferred open proved (FitsFile.Deferred.cs)
        }

        FitsHandle handle = File.EnterHdu(Index);
        CallContext at = At;
        // One call for the usual ranks (header lookups are most of the cost of opening a small image); a second for more axes.
        const int usualRank = 16;
        long* firstAxes = stackalloc long[usualRank];
        CfitsioProxy.GetImageParameters(handle, usualRank, out int bitpix, out int rank, firstAxes, operation, at);
        if (rank < 0 || rank > Cfitsio.MaxDimensions)
        {
            throw new FitsException($"NAXIS = {rank} is outside 0..999.", File.FileName, operation, Index);
        }

        long[] fortranAxes = new long[rank];
        if (rank <= usualRank)
        {
            new ReadOnlySpan<long>(firstAxes, rank).CopyTo(fortranAxes);
        }
        else
        {
            fixed (long* axes = fortranAxes)
            {
                CfitsioProxy.GetImageParameters(handle, rank, out bitpix, out rank, axes, operation, at);
            }
        }

        PixelType stored = PixelConversion.Stored(bitpix)
            ?? throw new FitsException($"BITPIX = {bitpix} is not one of 8, 16, 32, 64, -32, -64.", File.FileName, operation, Index);

        long[] shape = new long[rank];
        long bytes = Math.Abs(bitpix) / 8;
        for (int i = 0; i < rank; i++)
        {
            long length = fortranAxes[i];
            if (length < 0)
            {
                throw new FitsException($"NAXIS{i + 1} = {length} is negative.", File.FileName, operation, Index);
            }

            // Keeps every byte offset into the data representable, so no size computation downstream can overflow.
            if (length != 0 && bytes != 0 && bytes > long.MaxValue / length)
            {
                throw new FitsException(
                    $"The axis lengths (NAXISn = {string.Join(", ", fortranAxes)}) describe more than 2^63 bytes of data.",
                    File.FileName, operation, Index);
            }

            bytes *= length;
            shape[rank - 1 - i] = length;
        }

        ImageGeometry.CheckShape(shape, bitpix, File.FileName, Index);
        (long groupCount, int parameterCount) = Index == 0 && rank > 0 && fortranAxes[0] == 0 && ReadOptionalLogical(handle, "GROUPS", at) == true
            ? ReadGroupCounts(handle, shape, bitpix)
            : (-1L, 0);

        bool compressed = CfitsioProxy.IsCompressedImage(handle, operation, at);
        string? compression = compressed ? ReadOptionalString(handle, "ZCMPTYPE") ?? string.Empty : null;

        // Most headers have none of BZERO, BSCALE, BLANK: one pass over the records proves it (ImageHdu.HeaderScan.cs).
        (bool hasBzero, bool hasBscale, bool hasBlank) = FindScalingKeywords(handle);
        double bzero = 0.0, bscale = 1.0;
        long? blank = null;
        bool marksUndefined;
        long tileWidth = rank == 0 ? 0 : shape[rank - 1];
        if (compression is null)
        {
            if (hasBzero || hasBscale || hasBlank)
            {
                // The values CFITSIO's pixel reader applies (the last card wins, an unreadable value is ignored), so that
                // the natural type, the direct path and CFITSIO agree even on odd headers.
                (bscale, bzero, blank) = ReadScalingAsCfitsio(handle);
                blank = bitpix > 0 ? blank : null;
            }

            marksUndefined = blank is not null;
        }
        else
        {
            bzero = hasBzero ? ReadOptionalDouble(handle, "BZERO", 0.0) : 0.0;
            bscale = hasBscale ? ReadOptionalDouble(handle, "BSCALE", 1.0) : 1.0;
            // CFITSIO's decompressor takes the null value from a ZBLANK column, else the ZBLANK keyword, else BLANK.
            bool perTile = HasColumn(handle, "ZBLANK");
            long? zblank = perTile ? null : ReadOptionalLong(handle, "ZBLANK") ?? ReadOptionalLong(handle, "BLANK");
            blank = bitpix > 0 ? zblank : null;
            marksUndefined = perTile || zblank is not null;
            tileWidth = ReadOptionalLong(handle, "ZTILE1") ?? tileWidth;
        }

        PixelType natural = PixelConversion.Natural(bitpix, bzero, bscale) ?? stored;
        return new ImageInfo(bitpix, natural, shape, bzero, bscale, blank, compression)
        {
            MarksUndefined = marksUndefined,
            TileWidth = Math.Max(tileWidth, 1),
            IsRandomGroups = groupCount >= 0,
            GroupCount = Math.Max(groupCount, 0),
            ParameterCount = parameterCount,
        };
    }

    private (double Bscale, double Bzero, long? Blank) ReadScalingAsCfitsio(FitsHandle handle)
    {
        // ffgphd reports unreadable optional values as messages, not as an error: they are CFITSIO's to ignore.
        CfitsioImageHeader.TryParse(handle, Expected.None, "read the image header", At, out CfitsioImageHeader header);
        return (header.Bscale, header.Bzero, header.Blank == Cfitsio.NullUndefined ? null : header.Blank);
    }

    // Optional lookups: absent (KEY_NO_EXIST, COL_NOT_FOUND) is an answer and leaves no message; any other status throws.
    private unsafe double ReadOptionalDouble(FitsHandle handle, string keyword, double fallback) =>
        CfitsioProxy.TryReadKeyDouble(handle, keyword, out double value, null, Cfitsio.KeyNotFound, $"read keyword {keyword}", At) ? value : fallback;

    private unsafe long? ReadOptionalLong(FitsHandle handle, string keyword) =>
        CfitsioProxy.TryReadKeyLong(handle, keyword, out long value, null, Cfitsio.KeyNotFound, $"read keyword {keyword}", At) ? value : null;

    // Absent, or not a logical value: CFITSIO then reads the HDU as a plain image, and so does this (a probe).
    private static unsafe bool? ReadOptionalLogical(FitsHandle handle, string keyword, CallContext at) =>
        CfitsioProxy.TryReadKeyLogical(handle, keyword, out int value, null, Expected.Any, "read keyword", at) ? value != 0 : null;

    private unsafe string? ReadOptionalString(FitsHandle handle, string keyword)
    {
        byte* value = stackalloc byte[Cfitsio.ValueLength + 1];
        value[0] = 0;
        return CfitsioProxy.TryReadKeyString(handle, keyword, value, null, Cfitsio.KeyNotFound, $"read keyword {keyword}", At)
            ? System.Runtime.InteropServices.Marshal.PtrToStringUTF8((IntPtr)value)?.Trim()
            : null;
    }

    private bool HasColumn(FitsHandle handle, string name) =>
        CfitsioProxy.TryGetColumnNumber(handle, 0, name, out _, Cfitsio.ColumnNotFound, $"look up column {name}", At);

    /// <summary>The pixel type and shape (C order) of the image, or that it holds no data.</summary>
    private protected override void AppendSummary(StringBuilder text)
    {
        ImageInfo info = Info;
        text.Append(' ').Append(info.PixelType);
        text.Append(info.Rank == 0 ? ", no data" : " [" + string.Join(", ", info.Shape) + "]");
    }

    private static string FormatShape(ImageInfo info) => "shape [" + string.Join(", ", info.Shape) + "]";
}
