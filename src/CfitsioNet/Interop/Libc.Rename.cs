using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary><c>renameat2(2)</c> with <c>RENAME_EXCHANGE</c>: the non-durable commit's way to replace a file (Linux).</summary>
internal static partial class Libc
{
    internal const int AtCurrentDirectory = -100; // AT_FDCWD
    internal const uint RenameExchange = 2;       // RENAME_EXCHANGE
    internal const int ENOENT = 2;

    /// <summary>
    /// <c>renameat2(AT_FDCWD, oldPath, AT_FDCWD, newPath, flags)</c> (glibc 2.28, musl 1.2.5). With
    /// <see cref="RenameExchange"/> both names must exist and swap files atomically; ENOENT if one is missing, EINVAL
    /// where the file system cannot exchange.
    /// </summary>
    [LibraryImport("libc", EntryPoint = "renameat2", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);
}
