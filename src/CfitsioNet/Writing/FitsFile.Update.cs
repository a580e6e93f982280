using System;
using System.Collections.Generic;
using System.IO;
using CfitsioNet.Interop;
using CfitsioNet.Validation;
using Microsoft.Win32.SafeHandles;

namespace CfitsioNet;

/// <summary>Update mode: editing an existing file in place where that is safe, on a temporary copy otherwise.</summary>
public sealed partial class FitsFile
{
    private UpdateSession? _update;

    /// <summary>
    /// Opens an existing FITS file for changes: header cards (<see cref="Header.Set(string, string, string?)"/> and the
    /// rest of <see cref="Header"/>'s writers), new image HDUs appended with <c>AddImage</c>, and checksums
    /// (<see cref="Hdu.UpdateChecksum"/>). Changes are saved by <see cref="Save"/> or <see cref="Dispose"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <b>What a process killed at any moment leaves.</b> A header edit that keeps the header's size and changes bytes
    /// within one 4096-byte page of the file (changing a keyword's value, adding a card where the header has blank
    /// space, usually removing one) is written in place with one positioned write: the kernel copies a write within one
    /// page into the page cache whole, so a killed process leaves the old or the new header, never a mix, and the
    /// edit takes milliseconds whatever the file's size. Any other change (a header that must grow or shifts cards
    /// across a page boundary, a new HDU, checksums) first copies the whole file to a temporary file in the same folder
    /// (<c>.&lt;name&gt;.&lt;random&gt;.tmp</c>); every later change goes to the copy, which <see cref="Save"/> flushes to
    /// disk and renames onto the file in one atomic step. Killed before the rename, the process leaves the old file
    /// (and the temporary one); after it, the new file.
    /// </para>
    /// <para>
    /// <b>Power loss</b> is another matter: an in-place edit is flushed to disk by <see cref="Save"/> and
    /// <see cref="Dispose"/>, but a disk may tear a page it was writing when the power failed. The rename of a copy is as
    /// safe as the file system's rename.
    /// </para>
    /// <para>
    /// Disposing saves, as <see cref="Save"/> does (and throws what it throws); a file that is never disposed keeps its
    /// in-place edits, and the finalizer deletes an unsaved copy. Replacing the file by its copy gives it a new inode:
    /// its permission bits are kept, hard links and other open descriptors still see the old contents.
    /// </para>
    /// </remarks>
    /// <param name="path">A plain file name, absolute or relative to the current directory.</param>
    /// <returns>The file, writable.</returns>
    /// <exception cref="FileNotFoundException">No file exists at <paramref name="path"/>.</exception>
    /// <exception cref="FitsException">The file is not a FITS file CFITSIO can open, or is compressed (gzip).</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened for writing.</exception>
    /// <example>
    /// <code>
    /// using (var fits = FitsFile.OpenForUpdate("m31.fits"))
    /// {
    ///     fits.Primary.Header.Set("OBSERVER", "Edwin Hubble");
    /// }   // saved
    /// </code>
    /// </example>
    public static FitsFile OpenForUpdate(string path)
    {
        string fullPath = SafeFileName.Resolve(path, "open for update", out FileIdentity identity);

        // The header checks of Open (Validation/HeaderScan.cs), before CFITSIO reads a header it would mishandle.
        HeaderScan.Check(fullPath, identity);
        var writer = new FileStream(fullPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
        try
        {
            FitsFile file = OpenCore(fullPath, extended: false, writable: false);
            string driver;
            lock (file.Sync)
            {
                driver = Cfitsio.GetDriverPrefix(file._handle);
            }

            if (driver != "file://")
            {
                // A gzip file is read from an uncompressed copy in memory: its bytes on disk are not the FITS file's.
                file.Dispose();
                throw new FitsException(
                    $"a compressed file cannot be opened for update (CFITSIO reads it through '{driver}'); decompress it first",
                    fullPath, "open for update");
            }

            RefuseTruncated(file, fullPath);
            file.IsWritable = true;
            file._update = new UpdateSession(fullPath, writer);
            return file;
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Refuses (and closes) a file whose headers declare data past its end by more than the last block's padding:
    /// CFITSIO, closing a file it may write, fills the missing data in, so a header that claims 2^31 rows of a cut file
    /// would write gigabytes (a fuzz finding). Such a file is damaged; it is left as it is.
    /// </summary>
    private static void RefuseTruncated(FitsFile file, string fullPath)
    {
        long length = new FileInfo(fullPath).Length;
        try
        {
            int count = file.HduCount;
            for (int i = 0; i < count; i++)
            {
                long end = file[i].Layout.DataEnd;
                if (end - length >= FitsBlock.Bytes)
                {
                    throw new FitsException(
                        $"HDU {i}'s header declares data up to byte {end}, but the file has {length} bytes (truncated or damaged); " +
                        "it is not opened for update, because closing it would fill the missing data in", fullPath, "open for update", i);
                }
            }
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }


    /// <summary>Whether header edits are planned and written in place (update mode, not yet on a temporary copy).</summary>
    internal bool EditsInPlace => _update is { OnCopy: false };

    /// <summary>Whether the changes so far are on a temporary copy, to be renamed in by <see cref="Save"/> (tests look).</summary>
    internal bool UpdatesOnCopy => _update is { OnCopy: true };

    /// <summary>Number of header edits written in place (tests check which path ran).</summary>
    internal int InPlaceEdits => _update?.InPlaceEdits ?? 0;

    /// <summary>
    /// Saves the changes of a file opened with <see cref="OpenForUpdate"/>: in-place edits are flushed to disk; changes on
    /// the temporary copy are written, flushed to disk, and the copy renamed onto the file in one atomic step. The file
    /// stays open for more changes.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file was not opened with <see cref="OpenForUpdate"/>, or a write failed (the copy is then discarded on dispose).</exception>
    /// <exception cref="ObjectDisposedException">The file has been disposed.</exception>
    /// <exception cref="FitsException">CFITSIO could not write the copy.</exception>
    /// <exception cref="IOException">The copy could not be flushed or renamed.</exception>
    public void Save()
    {
        lock (Sync)
        {
            ThrowIfDisposed();
            UpdateSession update = _update ?? throw new InvalidOperationException($"'{FileName}' was not opened with FitsFile.OpenForUpdate: there is nothing to save.");
            ThrowIfFaulted("save");
            SaveLocked(update);
        }
    }

    /// <summary>Writes a header's planned records in place if they fit and change one page only; else moves to the copy. Under <see cref="Sync"/>.</summary>
    /// <returns>True when written in place (CFITSIO reopened); false when the file is now on its copy and CFITSIO must do the edit.</returns>
    internal bool TryWriteHeaderInPlace(int hduIndex, List<string> records)
    {
        UpdateSession update = _update!;
        FitsHandle handle = EnterHdu(hduIndex);
        CfitsioProxy.GetHduOffsets(handle, out long headerStart, out long dataStart, out _, "locate header", new CallContext(FileName, hduIndex));
        if (update.TryWriteInPlace(headerStart, dataStart, records, out bool written))
        {
            if (written)
            {
                Reopen(FileName, Cfitsio.ReadOnly); // CFITSIO rereads the header it no longer has right
            }

            return true;
        }

        EnsureUpdateCopy();
        return false;
    }

    /// <summary>Moves an update-mode file onto its temporary copy, if not there yet. Under <see cref="Sync"/>.</summary>
    internal void EnsureUpdateCopy()
    {
        if (_update is not { OnCopy: false } update)
        {
            return;
        }

        string temporary = WriteSession.TemporaryPathFor(update.TargetPath);
        try
        {
            File.Copy(update.TargetPath, temporary, overwrite: false);
            Reopen(temporary, Cfitsio.ReadWrite);
        }
        catch
        {
            WriteSession.TryDelete(temporary);
            throw;
        }

        var copy = new WriteSession(update.TargetPath, temporary, overwrite: true, durable: true);
        copy.Guard(_handle);
        update.MoveToCopy(copy);
    }

    // Called by Dispose under Sync: saves an update-mode file unless a write failed (its copy is then deleted).
    private void SaveUpdateOnDispose()
    {
        if (_update is { } update && !_disposed && _fault is null)
        {
            SaveLocked(update);
        }
    }

    private void SaveLocked(UpdateSession update)
    {
        if (!update.OnCopy)
        {
            update.FlushInPlace();
            return;
        }

        CfitsioProxy.Flush(_handle, "flush before save", new CallContext(FileName));
        update.CommitCopy();

        // CFITSIO still holds the renamed copy, now the file: reopen it read-only so in-place edits can resume.
        Reopen(update.TargetPath, Cfitsio.ReadOnly);
    }

    // Closes CFITSIO's file and opens name in its place.
    private void Reopen(string name, int mode)
    {
        lock (FitsStatus.ErrorStackLock)
        {
            IntPtr pointer = CfitsioProxy.OpenDiskFileOrClose(name, mode, hduFromStatus: false, "reopen", new CallContext(FileName));
            _currentHdu = -1;
            _handle.Swap(pointer, "close before reopening", new CallContext(FileName));
        }
    }
}
