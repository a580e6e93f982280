using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>CFITSIO's own parse of an image header's scaling keywords.</summary>
internal static unsafe partial class Cfitsio
{
    internal const long NullUndefined = 1234554321; // NULL_UNDEFINED: ffgphd's BLANK when there is none (or it is unreadable)

    /// <summary>
    /// <c>ffgphd</c>: parses the current (uncompressed) image HDU's header as CFITSIO does when it enters the HDU, and returns
    /// the BSCALE, BZERO and BLANK its pixel reader then applies: the last card of each name wins, an unreadable value
    /// counts as absent (1, 0, <see cref="NullUndefined"/>). <paramref name="maxdim"/> 0 returns no axis lengths.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffgphd")]
    internal static partial int GetImageHeader(FitsHandle file, int maxdim, int* simple, int* bitpix, int* naxis, long* naxes,
        CLong* pcount, CLong* gcount, int* extend, double* bscale, double* bzero, long* blank, int* nspace, ref int status);
}
