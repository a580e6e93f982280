using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>
/// An open FITS file. Dispose it to close the file (a forgotten file is closed by the finalizer). One instance
/// may be used from several threads: its calls are serialised by a lock per file, so read in parallel with one
/// <see cref="FitsFile"/> per thread.
/// </summary>
/// <example>
/// <code>
/// using var fits = FitsFile.Open("m31.fits");
/// short[] pixels = fits.Primary.Read&lt;short&gt;();
/// </code>
/// </example>
public sealed partial class FitsFile : IDisposable, IReadOnlyList<Hdu>
{
    // Used instead of a per-file lock when the loaded CFITSIO is not thread-safe.
    private static readonly object s_globalLock = new();

    private readonly FitsHandle _handle;
    private readonly List<Hdu?> _hdus = [];
    private int _currentHdu;
    private int _hduCount = -1;
    private bool _disposed;

    private FitsFile(FitsHandle handle, string fileName, object sync, bool writable)
    {
        _handle = handle;
        FileName = fileName;
        Sync = sync;
        IsWritable = writable;
    }

    /// <summary>Full path of the file, as opened.</summary>
    public string FileName { get; }

    /// <summary>The primary HDU (index 0), which is always an image, possibly with no data (NAXIS = 0).</summary>
    public ImageHdu Primary => (ImageHdu)this[0];

    /// <summary>
    /// Number of HDUs in the file (the primary HDU and every extension). The first call reads through the
    /// headers of the whole file.
    /// </summary>
    public int HduCount
    {
        get
        {
            lock (Sync)
            {
                ThrowIfDisposed();
                if (_hduCount < 0)
                {
                    OpenDeferredCfitsio();
                    CfitsioProxy.GetHduCount(_handle, out int count, "count HDUs", new CallContext(FileName));

                    // ffthdu stops at the first HDU it cannot read, whatever the reason, and leaves its messages. An HDU
                    // with a broken header is counted, so that indexing it reports the problem instead of hiding it.
                    Cfitsio.ClearErrorMessages();
                    bool pastLast = CfitsioProxy.IsPastLastHdu(_handle, count + 1);
                    _currentHdu = -1;
                    _hduCount = pastLast ? count : count + 1;
                }

                return _hduCount;
            }
        }
    }

    /// <summary>The number of HDUs: the same as <see cref="HduCount"/>, for <see cref="IReadOnlyList{T}"/>.</summary>
    public int Count => HduCount;

    /// <summary>The HDU at a zero-based <paramref name="index"/>: 0 is the primary HDU, 1 the first extension.</summary>
    /// <param name="index">Zero-based HDU index (CFITSIO's HDU number minus one).</param>
    /// <returns>An <see cref="ImageHdu"/> for images, a <see cref="TableHdu"/> for tables.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or not less than <see cref="HduCount"/>.</exception>
    public Hdu this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            int count = index == 0 ? 1 : HduCount;
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
            lock (Sync)
            {
                ThrowIfDisposed();
                while (_hdus.Count <= index)
                {
                    _hdus.Add(null);
                }

                return _hdus[index] ??= CreateHdu(index);
            }
        }
    }

    /// <summary>Lock that serialises every CFITSIO call on this file.</summary>
    internal object Sync { get; }

    /// <summary>Whether the file was opened or created for writing.</summary>
    internal bool IsWritable { get; private set; }

    /// <summary>
    /// Opens an existing FITS file read-only. <paramref name="path"/> is a plain file name: brackets, <c>!</c>,
    /// <c>-</c>, URLs and filters are never interpreted (see <see cref="OpenExtended"/> for that), and
    /// gzip-compressed files are read transparently.
    /// </summary>
    /// <param name="path">Path of the file, absolute or relative to the current directory.</param>
    /// <returns>The open file; dispose it to close it.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, contains NUL or a lone surrogate.</exception>
    /// <exception cref="PathTooLongException">The absolute path is longer than CFITSIO's limit of 1024 UTF-8 bytes.</exception>
    /// <exception cref="FileNotFoundException">No file exists at <paramref name="path"/>.</exception>
    /// <exception cref="FitsException">The path names a directory, pipe or device rather than a regular file; the file is
    /// not a valid FITS file; or CFITSIO cannot open it.</exception>
    public static FitsFile Open(string path) => OpenPlain(path, FitsOpenOptions.Default);

    /// <summary>
    /// Opens a file through CFITSIO's extended filename syntax, e.g. <c>file.fits[SCI][1:100,1:100]</c>, URLs,
    /// row filters and <c>mem://</c>. Unsafe for names that come from untrusted input: such a string can reach the
    /// network, read other files or run filter expressions. Prefer <see cref="Open(string)"/>.
    /// </summary>
    /// <param name="specification">A CFITSIO extended file name.</param>
    /// <returns>The open file, positioned as the specification says; its HDUs are still indexed from the primary.</returns>
    /// <exception cref="FitsException">CFITSIO cannot open the specification.</exception>
    public static FitsFile OpenExtended(string specification)
    {
        ArgumentException.ThrowIfNullOrEmpty(specification);
        return OpenCore(specification, extended: true, writable: false);
    }

    /// <summary>Opens <paramref name="name"/> with <c>ffdkopn</c> (plain name) or <c>ffopen</c> (extended syntax).</summary>
    internal static FitsFile OpenCore(string name, bool extended, bool writable)
    {
        object sync = NativeLibraryResolver.Loaded.IsReentrant ? new object() : s_globalLock;
        // Opening a local file is where bad files usually fail: one at a time keeps each open's error messages its
        // own. Not for extended names, which may wait on the network. Lock order: the file's lock, then this one.
        lock (sync)
        {
            bool serialise = !extended;
            if (serialise)
            {
                Monitor.Enter(FitsStatus.ErrorStackLock);
            }

            try
            {
                return OpenLocked(name, extended, writable, sync);
            }
            finally
            {
                if (serialise)
                {
                    Monitor.Exit(FitsStatus.ErrorStackLock);
                }
            }
        }
    }

    private static FitsFile OpenLocked(string name, bool extended, bool writable, object sync)
    {
        int mode = writable ? Cfitsio.ReadWrite : Cfitsio.ReadOnly;
        FitsHandle handle;
        if (extended)
        {
            handle = CfitsioProxy.OpenExtendedOrDispose(name, mode, "open", new CallContext(name));
        }
        else
        {
            IntPtr pointer = CfitsioProxy.OpenDiskFileOrClose(name, mode, hduFromStatus: true, "open", new CallContext(name));
            handle = new FitsHandle();
            handle.Attach(pointer);
        }

        var file = new FitsFile(handle, name, sync, writable);
        // The fast paths read the bytes on disk: only where CFITSIO does too. A gzip-compressed file (by its magic, whatever
        // its name) is decompressed into memory at open, and its offsets are offsets into that copy.
        file._plainDiskFile = !extended && Cfitsio.GetDriverPrefix(handle) == "file://";
        if (extended)
        {
            // The extended syntax may have moved to another HDU.
            file._currentHdu = -1;
        }

        return file;
    }

    /// <summary>Closes the file. Calls on it or its HDUs afterwards throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (Sync)
        {
            if (!_disposed)
            {
                try
                {
                    SaveUpdateOnDispose();
                }
                finally
                {
                    _disposed = true;
                    DisposeFastPaths();
                    _handle.Dispose();
                    _session?.Abandon(); // after the handle: CFITSIO has finished with the temporary file
                    _update?.Dispose();
                    DeleteRepairedCopy(_repairedCopy);
                }
            }
        }
    }

    /// <summary>Enumerates every HDU in file order.</summary>
    /// <returns>An enumerator over the HDUs.</returns>
    public IEnumerator<Hdu> GetEnumerator()
    {
        int count = HduCount;
        for (int i = 0; i < count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => FileName;

    /// <summary>Makes HDU <paramref name="index"/> CFITSIO's current HDU. Call under <see cref="Sync"/>.</summary>
    internal FitsHandle EnterHdu(int index)
    {
        ThrowIfDisposed();
        OpenDeferredCfitsio();
        if (_currentHdu != index)
        {
            // Until CFITSIO confirms the move, its idea of the current HDU is unknown.
            _currentHdu = -1;
            CfitsioProxy.MoveToHdu(_handle, index + 1, out _, "move to HDU", new CallContext(FileName, index));
            _currentHdu = index;
        }

        return _handle;
    }

    private Hdu CreateHdu(int index)
    {
        if (index == 0)
        {
            return new ImageHdu(this, 0);
        }

        FitsHandle handle = EnterHdu(index);
        CfitsioProxy.GetHduType(handle, out int type, "read HDU type", new CallContext(FileName, index));
        return type switch
        {
            0 => new ImageHdu(this, index),
            1 => new TableHdu(this, index, HduKind.AsciiTable),
            _ => new TableHdu(this, index, HduKind.BinaryTable),
        };
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(FitsFile), $"The FITS file '{FileName}' has been disposed.");
        }
    }
}
