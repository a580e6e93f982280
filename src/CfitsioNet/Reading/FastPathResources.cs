using System;
using System.Collections.Concurrent;
using System.Threading;
using CfitsioNet.Direct;

namespace CfitsioNet;

/// <summary>
/// What the fast read paths hold per file, in one object disposed in one place: the second handle on the file
/// (descriptor, map and lease: <see cref="DirectFileSource"/>), the spare CFITSIO handles parallel decompression
/// reads on, and the counts of reads each path served (tests check which path ran).
/// </summary>
internal sealed class FastPathResources : IDisposable
{
    private DirectFileSource? _source;
    private bool _sourceFailed;
    private ConcurrentBag<FitsFile>? _spares;
    private int _directReads;
    private int _parallelTileReads;
    private int _managedRiceReads;

    /// <summary>The second handle, once opened (or handed over by a deferred open); null before.</summary>
    internal DirectFileSource? Source
    {
        get => Volatile.Read(ref _source);
        set => _source = value;
    }

    /// <summary>Reads the direct path served.</summary>
    internal int DirectReads => Volatile.Read(ref _directReads);

    /// <summary>Compressed reads decompressed on several handles.</summary>
    internal int ParallelTileReads => Volatile.Read(ref _parallelTileReads);

    /// <summary>Reads the managed Rice decoder served.</summary>
    internal int ManagedRiceReads => Volatile.Read(ref _managedRiceReads);

    /// <summary>The second handle on <paramref name="fileName"/>, opened on first use; null when it cannot be opened. Call under the file's lock.</summary>
    internal DirectFileSource? GetSource(string fileName, MapPolicy policy)
    {
        if (_source is null && !_sourceFailed)
        {
            _source = DirectFileSource.TryOpen(fileName, policy);
            _sourceFailed = _source is null;
        }

        return _source;
    }

    /// <summary>A spare handle from the bag, or null when there is none.</summary>
    internal FitsFile? TakeSpare() =>
        LazyInitializer.EnsureInitialized(ref _spares).TryTake(out FitsFile? spare) ? spare : null;

    /// <summary>Keeps a spare handle for the next read. Call under the file's lock, while it is open.</summary>
    internal bool KeepSpare(FitsFile spare)
    {
        if (_spares is null)
        {
            return false;
        }

        _spares.Add(spare);
        return true;
    }

    /// <summary>Records a direct read.</summary>
    internal void CountDirectRead() => Interlocked.Increment(ref _directReads);

    /// <summary>Records a parallel compressed read.</summary>
    internal void CountParallelTileRead() => Interlocked.Increment(ref _parallelTileReads);

    /// <summary>Records a managed Rice read.</summary>
    internal void CountManagedRiceRead() => Interlocked.Increment(ref _managedRiceReads);

    /// <summary>Closes the second handle and every spare handle. Call under the file's lock.</summary>
    public void Dispose()
    {
        _source?.Dispose();
        _source = null;
        if (_spares is not null)
        {
            while (_spares.TryTake(out FitsFile? spare))
            {
                spare.Dispose();
            }
        }
    }
}
