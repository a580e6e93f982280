using System;
using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>
/// Raw CFITSIO entry points. Every declaration names the exported symbol (not the C macro), takes blittable
/// arguments and follows CFITSIO's convention: <c>status</c> is in/out, a non-zero input makes the call a no-op.
/// Nothing outside the library sees these; <see cref="FitsHandle"/> and <see cref="FitsFile"/> wrap them.
/// </summary>
internal static unsafe partial class Cfitsio
{
    /// <summary>The logical library name; <see cref="NativeLibraryResolver"/> maps it to a file.</summary>
    internal const string Library = "cfitsio";

    // Length of the buffers CFITSIO writes messages into, including the terminating NUL.
    internal const int ErrorMessageLength = 81;   // FLEN_ERRMSG
    internal const int StatusTextLength = 31;     // FLEN_STATUS
    internal const int MaxDimensions = 999;       // NAXIS can be at most 999 by the FITS standard

    internal const int ReadOnly = 0;
    internal const int ReadWrite = 1;

    // Status codes used by the library itself.
    internal const int KeyNotFound = 202;         // KEY_NO_EXIST

    static Cfitsio() => NativeLibraryResolver.Register();

    /// <summary><c>ffdkopn</c>: opens a disk file by its plain name, with no extended-filename parsing.</summary>
    [LibraryImport(Library, EntryPoint = "ffdkopn", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int OpenDiskFile(out FitsHandle file, string fileName, int ioMode, ref int status);

    /// <summary><c>ffopen</c>: opens a file through CFITSIO's extended filename syntax (filters, URLs, sections).</summary>
    [LibraryImport(Library, EntryPoint = "ffopen", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int OpenExtended(out FitsHandle file, string fileName, int ioMode, ref int status);

    /// <summary><c>ffclos</c>: flushes and closes the file and frees the <c>fitsfile</c> structure.</summary>
    [LibraryImport(Library, EntryPoint = "ffclos")]
    internal static partial int Close(IntPtr file, ref int status);

    /// <summary><c>ffthdu</c>: total number of HDUs in the file (reads ahead to the end of the file).</summary>
    [LibraryImport(Library, EntryPoint = "ffthdu")]
    internal static partial int GetHduCount(FitsHandle file, out int count, ref int status);

    /// <summary><c>ffmahd</c>: moves to the absolute HDU number <paramref name="hduNumber"/> (1 = primary).</summary>
    [LibraryImport(Library, EntryPoint = "ffmahd")]
    internal static partial int MoveToHdu(FitsHandle file, int hduNumber, out int hduType, ref int status);

    /// <summary><c>ffghdt</c>: type of the current HDU (0 image, 1 ASCII table, 2 binary table).</summary>
    [LibraryImport(Library, EntryPoint = "ffghdt")]
    internal static partial int GetHduType(FitsHandle file, out int hduType, ref int status);

    /// <summary><c>ffgiprll</c>: stored BITPIX, NAXIS and up to <paramref name="maxAxes"/> NAXISn (Fortran order).</summary>
    [LibraryImport(Library, EntryPoint = "ffgiprll")]
    internal static partial int GetImageParameters(FitsHandle file, int maxAxes, out int bitpix, out int axisCount, long* axes, ref int status);

    /// <summary><c>ffgiet</c>: the equivalent image type once BZERO/BSCALE are applied (e.g. USHORT_IMG = 20).</summary>
    [LibraryImport(Library, EntryPoint = "ffgiet")]
    internal static partial int GetEquivalentImageType(FitsHandle file, out int imageType, ref int status);

    /// <summary><c>ffghadll</c>: byte offsets of the current HDU's header, data and end of data.</summary>
    [LibraryImport(Library, EntryPoint = "ffghadll")]
    internal static partial int GetHduOffsets(FitsHandle file, out long headerStart, out long dataStart, out long dataEnd, ref int status);

    /// <summary><c>ffgkyd</c>: reads a keyword as a double. Status 202 when the keyword is absent.</summary>
    [LibraryImport(Library, EntryPoint = "ffgkyd", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ReadKeyDouble(FitsHandle file, string keyName, out double value, byte* comment, ref int status);

    /// <summary><c>ffgkyjj</c>: reads a keyword as a 64-bit integer. Status 202 when the keyword is absent.</summary>
    [LibraryImport(Library, EntryPoint = "ffgkyjj", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ReadKeyLong(FitsHandle file, string keyName, out long value, byte* comment, ref int status);

    /// <summary>
    /// <c>ffgpxvll</c>: reads <paramref name="count"/> pixels starting at the 1-based Fortran-order coordinate
    /// <paramref name="firstPixel"/>, converted to <paramref name="dataType"/> (TBYTE, TSHORT, ...) with BSCALE/BZERO applied.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffgpxvll")]
    internal static partial int ReadPixels(FitsHandle file, int dataType, long* firstPixel, long count, void* nullValue, void* destination, out int anyNull, ref int status);

    /// <summary><c>ffgerr</c>: the short text (at most 30 characters) for a status code.</summary>
    [LibraryImport(Library, EntryPoint = "ffgerr")]
    internal static partial void GetStatusText(int status, byte* text);

    /// <summary><c>ffgmsg</c>: pops the oldest message off CFITSIO's error stack; returns 0 when the stack is empty.</summary>
    [LibraryImport(Library, EntryPoint = "ffgmsg")]
    internal static partial int PopErrorMessage(byte* message);

    /// <summary><c>ffcmsg</c>: clears CFITSIO's error-message stack (use <see cref="ClearErrorMessages"/>).</summary>
    [LibraryImport(Library, EntryPoint = "ffcmsg")]
    private static partial void ClearErrorMessagesUnlocked();

    /// <summary><c>ffpmrk</c>: pushes a marker onto CFITSIO's error-message stack.</summary>
    [LibraryImport(Library, EntryPoint = "ffpmrk")]
    internal static partial void MarkErrorMessages();

    /// <summary><c>ffcmrk</c>: removes the messages pushed since the newest marker, and the marker (use <see cref="ClearErrorMessagesToMark"/>).</summary>
    [LibraryImport(Library, EntryPoint = "ffcmrk")]
    private static partial void ClearErrorMessagesToMarkUnlocked();

    /// <summary><c>ffvers</c>: the library version as a float, e.g. 4.02 for 4.2.0.</summary>
    [LibraryImport(Library, EntryPoint = "ffvers")]
    internal static partial float GetVersion(out float version);

    /// <summary><c>fits_is_reentrant</c>: 1 when CFITSIO was built thread-safe (pthreads).</summary>
    [LibraryImport(Library, EntryPoint = "fits_is_reentrant")]
    internal static partial int IsReentrant();
}
