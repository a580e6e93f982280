using System;

namespace CfitsioNet;

/// <summary>
/// The tiles of a tile-compressed image, in FITS order (first axis fastest): tile lengths (ZTILEn, clamped to the
/// axes), tiles along each axis, and where a tile lies, edge tiles cut by the image. Shared by the managed Rice
/// reader's locate and scatter (<see cref="Direct.RiceTileReader"/>) and the parallel tile writer's gather.
/// </summary>
internal sealed class TileGeometry
{
    private readonly long[] _tiles;
    private readonly long[] _counts;

    /// <summary>The geometry of an image of <paramref name="fortranAxes"/> cut into <paramref name="fortranTiles"/> (missing lengths are 1).</summary>
    internal TileGeometry(ReadOnlySpan<long> fortranAxes, ReadOnlySpan<long> fortranTiles)
    {
        int rank = fortranAxes.Length;
        Axes = fortranAxes.ToArray();
        Strides = new long[rank];
        _tiles = new long[rank];
        _counts = new long[rank];
        long stride = 1;
        TileCount = 1;
        MaxTilePixels = 1;
        for (int i = 0; i < rank; i++)
        {
            _tiles[i] = Math.Max(1, Math.Min(i < fortranTiles.Length ? fortranTiles[i] : 1, Axes[i]));
            _counts[i] = Math.Max(1, (Axes[i] + _tiles[i] - 1) / _tiles[i]);
            Strides[i] = stride;
            stride *= Axes[i];
            TileCount *= _counts[i];
            MaxTilePixels *= _tiles[i];
        }
    }

    /// <summary>Image axis lengths, FITS order.</summary>
    internal long[] Axes { get; }

    /// <summary>Pixels between neighbours along each FITS axis.</summary>
    internal long[] Strides { get; }

    /// <summary>Number of axes.</summary>
    internal int Rank => Axes.Length;

    /// <summary>Number of tiles.</summary>
    internal long TileCount { get; }

    /// <summary>Pixels of a full (not edge) tile.</summary>
    internal long MaxTilePixels { get; }

    /// <summary>The geometry of an image of C-order <paramref name="shape"/> cut into <paramref name="fortranTiles"/>.</summary>
    internal static TileGeometry FromShape(ReadOnlySpan<long> shape, ReadOnlySpan<long> fortranTiles)
    {
        Span<long> axes = shape.Length <= 16 ? stackalloc long[shape.Length] : new long[shape.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            axes[i] = shape[shape.Length - 1 - i];
        }

        return new TileGeometry(axes, fortranTiles);
    }

    /// <summary>Where tile <paramref name="tile"/> (0-based) lies: its first pixel and its extent per FITS axis. Returns its pixel count.</summary>
    internal long Locate(long tile, Span<long> origin, Span<long> extent)
    {
        long pixels = 1;
        for (int i = 0; i < Axes.Length; i++)
        {
            origin[i] = tile % _counts[i] * _tiles[i];
            tile /= _counts[i];
            extent[i] = Math.Min(_tiles[i], Axes[i] - origin[i]);
            pixels *= extent[i];
        }

        return pixels;
    }
}
