using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>
/// Status codes the library reacts to, the status text, and CFITSIO's error-message stack.
/// </summary>
internal static unsafe partial class Cfitsio
{
    internal const int ErrorMessageLength = 81;   // FLEN_ERRMSG
    internal const int StatusTextLength = 31;     // FLEN_STATUS
    internal const int KeyNotFound = 202;         // KEY_NO_EXIST
    internal const int KeyOutOfBounds = 203;      // KEY_OUT_BOUNDS: no record with that number
    internal const int FileNotCreated = 105;      // FILE_NOT_CREATED
    internal const int EndOfFile = 107;           // END_OF_FILE: no HDU there
    internal const int ReadError = 108;           // READ_ERROR
    internal const int FirstKeywordError = 200;   // the 2xx codes are header and keyword errors (KEY_NO_EXIST, ...)
    internal const int LastKeywordError = 299;
    internal const int DataCompressionError = 413; // DATA_COMPRESSION_ERR
    internal const int NumericOverflow = 412;     // NUM_OVERFLOW: values clipped during type conversion
    internal const int OverflowInProgress = -11;  // OVERFLOW_ERR: the same, as the tile decompressor leaves it
    internal const int ColumnNotFound = 219;      // COL_NOT_FOUND
    internal const int UnknownRecord = 252;       // UNKNOWN_REC: bytes after the last HDU that are not an HDU
    internal const int BadHduNumber = 301;        // BAD_HDU_NUM: also what ffmnhd returns when no HDU matches
    internal const int ParseSyntaxError = 431;  // PARSE_SYNTAX_ERR
    internal const int ParseBadType = 432;      // PARSE_BAD_TYPE

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
