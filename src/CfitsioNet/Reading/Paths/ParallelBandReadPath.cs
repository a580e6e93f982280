using CfitsioNet.Direct;

namespace CfitsioNet;

/// <summary>Whole tile-compressed 2-D and 3-D images decompressed by CFITSIO in parallel bands of tiles (<see cref="ParallelTileReader"/>).</summary>
internal sealed class ParallelBandReadPath : IReadPath
{
    /// <summary>The one instance (the path keeps no state).</summary>
    internal static readonly ParallelBandReadPath Instance = new();

    /// <inheritdoc/>
    public unsafe bool TryRead(ref ImageReader reader)
    {
        FitsFile file = reader.File;
        ImageInfo info = reader.Info;
        if (!reader.FastPathsApply || !info.IsCompressed || !file.ParallelDecompressionAllowed || !reader.Request.IsWhole(info))
        {
            return false;
        }

        long tile;
        lock (file.Sync)
        {
            tile = reader.Hdu.Facts(info).TileAlongSlowest;
        }

        FitsOpenOptions options = file.Options;
        return tile > 0
            && ParallelTileReader.TryRead(file, reader.Index, info, reader.Request.Target, reader.Destination, reader.NullValue, tile, options.ParallelMinimumTiles, options.EffectiveParallelism);
    }
}
