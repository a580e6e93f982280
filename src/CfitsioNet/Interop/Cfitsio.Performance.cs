using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>Entry points the fast read paths need: which driver holds the file.</summary>
internal static unsafe partial class Cfitsio
{
    /// <summary>Length of the buffer <c>ffurlt</c> writes the driver prefix into (MAX_PREFIX_LEN 20 plus room).</summary>
    internal const int UrlTypeLength = 32;

    /// <summary>
    /// <c>ffurlt</c>: copies the prefix of the I/O driver that holds the open file (<c>"file://"</c> for a plain disk file,
    /// <c>"compress://"</c> or <c>"compressmem://"</c> for a gzip file decompressed on open, <c>"mem://"</c> and so on) into
    /// <paramref name="urlType"/>, which must hold at least 21 bytes.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffurlt")]
    internal static partial int GetUrlType(FitsHandle file, byte* urlType, ref int status);

    /// <summary>The driver prefix of <paramref name="file"/> (<c>ffurlt</c>), or an empty string if CFITSIO reports an error.</summary>
    internal static string GetDriverPrefix(FitsHandle file)
    {
        byte* text = stackalloc byte[UrlTypeLength];
        text[0] = 0;
        int status = 0;
        GetUrlType(file, text, ref status);
        return status != 0 ? string.Empty : new string((sbyte*)text);
    }
}
