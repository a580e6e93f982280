using System;
using CfitsioNet.Direct;

namespace CfitsioNet;

/// <summary>
/// Sends every image read down the first path that takes it: the direct path (uncompressed, no CFITSIO), the managed
/// Rice decoder, CFITSIO on parallel bands of tiles, and CFITSIO's own reader, which takes every read.
/// </summary>
internal static class ImageReadRouter
{
    /// <summary>The paths, in the order they are tried; the last always reads or throws.</summary>
    internal static readonly IReadPath[] Paths =
        [DirectReadPath.Instance, RiceReadPath.Instance, ParallelBandReadPath.Instance, CfitsioReadPath.Instance];

    /// <summary>Reads the pixels <paramref name="reader"/> asks for.</summary>
    internal static void Read(ref ImageReader reader)
    {
        if (reader.Request.Count == 0)
        {
            // Nothing to read, but a disposed file must still say so.
            lock (reader.File.Sync)
            {
                reader.File.EnterHdu(reader.Index);
            }

            return;
        }

        reader.FastPathsApply = FastPathsApply(ref reader);
        foreach (IReadPath path in Paths)
        {
            if (path.TryRead(ref reader))
            {
                return;
            }
        }

        throw new InvalidOperationException("No read path took the read."); // CfitsioReadPath takes every read
    }

    /// <summary>
    /// Whether any fast path may take the read: a contiguous run in the natural type, not raw, on a file the fast paths
    /// may touch, and large enough (small reads stay with CFITSIO, whose buffered read is as fast there, except the
    /// first one of a deferred primary image, read without opening CFITSIO).
    /// </summary>
    private static bool FastPathsApply(ref ImageReader reader)
    {
        ImageReadRequest request = reader.Request;
        FitsFile file = reader.File;
        ImageInfo info = reader.Info;
        if (request.Region is not null || request.Raw || request.Target != info.PixelType || !(file.DirectReadAllowed || file.ParallelDecompressionAllowed))
        {
            return false;
        }

        DirectImagePlan? deferred = reader.Index == 0 ? file.DeferredPrimaryPlan : null;
        return request.Count * Math.Abs(info.Bitpix) / 8 >= file.Options.DirectMinimumBytes || (deferred is not null && file.TakeFirstSmallDeferredRead());
    }
}
