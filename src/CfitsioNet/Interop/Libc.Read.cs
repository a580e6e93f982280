using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace CfitsioNet.Interop;

/// <summary>The positioned read the direct path makes on Linux.</summary>
internal static unsafe partial class Libc
{
    /// <summary>
    /// <c>pread(2)</c>: reads up to <paramref name="count"/> bytes at <paramref name="offset"/>; the bytes read, 0 at end of
    /// file, -1 on error. Unlike <see cref="System.IO.RandomAccess.Read(SafeFileHandle, System.Span{byte}, long)"/>, it does
    /// not first ask the kernel whether the handle is seekable (one <c>lseek</c> per handle, as much as a small read costs).
    /// </summary>
    [LibraryImport(Library, EntryPoint = "pread")]
    internal static partial nint PositionedRead(SafeFileHandle file, byte* buffer, nuint count, long offset);
}
