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

    /// <summary>The kind of <paramref name="fullPath"/>.</summary>
    internal static FileKind Of(string fullPath)
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

        return (m & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Unknown,
        };
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
