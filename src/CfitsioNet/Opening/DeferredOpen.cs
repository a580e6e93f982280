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
/// The deferred open of one file. Opening a file with CFITSIO (<c>ffdkopn</c>) costs more than reading a small image:
/// it allocates and clears 115 KiB of buffers and parses the whole primary header. When the primary header is one
/// <see cref="PrimaryHeaderProof"/> proves CFITSIO would open, and the image is one the direct path reads
/// (<see cref="DirectImagePlan"/>), <see cref="FitsFile.Open(string)"/> keeps the file descriptor it read the header
/// with and answers <see cref="ImageHdu.Info"/> and natural-type reads of the primary image from the file; CFITSIO
/// opens the file the first time anything else needs it (<see cref="OpenCfitsio"/>, from <see cref="FitsFile.EnterHdu"/>:
/// headers, other HDUs, conversions, regions, checksums). Any header not proven, <see cref="FitsOpenOptions.CfitsioOnly"/>
/// and <c>CFITSIONET_DIRECT=0</c> open CFITSIO at once. Every member is called under the owning file's lock.
/// </summary>
internal sealed class DeferredOpen
{
    /// <summary>Longest primary header the deferred open examines (64 blocks, 2304 cards); longer ones go to CFITSIO.</summary>
    private const int MaxHeaderBytes = 64 * FitsBlock.Bytes;

    /// <summary>How many paths of files whose primary header was not proven are remembered (then forgotten all at once).</summary>
    private const int MaxRememberedNotProven = 4096;

    // Files whose primary header was not proven, by path, with the identity of the contents examined.
    private static readonly ConcurrentDictionary<string, FileIdentity> s_notProven = new(StringComparer.Ordinal);

    private static int s_deferredOpens;
    private static int s_examinations;

    [ThreadStatic]
    private static byte[]? t_headerBuffer;

    private readonly FileIdentity _identity;
    private bool _smallReadTaken;

    private DeferredOpen(ImageInfo info, DirectImagePlan plan, FileIdentity identity)
    {
        PrimaryInfo = info;
        PrimaryPlan = plan;
        _identity = identity;
    }

    /// <summary>Number of opens in this process that deferred CFITSIO's open.</summary>
    internal static int Count => Volatile.Read(ref s_deferredOpens);

    /// <summary>Number of primary headers examined for a deferred open in this process.</summary>
    internal static int ExaminationCount => Volatile.Read(ref s_examinations);

    /// <summary>The primary image's description, as the header proven at open gives it.</summary>
    internal ImageInfo PrimaryInfo { get; }

    /// <summary>The direct plan of the primary image. Immutable.</summary>
    internal DirectImagePlan PrimaryPlan { get; }

    /// <summary>Whether CFITSIO's open is still to come.</summary>
    internal bool CfitsioPending { get; private set; } = true;

    /// <summary>
    /// Whether a deferred open is worth examining for <paramref name="fullPath"/>: the direct path is allowed, and these
    /// contents were not examined before and found unproven (an empty primary before extensions, say), which would cost
    /// them an open, a read and a close more.
    /// </summary>
    internal static bool WorthExamining(string fullPath, FileIdentity identity, FitsOpenOptions options) =>
        options.DirectRead && !DirectReadSwitch.Disabled &&
        !(identity.IsKnown && s_notProven.TryGetValue(fullPath, out FileIdentity examined) && examined == identity);

    /// <summary>
    /// Examines the primary header of <paramref name="fullPath"/>: a deferred open and the source it read through when the
    /// header is proven, null (nothing left open, the contents remembered as unproven) when CFITSIO must open the file now.
    /// </summary>
    internal static DeferredOpen? TryBegin(string fullPath, FileIdentity identity, FitsOpenOptions options, out DirectFileSource? source)
    {
        Interlocked.Increment(ref s_examinations);
        source = DirectFileSource.TryOpen(fullPath, options.MapPolicy);
        if (source is null)
        {
            return null;
        }

        DeferredOpen? deferred;
        try
        {
            deferred = Prove(source, identity);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            deferred = null; // CFITSIO reads the file and reports
        }

        if (deferred is null)
        {
            source.Dispose();
            source = null;
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

        Interlocked.Increment(ref s_deferredOpens);
        return deferred;
    }

    /// <summary>
    /// Whether a small read of the primary image may take the direct path: the first one, while CFITSIO is not open. A
    /// file kept open and read again opens CFITSIO then, whose buffered reads serve small images from memory (no system
    /// call), as for files that were never deferred. Only when the file held the whole data unit, padding included, at
    /// open: CFITSIO reads small images in whole 2880-byte records, and fails on a last one the file cuts short (a fuzz
    /// finding), where a direct read of the pixel bytes alone would succeed.
    /// </summary>
    internal bool TakeFirstSmallRead()
    {
        if (!CfitsioPending || _smallReadTaken || !_identity.IsKnown)
        {
            return false;
        }

        if (_identity.Size < (ulong)(PrimaryPlan.DataOffset + FitsBlock.Padded(PrimaryPlan.StoredBytes)))
        {
            return false;
        }

        _smallReadTaken = true;
        return true;
    }

    /// <summary>Where the primary image's data end (their stored bytes, without the padding).</summary>
    internal long PrimaryDataEnd => PrimaryPlan.DataOffset + PrimaryPlan.StoredBytes;

    /// <summary>
    /// Whether the primary image's data were all in the file when it was opened (the size from the open's <c>statx</c>);
    /// null where that size is unknown.
    /// </summary>
    internal bool? PrimaryDataInFileAtOpen() => _identity.IsKnown ? _identity.Size >= (ulong)PrimaryDataEnd : null;

    /// <summary>
    /// Opens CFITSIO on <paramref name="fileName"/> into <paramref name="handle"/> if that has not happened yet; true when it
    /// opened now (CFITSIO is then on the primary HDU).
    /// </summary>
    internal bool OpenCfitsio(FitsHandle handle, string fileName)
    {
        if (!CfitsioPending)
        {
            return false;
        }

        // As in FitsFile.OpenCore: one open at a time keeps each failure's messages its own. Lock order: the file's
        // lock, then this one.
        lock (FitsStatus.ErrorStackLock)
        {
            IntPtr pointer = CfitsioProxy.OpenDiskFileOrClose(fileName, Cfitsio.ReadOnly, hduFromStatus: true, "open", new CallContext(fileName));

            // Pixels come from the descriptor opened at Open; CFITSIO opens the name now. Refuse to mix two files when
            // the name has been given to another file meanwhile (an atomic replace); CFITSIO then never saw this one.
            if (_identity.IsKnown && FileKinds.Of(fileName, out FileIdentity now) == FileKind.Regular &&
                (now.Device != _identity.Device || now.Inode != _identity.Inode))
            {
                CfitsioProxy.TryClose(pointer, Expected.Any, "close the replaced file", new CallContext(fileName));
                throw new FitsException(
                    "the file was replaced after it was opened: its name now names another file, whose headers could not be read " +
                    "with the pixels of the one opened; open it again", fileName, "open");
            }

            handle.Attach(pointer);
        }

        CfitsioPending = false;
        return true;
    }

    /// <summary>The deferred open of the primary image, when its header is proven and the direct path reads it in its natural type.</summary>
    private static DeferredOpen? Prove(DirectFileSource source, FileIdentity identity)
    {
        // One block first: it holds the headers of most small images.
        byte[] first = t_headerBuffer ??= GC.AllocateUninitializedArray<byte>(FitsBlock.Bytes);
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
        long padded = FitsBlock.Padded(storedBytes);
        DirectImagePlan? plan = DirectImagePlan.TryCreate(info, header.DataOffset, header.DataOffset + padded);
        return plan is null ? null : new DeferredOpen(info, plan, identity);
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
}
