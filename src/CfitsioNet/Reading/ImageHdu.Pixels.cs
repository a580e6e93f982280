using System;
using System.Runtime.InteropServices;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>The one funnel every pixel read goes through, and the conversion rules it applies.</summary>
public sealed partial class ImageHdu
{
    // ffgpxvll and ffgsv keep 9-element arrays per axis; beyond that only the linear ffgpv is safe.
    private const int MaxSubsetAxes = 9;

    /// <summary>What undefined pixels become in the destination.</summary>
    private enum NullHandling
    {
        /// <summary>No null checking: stored values convert like any other (BLANK keeps its scaled value).</summary>
        None,

        /// <summary>BLANK pixels (ZBLANK in tile-compressed images, where it also marks undefined floating-point pixels) become NaN.</summary>
        NaN,

        /// <summary>NaN and infinite pixels of floating-point data become <see cref="PixelConversion.IntegerNullValue{T}"/>.</summary>
        IntegerSentinel,
    }

    /// <summary>A checked decision about how to read the image into the requested type.</summary>
    private readonly record struct ReadPlan(PixelType Target, bool Raw, bool AllowOverflow, NullHandling Nulls);

    /// <summary>
    /// Checks <typeparamref name="T"/> against the image and the options, before anything is allocated: unknown
    /// types get <see cref="NotSupportedException"/>, lossy ones <see cref="InvalidCastException"/> unless allowed.
    /// </summary>
    private ReadPlan PlanRead<T>(ImageInfo info, ReadOptions options)
        where T : unmanaged
    {
        PixelType target = PixelTypes.Of<T>()
            ?? throw new NotSupportedException(
                $"{typeof(T).Name} is not a FITS pixel type; use byte, sbyte, short, ushort, int, uint, long, ulong, float or double.");

        if (info.IsRandomGroups)
        {
            throw RandomGroupsRefused(info);
        }

        PixelType source = options.Raw ? info.StoredPixelType : info.PixelType;
        bool exact = PixelConversion.IsExact(source, target);
        if (!PixelConversion.IsAllowedWithoutLossy(source, target) && !options.AllowLossy)
        {
            string what = options.Raw
                ? $"stored {PixelConversion.Keyword(source)} values (BITPIX={info.Bitpix}, read raw)"
                : $"{PixelConversion.Keyword(source)} pixels (BITPIX={info.Bitpix}, BZERO={info.Bzero}, BSCALE={info.Bscale})";
            throw new InvalidCastException(
                $"HDU {Index} of '{File.FileName}' holds {what}; {PixelConversion.Keyword(target)} cannot hold all of them, so reading as " +
                $"{PixelConversion.Keyword(target)} could round, clip or lose NaN. Read as {PixelConversion.Keyword(source)} (exact), or pass " +
                "ReadOptions.Lossy (new ReadOptions { AllowLossy = true }) to convert as CFITSIO does: truncated toward zero and clipped to the type's range.");
        }

        if (options.Raw && info.Bscale == 0.0 && !info.IsCompressed)
        {
            // CFITSIO refuses to set a zero scale back after a raw read (ZERO_SCALE).
            throw new FitsException("BSCALE = 0: the image cannot be read raw.", File.FileName, "read pixels", Index);
        }

        NullHandling nulls;
        if (PixelConversion.IsFloating(target))
        {
            // Only where the header marks undefined pixels: a null value also turns +-Inf into NaN in CFITSIO.
            nulls = info.MarksUndefined && (!options.Raw || (info.IsCompressed && info.Bitpix < 0)) ? NullHandling.NaN : NullHandling.None;
        }
        else
        {
            nulls = info.Bitpix < 0 ? NullHandling.IntegerSentinel : NullHandling.None;
        }

        return new ReadPlan(target, options.Raw, AllowOverflow: !exact, nulls);
    }

    /// <summary>
    /// Reads <paramref name="count"/> pixels into <paramref name="destination"/>: the contiguous run starting at the
    /// 0-based C-order element <paramref name="firstElement"/> (one <c>ffgpxvll</c> call), or the subset
    /// <paramref name="region"/> (one <c>ffgsv</c> call). Everything about scaling, nulls and overflow is decided here.
    /// </summary>
    private unsafe void ReadPixels<T>(ImageInfo info, ReadPlan plan, T* destination, long firstElement, long count, PixelRegion? region = null)
        where T : unmanaged
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

        T nullValue = default;
        void* nullPointer = null;
        if (plan.Nulls == NullHandling.NaN)
        {
            nullValue = typeof(T) == typeof(float) ? (T)(object)float.NaN : (T)(object)double.NaN;
            nullPointer = &nullValue;
        }
        else if (plan.Nulls == NullHandling.IntegerSentinel)
        {
            nullValue = PixelConversion.IntegerNullValue<T>();
            nullPointer = &nullValue;
        }

        // The direct path and parallel decompression, where they give CFITSIO's result (ImageHdu.FastPaths.cs).
        if (region is null && !plan.Raw && TryReadFast(info, plan.Target, destination, firstElement, count, nullPointer))
        {
            return;
        }

        int dataType = DataTypeCode(info, plan.Target);
        int rank = info.Rank;
        lock (File.Sync)
        {
            FitsHandle handle = File.EnterHdu(Index);
            bool unscaled = plan.Raw && (info.IsCompressed || info.Bscale != 1.0 || info.Bzero != 0.0);
            int status = 0;
            try
            {
                if (unscaled)
                {
                    // The tile cache keeps converted values keyed by type only: start from an empty one.
                    if (info.IsCompressed)
                    {
                        ReloadHdu();
                        handle = File.EnterHdu(Index);
                    }

                    Cfitsio.SetImageScaling(handle, 1.0, 0.0, ref status);
                    File.Check(status, "switch off scaling", Index);
                }

                if (region is null && rank <= MaxSubsetAxes)
                {
                    // CFITSIO 4.2.0 reads a run of a compressed image of 3 or more axes that starts inside a plane and
                    // runs on into the next with wrong values in the second plane: one run per plane instead.
                    long piece = info.IsCompressed && rank >= 3 ? info.ShapeSpan[rank - 1] * info.ShapeSpan[rank - 2] : count;
                    long* firstPixel = stackalloc long[rank];
                    for (long done = 0; done < count && status is 0 or Cfitsio.NumericOverflow or Cfitsio.OverflowInProgress;)
                    {
                        long first = firstElement + done;
                        long length = Math.Min(count - done, piece - (first % piece));
                        int runStatus = ReadContiguous(handle, info, plan, dataType, nullPointer, first, length, destination + done, firstPixel);
                        status = runStatus != 0 || status == 0 ? runStatus : status;
                        done += length;
                    }
                }
                else if (region is null)
                {
                    Cfitsio.ReadElements(handle, dataType, firstElement + 1, count, nullPointer, destination, out _, ref status);
                }
                else if (rank <= MaxSubsetAxes)
                {
                    CLong* first = stackalloc CLong[rank];
                    CLong* last = stackalloc CLong[rank];
                    CLong* step = stackalloc CLong[rank];
                    region.ToFortran(first, last, step);
                    Cfitsio.ReadSubset(handle, dataType, first, last, step, nullPointer, destination, out _, ref status);
                    if (IsOverflow(status) && plan.AllowOverflow)
                    {
                        // ffgsv stops at the first row or tile that overflows, leaving the rest unread: go row by row.
                        Cfitsio.ClearErrorMessages();
                        status = ReadRegionByRows(handle, info, plan, region, dataType, nullPointer, destination);
                    }
                }
                else
                {
                    status = ReadRegionByRows(handle, info, plan, region, dataType, nullPointer, destination);
                }

                if (IsOverflow(status) && plan.AllowOverflow)
                {
                    // Clipping is what the caller asked for with AllowLossy.
                    Cfitsio.ClearErrorMessages();
                    status = 0;
                }

                File.Check(status, "read pixels", Index);
            }
            finally
            {
                if (unscaled)
                {
                    RestoreScaling(info);
                }
            }
        }
    }

    private static bool IsOverflow(int status) => status is Cfitsio.NumericOverflow or Cfitsio.OverflowInProgress;

    /// <summary>Reads one contiguous run with <c>ffgpxvll</c> (tile by tile after a lossy overflow in a compressed image). Call under the lock.</summary>
    private unsafe int ReadContiguous<T>(FitsHandle handle, ImageInfo info, ReadPlan plan, int dataType, void* nullPointer, long first, long count, T* destination, long* firstPixel)
        where T : unmanaged
    {
        int rank = info.Rank;
        long remainder = first;
        for (int axis = 0; axis < rank; axis++)
        {
            long length = info.ShapeSpan[rank - 1 - axis];
            firstPixel[axis] = (remainder % length) + 1;
            remainder /= length;
        }

        int status = 0;
        Cfitsio.ReadPixels(handle, dataType, firstPixel, count, nullPointer, destination, out _, ref status);
        if (IsOverflow(status) && plan.AllowOverflow && info.IsCompressed)
        {
            // The decompressor leaves the overflow status set, so the next tile fails to read: go tile by tile.
            Cfitsio.ClearErrorMessages();
            status = ReadRun(handle, info, plan, dataType, nullPointer, first, count, destination);
        }

        return status;
    }

    /// <summary>
    /// Reads a region one run along NAXIS1 at a time with the linear <c>ffgpv</c>: for images of more than 9 axes,
    /// and to finish a lossy subset that <c>ffgsv</c> abandoned at its first overflow. Call under the lock.
    /// </summary>
    private unsafe int ReadRegionByRows<T>(FitsHandle handle, ImageInfo info, ReadPlan plan, PixelRegion region, int dataType, void* nullPointer, T* destination)
        where T : unmanaged
    {
        int rank = info.Rank;
        ReadOnlySpan<long> shape = info.ShapeSpan;
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

        T* scratch = rowStep == 1 ? null : (T*)NativeMemory.Alloc((nuint)rowSpan, (nuint)sizeof(T));
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

                int status = ReadRun(handle, info, plan, dataType, nullPointer, element, rowSpan, rowStep == 1 ? destination + written : scratch);
                if (status != 0 && !IsOverflow(status))
                {
                    return status;
                }

                worst = status == 0 ? worst : status;
                if (rowStep != 1)
                {
                    for (long i = 0; i < rowLength; i++)
                    {
                        destination[written + i] = scratch[i * rowStep];
                    }
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
    /// for compressed images, tolerating (and returning) overflow when the plan allows it. Call under the lock.
    /// </summary>
    private static unsafe int ReadRun<T>(FitsHandle handle, ImageInfo info, ReadPlan plan, int dataType, void* nullPointer, long first, long count, T* destination)
        where T : unmanaged
    {
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
            Cfitsio.ReadElements(handle, dataType, first + done + 1, length, nullPointer, destination + done, out _, ref status);
            if (IsOverflow(status) && plan.AllowOverflow)
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
    private void RestoreScaling(ImageInfo info)
    {
        int status = 0;
        if (!info.IsCompressed)
        {
            Cfitsio.SetImageScaling(File.EnterHdu(Index), info.Bscale, info.Bzero, ref status);
            if (status == 0)
            {
                return;
            }

            // BSCALE = 0 cannot be set back this way; re-reading the header restores it.
            Cfitsio.ClearErrorMessages();
        }

        ReloadHdu();
    }

    /// <summary>
    /// Makes CFITSIO re-read this HDU's header, which resets scaling to the keywords and empties the tile cache.
    /// Call under the lock.
    /// </summary>
    private void ReloadHdu()
    {
        File.EnterHdu(Index == 0 ? 1 : 0);
        File.EnterHdu(Index);
    }
}
