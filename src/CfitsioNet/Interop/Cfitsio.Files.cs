using System;
using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>
/// Opening, creating, flushing and closing files (disk and memory drivers), and raw byte access to them.
/// </summary>
internal static unsafe partial class Cfitsio
{
    /// <summary>
    /// <c>ffdkopn</c>: opens a disk file by its plain name, with no extended-filename parsing, and returns the raw
    /// <c>fitsfile*</c>: the caller hands it to a <see cref="FitsHandle"/> (<see cref="FitsHandle.Attach"/>, or
    /// <see cref="FitsHandle.Swap"/> when update mode reopens), which then owns it; on failure it closes a non-null one.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffdkopn", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int OpenDiskFile(out IntPtr file, string fileName, int ioMode, ref int status);

    /// <summary><c>ffopen</c>: opens a file through CFITSIO's extended filename syntax (filters, URLs, sections).</summary>
    [LibraryImport(Library, EntryPoint = "ffopen", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int OpenExtended(out FitsHandle file, string fileName, int ioMode, ref int status);

    /// <summary><c>ffclos</c>: flushes and closes the file and frees the <c>fitsfile</c> structure.</summary>
    [LibraryImport(Library, EntryPoint = "ffclos")]
    internal static partial int Close(IntPtr file, ref int status);

    /// <summary>
    /// <c>ffdkinit</c>: creates a new disk file under exactly this name (no extended syntax, no <c>!</c> clobber);
    /// fails with status 105 when a file of that name exists or cannot be created.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffdkinit", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int CreateDiskFile(out FitsHandle file, string fileName, ref int status);

    internal const int MaxFileNameBytes = 1024;   // FLEN_FILENAME - 1

    /// <summary>
    /// <c>ffomem</c>: opens the FITS file held in <c>*buffer</c> (<c>*size</c> bytes). CFITSIO keeps both addresses
    /// until the file is closed and reads through them, so they (and the buffer) must stay valid that long.
    /// <paramref name="name"/> goes through the extended-filename parser: pass a constant without brackets.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffomem", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int OpenMemory(
        out IntPtr file, string name, int ioMode, void** buffer, nuint* size, nuint deltaSize, IntPtr realloc, ref int status);

    /// <summary>
    /// <c>ffimem</c>: creates an empty FITS file in <c>*buffer</c>, growing it with <paramref name="realloc"/>
    /// (<c>void* realloc(void*, size_t)</c>); <c>*size</c> is then the allocated size, which CFITSIO keeps equal to the
    /// written length rounded up to a 2880-byte block when <paramref name="deltaSize"/> is 0.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffimem")]
    internal static partial int CreateMemory(out IntPtr file, void** buffer, nuint* size, nuint deltaSize, IntPtr realloc, ref int status);

    /// <summary><c>ffflus</c>: writes every buffered block of the file to disk (closing and reopening the current HDU's definition).</summary>
    [LibraryImport(Library, EntryPoint = "ffflus")]
    internal static partial int Flush(FitsHandle file, ref int status);

    /// <summary><c>ffflsh</c>: writes every modified I/O buffer to the file (<paramref name="clearBuffers"/> 0: keeps them).</summary>
    [LibraryImport(Library, EntryPoint = "ffflsh")]
    internal static partial int FlushBuffers(FitsHandle file, int clearBuffers, ref int status);

    /// <summary>Length of the buffer <c>ffurlt</c> writes the driver prefix into (MAX_PREFIX_LEN 20 plus room).</summary>
    internal const int UrlTypeLength = 32;

    /// <summary>
    /// <c>ffurlt</c>: copies the prefix of the I/O driver that holds the open file (<c>"file://"</c> for a plain disk file,
    /// <c>"compress://"</c> or <c>"compressmem://"</c> for a gzip file decompressed on open, <c>"mem://"</c> and so on) into
    /// <paramref name="urlType"/>, which must hold at least 21 bytes.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffurlt")]
    internal static partial int GetUrlType(FitsHandle file, byte* urlType, ref int status);

    /// <summary>The driver prefix of <paramref name="file"/> (<c>ffurlt</c>), or an empty string if CFITSIO reports an error.</summary>
    internal static string GetDriverPrefix(FitsHandle file)
    {
        byte* text = stackalloc byte[UrlTypeLength];
        text[0] = 0;
        int status = 0;
        GetUrlType(file, text, ref status);
        return status != 0 ? string.Empty : new string((sbyte*)text);
    }

    /// <summary>err_mode for <see cref="MoveToByte"/>: fail with END_OF_FILE (107) past the end of the file.</summary>
    internal const int ReportEndOfFile = 0;

    /// <summary>
    /// <c>ffmbyt</c>: moves to the 0-based byte <paramref name="bytePosition"/> of the file (logical size: a gzip file's
    /// decompressed bytes), loading the 2880-byte record that holds it; status 107 when the file ends before it.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffmbyt")]
    internal static partial int MoveToByte(FitsHandle file, long bytePosition, int errorMode, ref int status);

    /// <summary><c>ffgbyt</c>: reads <paramref name="byteCount"/> bytes from the current position of the file; status 108 (READ_ERROR) when it ends first.</summary>
    [LibraryImport(Library, EntryPoint = "ffgbyt")]
    internal static partial int ReadBytes(FitsHandle file, long byteCount, byte* buffer, ref int status);
}
