using System;
using CfitsioNet.Interop;

namespace CfitsioNet.Tests.Support;

/// <summary>Opens a file with CFITSIO's own <c>ffdkopn</c> for tests that read through CFITSIO directly.</summary>
internal static class CfitsioHandles
{
    /// <summary>The file opened read-only, owned by the returned handle (invalid when <paramref name="status"/> is not 0).</summary>
    internal static FitsHandle OpenDisk(string path, out int status)
    {
        status = 0;
        Cfitsio.OpenDiskFile(out IntPtr pointer, path, Cfitsio.ReadOnly, ref status);
        var handle = new FitsHandle();
        if (pointer != IntPtr.Zero)
        {
            handle.Attach(pointer);
        }

        return handle;
    }
}
