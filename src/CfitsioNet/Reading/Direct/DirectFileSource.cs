using System;
using System.IO;
using System.IO.MemoryMappedFiles;
using System.Threading;
using CfitsioNet.Interop;
using Microsoft.Win32.SafeHandles;

namespace CfitsioNet.Direct;

/// <summary>How the direct path of a file uses a memory map.</summary>
internal enum MapPolicy
{
    /// <summary>Positioned reads only.</summary>
    Never,

    /// <summary>From the second read on, from a map, each read under a read lease (Linux); pread when no lease can be had.</summary>
    RepeatedReads,

    /// <summary>From the first read, from a map (<see cref="FitsOpenOptions.MemoryMap"/>), under a read lease when one can be had.</summary>
    Always,
}

/// <summary>What <see cref="DirectFileSource.EnterMap"/> decided for one read.</summary>
internal enum MapAccess
{
    /// <summary>Read with positioned reads.</summary>
    None,

    /// <summary>The file does not hold the data (any more): CFITSIO reads, and reports.</summary>
    Short,

    /// <summary>Read from the map; call <see cref="DirectFileSource.ExitMap"/> with this value.</summary>
    Mapped,

    /// <summary>Read from the map under the read lease; call <see cref="DirectFileSource.ExitMap"/> with this value.</summary>
    MappedLeased,
}

/// <summary>
/// The file behind a <see cref="FitsFile"/>, opened a second time for the direct path: a read-only handle for
/// positioned reads (thread-safe, no file position), and a read-only memory map of the whole file, made when the
/// <see cref="MapPolicy"/> first asks for it. On Linux mapped reads hold a <see cref="ReadLease"/>, which keeps every
/// other writer and truncation out while they copy from the map.
/// </summary>
internal sealed unsafe class DirectFileSource : IDisposable
{
    private readonly MapPolicy _policy;
    private readonly ReadLease? _lease;
    private readonly object _mapSync = new();
    private MemoryMappedFile? _mapping;
    private MemoryMappedViewAccessor? _view;
    private long _mappedLength;
    private bool _mapFailed;
    private int _reads;
    private int _mappedReads;
    private int _disposed;

    private DirectFileSource(SafeFileHandle handle, MapPolicy policy)
    {
        Handle = handle;
        _policy = policy;
        _lease = policy != MapPolicy.Never && OperatingSystem.IsLinux() ? new ReadLease(handle) : null;
    }

    /// <summary>The read-only handle; <see cref="RandomAccess.Read(SafeFileHandle, Span{byte}, long)"/> on it is thread-safe.</summary>
    internal SafeFileHandle Handle { get; }

    /// <summary>Whether the file has been mapped (it is, from the first read that wanted the map).</summary>
    internal bool IsMapped => Volatile.Read(ref _view) is not null;

    /// <summary>Reads served from the map (tests check which path ran).</summary>
    internal int MappedReadCount => Volatile.Read(ref _mappedReads);

    /// <summary>The read lease of mapped reads; null off Linux or when the file is never mapped.</summary>
    internal ReadLease? Lease => _lease;

    /// <summary>
    /// Opens <paramref name="path"/> for reading, to be mapped as <paramref name="policy"/> says (on Linux only for
    /// <see cref="MapPolicy.RepeatedReads"/>, which needs leases). Returns null when the file cannot be opened this
    /// way (then CFITSIO reads everything).
    /// </summary>
    internal static DirectFileSource? TryOpen(string path, MapPolicy policy)
    {
        SafeFileHandle? handle = OpenReadOnly(path);
        if (policy == MapPolicy.RepeatedReads && (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess))
        {
            policy = MapPolicy.Never;
        }

        return handle is null ? null : new DirectFileSource(handle, policy);
    }

    // On Linux a plain open(2): File.OpenHandle adds fstat and an advisory flock(LOCK_SH) on open and close, which
    // costs as much as the read of a small image and would make the open fail where another process holds LOCK_EX.
    private static SafeFileHandle? OpenReadOnly(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            int descriptor = Libc.Open(path, Libc.OpenReadOnly | Libc.OpenCloseOnExec);
            return descriptor < 0 ? null : new SafeFileHandle(descriptor, ownsHandle: true);
        }

        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads up to <paramref name="buffer"/>'s length at <paramref name="offset"/>: the bytes read, 0 at end of file, and
    /// also 0 for a read error (the caller then leaves the read to CFITSIO, which reports it). Thread-safe.
    /// </summary>
    internal int Read(Span<byte> buffer, long offset)
    {
        if (!OperatingSystem.IsLinux())
        {
            return RandomAccess.Read(Handle, buffer, offset);
        }

        fixed (byte* pointer = buffer)
        {
            nint read = Libc.PositionedRead(Handle, pointer, (nuint)buffer.Length, offset);
            return read < 0 ? 0 : (int)read;
        }
    }

    /// <summary>Whether repeated reads may come from the map or from positioned reads, as the caller prefers (<see cref="MapPolicy.RepeatedReads"/>).</summary>
    internal bool MapsByChoice => _policy == MapPolicy.RepeatedReads;

    /// <summary>True when every read goes to the map (<see cref="FitsOpenOptions.MemoryMap"/>).</summary>
    internal bool MapsAlways => _policy == MapPolicy.Always;

    /// <summary>The file's current length in bytes.</summary>
    internal long CurrentLength() => RandomAccess.GetLength(Handle);

    /// <summary>
    /// Decides how one read of the stored bytes [.., <paramref name="end"/>) is served. For a mapped answer
    /// <paramref name="address"/> is the start of the file in the map, pinned (and the lease held) until
    /// <see cref="ExitMap"/>. The first read of a <see cref="MapPolicy.RepeatedReads"/> file, and any read for which
    /// no lease can be had, get <see cref="MapAccess.None"/>. A mapped read checks, once the lease is held (after
    /// which the file cannot shrink), that the file still holds the data. <paramref name="preferMap"/> false (the
    /// caller measured positioned reads to be faster, <see cref="MapOrPread"/>) makes a repeated read positioned too;
    /// <see cref="MapPolicy.Always"/> ignores it.
    /// </summary>
    internal MapAccess EnterMap(long end, out byte* address, bool preferMap = true)
    {
        address = null;
        int reads = Interlocked.Increment(ref _reads);
        bool always = _policy == MapPolicy.Always;
        if (!always && (_policy == MapPolicy.Never || reads < 2 || !preferMap || !_lease!.MayBeTaken))
        {
            return MapAccess.None;
        }

        MemoryMappedViewAccessor? view = Volatile.Read(ref _view) ?? MapOnce();
        if (view is null)
        {
            return MapAccess.None;
        }

        if (end > _mappedLength)
        {
            // Data the file gained after it was mapped: the explicit mode leaves them to CFITSIO, as before.
            return always ? MapAccess.Short : MapAccess.None;
        }

        bool leased;
        try
        {
            leased = _lease?.TryEnter() == true;
        }
        catch (ObjectDisposedException)
        {
            throw Disposed();
        }

        if (!leased && !always)
        {
            return MapAccess.None;
        }

        MapAccess access = leased ? MapAccess.MappedLeased : MapAccess.Mapped;
        SafeMemoryMappedViewHandle pinned = view.SafeMemoryMappedViewHandle;
        byte* pointer = null;
        try
        {
            pinned.AcquirePointer(ref pointer);
        }
        catch (ObjectDisposedException)
        {
            ExitLease(access);
            throw Disposed();
        }

        bool covered;
        try
        {
            covered = CurrentLength() >= end;
        }
        catch
        {
            ExitMap(access);
            throw;
        }

        if (!covered)
        {
            ExitMap(access);
            return MapAccess.Short;
        }

        address = pointer + view.PointerOffset;
        Interlocked.Increment(ref _mappedReads);
        return access;
    }

    /// <summary>Ends a read that <see cref="EnterMap"/> sent to the map: unpins it, then releases the lease.</summary>
    internal void ExitMap(MapAccess access)
    {
        _view!.SafeMemoryMappedViewHandle.ReleasePointer();
        ExitLease(access);
    }

    private void ExitLease(MapAccess access)
    {
        if (access == MapAccess.MappedLeased)
        {
            _lease!.Exit();
        }
    }

    private static ObjectDisposedException Disposed() => new(nameof(FitsFile), "The FITS file has been disposed.");

    // Maps the whole file as it is now, once; null when it is empty or cannot be mapped (then reads are positioned).
    private MemoryMappedViewAccessor? MapOnce()
    {
        lock (_mapSync)
        {
            if (_view is not null || _mapFailed)
            {
                return _view;
            }

            if (_disposed != 0)
            {
                throw Disposed();
            }

            MemoryMappedFile? mapping = null;
            try
            {
                long length = CurrentLength();
                if (length > 0)
                {
                    mapping = MemoryMappedFile.CreateFromFile(Handle, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
                    MemoryMappedViewAccessor view = mapping.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
                    _mapping = mapping;
                    _mappedLength = length;
                    Volatile.Write(ref _view, view);
                    return view;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                mapping?.Dispose();
            }

            _mapFailed = true;
            return null;
        }
    }

    /// <summary>Closes the map and the handle; reads in progress keep them (and the lease) alive until they finish.</summary>
    public void Dispose()
    {
        lock (_mapSync)
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            _view?.Dispose();
            _mapping?.Dispose();
            Handle.Dispose();
        }
    }
}
