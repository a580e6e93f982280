using System;

namespace CfitsioNet;

/// <summary>
/// How <see cref="FitsFile.Open(string, FitsOpenOptions)"/> reads a file: whether uncompressed images may bypass
/// CFITSIO's pixel reader, whether the file is memory-mapped, and how many threads one read may use. The defaults
/// (<see cref="Default"/>) are the fastest paths that give results identical to CFITSIO's.
/// </summary>
/// <remarks>
/// The direct path applies to whole-image reads of uncompressed images in their natural type (see
/// <see cref="ImageInfo.PixelType"/>): CFITSIO parses the header and gives the data offset, and the pixels are read
/// with positioned reads into the destination and converted with vectorised code. Anything it cannot prove identical
/// (unusual scaling, random groups, a gzip file, a file opened for writing or through the extended syntax) is read by
/// CFITSIO. The AppContext switch <c>CfitsioNet.DisableDirectRead</c> or the environment variable
/// <c>CFITSIONET_DIRECT=0</c> turns the direct path and mapping off for the whole process.
/// </remarks>
public sealed class FitsOpenOptions
{
    private readonly int _maxDegreeOfParallelism = -1;

    /// <summary>The options <see cref="FitsFile.Open(string)"/> uses.</summary>
    public static FitsOpenOptions Default { get; } = new();

    /// <summary>
    /// CFITSIO opens the file at once and reads every pixel: no deferred open, no direct path, no mapping (parallel
    /// decompression still applies).
    /// </summary>
    public static FitsOpenOptions CfitsioOnly { get; } = new() { DirectRead = false };

    /// <summary>The default options with <see cref="Lenient"/> set.</summary>
    public static FitsOpenOptions LenientDefault { get; } = new() { Lenient = true };

    /// <summary>
    /// Whether the open repairs what it safely can instead of refusing the file (default false: strict). Repaired now:
    /// a header whose mandatory keywords (SIMPLE or XTENSION, BITPIX, NAXIS, NAXISn, and PCOUNT, GCOUNT for extensions)
    /// are all present once each but out of order, e.g. NAXIS before BITPIX, which CFITSIO refuses with status 222
    /// (NO_BITPIX). Those cards are moved to the front of their header, the others keep their order, so no value and no
    /// data offset changes. The repair is made in a temporary copy, never in the file itself: the open file is that
    /// copy (<see cref="FitsFile.FileName"/> names it, and it is deleted when the <see cref="FitsFile"/> is disposed), and
    /// <see cref="FitsFile.Repairs"/> says what was repaired. A file that needs no repair opens as with the strict
    /// default, and anything the repair does not cover is refused as usual. Not for gzip-compressed files (their headers
    /// are not scanned) or files too large to copy.
    /// </summary>
    public bool Lenient { get; init; }

    /// <summary>
    /// Whether whole-image reads of uncompressed images may bypass CFITSIO's pixel reader (default true). The results are
    /// identical either way; false is for users who want CFITSIO to read every pixel. When true, opening a file whose
    /// primary header is a plain image header CFITSIO is certain to accept defers CFITSIO's own open until something
    /// other than <see cref="ImageHdu.Info"/> or a natural-type read of the primary image needs it; false opens CFITSIO at once.
    /// </summary>
    public bool DirectRead { get; init; } = true;

    /// <summary>
    /// Whether the direct path reads from a memory map of the whole file from the first read, kept while the file is
    /// open (default false). Reads then copy straight from the page cache into the destination in one pass, with no
    /// read system call. On Linux each read holds a read lease when it can (see <see cref="MapRepeatedReads"/>); where none
    /// can be had (a file this user does not own, a file open for writing, a file system without leases, other
    /// systems) the read still comes from the map, so this is only for files that nothing truncates while they are
    /// open: reading a page that a truncation removed from a mapping crashes the process (SIGBUS). Ignored when
    /// <see cref="DirectRead"/> is false.
    /// </summary>
    public bool MemoryMap { get; init; }

    /// <summary>
    /// Whether a file that is read more than once is memory-mapped from its second direct read on (default true;
    /// Linux only, elsewhere it has no effect). Each such read takes a read lease on the file (<c>fcntl</c>
    /// <c>F_SETLEASE</c>), checks that the file still holds the data, copies from the map and releases the lease;
    /// while the lease is held no process can open the file for writing or truncate it (they wait for the read), so
    /// the map cannot fault (a lease holds off the processes of this machine; see docs/performance.md for its limits).
    /// When no lease can be had (the file is open for writing somewhere, is not owned by this
    /// user, or its file system has no leases) that read uses positioned reads, as the first read always does. A
    /// writer that has to wait makes the kernel signal this process with SIGURG (set on the lease instead of the
    /// default SIGIO, which would terminate it); SIGURG is ignored unless the process installs a handler. False
    /// keeps every read positioned. Ignored when <see cref="DirectRead"/> is false or <see cref="MemoryMap"/> is true.
    /// </summary>
    public bool MapRepeatedReads { get; init; } = true;

    /// <summary>
    /// Most threads one read may use: large uncompressed images are read in parallel parts, tile-compressed images
    /// are decompressed by several CFITSIO handles at once. -1 (the default) means <see cref="Environment.ProcessorCount"/>;
    /// 1 reads on the calling thread only. A read split across threads allocates one small work item; reads on the
    /// calling thread into a span or buffer the caller owns allocate nothing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0 or less than -1.</exception>
    public int MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        init => _maxDegreeOfParallelism = Parallelism.Check(value);
    }

    /// <summary>Images with fewer stored bytes are left to CFITSIO, whose buffered read is as fast there (tests lower it to 0).</summary>
    internal long DirectMinimumBytes { get; init; } = 32 * 1024;

    /// <summary>Stored size from which an uncompressed read is split across threads (tests lower it).</summary>
    internal long ParallelMinimumBytes { get; init; } = Direct.DirectImageReader.DefaultParallelBytes;

    /// <summary>Stored size from which a read from the memory map is split across threads (tests lower it).</summary>
    internal long MappedParallelMinimumBytes { get; init; } = Direct.DirectImageReader.DefaultMappedParallelBytes;

    /// <summary>
    /// The measurements by which repeated image reads pick the map or positioned reads (<see cref="Direct.MapOrPread"/>):
    /// the process's own by default; null always maps them (tests that count mapped reads), and a test may give its own.
    /// </summary>
    internal Direct.MapOrPread? MapChoice { get; init; } = Direct.MapOrPread.Images;

    /// <summary>Bytes of rows from which a direct table read is split across threads (tests lower it).</summary>
    internal long TableParallelMinimumBytes { get; init; } = Tables.DirectTableReader.ParallelBytes;

    /// <summary>Bytes of rows per block of a direct table read; 0 means the L2 cache's size (tests lower it).</summary>
    internal long TableBlockBytes { get; init; }

    /// <summary>Rows of tiles from which a compressed image is decompressed on several handles.</summary>
    internal long ParallelMinimumTiles { get; init; } = 8;

    /// <summary>How the direct path uses a memory map under these options.</summary>
    internal Direct.MapPolicy MapPolicy => MemoryMap ? Direct.MapPolicy.Always : MapRepeatedReads ? Direct.MapPolicy.RepeatedReads : Direct.MapPolicy.Never;

    /// <summary>The thread count <see cref="MaxDegreeOfParallelism"/> stands for.</summary>
    internal int EffectiveParallelism => Parallelism.Effective(_maxDegreeOfParallelism);
}
