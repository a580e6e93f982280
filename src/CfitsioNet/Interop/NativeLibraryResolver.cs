using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;

namespace CfitsioNet.Interop;

/// <summary>
/// Finds libcfitsio: an explicit override, then the copy bundled with the application (NuGet runtime asset or
/// the file next to the program), then a system CFITSIO. Loaded once per process.
/// </summary>
internal static unsafe class NativeLibraryResolver
{
    /// <summary>Environment variable that names a CFITSIO shared library to load instead of any other.</summary>
    internal const string OverrideVariable = "CFITSIONET_LIBRARY";

    private static readonly object s_sync = new();
    private static int s_registered;
    private static LoadedLibrary? s_loaded;
    private static string? s_failure;

    internal static void Register()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);
        }
    }

    /// <summary>The loaded library; throws <see cref="DllNotFoundException"/> listing every place tried.</summary>
    internal static LoadedLibrary Loaded
    {
        get
        {
            LoadedLibrary? loaded = Volatile.Read(ref s_loaded);
            if (loaded is not null)
            {
                return loaded;
            }

            lock (s_sync)
            {
                if (s_loaded is null && s_failure is null)
                {
                    Register();
                    s_loaded = Load(out s_failure);
                }

                return s_loaded ?? throw new DllNotFoundException(s_failure);
            }
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
        => libraryName == Cfitsio.Library ? Loaded.Handle : IntPtr.Zero;

    private static LoadedLibrary? Load(out string? failure)
    {
        var tried = new List<string>();
        string? overridePath = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrEmpty(overridePath))
        {
            // An explicit choice is final: falling back silently would hide a misconfiguration.
            if (TryLoadPath(overridePath, LibraryOrigin.Override, tried) is { } chosen)
            {
                failure = null;
                return chosen;
            }

            failure = $"{OverrideVariable} names '{overridePath}', which could not be loaded as CFITSIO.";
            return null;
        }

        string fileName = BundledFileName;
        foreach (string directory in BundledDirectories())
        {
            if (TryLoadPath(Path.Combine(directory, fileName), LibraryOrigin.Bundled, tried) is { } bundled)
            {
                failure = null;
                return bundled;
            }
        }

        // The host's own probing covers native assets listed in the application's .deps.json.
        if (NativeLibrary.TryLoad(fileName, typeof(NativeLibraryResolver).Assembly, DllImportSearchPath.AssemblyDirectory, out IntPtr probed))
        {
            failure = null;
            return Describe(probed, fileName, LibraryOrigin.Bundled);
        }

        tried.Add(fileName + " (application probing)");
        foreach (string name in SystemNames())
        {
            if (NativeLibrary.TryLoad(name, out IntPtr system))
            {
                failure = null;
                return Describe(system, name, LibraryOrigin.System);
            }

            tried.Add(name);
        }

        failure = "CFITSIO could not be loaded. Tried: " + string.Join(", ", tried) +
                  ". Reference the CfitsioNet.Native package, install a system CFITSIO (Debian: apt-get install libcfitsio10), " +
                  $"or set {OverrideVariable} to the library's path.";
        return null;
    }

    private static LoadedLibrary? TryLoadPath(string path, LibraryOrigin origin, List<string> tried)
    {
        tried.Add(path);
        return File.Exists(path) && NativeLibrary.TryLoad(path, out IntPtr handle) ? Describe(handle, path, origin) : null;
    }

    private static LoadedLibrary Describe(IntPtr handle, string requested, LibraryOrigin origin)
    {
        var getVersion = (delegate* unmanaged<float*, float>)NativeLibrary.GetExport(handle, "ffvers");
        var isReentrant = (delegate* unmanaged<int>)NativeLibrary.GetExport(handle, "fits_is_reentrant");
        float version;
        getVersion(&version);
        string path = LocateFile(NativeLibrary.GetExport(handle, "ffvers")) ?? requested;
        return new LoadedLibrary(handle, Path.GetFullPath(path), FormatVersion(version), isReentrant() == 1, origin);
    }

    /// <summary>CFITSIO encodes 4.2.0 as 4.02f; turn it back into "4.2.0".</summary>
    internal static string FormatVersion(float version)
    {
        int encoded = (int)Math.Round(version * 10000.0);
        return $"{encoded / 10000}.{encoded / 100 % 100}.{encoded % 100}";
    }

    private static string BundledFileName =>
        OperatingSystem.IsWindows() ? "cfitsio.dll" : OperatingSystem.IsMacOS() ? "libcfitsio.dylib" : "libcfitsio.so";

    private static IEnumerable<string> BundledDirectories()
    {
        string rid = RuntimeInformation.RuntimeIdentifier;
        string portableRid = (OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux") + "-" +
                             RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        foreach (string root in new[] { AppContext.BaseDirectory, AssemblyDirectory() })
        {
            if (string.IsNullOrEmpty(root))
            {
                continue;
            }

            yield return root;
            yield return Path.Combine(root, "runtimes", portableRid, "native");
            if (rid != portableRid)
            {
                yield return Path.Combine(root, "runtimes", rid, "native");
            }
        }
    }

    // An attribute rather than #pragma: the NativeAOT compiler and the trimmer honour only the attribute.
    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "An empty location is handled: AppContext.BaseDirectory covers single-file and NativeAOT applications.")]
    private static string AssemblyDirectory()
    {
        // Empty for single-file and NativeAOT applications, where AppContext.BaseDirectory covers it.
        string location = typeof(NativeLibraryResolver).Assembly.Location;
        return string.IsNullOrEmpty(location) ? string.Empty : Path.GetDirectoryName(location) ?? string.Empty;
    }

    private static IEnumerable<string> SystemNames()
    {
        if (OperatingSystem.IsMacOS())
        {
            return ["libcfitsio.10.dylib", "libcfitsio.dylib", "/opt/homebrew/lib/libcfitsio.10.dylib", "/usr/local/lib/libcfitsio.10.dylib"];
        }

        return OperatingSystem.IsWindows() ? ["cfitsio.dll"] : ["libcfitsio.so.10", "libcfitsio.so"];
    }

    /// <summary>The file a symbol was loaded from, through <c>dladdr</c>; null where that is unavailable.</summary>
    private static string? LocateFile(IntPtr symbol)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        string[] providers = OperatingSystem.IsMacOS() ? ["/usr/lib/libSystem.B.dylib"] : ["libc.so.6", "libdl.so.2"];
        foreach (string provider in providers)
        {
            if (NativeLibrary.TryLoad(provider, out IntPtr lib) && NativeLibrary.TryGetExport(lib, "dladdr", out IntPtr dladdr))
            {
                DlInfo info;
                if (((delegate* unmanaged<IntPtr, DlInfo*, int>)dladdr)(symbol, &info) != 0 && info.FileName != IntPtr.Zero)
                {
                    return Marshal.PtrToStringUTF8(info.FileName);
                }
            }
        }

        return null;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct DlInfo
    {
        public IntPtr FileName;
        public IntPtr FileBase;
        public IntPtr SymbolName;
        public IntPtr SymbolAddress;
    }

    internal sealed record LoadedLibrary(IntPtr Handle, string Path, string Version, bool IsReentrant, LibraryOrigin Origin);
}
