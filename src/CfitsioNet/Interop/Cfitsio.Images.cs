using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>
/// Image HDUs: creating them, their parameters, and reading and writing their pixels.
/// </summary>
internal static unsafe partial class Cfitsio
{
    /// <summary>
    /// <c>ffcrimll</c>: appends an image HDU (the primary array when the file is empty) with the given image type
    /// (BYTE_IMG, USHORT_IMG, ...: unsigned types get BZERO) and Fortran-order axes; writes a tile-compressed
    /// image instead when a compression type has been requested on the file.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffcrimll")]
    internal static partial int CreateImage(FitsHandle file, int imageType, int axisCount, long* axes, ref int status);

    /// <summary><c>ffgiprll</c>: stored BITPIX, NAXIS and up to <paramref name="maxAxes"/> NAXISn (Fortran order).</summary>
    [LibraryImport(Library, EntryPoint = "ffgiprll")]
    internal static partial int GetImageParameters(FitsHandle file, int maxAxes, out int bitpix, out int axisCount, long* axes, ref int status);

    /// <summary><c>ffgiet</c>: the equivalent image type once BZERO/BSCALE are applied (e.g. USHORT_IMG = 20).</summary>
    [LibraryImport(Library, EntryPoint = "ffgiet")]
    internal static partial int GetEquivalentImageType(FitsHandle file, out int imageType, ref int status);

    internal const long NullUndefined = 1234554321; // NULL_UNDEFINED: ffgphd's BLANK when there is none (or it is unreadable)

    /// <summary>
    /// <c>ffgphd</c>: parses the current (uncompressed) image HDU's header as CFITSIO does when it enters the HDU, and returns
    /// the BSCALE, BZERO and BLANK its pixel reader then applies: the last card of each name wins, an unreadable value
    /// counts as absent (1, 0, <see cref="NullUndefined"/>). <paramref name="maxdim"/> 0 returns no axis lengths.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffgphd")]
    internal static partial int GetImageHeader(FitsHandle file, int maxdim, int* simple, int* bitpix, int* naxis, long* naxes,
        CLong* pcount, CLong* gcount, int* extend, double* bscale, double* bzero, long* blank, int* nspace, ref int status);

    /// <summary>
    /// <c>ffgpxvll</c>: reads <paramref name="count"/> pixels starting at the 1-based Fortran-order coordinate
    /// <paramref name="firstPixel"/>, converted to <paramref name="dataType"/> (TBYTE, TSHORT, ...) with BSCALE/BZERO applied.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffgpxvll")]
    internal static partial int ReadPixels(FitsHandle file, int dataType, long* firstPixel, long count, void* nullValue, void* destination, out int anyNull, ref int status);

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

    /// <summary>
    /// <c>ffppr</c>: writes <paramref name="count"/> pixels of <paramref name="dataType"/> starting at the 1-based
    /// linear element <paramref name="firstElement"/> of the current image, applying BZERO/BSCALE.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffppr")]
    internal static partial int WritePixels(FitsHandle file, int dataType, long firstElement, long count, void* pixels, ref int status);
}
