using System;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>
/// A file written under a temporary name and renamed onto its target when committed: the session of
/// <see cref="FitsFile.Create(string, bool, bool)"/>, and the copy of an update-mode file. It owns the temporary file:
/// <see cref="Commit"/> renames it in, <see cref="Abandon"/> deletes it. A session that is neither (its
/// <see cref="FitsFile"/> was forgotten) is abandoned by its finalizer, which first closes the CFITSIO handle writing
/// the temporary file (so the delete never races CFITSIO's last writes, and works where an open file cannot be deleted).
/// The target is only ever touched by <see cref="Commit"/>.
/// </summary>
internal sealed class WriteSession
{
    // Old files of non-durable commits not deleted yet: deleted at process exit if the thread pool has not got to them.
    private static readonly ConcurrentDictionary<string, bool> s_oldFiles = new(StringComparer.Ordinal);
    private static int s_exitHook;

    // Writes the temporary file; closed before the finalizer deletes it. Null until Guard.
    private SafeHandle? _writer;
    private bool _ended;

    internal WriteSession(string targetPath, string temporaryPath, bool overwrite, bool durable)
    {
        TargetPath = targetPath;
        TemporaryPath = temporaryPath;
        Overwrite = overwrite;
        Durable = durable;
        GC.SuppressFinalize(this); // nothing to clean up until Guard
    }

    /// <summary>Abandons a session its file forgot: closes the writer, then deletes the temporary file.</summary>
    ~WriteSession()
    {
        _writer?.Dispose();
        TryDelete(TemporaryPath);
    }

    /// <summary>Where the file goes on <see cref="Commit"/>.</summary>
    internal string TargetPath { get; }

    /// <summary>Where the file is written meanwhile (in the target's folder, so the rename is atomic).</summary>
    internal string TemporaryPath { get; }

    /// <summary>Whether <see cref="Commit"/> may replace an existing target.</summary>
    internal bool Overwrite { get; }

    /// <summary>Whether <see cref="Commit"/> flushes the temporary file to the device before the rename.</summary>
    internal bool Durable { get; }

    /// <summary>Whether <see cref="Commit"/> succeeded.</summary>
    internal bool Committed { get; private set; }

    /// <summary>
    /// Checks <paramref name="path"/> for <see cref="FitsFile.Create(string, bool, bool)"/> and picks the temporary name
    /// next to it. Creates nothing.
    /// </summary>
    internal static WriteSession Plan(string path, bool overwrite, bool durable)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        string name = Path.GetFileName(fullPath);
        string? folder = Path.GetDirectoryName(fullPath);
        if (name.Length == 0 || folder is null)
        {
            throw new ArgumentException($"'{path}' names a folder, not a file.", nameof(path));
        }

        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Cannot create the FITS file '{fullPath}': the folder '{folder}' does not exist.");
        }

        if (Directory.Exists(fullPath))
        {
            throw new IOException($"Cannot create the FITS file '{fullPath}': a folder of that name exists.");
        }

        if (!overwrite && EntryExists(fullPath))
        {
            throw new IOException(
                $"Cannot create the FITS file '{fullPath}': it already exists. Pass overwrite: true to replace it when the new file is committed.");
        }

        string temporary = TemporaryPathFor(fullPath);
        if (Encoding.UTF8.GetByteCount(temporary) > Cfitsio.MaxFileNameBytes)
        {
            throw new PathTooLongException(
                $"Cannot create the FITS file '{fullPath}': CFITSIO accepts paths of at most {Cfitsio.MaxFileNameBytes} bytes, and the temporary file's is longer.");
        }

        return new WriteSession(fullPath, temporary, overwrite, durable);
    }

    /// <summary>
    /// Starts guarding the temporary file, which <paramref name="writer"/> now holds open: from here on a forgotten
    /// session closes the writer and deletes the file.
    /// </summary>
    internal void Guard(SafeHandle writer)
    {
        _writer = writer;
        GC.ReRegisterForFinalize(this);
    }

    /// <summary>
    /// Publishes the temporary file, closed or not by its writer: fsync unless not durable, then the rename onto
    /// <see cref="TargetPath"/> (replacing it only if <see cref="Overwrite"/>). On failure nothing was published: call
    /// <see cref="Abandon"/>.
    /// </summary>
    internal void Commit()
    {
        Publish();
        Committed = true;
        End();
    }

    /// <summary>Deletes the temporary file unless committed. Call after its writer is closed. Idempotent.</summary>
    internal void Abandon()
    {
        if (!Committed && !_ended)
        {
            TryDelete(TemporaryPath);
        }

        End();
    }

    /// <summary>A hidden, unique name in <paramref name="fullPath"/>'s folder for its temporary file.</summary>
    internal static string TemporaryPathFor(string fullPath)
    {
        // Hidden, unique, and short enough for NAME_MAX whatever the target's name.
        string name = Path.GetFileName(fullPath);
        string stem = name.Length > 100 ? name[..(char.IsHighSurrogate(name[99]) ? 99 : 100)] : name;
        return Path.Combine(Path.GetDirectoryName(fullPath)!, $".{stem}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant()}.tmp");
    }

    /// <summary>True for files, folders and symbolic links, dangling or not.</summary>
    internal static bool EntryExists(string path) => File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;

    /// <summary>Deletes <paramref name="path"/> if it can: a leftover temporary file never takes the target's name.</summary>
    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the name is unique and never becomes the target's.
        }
    }

    /// <summary>Deletes, now, the replaced files the thread pool has not deleted yet (at process exit; tests).</summary>
    internal static void DeleteOldFiles()
    {
        foreach (string path in s_oldFiles.Keys)
        {
            TryDelete(path);
            s_oldFiles.TryRemove(path, out _);
        }
    }

    [SuppressMessage("Usage", "CA1816", Justification = "A session ends by Commit or Abandon, not by Dispose: either leaves the finalizer nothing to do.")]
    private void End()
    {
        _ended = true;
        _writer = null;
        GC.SuppressFinalize(this);
    }

    private void Publish()
    {
        // The data must be on disk before the rename makes it visible, or a crash could publish a hollow file.
        if (Durable)
        {
            using var stream = new FileStream(TemporaryPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            stream.Flush(flushToDisk: true);
        }

        if (Overwrite && !OperatingSystem.IsWindows() && File.Exists(TargetPath))
        {
            try
            {
                File.SetUnixFileMode(TemporaryPath, File.GetUnixFileMode(TargetPath));
            }
            catch (FileNotFoundException)
            {
                // The old file went away meanwhile: keep the default mode.
            }
        }

        if (Overwrite)
        {
            if (!Durable && TryExchange())
            {
                return;
            }

            // rename(2): atomic replacement.
            File.Move(TemporaryPath, TargetPath, overwrite: true);
            return;
        }

        // File.Move without overwrite checks and then renames, which could still replace a file created in between.
        // link(2) fails atomically if the name exists; the temporary name is removed afterwards.
        if (!OperatingSystem.IsWindows())
        {
            if (Libc.Link(TemporaryPath, TargetPath) == 0)
            {
                // Published; a leftover second name would be harmless.
                TryDelete(TemporaryPath);
                return;
            }

            if (Marshal.GetLastPInvokeError() == Libc.EEXIST)
            {
                throw AppearedMeanwhile(null);
            }

            // A file system without hard links: fall back to File.Move's check and rename.
        }

        try
        {
            File.Move(TemporaryPath, TargetPath, overwrite: false);
        }
        catch (IOException e) when (EntryExists(TargetPath))
        {
            throw AppearedMeanwhile(e);
        }
    }

    /// <summary>
    /// Replaces the target by swapping the two names in one atomic step (Linux <c>renameat2</c>, RENAME_EXCHANGE),
    /// then deletes the old file, now under the temporary name. False, with nothing changed, where there is no
    /// target file to swap with or the system cannot swap: the caller renames.
    /// </summary>
    /// <remarks>
    /// For commits without fsync only: a rename over an existing file makes ext4 (auto_da_alloc) allocate and start
    /// writing the new file's blocks before the rename returns, milliseconds per file, a safety net for programs that
    /// do not fsync. A non-durable commit has chosen not to wait for the disk; readers still see the old file or the
    /// new one, never neither.
    /// </remarks>
    private bool TryExchange()
    {
        if (!OperatingSystem.IsLinux() || Directory.Exists(TargetPath) || !EntryExists(TargetPath))
        {
            return false;
        }

        try
        {
            if (Libc.RenameAt2(Libc.AtCurrentDirectory, TemporaryPath, Libc.AtCurrentDirectory, TargetPath, Libc.RenameExchange) != 0)
            {
                return false; // ENOENT (the target went away meanwhile), EINVAL (no exchange here): rename instead
            }
        }
        catch (EntryPointNotFoundException)
        {
            return false; // a C library without renameat2
        }

        // Published; the old file is under the temporary name, harmless if the delete fails. Freeing its blocks and
        // pages is the slowest part of the commit: a thread-pool thread does it (see DeleteSoon).
        DeleteSoon(TemporaryPath);
        return true;
    }

    /// <summary>Deletes a replaced file (already unreachable under its old name) on a thread-pool thread.</summary>
    private static void DeleteSoon(string path)
    {
        if (Interlocked.Exchange(ref s_exitHook, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += static (_, _) => DeleteOldFiles();
        }

        s_oldFiles[path] = true;
        ThreadPool.UnsafeQueueUserWorkItem(
            static p =>
            {
                TryDelete(p);
                s_oldFiles.TryRemove(p, out _);
            },
            path,
            preferLocal: false);
    }

    private IOException AppearedMeanwhile(Exception? inner) => new(
        $"Cannot commit the FITS file '{TargetPath}': a file of that name appeared after FitsFile.Create, and overwrite was false. It was not replaced.",
        inner);
}
