using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>
/// Raw CFITSIO entry points. Every declaration names the exported symbol (not the C macro), takes blittable
/// arguments and follows CFITSIO's convention: <c>status</c> is in/out, a non-zero input makes the call a no-op.
/// Nothing outside the library sees these; <see cref="FitsHandle"/> and <see cref="FitsFile"/> wrap them. One file per
/// CFITSIO area (files, HDUs, keywords, images, compression, tables, checksums, errors, data types), one declaration
/// per entry point. This file: the library itself.
/// </summary>
internal static unsafe partial class Cfitsio
{
    /// <summary>The logical library name; <see cref="NativeLibraryResolver"/> maps it to a file.</summary>
    internal const string Library = "cfitsio";

    internal const int MaxDimensions = 999;       // NAXIS can be at most 999 by the FITS standard
    internal const int ReadOnly = 0;
    internal const int ReadWrite = 1;             // READWRITE (ReadOnly: READONLY), the I/O modes of ffdkopn

    static Cfitsio() => NativeLibraryResolver.Register();

    /// <summary><c>ffvers</c>: the library version as a float, e.g. 4.02 for 4.2.0.</summary>
    [LibraryImport(Library, EntryPoint = "ffvers")]
    internal static partial float GetVersion(out float version);

    /// <summary><c>fits_is_reentrant</c>: 1 when CFITSIO was built thread-safe (pthreads).</summary>
    [LibraryImport(Library, EntryPoint = "fits_is_reentrant")]
    internal static partial int IsReentrant();
}
