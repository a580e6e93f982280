using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using CfitsioNet.Direct;
using CfitsioNet.Interop;
using CfitsioNet.Validation;

namespace CfitsioNet;

/// <summary>
/// The deferred open. Opening a file with CFITSIO (<c>ffdkopn</c>) costs more than reading a small image: it
/// allocates and clears 115 KiB of buffers and parses the whole primary header. When the primary header is one
/// <see cref="PrimaryHeaderProof"/> proves CFITSIO would open, and the image is one the direct path reads
/// (<see cref="DirectImagePlan"/>), <see cref="Open(string)"/> keeps the file descriptor it read the header with and
/// answers <see cref="ImageHdu.Info"/> and natural-type reads of the primary image from the file; CFITSIO opens the
/// file the first time anything else needs it (<see cref="EnterHdu"/>: headers, other HDUs, conversions, regions,
/// checksums). Any header not proven, <see cref="FitsOpenOptions.CfitsioOnly"/> and <c>CFITSIONET_DIRECT=0</c> open
/// CFITSIO at once, as before.
/// </summary>
public sealed partial class FitsFile
{
    /// <summary>Bytes read at open for the header: one block holds the headers of most small images.</summary>
    private const int FirstHeaderBytes = 2880;

    /// <summary>Longest primary header the deferred open examines (64 blocks, 2304 cards); longer ones go to CFITSIO.</summary>
    private const int MaxHeaderBytes = 64 * 2880;

    /// <summary>How many paths of files whose primary header was not proven are remembered (then forgotten all at once).</summary>
    private const int MaxRememberedNotProven = 4096;

    // Files whose primary header was not proven, by path, with the identity of the contents examined.
    private static readonly ConcurrentDictionary<string, FileIdentity> s_notProven = new(StringComparer.Ordinal);

    private static int s_deferredOpens;
    private static int s_examinations;

    [ThreadStatic]
    private static byte[]? t_headerBuffer;

    private DeferredPrimary? _deferred;
    private FileIdentity _deferredIdentity;
    private bool _cfitsioPending;
    private bool _smallDeferredReadTaken;

    /// <summary>Number of opens in this process that deferred CFITSIO's open (tests check which path ran).</summary>
    internal static int DeferredOpenCount => Volatile.Read(ref s_deferredOpens);

    /// <summary>Number of primary headers examined for a deferred open in this process (tests check what is remembered).</summary>
    internal static int DeferredExaminationCount => Volatile.Read(ref s_examinations);

    /// <summary>Whether <see cref="Open(string)"/> deferred CFITSIO's open of this file.</summary>
    internal bool OpenedDeferred => _deferred is not null;

    /// <summary>Whether CFITSIO holds the file (always, unless the open was deferred and nothing has needed CFITSIO yet).</summary>
    internal bool CfitsioOpen
    {
        get
        {
            lock (Sync)
            {
                return !_cfitsioPending;
            }
        }
    }

    /// <summary>The direct plan of the primary image proven at a deferred open, or null. Immutable once the file is returned.</summary>
    internal DirectImagePlan? DeferredPrimaryPlan => _deferred?.Plan;

    /// <summary>
    /// Whether a small read of the deferred primary image may take the direct path: the first one, while CFITSIO is not
    /// open. A file kept open and read again opens CFITSIO then, whose buffered reads serve small images from memory
    /// (no system call), as for files that were never deferred. Only when the file held the whole data unit, padding
    /// included, at open: CFITSIO reads small images in whole 2880-byte records, and fails on a last one the file cuts
    /// short (a fuzz finding), where a direct read of the pixel bytes alone would succeed.
    /// </summary>
    internal bool TakeFirstSmallDeferredRead()
    {
        lock (Sync)
        {
            if (!_cfitsioPending || _smallDeferredReadTaken || _deferred is not { } deferred || !_deferredIdentity.IsKnown)
            {
                return false;
            }

            long records = (deferred.Plan.StoredBytes + 2879) / 2880;
            if (_deferredIdentity.Size < (ulong)(deferred.Plan.DataOffset + (records * 2880)))
            {
                return false;
            }

            _smallDeferredReadTaken = true;
            return true;
        }
    }

    /// <summary>
    /// The primary image's description proven at a deferred open, or null. Throws <see cref="ObjectDisposedException"/>
    /// once the file is disposed. Call under <see cref="Sync"/>.
    /// </summary>
    internal ImageInfo? DeferredPrimaryInfo()
    {
        ThrowIfDisposed();
        return _deferred?.Info;
    }

    /// <summary>
    /// Whether the primary image's data, as the deferred open found them, were all in the file when it was opened (the
    /// size from the open's <c>statx</c>: no buffer is sized beyond the file); null when the open was not deferred
    /// (CFITSIO then answers). A file that shrinks later makes the read fall back to CFITSIO, which reports it. Call
    /// under <see cref="Sync"/>.
    /// </summary>
    internal bool? DeferredPrimaryDataInFile()
    {
        if (_deferred is not { } deferred)
        {
            return null;
        }

        ThrowIfDisposed();
        long end = deferred.Plan.DataOffset + deferred.Plan.StoredBytes;
        if (_deferredIdentity.IsKnown)
        {
            return _deferredIdentity.Size >= (ulong)end;
        }

        DirectFileSource? source = GetDirectSource();
        return source is not null && source.CurrentLength() >= end;
    }

    /// <summary><see cref="Open(string, FitsOpenOptions)"/>: validates the path and headers, then defers CFITSIO's open when it can.</summary>
    private static FitsFile OpenPlain(string path, FitsOpenOptions options) =>
        options.Lenient ? OpenLenient(path, options) : OpenPlainCore(path, options);

    /// <summary>The strict open of <see cref="OpenPlain"/>.</summary>
    private static FitsFile OpenPlainCore(string path, FitsOpenOptions options)
    {
        string fullPath = SafeFileName.Resolve(path, "open", out FileIdentity identity);
        HeaderScan.Check(fullPath, identity);
        // Contents examined before and not proven (an empty primary before extensions, say) go straight to CFITSIO: the
        // examination would cost them an open, a read and a close more.
        bool examine = options.DirectRead && !DirectReadSwitch.Disabled &&
            !(identity.IsKnown && s_notProven.TryGetValue(fullPath, out FileIdentity examined) && examined == identity);
        FitsFile? file = examine ? TryOpenDeferred(fullPath, identity, options) : null;
        if (file is null)
        {
            file = OpenCore(fullPath, extended: false, writable: false);
            file._options = options;
        }

        return file;
    }

    /// <summary>A file whose CFITSIO open is deferred, or null when the primary header is not proven (open CFITSIO now).</summary>
    private static FitsFile? TryOpenDeferred(string fullPath, FileIdentity identity, FitsOpenOptions options)
    {
        Interlocked.Increment(ref s_examinations);
        DirectFileSource? source = DirectFileSource.TryOpen(fullPath, options.MapPolicy);
        if (source is null)
        {
            return null;
        }

        DeferredPrimary? primary;
        try
        {
            primary = ProvePrimary(source);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            primary = null; // CFITSIO reads the file and reports
        }

        if (primary is null)
        {
            source.Dispose();
            if (identity.IsKnown)
            {
                if (s_notProven.Count >= MaxRememberedNotProven)
                {
                    s_notProven.Clear();
                }

                s_notProven[fullPath] = identity;
            }

            return null;
        }

        object sync = NativeLibraryResolver.Loaded.IsReentrant ? new object() : s_globalLock;
        var file = new FitsFile(new FitsHandle(), fullPath, sync, writable: false);
        file._plainDiskFile = true;
        file._options = options;
        file._deferred = primary;
        file._deferredIdentity = identity;
        file._cfitsioPending = true;
        file._fastPaths.Source = source; // maps itself when its policy asks for it

        Interlocked.Increment(ref s_deferredOpens);
        return file;
    }

    /// <summary>The primary image, when its header is proven and the direct path reads it in its natural type.</summary>
    private static DeferredPrimary? ProvePrimary(DirectFileSource source)
    {
        byte[] first = t_headerBuffer ??= GC.AllocateUninitializedArray<byte>(FirstHeaderBytes);
        int read = ReadFromStart(source, first);
        PrimaryHeaderProof.Outcome outcome = PrimaryHeaderProof.Examine(first.AsSpan(0, read), out PrimaryHeaderProof.Header header);
        if (outcome == PrimaryHeaderProof.Outcome.NeedMore && read == first.Length)
        {
            byte[] longer = ArrayPool<byte>.Shared.Rent(MaxHeaderBytes);
            try
            {
                read = ReadFromStart(source, longer.AsSpan(0, MaxHeaderBytes));
                outcome = PrimaryHeaderProof.Examine(longer.AsSpan(0, read), out header);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(longer);
            }
        }

        if (outcome != PrimaryHeaderProof.Outcome.Proven)
        {
            return null;
        }

        PixelType stored = PixelConversion.Stored(header.Bitpix)!.Value;
        PixelType natural = PixelConversion.Natural(header.Bitpix, header.Bzero, header.Bscale) ?? stored;
        // As ImageHdu.ReadInfo: BLANK counts for integer data only.
        var info = new ImageInfo(header.Bitpix, natural, header.Shape, header.Bzero, header.Bscale, header.Bitpix > 0 ? header.Blank : null);
        long storedBytes = info.ElementCount * (Math.Abs(header.Bitpix) / 8);
        long padded = (storedBytes + 2879) / 2880 * 2880;
        DirectImagePlan? plan = DirectImagePlan.TryCreate(info, header.DataOffset, header.DataOffset + padded);
        return plan is null ? null : new DeferredPrimary(info, plan);
    }

    private static int ReadFromStart(DirectFileSource source, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = source.Read(buffer[total..], total);
            if (read <= 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    /// <summary>Opens CFITSIO's handle if the open was deferred and has not happened yet. Call under <see cref="Sync"/>, not disposed.</summary>
    private void OpenDeferredCfitsio()
    {
        if (!_cfitsioPending)
        {
            return;
        }

        // As in OpenCore: one open at a time keeps each failure's messages its own. Lock order: the file's lock, then this one.
        lock (FitsStatus.ErrorStackLock)
        {
            int status = 0;
            Cfitsio.OpenDiskFile(out IntPtr pointer, FileName, Cfitsio.ReadOnly, ref status);
            if (status != 0 || pointer == IntPtr.Zero)
            {
                if (pointer != IntPtr.Zero)
                {
                    int ignored = 0;
                    Cfitsio.Close(pointer, ref ignored);
                }

                throw FitsStatus.Create(status, "open", FileName, FitsStatus.OpenFailureHdu(status));
            }

            // Pixels come from the descriptor opened at Open; CFITSIO opens the name now. Refuse to mix two files when
            // the name has been given to another file meanwhile (an atomic replace); CFITSIO then never saw this one.
            if (_deferredIdentity.IsKnown && FileKinds.Of(FileName, out FileIdentity now) == FileKind.Regular &&
                (now.Device != _deferredIdentity.Device || now.Inode != _deferredIdentity.Inode))
            {
                int ignored = 0;
                Cfitsio.Close(pointer, ref ignored);
                throw new FitsException(
                    "the file was replaced after it was opened: its name now names another file, whose headers could not be read " +
                    "with the pixels of the one opened; open it again", FileName, "open");
            }

            _handle.Attach(pointer);
        }

        _cfitsioPending = false;
        _currentHdu = 0;
    }

    /// <summary>What a deferred open proved about the primary image.</summary>
    private sealed class DeferredPrimary(ImageInfo info, DirectImagePlan plan)
    {
        internal ImageInfo Info { get; } = info;

        internal DirectImagePlan Plan { get; } = plan;
    }
}
