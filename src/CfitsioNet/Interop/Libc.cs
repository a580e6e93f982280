using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>The few POSIX calls .NET has no API for. Unix only.</summary>
internal static partial class Libc
{
    internal const int EEXIST = 17; // the same on Linux and macOS

    /// <summary><c>link(2)</c>: makes <paramref name="newPath"/> another name of <paramref name="existingPath"/>; fails with EEXIST, atomically, if <paramref name="newPath"/> exists.</summary>
    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int Link(string existingPath, string newPath);
}
