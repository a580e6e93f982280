using System;
using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>The libc calls the memory layer and the direct path need on Linux: anonymous mappings, advice about them, a plain open.</summary>
internal static unsafe partial class Libc
{
    private const string Library = "libc";

    internal const int ProtRead = 0x1;
    internal const int ProtWrite = 0x2;
    internal const int MapPrivate = 0x02;
    internal const int MapAnonymous = 0x20;       // Linux value (x86-64 and arm64)
    internal const int MadviseHugePage = 14;      // MADV_HUGEPAGE
    internal const int MadvisePopulateWrite = 23; // MADV_POPULATE_WRITE, Linux 5.14+

    /// <summary>The address <c>mmap</c> returns on failure.</summary>
    internal static readonly IntPtr MapFailed = new(-1);

    internal const int OpenReadOnly = 0;              // O_RDONLY
    internal const int OpenCloseOnExec = 0x80000;     // O_CLOEXEC, Linux value

    /// <summary><c>open(2)</c>: a file descriptor for <paramref name="path"/>, or -1 and errno.</summary>
    [LibraryImport(Library, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int Open(string path, int flags);

    /// <summary><c>mmap</c>: maps <paramref name="length"/> bytes; returns <see cref="MapFailed"/> and sets errno on failure.</summary>
    [LibraryImport(Library, EntryPoint = "mmap", SetLastError = true)]
    internal static partial IntPtr Map(IntPtr address, nuint length, int protection, int flags, int fileDescriptor, long offset);

    /// <summary><c>munmap</c>: unmaps a page-aligned range; 0 on success.</summary>
    [LibraryImport(Library, EntryPoint = "munmap", SetLastError = true)]
    internal static partial int Unmap(IntPtr address, nuint length);

    /// <summary><c>madvise</c>: advice about a page-aligned range; 0 on success, -1 and errno (EINVAL for unknown advice) otherwise.</summary>
    [LibraryImport(Library, EntryPoint = "madvise", SetLastError = true)]
    internal static partial int Advise(IntPtr address, nuint length, int advice);
}
