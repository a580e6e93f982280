using System;
using System.IO;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>Creating files: the write session, <see cref="Commit"/> and the fault state.</summary>
public sealed partial class FitsFile
{
    // Set for files made by Create: where the file goes on Commit and where it is written meanwhile.
    private WriteSession? _session;

    // The first exception thrown by a write call; once set, the file cannot be committed.
    private Exception? _fault;

    /// <summary>
    /// Starts writing a new FITS file at <paramref name="path"/>. The file is built under a temporary name in the
    /// same folder (<c>.&lt;name&gt;.&lt;random&gt;.tmp</c>) and only takes its real name when <see cref="Commit"/>
    /// succeeds, by an atomic rename: readers of <paramref name="path"/> see either the old file or the complete new
    /// one, never a partial file.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <b>Nothing is written to <paramref name="path"/> unless <see cref="Commit"/> is called.</b> Disposing the file
    /// without committing (including when an exception leaves a <c>using</c> block) deletes the temporary file and
    /// leaves any existing file at <paramref name="path"/> untouched, like a <c>TransactionScope</c> that was not
    /// completed. If the process dies first, the old file is likewise untouched; only the temporary file may remain.
    /// </para>
    /// <para>
    /// Add HDUs with <see cref="AddImage{T}(ReadOnlySpan{T}, ReadOnlySpan{long}, ImageWriteOptions?)"/> and
    /// <see cref="AddEmptyImage"/>: the first becomes the primary HDU, the others extensions. If any write call
    /// throws, the file is faulted and <see cref="Commit"/> refuses to publish it. The new HDUs can be read back
    /// before committing. <see cref="FileName"/> is <paramref name="path"/> as a full path.
    /// </para>
    /// <para>
    /// Replacing a file gives <paramref name="path"/> a new inode: the old file's permission bits are copied, its
    /// owner and hard links are not, and a symbolic link at <paramref name="path"/> is replaced by the file.
    /// </para>
    /// </remarks>
    /// <param name="path">Where the file goes, absolute or relative to the current directory. A plain name: no CFITSIO extended syntax.</param>
    /// <param name="overwrite">Whether <see cref="Commit"/> may replace an existing file at <paramref name="path"/>.</param>
    /// <returns>A writable file; dispose it (after <see cref="Commit"/>, or to abandon the file).</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or names a folder.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="IOException">
    /// A file exists at <paramref name="path"/> and <paramref name="overwrite"/> is false, or the temporary file cannot
    /// be created (for example, the folder is not writable); the message names the path.
    /// </exception>
    /// <example>
    /// <code>
    /// using (var fits = FitsFile.Create("out.fits", overwrite: true))
    /// {
    ///     fits.AddImage&lt;float&gt;(pixels, [rows, columns]);
    ///     fits.Commit();   // without this line, out.fits is left as it was
    /// }
    /// </code>
    /// </example>
    public static FitsFile Create(string path, bool overwrite = false) => Create(path, overwrite, durable: true);

    /// <summary>
    /// Starts writing a new FITS file at <paramref name="path"/>, as <see cref="Create(string, bool)"/> does, and says
    /// whether <see cref="Commit"/> flushes the file to the storage device (<c>fsync</c>) before renaming it into place.
    /// </summary>
    /// <remarks>
    /// With <paramref name="durable"/> false, Commit skips the <c>fsync</c>: readers still see the old file or the
    /// complete new one (the rename is atomic either way), and a crash of the process loses nothing that Commit
    /// returned, but after a power cut or an operating-system crash the new name may hold an empty or partial file.
    /// The flush waits for the device, typically milliseconds per file, more than writing a few megabytes into the
    /// page cache costs: skip it where many files are written and the source can write them again (a camera's frames,
    /// a pipeline's intermediates).
    /// </remarks>
    /// <param name="path">Where the file goes, absolute or relative to the current directory. A plain name: no CFITSIO extended syntax.</param>
    /// <param name="overwrite">Whether <see cref="Commit"/> may replace an existing file at <paramref name="path"/>.</param>
    /// <param name="durable">Whether <see cref="Commit"/> flushes the file to the device before the rename (the default of <see cref="Create(string, bool)"/>).</param>
    /// <returns>A writable file; dispose it (after <see cref="Commit"/>, or to abandon the file).</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or names a folder.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="IOException">
    /// A file exists at <paramref name="path"/> and <paramref name="overwrite"/> is false, or the temporary file cannot
    /// be created; the message names the path.
    /// </exception>
    /// <example>
    /// <code>
    /// using (var fits = FitsFile.Create("frame_0042.fits", overwrite: true, durable: false))
    /// {
    ///     fits.AddImage&lt;ushort&gt;(frame, [rows, columns]);
    ///     fits.Commit();   // renamed into place without waiting for the disk
    /// }
    /// </code>
    /// </example>
    public static FitsFile Create(string path, bool overwrite, bool durable)
    {
        WriteSession session = WriteSession.Plan(path, overwrite, durable);
        object sync = NativeLibraryResolver.Loaded.IsReentrant ? new object() : s_globalLock;
        lock (sync)
        {
            FitsHandle handle;
            try
            {
                handle = CfitsioProxy.CreateDiskFileOrDispose(session.TemporaryPath, "create", new CallContext(session.TargetPath));
            }
            catch (FitsException reported)
            {
                throw DiagnoseCreateFailure(session.TargetPath, Path.GetDirectoryName(session.TargetPath)!, session.TemporaryPath, reported);
            }

            session.Guard(handle);
            return new FitsFile(handle, session.TargetPath, sync, writable: true)
            {
                _session = session,
                _hduCount = 0,
            };
        }
    }

    /// <summary>
    /// Publishes the file: writes everything CFITSIO still buffers, closes the file, flushes it to disk (unless it was
    /// created with <c>durable: false</c>) and renames it
    /// onto <see cref="FileName"/> in one atomic step. Afterwards the <see cref="FitsFile"/> is closed, as by
    /// <see cref="Dispose"/>; open the published file with <see cref="Open(string)"/> to read it again. A file with no HDU
    /// is published with an empty primary HDU.
    /// </summary>
    /// <remarks>
    /// If Commit throws an <see cref="IOException"/>, nothing was published: the temporary file is deleted, any old file
    /// is untouched and this instance is closed. When the file was created with <c>overwrite: false</c> and a file
    /// appeared at the path meanwhile, it is not replaced: Commit throws.
    /// </remarks>
    /// <exception cref="InvalidOperationException">
    /// The file was not made by <see cref="Create(string, bool)"/>, was already committed, or is faulted because an earlier write
    /// call threw (the original exception is the inner exception); dispose it to discard the temporary file.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The file has been disposed.</exception>
    /// <exception cref="FitsException">CFITSIO failed to write the last blocks or to close the file.</exception>
    /// <exception cref="IOException">The file could not be flushed or renamed into place.</exception>
    /// <exception cref="UnauthorizedAccessException">The operating system refused to flush or rename the file.</exception>
    public void Commit()
    {
        lock (Sync)
        {
            if (TryCommitToStream())
            {
                return;
            }

            WriteSession session = _session
                ?? throw new InvalidOperationException($"'{FileName}' was opened, not made by FitsFile.Create: there is nothing to commit.");
            if (session.Committed)
            {
                throw new InvalidOperationException($"'{FileName}' has already been committed.");
            }

            ThrowIfDisposed();
            ThrowIfFaulted("commit");
            try
            {
                if (HduCount == 0)
                {
                    AddEmptyImage();
                }

                CfitsioProxy.Flush(_handle, "flush before commit", new CallContext(FileName));

                _disposed = true;
                _handle.Dispose();
                if (_handle.CloseStatus != 0)
                {
                    throw FitsStatus.Create(_handle.CloseStatus, "close before commit", FileName);
                }

                session.Commit();
            }
            catch
            {
                _disposed = true;
                _handle.Dispose();
                session.Abandon();
                throw;
            }
        }
    }

    /// <summary>
    /// Checks that a write call may run: the file is open, writable and not faulted. Call under <see cref="Sync"/>,
    /// then do the write in a <c>try</c> whose <c>catch</c> calls <see cref="Fault"/> and rethrows.
    /// </summary>
    internal void BeginWrite(string operation)
    {
        ThrowIfDisposed();
        if (!IsWritable)
        {
            throw new InvalidOperationException($"Cannot {operation}: '{FileName}' is open read-only.");
        }

        ThrowIfFaulted(operation);
        EnsureUpdateCopy();
    }

    /// <summary>Marks the file faulted by a failed write call: <see cref="Commit"/> will refuse it. Call under <see cref="Sync"/>.</summary>
    internal void Fault(Exception exception) => _fault ??= exception;

    private void ThrowIfFaulted(string operation)
    {
        if (_fault is not null)
        {
            throw new InvalidOperationException(
                $"Cannot {operation} '{FileName}': an earlier write failed ({_fault.GetType().Name}: {_fault.Message}), so the file is incomplete. " +
                "Dispose it to discard the temporary file; nothing was written to the target path.",
                _fault);
        }
    }

    private static Exception DiagnoseCreateFailure(string fullPath, string folder, string temporary, FitsException reported)
    {
        if (File.Exists(temporary))
        {
            // CFITSIO created the file and then failed: the random name is ours alone.
            WriteSession.TryDelete(temporary);
            return reported;
        }

        // CFITSIO does not say why the operating system refused; asking the OS the same question does.
        try
        {
            using (new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
            }

            WriteSession.TryDelete(temporary);
        }
        catch (UnauthorizedAccessException e)
        {
            return new IOException($"Cannot create the FITS file '{fullPath}': no permission to create files in '{folder}'.", e);
        }
        catch (IOException e)
        {
            return new IOException($"Cannot create the FITS file '{fullPath}': {e.Message}", e);
        }

        return reported;
    }
}
