using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>
/// Facts about the native CFITSIO library this process uses. Reading any property loads the library, and
/// throws <see cref="System.DllNotFoundException"/> (listing every place tried) if none can be found.
/// </summary>
/// <remarks>
/// Search order: the file named by the <c>CFITSIONET_LIBRARY</c> environment variable (if set, nothing else is
/// tried); the library bundled with the application; a system CFITSIO (<c>libcfitsio.so.10</c> on Linux,
/// <c>libcfitsio.10.dylib</c> on macOS).
/// </remarks>
public static class CfitsioLibrary
{
    /// <summary>Full path of the loaded shared library file.</summary>
    public static string Path => NativeLibraryResolver.Loaded.Path;

    /// <summary>CFITSIO's version, for example <c>4.2.0</c>.</summary>
    public static string Version => NativeLibraryResolver.Loaded.Version;

    /// <summary>
    /// Whether the library was built thread-safe. When it was not, CfitsioNet serialises every CFITSIO call in the
    /// process, so separate <see cref="FitsFile"/> instances no longer read in parallel.
    /// </summary>
    public static bool IsReentrant => NativeLibraryResolver.Loaded.IsReentrant;

    /// <summary>Where the loaded library came from.</summary>
    public static LibraryOrigin Origin => NativeLibraryResolver.Loaded.Origin;
}
