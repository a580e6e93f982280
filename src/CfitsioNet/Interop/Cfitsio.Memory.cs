using System;
using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>CFITSIO's memory driver (<c>memkeep://</c>): files held in a buffer the caller owns.</summary>
internal static unsafe partial class Cfitsio
{
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
}
