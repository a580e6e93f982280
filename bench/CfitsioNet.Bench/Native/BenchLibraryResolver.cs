using System;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;
using CfitsioNet.Interop;

namespace CfitsioNet.Bench.Native;

/// <summary>
/// Resolves this assembly's native imports: "libc" to the C library, "cfitsio" to the very library CfitsioNet
/// loaded (so the test-data writer and the reader use one CFITSIO).
/// </summary>
internal static class BenchLibraryResolver
{
    private static int s_registered;

    internal static void Register()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(BenchLibraryResolver).Assembly, Resolve);
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) => name switch
    {
        Libc.Library => NativeLibrary.Load(OperatingSystem.IsMacOS() ? "/usr/lib/libSystem.B.dylib" : "libc.so.6"),
        CfitsioWriter.Library => NativeLibraryResolver.Loaded.Handle,
        _ => IntPtr.Zero,
    };
}
