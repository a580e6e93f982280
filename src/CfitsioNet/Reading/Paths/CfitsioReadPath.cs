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

                int status = request.Region is null ? ReadRun(ref reader) : ReadRegion(ref reader);
                if (IsOverflow(status) && request.AllowOverflow)
                {
                    // Clipping is what the caller asked for with AllowLossy.
                    Cfitsio.ClearErrorMessages();
                    status = 0;
                }

                file.Check(status, "read pixels", reader.Index);
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

    private static bool IsOverflow(int status) => status is Cfitsio.NumericOverflow or Cfitsio.OverflowInProgress;

    private static void SwitchOffScaling(ref ImageReader reader)
    {
        // The tile cache keeps converted values keyed by type only: start from an empty one.
        if (reader.Info.IsCompressed)
        {
            ReloadHdu(reader.File, reader.Index);
            reader.Handle = reader.File.EnterHdu(reader.Index);
        }

        CfitsioProxy.SetImageScaling(reader.Handle!, 1.0, 0.0, "switch off scaling", new CallContext(reader.File.FileName, reader.Index));
    }

    /// <summary>Reads the request's contiguous run. Call under the lock.</summary>
    private static unsafe int ReadRun(ref ImageReader reader)
    {
        ImageInfo info = reader.Info;
        long firstElement = reader.Request.FirstElement, count = reader.Request.Count;
        int rank = info.Rank;
        if (rank > MaxSubsetAxes)
        {
            int linear = 0;
            Cfitsio.ReadElements(reader.Handle!, reader.DataType, firstElement + 1, count, reader.NullValue, reader.Destination, out _, ref linear);
            return linear;
        }

        // CFITSIO 4.2.0 reads a run of a compressed image of 3 or more axes that starts inside a plane and runs on into
        // the next with wrong values in the second plane: one run per plane instead.
        long piece = info.IsCompressed && rank >= 3 ? info.ShapeSpan[rank - 1] * info.ShapeSpan[rank - 2] : count;
        long* firstPixel = stackalloc long[rank];
        int status = 0;
        for (long done = 0; done < count && (status == 0 || IsOverflow(status));)
        {
            long first = firstElement + done;
            long length = Math.Min(count - done, piece - (first % piece));
            int runStatus = ReadContiguous(ref reader, first, length, reader.At(done), firstPixel);
            status = runStatus != 0 || status == 0 ? runStatus : status;
            done += length;
        }

        return status;
    }

    /// <summary>Reads the request's region with <c>ffgsv</c>, or row by row. Call under the lock.</summary>
    private static unsafe int ReadRegion(ref ImageReader reader)
    {
        int rank = reader.Info.Rank;
        if (rank > MaxSubsetAxes)
        {
            return ReadRegionByRows(ref reader);
        }

        CLong* first = stackalloc CLong[rank];
        CLong* last = stackalloc CLong[rank];
        CLong* step = stackalloc CLong[rank];
        reader.Request.Region!.ToFortran(first, last, step);
        int status = 0;
        Cfitsio.ReadSubset(reader.Handle!, reader.DataType, first, last, step, reader.NullValue, reader.Destination, out _, ref status);
        if (IsOverflow(status) && reader.Request.AllowOverflow)
        {
            // ffgsv stops at the first row or tile that overflows, leaving the rest unread: go row by row.
            Cfitsio.ClearErrorMessages();
            status = ReadRegionByRows(ref reader);
        }

        return status;
    }

    /// <summary>Reads one contiguous run with <c>ffgpxvll</c> (tile by tile after a lossy overflow in a compressed image). Call under the lock.</summary>
    private static unsafe int ReadContiguous(ref ImageReader reader, long first, long count, byte* destination, long* firstPixel)
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

        int status = 0;
        Cfitsio.ReadPixels(reader.Handle!, reader.DataType, firstPixel, count, reader.NullValue, destination, out _, ref status);
        if (IsOverflow(status) && reader.Request.AllowOverflow && info.IsCompressed)
        {
            // The decompressor leaves the overflow status set, so the next tile fails to read: go tile by tile.
            Cfitsio.ClearErrorMessages();
            status = ReadElements(ref reader, first, count, destination);
        }

        return status;
    }

    /// <summary>
    /// Reads the region one run along NAXIS1 at a time with the linear <c>ffgpv</c>: for images of more than 9 axes,
    /// and to finish a lossy subset that <c>ffgsv</c> abandoned at its first overflow. Call under the lock.
    /// </summary>
    private static unsafe int ReadRegionByRows(ref ImageReader reader)
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
            int worst = 0;
            while (written < region.Count)
            {
                long element = 0;
                for (int axis = 0; axis < rank; axis++)
                {
                    element += (region.Start[axis] + (index[axis] * region.Step[axis])) * strides[axis];
                }

                int status = ReadElements(ref reader, element, rowSpan, rowStep == 1 ? reader.At(written) : scratch);
                if (status != 0 && !IsOverflow(status))
                {
                    return status;
                }

                worst = status == 0 ? worst : status;
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

            return worst;
        }
        finally
        {
            NativeMemory.Free(scratch);
        }
    }

    /// <summary>
    /// Reads the contiguous elements <c>[first, first + count)</c> with <c>ffgpv</c>, one call per compression tile
    /// for compressed images, tolerating (and returning) overflow when the request allows it. Call under the lock.
    /// </summary>
    private static unsafe int ReadElements(ref ImageReader reader, long first, long count, byte* destination)
    {
        ImageInfo info = reader.Info;
        long rowLength = info.ShapeSpan[info.Rank - 1];
        long segment = info.IsCompressed ? Math.Max(1, Math.Min(info.TileWidth, rowLength)) : count;
        int worst = 0;
        for (long done = 0; done < count;)
        {
            // Stop at the end of the current tile column (and so of the row) for compressed images.
            long column = (first + done) % rowLength;
            long length = info.IsCompressed ? Math.Min(segment - (column % segment), rowLength - column) : count;
            length = Math.Min(length, count - done);
            int status = 0;
            Cfitsio.ReadElements(reader.Handle!, reader.DataType, first + done + 1, length, reader.NullValue, destination + (done * reader.ElementSize), out _, ref status);
            if (IsOverflow(status) && reader.Request.AllowOverflow)
            {
                Cfitsio.ClearErrorMessages();
                worst = status;
            }
            else if (status != 0)
            {
                return status;
            }

            done += length;
        }

        return worst;
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

            return target == PixelType.Int64 ? 41 : 40; // TLONG, TULONG
        }

        return PixelTypes.DataTypeCode(target);
    }

    /// <summary>Puts back the BSCALE/BZERO that <see cref="ReadOptions.Raw"/> switched off. Call under the lock.</summary>
    private static void RestoreScaling(FitsFile file, int index, ImageInfo info)
    {
        int status = 0;
        if (!info.IsCompressed)
        {
            Cfitsio.SetImageScaling(file.EnterHdu(index), info.Bscale, info.Bzero, ref status);
            if (status == 0)
            {
                return;
            }

            // BSCALE = 0 cannot be set back this way; re-reading the header restores it.
            Cfitsio.ClearErrorMessages();
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
