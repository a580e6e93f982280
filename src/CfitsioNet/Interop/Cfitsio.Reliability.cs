using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>Entry points used to check a file before CFITSIO is asked to read from it.</summary>
internal static unsafe partial class Cfitsio
{
    /// <summary>err_mode for <see cref="MoveToByte"/>: fail with END_OF_FILE (107) past the end of the file.</summary>
    internal const int ReportEndOfFile = 0;

    /// <summary>
    /// <c>ffmbyt</c>: moves to the 0-based byte <paramref name="bytePosition"/> of the file (logical size: a gzip file's
    /// decompressed bytes), loading the 2880-byte record that holds it; status 107 when the file ends before it.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffmbyt")]
    internal static partial int MoveToByte(FitsHandle file, long bytePosition, int errorMode, ref int status);

    /// <summary>
    /// Clears CFITSIO's error-message stack under <see cref="FitsStatus.ErrorStackLock"/>, so it never wipes the
    /// messages of an open that is failing on another thread (an open holds that lock until it has drained them).
    /// </summary>
    internal static void ClearErrorMessages()
    {
        lock (FitsStatus.ErrorStackLock)
        {
            ClearErrorMessagesUnlocked();
        }
    }

    /// <summary>
    /// <c>ffcmrk</c> under <see cref="FitsStatus.ErrorStackLock"/> (see <see cref="ClearErrorMessages"/>): an open's
    /// messages pushed after the marker are drained by the open before this runs.
    /// </summary>
    internal static void ClearErrorMessagesToMark()
    {
        lock (FitsStatus.ErrorStackLock)
        {
            ClearErrorMessagesToMarkUnlocked();
        }
    }
}
