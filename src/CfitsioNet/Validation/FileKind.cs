using System;
using System.IO;
using System.Runtime.InteropServices;

namespace CfitsioNet.Validation;

/// <summary>What a path names, as the file system says (symbolic links followed).</summary>
internal enum FileKind
{
    /// <summary>Nothing exists at the path (or a component of it is not a directory).</summary>
    Missing,

    /// <summary>A regular file: the only kind <see cref="FitsFile.Open(string)"/> accepts.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A named pipe: opening it blocks until a writer appears.</summary>
    Fifo,

    /// <summary>A character device such as <c>/dev/zero</c>: reads never end.</summary>
    CharacterDevice,

    /// <summary>A block device.</summary>
    BlockDevice,

    /// <summary>A socket.</summary>
    Socket,

    /// <summary>The file system could not tell; treated as not a regular file.</summary>
    Unknown,
}

/// <summary>
/// Finds a path's <see cref="FileKind"/> without opening it (opening a FIFO blocks), through <c>statx</c> on Linux
/// and <c>stat</c> on macOS. .NET has no public API for the file type.
/// </summary>
internal static unsafe class FileKinds
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1; // STATX_TYPE
    private const int StatxModeOffset = 28; // struct statx: the same layout on every Linux architecture
    private const int DarwinStatModeOffset = 4; // struct stat (64-bit inodes): dev_t st_dev (4 bytes), then mode_t st_mode

    private static readonly delegate* unmanaged<int, byte*, int, uint, byte*, int> s_statx = LoadLinuxStatx();
    private static readonly delegate* unmanaged<byte*, byte*, int> s_darwinStat = LoadDarwinStat();

    private const uint StatxBasicStats = 0x7FF; // STATX_BASIC_STATS
    private const int StatxInodeOffset = 32;
    private const int StatxSizeOffset = 40;
    private const int StatxChangedOffset = 96; // struct statx_timestamp stx_ctime: s64 seconds, u32 nanoseconds
    private const int StatxModifiedOffset = 112;
    private const int StatxDeviceOffset = 136; // stx_dev_major, stx_dev_minor

    /// <summary>The kind of <paramref name="fullPath"/>.</summary>
    internal static FileKind Of(string fullPath) => Of(fullPath, out _);

    /// <summary>
    /// The kind of <paramref name="fullPath"/> and, on Linux, the identity of its current contents, from one
    /// <c>statx</c> call; where that fails, the checks below decide as before and the identity is unknown.
    /// </summary>
    internal static FileKind Of(string fullPath, out FileIdentity identity)
    {
        identity = FileIdentity.Unknown;
        if (s_statx != null && Statx(fullPath, out identity) is int statxMode)
        {
            return KindOf(statxMode);
        }

        return OfSlow(fullPath);
    }

    private static FileKind OfSlow(string fullPath)
    {
        if (System.IO.Directory.Exists(fullPath))
        {
            return FileKind.Directory;
        }

        if (!File.Exists(fullPath))
        {
            return FileKind.Missing;
        }

        int? mode = ReadMode(fullPath);
        if (mode is not int m)
        {
            // No stat available (another OS, or statx refused by a sandbox): an empty length is what FIFOs,
            // devices and procfs files report, and no FITS file is empty.
            return new FileInfo(fullPath).Length > 0 ? FileKind.Regular : FileKind.Unknown;
        }

        return KindOf(m);
    }

    private static FileKind KindOf(int mode) =>
        (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Unknown,
        };

    // One statx (following symbolic links): the mode, or null when the call fails (the slow checks then decide).
    private static int? Statx(string fullPath, out FileIdentity identity)
    {
        identity = FileIdentity.Unknown;
        int byteCount = System.Text.Encoding.UTF8.GetByteCount(fullPath);
        if (byteCount > 4096)
        {
            return null;
        }

        byte* path = stackalloc byte[byteCount + 1];
        System.Text.Encoding.UTF8.GetBytes(fullPath, new Span<byte>(path, byteCount));
        path[byteCount] = 0;
        byte* buffer = stackalloc byte[512];
        if (s_statx(AtFdCwd, path, 0, StatxBasicStats, buffer) != 0)
        {
            return null;
        }

        identity = new FileIdentity(
            ((ulong)*(uint*)(buffer + StatxDeviceOffset) << 32) | *(uint*)(buffer + StatxDeviceOffset + 4),
            *(ulong*)(buffer + StatxInodeOffset),
            *(ulong*)(buffer + StatxSizeOffset),
            *(long*)(buffer + StatxModifiedOffset),
            *(uint*)(buffer + StatxModifiedOffset + 8),
            *(long*)(buffer + StatxChangedOffset),
            *(uint*)(buffer + StatxChangedOffset + 8));
        return *(ushort*)(buffer + StatxModeOffset);
    }

    /// <summary>Words for error messages, e.g. "a named pipe (FIFO)".</summary>
    internal static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "a directory",
        FileKind.Fifo => "a named pipe (FIFO)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.Regular => "a regular file",
        FileKind.Missing => "missing",
        _ => "empty or not a regular file",
    };

    private static int? ReadMode(string fullPath)
    {
        int byteCount = System.Text.Encoding.UTF8.GetByteCount(fullPath);
        byte[] path = new byte[byteCount + 1];
        System.Text.Encoding.UTF8.GetBytes(fullPath, path);
        byte* buffer = stackalloc byte[512];
        fixed (byte* p = path)
        {
            if (s_statx != null)
            {
                return s_statx(AtFdCwd, p, 0, StatxType, buffer) == 0 ? *(ushort*)(buffer + StatxModeOffset) : null;
            }

            if (s_darwinStat != null)
            {
                return s_darwinStat(p, buffer) == 0 ? *(ushort*)(buffer + DarwinStatModeOffset) : null;
            }
        }

        return null;
    }

    private static delegate* unmanaged<int, byte*, int, uint, byte*, int> LoadLinuxStatx()
    {
        if (OperatingSystem.IsLinux() && NativeLibrary.TryLoad("libc.so.6", out IntPtr libc) &&
            NativeLibrary.TryGetExport(libc, "statx", out IntPtr statx))
        {
            return (delegate* unmanaged<int, byte*, int, uint, byte*, int>)statx;
        }

        return null;
    }

    private static delegate* unmanaged<byte*, byte*, int> LoadDarwinStat()
    {
        // The plain "stat" symbol uses 64-bit inodes on arm64; x86_64 has it as "stat$INODE64".
        if (OperatingSystem.IsMacOS() && NativeLibrary.TryLoad("/usr/lib/libSystem.B.dylib", out IntPtr libSystem) &&
            (NativeLibrary.TryGetExport(libSystem, RuntimeInformation.ProcessArchitecture == Architecture.X64 ? "stat$INODE64" : "stat", out IntPtr stat)))
        {
            return (delegate* unmanaged<byte*, byte*, int>)stat;
        }

        return null;
    }
}
