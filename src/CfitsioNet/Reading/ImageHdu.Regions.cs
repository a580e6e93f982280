using System;

namespace CfitsioNet;

/// <summary>Partial reads: boxes with steps (cutouts), planes of a cube, and runs of rows; only those pixels are read.</summary>
public sealed partial class ImageHdu
{
    /// <summary>
    /// Reads a box of pixels (a cutout), optionally taking every n-th pixel along each axis. Coordinates are in
    /// C order (slowest axis first, like <see cref="ImageInfo.Shape"/>) and 0-based; <paramref name="start"/> is
    /// inclusive and <paramref name="end"/> exclusive, like a NumPy slice <c>data[start:end:step]</c>. Only the
    /// region is read from disk (for tile-compressed images, only the tiles it touches are decompressed).
    /// </summary>
    /// <example>
    /// <code>
    /// float[] cutout = image.ReadRegion&lt;float&gt;(start: [100, 100], end: [200, 200]);          // 100 x 100
    /// short[] binned = image.ReadRegion&lt;short&gt;([0, 0], [1024, 1024], step: [4, 4]);       // 256 x 256
    /// </code>
    /// </example>
    /// <typeparam name="T">The element type (see <see cref="ImageHdu"/>).</typeparam>
    /// <param name="start">First pixel on each axis, C order, 0-based, inclusive.</param>
    /// <param name="end">End on each axis, C order, exclusive: the region spans <c>end - start</c> pixels before stepping.</param>
    /// <param name="step">Step on each axis (at least 1); empty for 1 everywhere.</param>
    /// <param name="options">Scaling and conversion options; <see cref="ReadOptions.Default"/> when omitted.</param>
    /// <returns>The pixels in C order; the shape is <see cref="GetRegionShape"/> of the same arguments.</returns>
    /// <exception cref="ArgumentException">The coordinate counts do not match NAXIS.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A range is empty or outside the image, or a step is below 1; the message names the axis.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a pixel type, or the region is too large for an array (use <see cref="ReadRegionNative{T}"/>).</exception>
    /// <exception cref="InvalidCastException">Converting to <typeparamref name="T"/> could lose values and <see cref="ReadOptions.AllowLossy"/> is not set.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the pixels.</exception>
    public unsafe T[] ReadRegion<T>(ReadOnlySpan<long> start, ReadOnlySpan<long> end, ReadOnlySpan<long> step = default, ReadOptions options = default)
        where T : unmanaged
    {
        ImageInfo info = Info;
        PixelRegion region = PixelRegion.Create(info.ShapeSpan, start, end, step);
        ImageReadRequest request = PlanRead<T>(info, options);
        ThrowIfTooLarge(info, region.Count, "ReadRegionNative<T>()");
        T[] pixels = GC.AllocateUninitializedArray<T>((int)region.Count);
        fixed (T* pointer = pixels)
        {
            ReadPixels(info, request.ForRegion(region), pointer);
        }

        return pixels;
    }

    /// <summary>
    /// Reads a box of pixels into <paramref name="destination"/>, which the caller owns. Allocates nothing. (A separate
    /// name rather than a <c>ReadRegion</c> overload: a collection literal meant as <c>step</c> would otherwise bind to
    /// the destination.)
    /// </summary>
    /// <typeparam name="T">The element type (see <see cref="ImageHdu"/>).</typeparam>
    /// <param name="start">First pixel on each axis, C order, 0-based, inclusive.</param>
    /// <param name="end">End on each axis, C order, exclusive.</param>
    /// <param name="destination">Exactly as many elements as the region holds (the product of <see cref="GetRegionShape"/>).</param>
    /// <param name="step">Step on each axis (at least 1); empty for 1 everywhere.</param>
    /// <param name="options">Scaling and conversion options; <see cref="ReadOptions.Default"/> when omitted.</param>
    /// <exception cref="ArgumentException">The coordinate counts do not match NAXIS, or <paramref name="destination"/> has the wrong length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A range is empty or outside the image, or a step is below 1.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a pixel type, or the region holds more than <see cref="int.MaxValue"/> pixels.</exception>
    /// <exception cref="InvalidCastException">Converting to <typeparamref name="T"/> could lose values and <see cref="ReadOptions.AllowLossy"/> is not set.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the pixels.</exception>
    public unsafe void ReadRegionInto<T>(ReadOnlySpan<long> start, ReadOnlySpan<long> end, Span<T> destination, ReadOnlySpan<long> step = default, ReadOptions options = default)
        where T : unmanaged
    {
        ImageInfo info = Info;
        PixelRegion region = PixelRegion.Create(info.ShapeSpan, start, end, step);
        ImageReadRequest request = PlanRead<T>(info, options);
        ThrowIfTooLarge(info, region.Count, "ReadRegionNative<T>()");
        CheckDestination(destination.Length, region.Count, info);
        fixed (T* pointer = destination)
        {
            ReadPixels(info, request.ForRegion(region), pointer);
        }
    }

    /// <summary>
    /// Reads a box of pixels into a new <see cref="NativeBuffer{T}"/> shaped like the region (C order). Works for
    /// regions of any size; dispose the buffer to free it.
    /// </summary>
    /// <typeparam name="T">The element type (see <see cref="ImageHdu"/>).</typeparam>
    /// <param name="start">First pixel on each axis, C order, 0-based, inclusive.</param>
    /// <param name="end">End on each axis, C order, exclusive.</param>
    /// <param name="step">Step on each axis (at least 1); empty for 1 everywhere.</param>
    /// <param name="options">Scaling and conversion options; <see cref="ReadOptions.Default"/> when omitted.</param>
    /// <returns>A buffer the caller owns, whose <see cref="NativeBuffer{T}.Shape"/> is the region's shape.</returns>
    /// <exception cref="ArgumentException">The coordinate counts do not match NAXIS.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A range is empty or outside the image, or a step is below 1.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a pixel type.</exception>
    /// <exception cref="InvalidCastException">Converting to <typeparamref name="T"/> could lose values and <see cref="ReadOptions.AllowLossy"/> is not set.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the pixels.</exception>
    public unsafe NativeBuffer<T> ReadRegionNative<T>(ReadOnlySpan<long> start, ReadOnlySpan<long> end, ReadOnlySpan<long> step = default, ReadOptions options = default)
        where T : unmanaged
    {
        ImageInfo info = Info;
        PixelRegion region = PixelRegion.Create(info.ShapeSpan, start, end, step);
        ImageReadRequest request = PlanRead<T>(info, options);
        var buffer = new NativeBuffer<T>(region.Shape);
        try
        {
            ReadPixels(info, request.ForRegion(region), buffer.Pointer);
            return buffer;
        }
        catch
        {
            ((IDisposable)buffer).Dispose();
            throw;
        }
    }

    /// <summary>The shape (C order) of what <see cref="ReadRegion{T}(ReadOnlySpan{long}, ReadOnlySpan{long}, ReadOnlySpan{long}, ReadOptions)"/> returns for these arguments, after the same validation.</summary>
    /// <param name="start">First pixel on each axis, C order, 0-based, inclusive.</param>
    /// <param name="end">End on each axis, C order, exclusive.</param>
    /// <param name="step">Step on each axis (at least 1); empty for 1 everywhere.</param>
    /// <returns><c>ceil((end - start) / step)</c> per axis.</returns>
    /// <exception cref="ArgumentException">The coordinate counts do not match NAXIS.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A range is empty or outside the image, or a step is below 1.</exception>
    public long[] GetRegionShape(ReadOnlySpan<long> start, ReadOnlySpan<long> end, ReadOnlySpan<long> step = default)
        => PixelRegion.Create(Info.ShapeSpan, start, end, step).Shape;

    /// <summary>
    /// Reads one plane: the last two axes (NAXIS2 x NAXIS1) at one position of the others. Planes are numbered in
    /// C order over the leading axes, so for a cube <c>[NAXIS3, NAXIS2, NAXIS1]</c> plane <paramref name="index"/> is
    /// <c>data[index, :, :]</c>; for a 2-D image, plane 0 is the whole image. Reads only that plane.
    /// </summary>
    /// <typeparam name="T">The element type (see <see cref="ImageHdu"/>).</typeparam>
    /// <param name="index">0-based plane number, less than the product of the leading axis lengths.</param>
    /// <param name="options">Scaling and conversion options; <see cref="ReadOptions.Default"/> when omitted.</param>
    /// <returns><c>NAXIS2 * NAXIS1</c> pixels in C order.</returns>
    /// <exception cref="InvalidOperationException">The image has fewer than 2 axes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the image.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a pixel type, or the plane is too large for an array.</exception>
    /// <exception cref="InvalidCastException">Converting to <typeparamref name="T"/> could lose values and <see cref="ReadOptions.AllowLossy"/> is not set.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the pixels.</exception>
    public unsafe T[] ReadPlane<T>(long index, ReadOptions options = default)
        where T : unmanaged
    {
        ImageInfo info = Info;
        (long first, long count) = PlaneRange(info, index);
        return ReadRangeArray<T>(info, first, count, options);
    }

    /// <summary>Reads one plane (see <see cref="ReadPlane{T}(long, ReadOptions)"/>) into <paramref name="destination"/>. Allocates nothing.</summary>
    /// <typeparam name="T">The element type (see <see cref="ImageHdu"/>).</typeparam>
    /// <param name="index">0-based plane number, less than the product of the leading axis lengths.</param>
    /// <param name="destination">Exactly <c>NAXIS2 * NAXIS1</c> elements.</param>
    /// <param name="options">Scaling and conversion options; <see cref="ReadOptions.Default"/> when omitted.</param>
    /// <exception cref="InvalidOperationException">The image has fewer than 2 axes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the image.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a pixel type, or the plane is too large for a span.</exception>
    /// <exception cref="InvalidCastException">Converting to <typeparamref name="T"/> could lose values and <see cref="ReadOptions.AllowLossy"/> is not set.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the pixels.</exception>
    public void ReadPlane<T>(long index, Span<T> destination, ReadOptions options = default)
        where T : unmanaged
    {
        ImageInfo info = Info;
        (long first, long count) = PlaneRange(info, index);
        ReadRangeSpan(info, first, count, destination, options);
    }

    /// <summary>
    /// Reads the plane at <paramref name="leadingIndices"/>: one index per axis before the last two, C order, so
    /// for a 4-D image <c>[N4, N3, NAXIS2, NAXIS1]</c> the indices <c>[i4, i3]</c> give <c>data[i4, i3, :, :]</c>.
    /// </summary>
    /// <typeparam name="T">The element type (see <see cref="ImageHdu"/>).</typeparam>
    /// <param name="leadingIndices">NAXIS - 2 indices, C order, 0-based (empty for a 2-D image).</param>
    /// <param name="options">Scaling and conversion options; <see cref="ReadOptions.Default"/> when omitted.</param>
    /// <returns><c>NAXIS2 * NAXIS1</c> pixels in C order.</returns>
    /// <exception cref="InvalidOperationException">The image has fewer than 2 axes.</exception>
    /// <exception cref="ArgumentException"><paramref name="leadingIndices"/> does not hold NAXIS - 2 indices.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside its axis.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a pixel type, or the plane is too large for an array.</exception>
    /// <exception cref="InvalidCastException">Converting to <typeparamref name="T"/> could lose values and <see cref="ReadOptions.AllowLossy"/> is not set.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the pixels.</exception>
    public T[] ReadPlane<T>(ReadOnlySpan<long> leadingIndices, ReadOptions options = default)
        where T : unmanaged
    {
        ImageInfo info = Info;
        RequireAxes(info, 2, "planes");
        int leading = info.Rank - 2;
        if (leadingIndices.Length != leading)
        {
            throw new ArgumentException(
                $"The image has {info.Rank} axes, so a plane needs {leading} leading indices, not {leadingIndices.Length}.", nameof(leadingIndices));
        }

        long plane = 0;
        for (int axis = 0; axis < leading; axis++)
        {
            long length = info.ShapeSpan[axis];
            if (leadingIndices[axis] < 0 || leadingIndices[axis] >= length)
            {
                throw new ArgumentOutOfRangeException(nameof(leadingIndices), leadingIndices[axis],
                    $"The index on axis {axis} (NAXIS{info.Rank - axis}) must be in 0..{length - 1}.");
            }

            plane = (plane * length) + leadingIndices[axis];
        }

        return ReadPlane<T>(plane, options);
    }

    /// <summary>
    /// Reads <paramref name="rowCount"/> consecutive rows (runs along NAXIS1) starting at <paramref name="firstRow"/>,
    /// and nothing else. Rows are numbered in C order over all the leading axes: in a 2-D image row <c>y</c> is
    /// <c>data[y, :]</c>; in a cube, row <c>r</c> is <c>data[r / NAXIS2, r % NAXIS2, :]</c>, so a range may run on into
    /// the next plane. A 1-D image has one row.
    /// </summary>
    /// <typeparam name="T">The element type (see <see cref="ImageHdu"/>).</typeparam>
    /// <param name="firstRow">0-based first row.</param>
    /// <param name="rowCount">Number of rows, at least 1.</param>
    /// <param name="options">Scaling and conversion options; <see cref="ReadOptions.Default"/> when omitted.</param>
    /// <returns><c>rowCount * NAXIS1</c> pixels in C order.</returns>
    /// <exception cref="InvalidOperationException">The image has no axes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The rows are not inside the image, or <paramref name="rowCount"/> is below 1.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a pixel type, or the rows are too many for an array.</exception>
    /// <exception cref="InvalidCastException">Converting to <typeparamref name="T"/> could lose values and <see cref="ReadOptions.AllowLossy"/> is not set.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the pixels.</exception>
    public T[] ReadRows<T>(long firstRow, long rowCount, ReadOptions options = default)
        where T : unmanaged
    {
        ImageInfo info = Info;
        (long first, long count) = RowRange(info, firstRow, rowCount);
        return ReadRangeArray<T>(info, first, count, options);
    }

    /// <summary>Reads consecutive rows (see <see cref="ReadRows{T}(long, long, ReadOptions)"/>) into <paramref name="destination"/>. Allocates nothing.</summary>
    /// <typeparam name="T">The element type (see <see cref="ImageHdu"/>).</typeparam>
    /// <param name="firstRow">0-based first row.</param>
    /// <param name="rowCount">Number of rows, at least 1.</param>
    /// <param name="destination">Exactly <c>rowCount * NAXIS1</c> elements.</param>
    /// <param name="options">Scaling and conversion options; <see cref="ReadOptions.Default"/> when omitted.</param>
    /// <exception cref="InvalidOperationException">The image has no axes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The rows are not inside the image, or <paramref name="rowCount"/> is below 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a pixel type, or the rows are too many for a span.</exception>
    /// <exception cref="InvalidCastException">Converting to <typeparamref name="T"/> could lose values and <see cref="ReadOptions.AllowLossy"/> is not set.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the pixels.</exception>
    public void ReadRows<T>(long firstRow, long rowCount, Span<T> destination, ReadOptions options = default)
        where T : unmanaged
    {
        ImageInfo info = Info;
        (long first, long count) = RowRange(info, firstRow, rowCount);
        ReadRangeSpan(info, first, count, destination, options);
    }

    private unsafe T[] ReadRangeArray<T>(ImageInfo info, long first, long count, ReadOptions options)
        where T : unmanaged
    {
        ImageReadRequest request = PlanRead<T>(info, options);
        ThrowIfTooLarge(info, count, "ReadRegionNative<T>()");
        T[] pixels = GC.AllocateUninitializedArray<T>((int)count);
        fixed (T* pointer = pixels)
        {
            ReadPixels(info, request.ForRun(first, count), pointer);
        }

        return pixels;
    }

    private unsafe void ReadRangeSpan<T>(ImageInfo info, long first, long count, Span<T> destination, ReadOptions options)
        where T : unmanaged
    {
        ImageReadRequest request = PlanRead<T>(info, options);
        ThrowIfTooLarge(info, count, "ReadRegionNative<T>()");
        CheckDestination(destination.Length, count, info);
        fixed (T* pointer = destination)
        {
            ReadPixels(info, request.ForRun(first, count), pointer);
        }
    }

    private static (long First, long Count) PlaneRange(ImageInfo info, long index)
    {
        RequireAxes(info, 2, "planes");
        ReadOnlySpan<long> shape = info.ShapeSpan;
        long planes = 1;
        for (int axis = 0; axis < shape.Length - 2; axis++)
        {
            planes *= shape[axis];
        }

        if (index < 0 || index >= planes)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index,
                planes == 0 ? "The image has no planes (a leading axis has length 0)." : $"The image has {planes} planes: the index must be in 0..{planes - 1}.");
        }

        long planeLength = shape[^2] * shape[^1];
        return (index * planeLength, planeLength);
    }

    private static (long First, long Count) RowRange(ImageInfo info, long firstRow, long rowCount)
    {
        RequireAxes(info, 1, "rows");
        ReadOnlySpan<long> shape = info.ShapeSpan;
        long rows = 1;
        for (int axis = 0; axis < shape.Length - 1; axis++)
        {
            rows *= shape[axis];
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(rowCount, 1);
        if (firstRow < 0 || firstRow >= rows || rowCount > rows - firstRow)
        {
            throw new ArgumentOutOfRangeException(nameof(firstRow), firstRow,
                $"Rows {firstRow}..{firstRow + rowCount - 1} are not inside the image's {rows} rows (rows are counted over every axis but NAXIS1).");
        }

        return (firstRow * shape[^1], rowCount * shape[^1]);
    }

    private static void RequireAxes(ImageInfo info, int minimum, string what)
    {
        if (info.Rank < minimum)
        {
            throw new InvalidOperationException($"The image has {info.Rank} axes; {what} need at least {minimum}.");
        }
    }
}
