using System;
using CfitsioNet.Interop;

namespace CfitsioNet.Direct;

/// <summary>
/// Decompresses a tile-compressed 2-D or 3-D image on several threads: the slowest axis is cut at tile boundaries
/// into bands, and each band is read by CFITSIO through its own handle (a separate read-only open of the same file,
/// so the handles share no buffers or tile cache) straight into its slice of the destination. Every tile is
/// decompressed by the same CFITSIO code as in a serial read, so the pixels are identical.
/// </summary>
internal static unsafe class ParallelTileReader
{
    /// <summary>
    /// Reads the whole image of HDU <paramref name="hduIndex"/> into <paramref name="destination"/> in parallel bands.
    /// Returns false when the image is not worth splitting (then the caller reads it serially).
    /// </summary>
    /// <param name="file">A file opened by plain name, read-only.</param>
    /// <param name="hduIndex">A tile-compressed image HDU of it.</param>
    /// <param name="info">Its header description.</param>
    /// <param name="type">The natural type, which the destination holds.</param>
    /// <param name="destination">Room for every pixel.</param>
    /// <param name="nullValue">What CFITSIO writes for undefined pixels, exactly as a serial read would pass it.</param>
    /// <param name="tileAlongSlowest">The tile size along the slowest axis (ZTILE of the last FITS axis).</param>
    /// <param name="minimumBands">Fewest tile bands worth a parallel read.</param>
    /// <param name="maxThreads">Most threads.</param>
    internal static bool TryRead(FitsFile file, int hduIndex, ImageInfo info, PixelType type, void* destination, void* nullValue, long tileAlongSlowest, long minimumBands, int maxThreads)
    {
        // CFITSIO reads whole rows (2-D) or whole planes (3-D) as one box; other ranks go through its pixel-range path.
        if (info.Rank is not (2 or 3) || tileAlongSlowest <= 0 || maxThreads < 2)
        {
            return false;
        }

        long slowest = info.Shape[0];
        long bands = (slowest + tileAlongSlowest - 1) / tileAlongSlowest;
        if (bands < Math.Max(2, minimumBands))
        {
            return false;
        }

        // A few bands per thread, claimed as threads get free: a thread slowed by other work on the machine takes fewer.
        int threads = (int)Math.Min(maxThreads, bands);
        int parts = (int)Math.Min(bands, threads * 4L);
        long sliceElements = info.ElementCount / slowest;
        int elementSize = SizeOf(type);
        int dataType = PixelTypes.DataTypeCode(type);
        byte[]? nulls = nullValue is null ? null : new ReadOnlySpan<byte>(nullValue, elementSize).ToArray();
        byte* target = (byte*)destination;
        try
        {
            ParallelParts.Run(parts, threads, part =>
            {
                long firstBand = bands * part / parts;
                long endBand = bands * (part + 1) / parts;
                long first = firstBand * tileAlongSlowest;
                long end = Math.Min(endBand * tileAlongSlowest, slowest);
                if (end <= first)
                {
                    return;
                }

                // Spare handles: the file's own handle stays free for the caller's other calls meanwhile.
                FitsFile reader = file.RentSpareHandle();
                try
                {
                    ReadBand(reader, hduIndex, info.Rank, first, end - first, sliceElements, dataType, nulls, target + (first * sliceElements * elementSize));
                }
                finally
                {
                    file.ReturnSpareHandle(reader);
                }
            });
        }
        catch (FitsException)
        {
            // A damaged tile: the bands fail in whatever order the threads reach them, so the error could differ from a
            // serial read's. The caller reads serially instead, and CFITSIO reports the first bad tile as it always does.
            return false;
        }

        file.CountParallelTileRead();
        return true;
    }

    private static int SizeOf(PixelType type) => PixelTypes.Size(type);

    // Reads `count` slices (rows or planes) starting at slice `first` of the slowest axis with ffgpxvll.
    private static void ReadBand(FitsFile reader, int hduIndex, int rank, long first, long count, long sliceElements, int dataType, byte[]? nullBytes, byte* destination)
    {
        long* firstPixel = stackalloc long[rank];
        for (int i = 0; i < rank; i++)
        {
            firstPixel[i] = 1;
        }

        // Fortran order: the slowest axis is the last coordinate.
        firstPixel[rank - 1] = first + 1;
        fixed (byte* nullValue = nullBytes)
        {
            lock (reader.Sync)
            {
                FitsHandle handle = reader.EnterHdu(hduIndex);
                CfitsioProxy.ReadPixels(handle, dataType, firstPixel, count * sliceElements, nullValue, destination, out _, "read pixels", new CallContext(reader.FileName, hduIndex));
            }
        }
    }
}
