using CfitsioNet.Direct;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>
/// What the fast paths need to know about an HDU's storage beyond <see cref="ImageInfo"/>, asked of CFITSIO once per
/// HDU (on the first read that could take a fast path) and shared by all of them: a direct plan for an uncompressed
/// image stored as the pixels alone, or the tile height along the slowest axis of a compressed one; and, once the
/// Rice path has looked, its plan. Whether the image is compressed comes from <see cref="ImageInfo.IsCompressed"/>,
/// which the header read already asked.
/// </summary>
internal sealed class ImageHeaderFacts(DirectImagePlan? plan, long tileAlongSlowest)
{
    /// <summary>No fast path applies.</summary>
    internal static readonly ImageHeaderFacts None = new(null, 0);

    /// <summary>Offsets and conversion for the direct path; null when it does not apply.</summary>
    internal DirectImagePlan? Plan { get; } = plan;

    /// <summary>ZTILEn of the slowest axis of a compressed image (0: no parallel bands).</summary>
    internal long TileAlongSlowest { get; } = tileAlongSlowest;

    /// <summary>Whether the Rice path has looked (<see cref="RicePlan"/> is then its answer). Set under the file's lock.</summary>
    internal bool RiceProbed { get; set; }

    /// <summary>The managed Rice decoder's plan, or null when CFITSIO decompresses. Set under the file's lock.</summary>
    internal RiceImagePlan? RicePlan { get; set; }

    /// <summary>
    /// Asks CFITSIO about the HDU's storage. Errors mean "no fast path", and their messages are dropped (every call is a
    /// probe, <see cref="Expected.Any"/>, so none throws and none names a file). Call under the lock, with the HDU current.
    /// </summary>
    internal static ImageHeaderFacts Probe(FitsHandle handle, ImageInfo info)
    {
        if (info.IsCompressed)
        {
            // ZTILEn of the slowest axis; absent means 1 (FITS tile compression convention, for n > 1).
            long tile = info.Rank < 2 ? 0 : ReadTileLength(handle, info.Rank);
            return new ImageHeaderFacts(null, tile);
        }

        // Only reached for files CFITSIO reads from disk (FitsFile.DirectReadAllowed checks its driver once, at open).
        if (!HasOnlyPixels(handle))
        {
            return None;
        }

        return CfitsioProxy.TryGetHduOffsets(handle, out _, out long dataStart, out long dataEnd, Expected.Any, "locate the data", default)
            ? new ImageHeaderFacts(DirectImagePlan.TryCreate(info, dataStart, dataEnd), 0)
            : None;
    }

    /// <summary>
    /// Whether CFITSIO reads the data unit as the pixels alone: PCOUNT 0 and GCOUNT 1 as its own header parse reads them.
    /// CFITSIO reads every image as rows of PCOUNT parameters followed by the pixels, GCOUNT times (random groups or
    /// not), and a small PCOUNT can hide in the padding of the last 2880-byte block, where the data size cannot show it.
    /// </summary>
    private static bool HasOnlyPixels(FitsHandle handle)
    {
        return CfitsioImageHeader.TryParse(handle, Expected.Any, "read the image header", default, out CfitsioImageHeader header)
            && header.Pcount == 0 && header.Gcount == 1;
    }

    private static unsafe long ReadTileLength(FitsHandle handle, int rank)
    {
        // Absent: 1; unreadable or not positive: 0.
        if (!CfitsioProxy.TryReadKeyLong(handle, "ZTILE" + rank, out long value, null, out bool missing, "read keyword", default))
        {
            return missing ? 1 : 0;
        }

        return value <= 0 ? 0 : value;
    }
}

/// <summary>What CFITSIO's own parse of an uncompressed image header (<c>ffgphd</c>) gives: the values its pixel reader applies.</summary>
internal readonly record struct CfitsioImageHeader(long Pcount, long Gcount, double Bscale, double Bzero, long Blank)
{
    /// <summary>
    /// Parses the current HDU's header; false for a status in <paramref name="expected"/> (any other throws). The
    /// messages <c>ffgphd</c> pushes for optional values it ignores are dropped. Call under the lock, with the HDU current.
    /// </summary>
    internal static unsafe bool TryParse(FitsHandle handle, Expected expected, string operation, CallContext at, out CfitsioImageHeader header)
    {
        int simple, bitpix, naxis, extend, nspace;
        System.Runtime.InteropServices.CLong pcount, gcount;
        double bscale = 1.0, bzero = 0.0;
        long blank = Cfitsio.NullUndefined;
        bool parsed = CfitsioProxy.TryGetImageHeader(handle, 0, &simple, &bitpix, &naxis, null, &pcount, &gcount, &extend, &bscale, &bzero, &blank, &nspace, expected, operation, at);
        header = new CfitsioImageHeader(pcount.Value, gcount.Value, bscale, bzero, blank);
        return parsed;
    }
}
