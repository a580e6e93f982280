using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>CFITSIO's tile coders called one tile at a time, from several threads (each call owns its buffers).</summary>
internal static unsafe partial class Cfitsio
{
    /// <summary>
    /// <c>compress2mem_from_mem</c>: gzip-compresses <paramref name="inputSize"/> bytes (zlib's deflate at
    /// Z_BEST_SPEED, as CFITSIO's GZIP_1 and GZIP_2 tiles are) into <c>*buffer</c> of <c>*bufferSize</c> bytes, growing it
    /// with <paramref name="realloc"/> when it is too small; <paramref name="compressedSize"/> receives the length.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "compress2mem_from_mem")]
    internal static partial int GzipToMemory(
        byte* input, nuint inputSize, byte** buffer, nuint* bufferSize, delegate* unmanaged<void*, nuint, void*> realloc, nuint* compressedSize, ref int status);

    /// <summary>
    /// <c>fits_init_randoms</c>: allocates and fills CFITSIO's table of dither random numbers once per process (a lazily
    /// created global, so it is called on one thread before the quantizer runs on several); 0 on success.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "fits_init_randoms")]
    internal static partial int InitRandoms();

    /// <summary><c>ffgcrd</c>: reads the card of <paramref name="keyName"/> into <paramref name="card"/> (81 bytes) and moves the header position after it; status 202 when absent.</summary>
    [LibraryImport(Library, EntryPoint = "ffgcrd", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ReadCard(FitsHandle file, string keyName, byte* card, ref int status);

    /// <summary><c>ffikyj</c>: inserts an integer keyword at the header position (after the card <see cref="ReadCard"/> found).</summary>
    [LibraryImport(Library, EntryPoint = "ffikyj", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int InsertKeyLong(FitsHandle file, string keyName, long value, string? comment, ref int status);

    /// <summary><c>ffukyj</c>: updates (or appends) an integer keyword; a null comment keeps the card's comment.</summary>
    [LibraryImport(Library, EntryPoint = "ffukyj", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int UpdateKeyLong(FitsHandle file, string keyName, long value, string? comment, ref int status);

    /// <summary><c>fficol</c>: inserts a column named <paramref name="type"/> of format <paramref name="form"/> before column <paramref name="column"/> (past the last: appended).</summary>
    [LibraryImport(Library, EntryPoint = "fficol", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int InsertColumn(FitsHandle file, int column, string type, string form, ref int status);
}
