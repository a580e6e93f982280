using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>
/// CHECKSUM and DATASUM: verifying and writing them.
/// </summary>
internal static unsafe partial class Cfitsio
{
    /// <summary>
    /// <c>ffvcks</c>: verifies DATASUM and CHECKSUM of the current HDU. Each result is 1 (correct), 0 (keyword absent or
    /// blank) or -1 (incorrect); a bad checksum is not an error status.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffvcks")]
    internal static partial int VerifyChecksum(FitsHandle file, out int dataStatus, out int hduStatus, ref int status);

    /// <summary><c>ffpcks</c>: computes and writes DATASUM and CHECKSUM for the current HDU (creating them if absent).</summary>
    [LibraryImport(Library, EntryPoint = "ffpcks")]
    internal static partial int WriteChecksum(FitsHandle file, ref int status);
}
