using System;
using System.Runtime.InteropServices;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>
/// CFITSIO's own reader, which takes every read the fast paths refuse: a contiguous run with <c>ffgpxvll</c> (one
/// call per plane of a compressed cube), a region with <c>ffgsv</c>, and the linear <c>ffgpv</c> for images of more
/// than 9 axes and to finish a lossy read that CFITSIO abandoned at its first overflow. Everything about scaling,
/// nulls and overflow is CFITSIO's.
/// </summary>
internal sealed class CfitsioReadPath : IReadPath
{
    /// <summary>The one instance (the path keeps no state).</summary>
    internal static readonly CfitsioReadPath Instance = new();

    // ffgpxvll and ffgsv keep 9-element arrays per axis; beyond that only the linear ffgpv is safe.
    private const int MaxSubsetAxes = 9;

    private const string Operation = "read pixels";

    // Values clipped in the conversion (the tile decompressor leaves OVERFLOW_ERR): what a lossy read (AllowLossy)
    // asked for, so an answer rather than an error; any other read reports them like every other status.
    private static readonly Expected Clipped = new(Cfitsio.NumericOverflow, Cfitsio.OverflowInProgress);

    /// <inheritdoc/>
    public bool TryRead(ref ImageReader reader)
    {
        ImageInfo info = reader.Info;
        ImageReadRequest request = reader.Request;
        FitsFile file = reader.File;
        reader.DataType = DataTypeCode(info, request.Target);
        lock (file.Sync)
        {
            reader.Handle = file.EnterHdu(reader.Index);
            bool unscaled = request.Raw && (info.IsCompressed || info.Bscale != 1.0 || info.Bzero != 0.0);
            try
            {
                if (unscaled)
                {
                    SwitchOffScaling(ref reader);
                }

                if (request.Region is null)
                {
                    ReadRun(ref reader);
                }
                else
                {
                    ReadRegion(ref reader);
                }
            }
            finally
            {
                reader.Handle = null;
                if (unscaled)
                {
                    RestoreScaling(file, reader.Index, info);
                }
            }
        }

        return true;
    }

    private static void SwitchOffScaling(ref ImageReader reader)
    {
        // The tile cache keeps converted values keyed by type only: start from an empty one.
        if (reader.Info.IsCompressed)
        {
            ReloadHdu(reader.File, reader.Index);
            reader.Handle = reader.File.EnterHdu(reader.Index);
        }

        CfitsioProxy.SetImageScaling(reader.Handle!, 1.0, 0.0, "switch off scaling", At(ref reader));
    }

    private static CallContext At(ref ImageReader reader) => new(reader.File.FileName, reader.Index);

    // The three reads below throw for any status but clipped values in a lossy read, where they answer false (the
    // values are clipped, and CFITSIO may have stopped early: the callers finish the read piece by piece). A strict read
    // takes the plain checked call, as cheap as the raw one.

    /// <summary><c>ffgpxvll</c> of <paramref name="count"/> pixels from <paramref name="firstPixel"/>; false when values were clipped (lossy reads only).</summary>
    private static unsafe bool ReadPixels(ref ImageReader reader, long* firstPixel, long count, byte* destination)
    {
        if (!reader.Request.AllowOverflow)
        {
            CfitsioProxy.ReadPixels(reader.Handle!, reader.DataType, firstPixel, count, reader.NullValue, destination, out _, Operation, At(ref reader));
            return true;
        }

        return CfitsioProxy.TryReadPixels(reader.Handle!, reader.DataType, firstPixel, count, reader.NullValue, destination, out _, Clipped, Operation, At(ref reader));
    }

    /// <summary><c>ffgpv</c> of <paramref name="count"/> elements from the 1-based <paramref name="firstElement"/>; false when values were clipped (lossy reads only).</summary>
    private static unsafe bool ReadLinear(ref ImageReader reader, long firstElement, long count, byte* destination)
    {
        if (!reader.Request.AllowOverflow)
        {
            CfitsioProxy.ReadElements(reader.Handle!, reader.DataType, firstElement, count, reader.NullValue, destination, out _, Operation, At(ref reader));
            return true;
        }

        return CfitsioProxy.TryReadElements(reader.Handle!, reader.DataType, firstElement, count, reader.NullValue, destination, out _, Clipped, Operation, At(ref reader));
    }

    /// <summary><c>ffgsv</c> of the region <paramref name="first"/>..<paramref name="last"/> by <paramref name="step"/>; false when values were clipped (lossy reads only).</summary>
    private static unsafe bool ReadSubset(ref ImageReader reader, CLong* first, CLong* last, CLong* step)
    {
        if (!reader.Request.AllowOverflow)
        {
            CfitsioProxy.ReadSubset(reader.Handle!, reader.DataType, first, last, step, reader.NullValue, reader.Destination, out _, Operation, At(ref reader));
            return true;
        }

        return CfitsioProxy.TryReadSubset(reader.Handle!, reader.DataType, first, last, step, reader.NullValue, reader.Destination, out _, Clipped, Operation, At(ref reader));
    }

    /// <summary>Reads the request's contiguous run. Call under the lock.</summary>
    private static unsafe void ReadRun(ref ImageReader reader)
    {
        ImageInfo info = reader.Info;
        long firstElement = reader.Request.FirstElement, count = reader.Request.Count;
        int rank = info.Rank;
        if (rank > MaxSubsetAxes)
        {
            ReadLinear(ref reader, firstElement + 1, count, (byte*)reader.Destination);
            return;
        }

        // CFITSIO 4.2.0 reads a run of a compressed image of 3 or more axes that starts inside a plane and runs on into
        // the next with wrong values in the second plane: one run per plane instead.
        long piece = info.IsCompressed && rank >= 3 ? info.ShapeSpan[rank - 1] * info.ShapeSpan[rank - 2] : count;
        long* firstPixel = stackalloc long[rank];
        for (long done = 0; done < count;)
        {
            long first = firstElement + done;
            long length = Math.Min(count - done, piece - (first % piece));
            ReadContiguous(ref reader, first, length, reader.At(done), firstPixel);
            done += length;
        }
    }

    /// <summary>Reads the request's region with <c>ffgsv</c>, or row by row. Call under the lock.</summary>
    private static unsafe void ReadRegion(ref ImageReader reader)
    {
        int rank = reader.Info.Rank;
        if (rank > MaxSubsetAxes)
        {
            ReadRegionByRows(ref reader);
            return;
        }

        CLong* first = stackalloc CLong[rank];
        CLong* last = stackalloc CLong[rank];
        CLong* step = stackalloc CLong[rank];
        reader.Request.Region!.ToFortran(first, last, step);
        if (!ReadSubset(ref reader, first, last, step))
        {
            // ffgsv stops at the first row or tile that overflows, leaving the rest unread: go row by row.
            ReadRegionByRows(ref reader);
        }
    }

    /// <summary>Reads one contiguous run with <c>ffgpxvll</c> (tile by tile after a lossy overflow in a compressed image). Call under the lock.</summary>
    private static unsafe void ReadContiguous(ref ImageReader reader, long first, long count, byte* destination, long* firstPixel)
    {
        ImageInfo info = reader.Info;
        int rank = info.Rank;
        long remainder = first;
        for (int axis = 0; axis < rank; axis++)
        {
            long length = info.ShapeSpan[rank - 1 - axis];
            firstPixel[axis] = (remainder % length) + 1;
            remainder /= length;
        }

        if (!ReadPixels(ref reader, firstPixel, count, destination) && info.IsCompressed)
        {
            // The decompressor leaves the overflow status set, so the next tile fails to read: go tile by tile.
            ReadElements(ref reader, first, count, destination);
        }
    }

    /// <summary>
    /// Reads the region one run along NAXIS1 at a time with the linear <c>ffgpv</c>: for images of more than 9 axes,
    /// and to finish a lossy subset that <c>ffgsv</c> abandoned at its first overflow. Call under the lock.
    /// </summary>
    private static unsafe void ReadRegionByRows(ref ImageReader reader)
    {
        PixelRegion region = reader.Request.Region!;
        int rank = reader.Info.Rank;
        int size = reader.ElementSize;
        ReadOnlySpan<long> shape = reader.Info.ShapeSpan;
        long rowLength = region.Shape[rank - 1];
        long rowStep = region.Step[rank - 1];
        long rowSpan = ((rowLength - 1) * rowStep) + 1;
        Span<long> index = rank <= 64 ? stackalloc long[rank] : new long[rank];
        Span<long> strides = rank <= 64 ? stackalloc long[rank] : new long[rank];
        long stride = 1;
        for (int axis = rank - 1; axis >= 0; axis--)
        {
            strides[axis] = stride;
            stride *= shape[axis];
        }

        byte* scratch = rowStep == 1 ? null : (byte*)NativeMemory.Alloc((nuint)rowSpan, (nuint)size);
        try
        {
            long written = 0;
            while (written < region.Count)
            {
                long element = 0;
                for (int axis = 0; axis < rank; axis++)
                {
                    element += (region.Start[axis] + (index[axis] * region.Step[axis])) * strides[axis];
                }

                ReadElements(ref reader, element, rowSpan, rowStep == 1 ? reader.At(written) : scratch);
                for (long i = 0; rowStep != 1 && i < rowLength; i++)
                {
                    Buffer.MemoryCopy(scratch + (i * rowStep * size), reader.At(written + i), size, size);
                }

                written += rowLength;
                for (int axis = rank - 2; axis >= 0; axis--)
                {
                    if (++index[axis] < region.Shape[axis])
                    {
                        break;
                    }

                    index[axis] = 0;
                }
            }
        }
        finally
        {
            NativeMemory.Free(scratch);
        }
    }

    /// <summary>
    /// Reads the contiguous elements <c>[first, first + count)</c> with <c>ffgpv</c>, one call per compression tile
    /// for compressed images, going on past clipped values when the request allows them. Call under the lock.
    /// </summary>
    private static unsafe void ReadElements(ref ImageReader reader, long first, long count, byte* destination)
    {
        ImageInfo info = reader.Info;
        long rowLength = info.ShapeSpan[info.Rank - 1];
        long segment = info.IsCompressed ? Math.Max(1, Math.Min(info.TileWidth, rowLength)) : count;
        for (long done = 0; done < count;)
        {
            // Stop at the end of the current tile column (and so of the row) for compressed images.
            long column = (first + done) % rowLength;
            long length = info.IsCompressed ? Math.Min(segment - (column % segment), rowLength - column) : count;
            length = Math.Min(length, count - done);
            ReadLinear(ref reader, first + done + 1, length, destination + (done * reader.ElementSize));
            done += length;
        }
    }

    /// <summary>CFITSIO's datatype code for reading into <paramref name="target"/> from this image.</summary>
    private static unsafe int DataTypeCode(ImageInfo info, PixelType target)
    {
        // The tile decompressor has no TLONGLONG/TULONGLONG; TLONG/TULONG are the same 8 bytes where C long is 64-bit.
        if (info.IsCompressed && target is PixelType.Int64 or PixelType.UInt64)
        {
            if (sizeof(long) != sizeof(CLong))
            {
                throw new NotSupportedException("Tile-compressed images cannot be read as long or ulong on this platform; read them as double.");
            }

            return target == PixelType.Int64 ? Cfitsio.TypeCLong : Cfitsio.TypeCULong;
        }

        return PixelTypes.DataTypeCode(target);
    }

    /// <summary>Puts back the BSCALE/BZERO that <see cref="ReadOptions.Raw"/> switched off. Call under the lock.</summary>
    private static void RestoreScaling(FitsFile file, int index, ImageInfo info)
    {
        // BSCALE = 0 cannot be set back this way (any failure: re-reading the header restores it).
        if (!info.IsCompressed && CfitsioProxy.TrySetImageScaling(file.EnterHdu(index), info.Bscale, info.Bzero, Expected.Any, "restore scaling", new CallContext(file.FileName, index)))
        {
            return;
        }

        ReloadHdu(file, index);
    }

    /// <summary>Makes CFITSIO re-read the HDU's header, which resets scaling to the keywords and empties the tile cache. Call under the lock.</summary>
    private static void ReloadHdu(FitsFile file, int index)
    {
        file.EnterHdu(index == 0 ? 1 : 0);
        file.EnterHdu(index);
    }
}
