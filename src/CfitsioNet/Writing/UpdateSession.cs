using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace CfitsioNet;

/// <summary>
/// The update mode of one file opened by <see cref="FitsFile.OpenForUpdate"/>: a read-write descriptor for header edits
/// written in place, and, once a change needed one, the temporary copy every later change goes to (a
/// <see cref="WriteSession"/>, renamed onto the file by a save). Called under the owning file's lock.
/// </summary>
internal sealed class UpdateSession : IDisposable
{
    /// <summary>Size of the unit a single write is never torn within when the writing process is killed (a memory page).</summary>
    private const int AtomicWriteUnit = 4096;

    internal UpdateSession(string targetPath, FileStream writer)
    {
        TargetPath = targetPath;
        Writer = writer;
    }

    /// <summary>The file being updated, a full path.</summary>
    internal string TargetPath { get; }

    /// <summary>A read-write descriptor on the file, for in-place writes.</summary>
    internal FileStream Writer { get; private set; }

    /// <summary>The temporary copy every change goes to, once one needed it; null after a save renamed it in.</summary>
    internal WriteSession? Copy { get; private set; }

    /// <summary>Whether the changes so far are on the copy.</summary>
    internal bool OnCopy => Copy is not null;

    /// <summary>Number of header edits written in place.</summary>
    internal int InPlaceEdits { get; private set; }

    // In-place writes not yet flushed to disk.
    private bool Dirty { get; set; }

    /// <summary>
    /// Writes a header's <paramref name="records"/> over the header between <paramref name="headerStart"/> and
    /// <paramref name="dataStart"/> if they fit and what changes lies within one page (so a killed process leaves the old
    /// header or the new one); <paramref name="written"/> says whether any byte changed (CFITSIO must then reread).
    /// False, with nothing written, when the edit cannot be made in place.
    /// </summary>
    internal bool TryWriteInPlace(long headerStart, long dataStart, List<string> records, out bool written)
    {
        written = false;
        int capacity = checked((int)((dataStart - headerStart) / FitsBlock.CardBytes));
        if (records.Count + 1 > capacity)
        {
            return false;
        }

        byte[] now = new byte[capacity * FitsBlock.CardBytes];
        RandomAccess.Read(Writer.SafeFileHandle, now, headerStart);
        byte[] wanted = HeaderBytes(records, capacity);
        int first = 0;
        while (first < wanted.Length && wanted[first] == now[first])
        {
            first++;
        }

        if (first == wanted.Length)
        {
            return true; // nothing changes on disk
        }

        int last = wanted.Length - 1;
        while (wanted[last] == now[last])
        {
            last--;
        }

        if ((headerStart + first) / AtomicWriteUnit != (headerStart + last) / AtomicWriteUnit)
        {
            return false;
        }

        RandomAccess.Write(Writer.SafeFileHandle, wanted.AsSpan(first, last - first + 1), headerStart + first);
        InPlaceEdits++;
        Dirty = true;
        written = true;
        return true;
    }

    /// <summary>Takes <paramref name="copy"/> (already written and guarding its temporary file) as the file every change now goes to.</summary>
    internal void MoveToCopy(WriteSession copy) => Copy = copy;

    /// <summary>Flushes the in-place writes to disk, if any are pending. For a save with no copy.</summary>
    internal void FlushInPlace()
    {
        if (Dirty)
        {
            Writer.Flush(flushToDisk: true);
            Dirty = false;
        }
    }

    /// <summary>
    /// Renames the copy onto the file (fsync, then rename: the old file or the new, atomically) and reopens the in-place
    /// writer on the new file. Call once CFITSIO has flushed the copy.
    /// </summary>
    internal void CommitCopy()
    {
        Copy!.Commit();
        Copy = null;
        Writer.Dispose();
        Writer = new FileStream(TargetPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
    }

    /// <summary>Closes the in-place writer and deletes an unsaved copy. Call after CFITSIO's handle is closed.</summary>
    public void Dispose()
    {
        Writer.Dispose();
        Copy?.Abandon();
    }

    private static byte[] HeaderBytes(List<string> records, int capacity)
    {
        byte[] bytes = new byte[capacity * FitsBlock.CardBytes];
        bytes.AsSpan().Fill((byte)' ');
        for (int i = 0; i < records.Count; i++)
        {
            string record = records[i];
            Encoding.Latin1.GetBytes(record.AsSpan(0, Math.Min(record.Length, FitsBlock.CardBytes)), bytes.AsSpan(i * FitsBlock.CardBytes));
        }

        // As CFITSIO's ffwend: END goes after the last card, but never before the header's last block (the data start
        // after the block holding END; blank cards before it are the header's free space).
        int end = Math.Max(records.Count, capacity - FitsBlock.CardsPerBlock);
        "END"u8.CopyTo(bytes.AsSpan(end * FitsBlock.CardBytes));
        return bytes;
    }
}
