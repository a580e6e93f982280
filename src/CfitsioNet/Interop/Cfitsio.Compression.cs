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
}
