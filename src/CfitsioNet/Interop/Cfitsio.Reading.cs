using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>Entry points for reading pixels: element ranges, subsets, scaling overrides and compression facts.</summary>
internal static unsafe partial class Cfitsio
{
    internal const int NumericOverflow = 412;     // NUM_OVERFLOW: values clipped during type conversion
    internal const int OverflowInProgress = -11;  // OVERFLOW_ERR: the same, as the tile decompressor leaves it
    internal const int ColumnNotFound = 219;      // COL_NOT_FOUND
    internal const int EndOfFile = 107;           // END_OF_FILE: no HDU there
    internal const int UnknownRecord = 252;       // UNKNOWN_REC: bytes after the last HDU that are not an HDU

    /// <summary>
    /// <c>ffgpv</c>: reads <paramref name="count"/> pixels starting at the 1-based linear element
    /// <paramref name="firstElement"/>, converted to <paramref name="dataType"/> with BSCALE/BZERO applied. Unlike
    /// <c>ffgpxvll</c> it keeps no per-axis arrays, so it is safe for images of more than 9 axes.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffgpv")]
    internal static partial int ReadElements(FitsHandle file, int dataType, long firstElement, long count, void* nullValue, void* destination, out int anyNull, ref int status);

    /// <summary>
    /// <c>ffgsv</c>: reads the subset from <paramref name="first"/> to <paramref name="last"/> (1-based, inclusive,
    /// Fortran order, C <c>long</c>) taking every <paramref name="step"/>-th pixel, for images of at most 9 axes. For
    /// uncompressed images it stops at the first row that overflows the requested type (status 412).
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffgsv")]
    internal static partial int ReadSubset(FitsHandle file, int dataType, CLong* first, CLong* last, CLong* step, void* nullValue, void* destination, out int anyNull, ref int status);

    /// <summary>
    /// <c>ffpscl</c>: overrides BSCALE/BZERO for the current image in memory only (the header is untouched); a
    /// re-read of the header restores the keyword values. For tile-compressed images it sets the scaling the
    /// decompressor applies.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffpscl")]
    internal static partial int SetImageScaling(FitsHandle file, double scale, double zero, ref int status);

    /// <summary><c>fits_is_compressed_image</c>: 1 when the current HDU is a tile-compressed image (a BINTABLE underneath).</summary>
    [LibraryImport(Library, EntryPoint = "fits_is_compressed_image")]
    internal static partial int IsCompressedImage(FitsHandle file, ref int status);

    /// <summary><c>ffgkys</c>: reads a string keyword into <paramref name="value"/> (at least 71 bytes). Status 202 when absent.</summary>
    [LibraryImport(Library, EntryPoint = "ffgkys", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ReadKeyString(FitsHandle file, string keyName, byte* value, byte* comment, ref int status);

    /// <summary><c>ffgcno</c>: the 1-based number of the column named <paramref name="template"/>. Status 219 when there is none.</summary>
    [LibraryImport(Library, EntryPoint = "ffgcno", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int GetColumnNumber(FitsHandle file, int caseSensitive, string template, out int column, ref int status);
}
