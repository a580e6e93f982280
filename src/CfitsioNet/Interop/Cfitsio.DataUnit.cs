using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>Raw byte access to a data unit (after <see cref="MoveToByte"/>).</summary>
internal static unsafe partial class Cfitsio
{
    /// <summary><c>ffgbyt</c>: reads <paramref name="byteCount"/> bytes from the current position of the file; status 108 (READ_ERROR) when it ends first.</summary>
    [LibraryImport(Library, EntryPoint = "ffgbyt")]
    internal static partial int ReadBytes(FitsHandle file, long byteCount, byte* buffer, ref int status);
}
