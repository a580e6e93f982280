using System;
using System.IO;
using System.IO.MemoryMappedFiles;
using System.Threading;
using CfitsioNet.Interop;
using Microsoft.Win32.SafeHandles;

namespace CfitsioNet.Direct;

/// <summary>
/// The file behind a <see cref="FitsFile"/>, opened a second time for the direct path: a read-only handle for
/// positioned reads (thread-safe, no file position), and in mapped mode a read-only memory map of the whole file.
/// </summary>
internal sealed unsafe class DirectFileSource : IDisposable
{
    private readonly MemoryMappedFile? _mapping;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly long _mappedLength;
    private int _disposed;

    private DirectFileSource(SafeFileHandle handle, MemoryMappedFile? mapping, MemoryMappedViewAccessor? view, long mappedLength)
    {
        Handle = handle;
        _mapping = mapping;
        _view = view;
        _mappedLength = mappedLength;
    }

    /// <summary>The read-only handle; <see cref="RandomAccess.Read(SafeFileHandle, Span{byte}, long)"/> on it is thread-safe.</summary>
    internal SafeFileHandle Handle { get; }

    /// <summary>Whether reads come from a memory map.</summary>
    internal bool IsMapped => _view is not null;

    /// <summary>
    /// Opens <paramref name="path"/> for reading, and maps it when <paramref name="map"/> is set and the file is not empty.
    /// Returns null when the file cannot be opened this way (then CFITSIO reads everything).
    /// </summary>
    internal static DirectFileSource? TryOpen(string path, bool map)
    {
        SafeFileHandle? handle = OpenReadOnly(path);
        return handle is null ? null : Wrap(handle, map);
    }

    /// <summary>A source that owns <paramref name="handle"/> (read-only), mapped when <paramref name="map"/> is set and the file is not empty.</summary>
    internal static DirectFileSource Wrap(SafeFileHandle handle, bool map)
    {
        if (!map)
        {
            return new DirectFileSource(handle, null, null, 0);
        }

        MemoryMappedFile? mapping = null;
        try
        {
            long length = RandomAccess.GetLength(handle);
            if (length == 0)
            {
                return new DirectFileSource(handle, null, null, 0);
            }

            mapping = MemoryMappedFile.CreateFromFile(handle, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
            MemoryMappedViewAccessor view = mapping.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            return new DirectFileSource(handle, mapping, view, length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            mapping?.Dispose();
            return new DirectFileSource(handle, null, null, 0);
        }
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

    /// <summary>The file's current length in bytes.</summary>
    internal long CurrentLength() => RandomAccess.GetLength(Handle);

    /// <summary>
    /// Pins the memory map and returns its address and length; call <see cref="ReleaseMap"/> after a true return. Returns
    /// false when the file is not mapped, or has become shorter than the mapping (reading the missing pages would fault).
    /// </summary>
    internal bool TryAcquireMap(out byte* address, out long length)
    {
        address = null;
        length = 0;
        if (_view is null)
        {
            return false;
        }

        SafeMemoryMappedViewHandle view = _view.SafeMemoryMappedViewHandle;
        byte* pointer = null;
        try
        {
            view.AcquirePointer(ref pointer);
        }
        catch (ObjectDisposedException)
        {
            throw new ObjectDisposedException(nameof(FitsFile), "The FITS file has been disposed.");
        }

        bool complete;
        try
        {
            complete = CurrentLength() >= _mappedLength;
        }
        catch
        {
            view.ReleasePointer();
            throw;
        }

        if (!complete)
        {
            view.ReleasePointer();
            return false;
        }

        address = pointer + _view.PointerOffset;
        length = _mappedLength;
        return true;
    }

    /// <summary>Unpins the map pinned by a successful <see cref="TryAcquireMap"/>.</summary>
    internal void ReleaseMap() => _view!.SafeMemoryMappedViewHandle.ReleasePointer();

    /// <summary>Closes the map and the handle; reads in progress keep them alive until they finish.</summary>
    public void Dispose()
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
