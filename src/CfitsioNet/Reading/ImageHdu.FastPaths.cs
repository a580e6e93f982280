using System;
using CfitsioNet.Direct;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>The hook that sends whole-image reads to the direct path or to parallel decompression when they apply.</summary>
public sealed partial class ImageHdu
{
    private FastPathProbe? _probe;

    /// <summary>
    /// Reads pixels by a fast path when one applies: the direct path for any contiguous run of an uncompressed image,
    /// parallel decompression for a whole tile-compressed one. Returns false when CFITSIO's reader should read instead.
    /// </summary>
    /// <param name="info">The image.</param>
    /// <param name="type">The type the destination holds; fast paths apply to the natural type only.</param>
    /// <param name="destination">Room for <paramref name="count"/> elements of <paramref name="type"/>.</param>
    /// <param name="firstElement">First pixel, 0-based in C order.</param>
    /// <param name="count">Pixels to read.</param>
    /// <param name="nullValue">The null value CFITSIO's reader would be given.</param>
    private unsafe bool TryReadFast(ImageInfo info, PixelType type, void* destination, long firstElement, long count, void* nullValue)
    {
        FitsFile file = File;
        if (count <= 0 || type != info.PixelType || !(file.DirectReadAllowed || file.ParallelDecompressionAllowed))
        {
            return false;
        }

        // Small reads stay with CFITSIO without asking it anything more: its buffered read is as fast there. Except the
        // first one of a deferred primary image (open+read+close of a thumbnail), which is read without opening CFITSIO.
        FitsOpenOptions options = file.Options;
        DirectImagePlan? deferred = Index == 0 ? file.DeferredPrimaryPlan : null;
        if (count * Math.Abs(info.Bitpix) / 8 < options.DirectMinimumBytes && (deferred is null || !file.TakeFirstSmallDeferredRead()))
        {
            return false;
        }

        FastPathProbe probe;
        DirectFileSource? source = null;
        lock (file.Sync)
        {
            probe = _probe ??= deferred is not null ? new FastPathProbe(deferred, 0) : Probe(info);
            if (probe.Plan is not null && file.DirectReadAllowed)
            {
                source = file.GetDirectSource();
            }
        }

        if (source is not null)
        {
            if (!DirectImageReader.TryRead(source, probe.Plan!, destination, firstElement, count, options.ParallelMinimumBytes, options.MappedParallelMinimumBytes, options.EffectiveParallelism, options.MapChoice))
            {
                return false;
            }

            file.CountDirectRead();
            return true;
        }

        if (TryReadRice(info, type, destination, firstElement, count, nullValue))
        {
            return true;
        }

        return probe.TileAlongSlowest > 0 && file.ParallelDecompressionAllowed && firstElement == 0 && count == info.ElementCount
            && ParallelTileReader.TryRead(this, info, type, destination, nullValue, probe.TileAlongSlowest, options.ParallelMinimumTiles, options.EffectiveParallelism);
    }

    // What CFITSIO knows about the HDU's storage; errors mean "no fast path", and their messages are dropped.
    private FastPathProbe Probe(ImageInfo info)
    {
        FitsHandle handle = File.EnterHdu(Index);
        Cfitsio.MarkErrorMessages();
        try
        {
            int status = 0;
            bool compressed = Cfitsio.IsCompressedImage(handle, ref status) != 0;
            if (status != 0)
            {
                return FastPathProbe.None;
            }

            if (compressed)
            {
                // ZTILEn of the slowest axis; absent means 1 (FITS tile compression convention, for n > 1).
                long tile = info.Rank < 2 ? 0 : ReadTileLength(handle, info.Rank);
                return new FastPathProbe(null, tile);
            }

            if (Cfitsio.GetDriverPrefix(handle) != "file://" || !HasOnlyPixels(handle))
            {
                return FastPathProbe.None;
            }

            Cfitsio.GetHduOffsets(handle, out _, out long dataStart, out long dataEnd, ref status);
            return status != 0 ? FastPathProbe.None : new FastPathProbe(DirectImagePlan.TryCreate(info, dataStart, dataEnd), 0);
        }
        finally
        {
            Cfitsio.ClearErrorMessagesToMark();
        }
    }

    /// <summary>
    /// Whether CFITSIO reads the data unit as the pixels alone: PCOUNT 0 and GCOUNT 1 as its own header parse reads them.
    /// CFITSIO reads every image as rows of PCOUNT parameters followed by the pixels, GCOUNT times (random groups or
    /// not), and a small PCOUNT can hide in the padding of the last 2880-byte block, where the data size cannot show it.
    /// </summary>
    private static bool HasOnlyPixels(FitsHandle handle)
    {
        CfitsioImageHeader header = CfitsioImageHeader.Parse(handle);
        return header.Status == 0 && header.Pcount == 0 && header.Gcount == 1;
    }

    private static unsafe long ReadTileLength(FitsHandle handle, int rank)
    {
        int status = 0;
        Cfitsio.ReadKeyLong(handle, "ZTILE" + rank, out long value, null, ref status);
        return status == Cfitsio.KeyNotFound ? 1 : status != 0 || value <= 0 ? 0 : value;
    }

    /// <summary>The fast paths an HDU allows: a direct plan (uncompressed), or a tile height for parallel decompression.</summary>
    private sealed class FastPathProbe(DirectImagePlan? plan, long tileAlongSlowest)
    {
        internal static readonly FastPathProbe None = new(null, 0);

        internal DirectImagePlan? Plan { get; } = plan;

        internal long TileAlongSlowest { get; } = tileAlongSlowest;
    }
}
