using System;
using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>The open a <see cref="FitsFile"/> makes later, into the <see cref="FitsHandle"/> it already holds.</summary>
internal static unsafe partial class Cfitsio
{
    /// <summary>
    /// <c>ffdkopn</c> returning the raw <c>fitsfile*</c>, for a file whose CFITSIO open was deferred: the caller hands
    /// the pointer to its existing <see cref="FitsHandle"/> (<see cref="FitsHandle.Attach"/>), which then owns it.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffdkopn", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int OpenDiskFilePointer(out IntPtr file, string fileName, int ioMode, ref int status);
}
