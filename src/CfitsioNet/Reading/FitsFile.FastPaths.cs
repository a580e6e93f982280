using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using CfitsioNet.Direct;

namespace CfitsioNet;

/// <summary>The state the fast read paths keep per file: options, the second handle (or map), and spare CFITSIO handles.</summary>
public sealed partial class FitsFile
{
    private FitsOpenOptions _options = FitsOpenOptions.Default;
    private bool _plainDiskFile;
    private readonly FastPathResources _fastPaths = new();

    /// <summary>The options the file was opened with (<see cref="FitsOpenOptions.Default"/> for <see cref="Open(string)"/>).</summary>
    public FitsOpenOptions Options => _options;

    /// <summary>Number of reads the direct path has served on this file (tests check which path ran).</summary>
    internal int DirectReadCount => _fastPaths.DirectReads;

    /// <summary>The direct path's handle once a direct read has opened it (tests look at its map and lease).</summary>
    internal DirectFileSource? OpenedDirectSource => _fastPaths.Source;

    /// <summary>Number of compressed reads decompressed on several handles.</summary>
    internal int ParallelTileReadCount => _fastPaths.ParallelTileReads;

    /// <summary>Whether the fast paths may touch this file: opened by plain name, read by CFITSIO from disk (not a gzip file), read-only, not switched off.</summary>
    internal bool DirectReadAllowed => _plainDiskFile && !IsWritable && _options.DirectRead && !DirectReadSwitch.Disabled;

    /// <summary>Whether compressed images may be decompressed on extra handles of this file.</summary>
    internal bool ParallelDecompressionAllowed => _plainDiskFile && !IsWritable && _options.EffectiveParallelism > 1;

    /// <summary>
    /// Opens an existing FITS file read-only with the given read options. <paramref name="path"/> is a plain file name,
    /// as for <see cref="Open(string)"/>.
    /// </summary>
    /// <param name="path">Path of the file, absolute or relative to the current directory.</param>
    /// <param name="options">How pixels are read: direct path, memory map, threads.</param>
    /// <returns>The open file; dispose it to close it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="FileNotFoundException">No file exists at <paramref name="path"/>.</exception>
    /// <exception cref="FitsException">The file is not a valid FITS file, or CFITSIO cannot open it.</exception>
    public static FitsFile Open(string path, FitsOpenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return OpenPlain(path, options);
    }

    /// <summary>Records a direct read.</summary>
    internal void CountDirectRead() => _fastPaths.CountDirectRead();

    /// <summary>Records a parallel compressed read.</summary>
    internal void CountParallelTileRead() => _fastPaths.CountParallelTileRead();

    /// <summary>
    /// The second handle on the file, opened on first use; null when it cannot be opened (CFITSIO then reads).
    /// Call under <see cref="Sync"/>.
    /// </summary>
    internal DirectFileSource? GetDirectSource()
    {
        ThrowIfDisposed();
        return _fastPaths.GetSource(FileName, _options.MapPolicy);
    }

    /// <summary>A spare read-only CFITSIO handle on the same file (a separate open, so it shares no buffers with this one).</summary>
    internal FitsFile RentSpareHandle()
    {
        if (_fastPaths.TakeSpare() is { } spare)
        {
            return spare;
        }

        lock (Sync)
        {
            ThrowIfDisposed();
        }

        return OpenCore(FileName, extended: false, writable: false);
    }

    /// <summary>Gives a spare handle back for the next read, or closes it when this file has been disposed meanwhile.</summary>
    internal void ReturnSpareHandle(FitsFile spare)
    {
        lock (Sync)
        {
            if (!_disposed && _fastPaths.KeepSpare(spare))
            {
                return;
            }
        }

        spare.Dispose();
    }

    // Called by Dispose under Sync.
    private void DisposeFastPaths() => _fastPaths.Dispose();
}
