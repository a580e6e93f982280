using System;
using System.IO;
using CfitsioNet.Direct;

namespace CfitsioNet.Tables;

/// <summary>
/// The table direct path: fixed-width numeric columns read without CFITSIO, from the file's rows in blocks the size
/// of the L2 cache, by <see cref="ColumnGather"/> (gather + byte swap, the unsigned conventions' sign flip folded in).
/// Pure byte moves, so the values are CFITSIO's natural-type <c>fits_read_col</c> bit for bit (tests prove it on every
/// golden table). Rows come from the file's leased memory map when it has one (<see cref="MapPolicy"/>), else from
/// positioned reads into one reused block. <see cref="DirectColumnPath"/> decides which columns of a read it gets.
/// </summary>
internal static unsafe class DirectTableReader
{
    /// <summary>From the map, up to this many columns are gathered straight from the mapped rows; more are copied to a block first.</summary>
    private const int StreamingColumns = 4;

    /// <summary>
    /// Reads whose rows span at least this many bytes are split across threads (<see cref="FitsOpenOptions.MaxDegreeOfParallelism"/>).
    /// The gather is bound by memory bandwidth, which one core does not saturate: on the 2-vCPU machines of
    /// docs/tables.md the C floor on one core is 0.36 of CFITSIO for 3 of 20 columns.
    /// </summary>
    internal const long ParallelBytes = 16L * 1024 * 1024;

    private static readonly long s_blockBytes = L2Bytes();

    [ThreadStatic]
    private static byte[]? t_block;

    /// <summary>The L2 cache's size (Linux sysfs), 1 MiB where it cannot be read.</summary>
    internal static long BlockBytes => s_blockBytes;

    /// <summary>
    /// Gathers <paramref name="columns"/> for rows [<paramref name="firstRow"/>, + <paramref name="rows"/>) into
    /// <paramref name="destinations"/> (each the address of the first row's cell). False, with nothing meaningful
    /// written, when the direct path cannot serve the read (no second handle, the file shorter than the header says):
    /// CFITSIO then reads, and reports what the user should see. A chunk of a stream (<c>streaming</c>: each row read
    /// once) takes positioned reads unless the file is always mapped. Call under the file's lock.
    /// </summary>
    internal static bool TryRead(TableHdu table, ReadOnlySpan<GatherColumn> columns, ReadOnlySpan<nint> destinations, long firstRow, long rows, bool streaming = false)
    {
        TableSchema schema = table.Schema;
        if (!table.File.DirectReadAllowed || schema.DataStart < 0 || schema.Layout.RowWidth > int.MaxValue / 2 || rows == 0)
        {
            return rows == 0 && table.File.DirectReadAllowed;
        }

        DirectFileSource? source = table.File.GetDirectSource();
        if (source is null)
        {
            return false;
        }

        int rowWidth = (int)schema.Layout.RowWidth;
        FitsOpenOptions options = table.File.Options;
        long blockBytes = options.TableBlockBytes > 0 ? options.TableBlockBytes : s_blockBytes;
        int blockRows = (int)Math.Clamp(blockBytes / Math.Max(1, rowWidth), 1, rows);
        long start = schema.DataStart + (firstRow * rowWidth);
        byte* map = null;
        MapAccess access = streaming && !source.MapsAlways ? MapAccess.None : source.EnterMap(start + (rows * rowWidth), out map);
        if (access == MapAccess.Short)
        {
            return false;
        }

        try
        {
            var read = new BlockRead(source, access == MapAccess.None ? null : map, start, rowWidth, blockRows, columns.Length <= StreamingColumns);
            long blocks = (rows + blockRows - 1) / blockRows;
            int threads = rows * rowWidth >= options.TableParallelMinimumBytes ? (int)Math.Min(options.EffectiveParallelism, blocks) : 1;
            bool complete;
            if (threads <= 1)
            {
                complete = read.Rows(columns, destinations, 0, rows);
            }
            else
            {
                // Parts of whole blocks, several per thread, so a descheduled helper holds up one small part at most.
                GatherColumn[] columnArray = columns.ToArray();
                nint[] destinationArray = destinations.ToArray();
                complete = ParallelParts.ForEachRange(rows, blockRows, threads * 8L, threads,
                    (first, count) => read.Rows(columnArray, destinationArray, first, count));
            }

            if (complete)
            {
                table.File.CountDirectRead();
            }

            return complete;
        }
        finally
        {
            if (access != MapAccess.None)
            {
                source.ExitMap(access);
            }
        }
    }

    /// <summary>
    /// One direct read's rows, gathered block by block from the map (up to <see cref="StreamingColumns"/> columns
    /// straight from the mapped rows, more from a copy in this thread's block) or from positioned reads into this
    /// thread's block. Any thread may gather any range of rows; each uses its own block.
    /// </summary>
    private sealed class BlockRead(DirectFileSource source, byte* map, long start, int rowWidth, int blockRows, bool stream)
    {
        /// <summary>Gathers rows [<paramref name="first"/>, + <paramref name="count"/>) of the read; false when the file ends early.</summary>
        internal bool Rows(ReadOnlySpan<GatherColumn> columns, ReadOnlySpan<nint> destinations, long first, long count)
        {
            nint[] current = new nint[columns.Length];
            bool fromMap = map != null;
            byte* block = fromMap && stream ? null : Block(blockRows * rowWidth);
            for (long done = first; done < first + count; done += blockRows)
            {
                int n = (int)Math.Min(blockRows, first + count - done);
                long offset = start + (done * rowWidth);
                byte* rowsAt;
                if (!fromMap)
                {
                    if (!DirectImageReader.ReadExactly(source, new Span<byte>(block, n * rowWidth), offset))
                    {
                        return false;
                    }

                    rowsAt = block;
                }
                else if (stream)
                {
                    rowsAt = map + offset;
                }
                else
                {
                    Buffer.MemoryCopy(map + offset, block, (long)n * rowWidth, (long)n * rowWidth);
                    rowsAt = block;
                }

                Advance(columns, destinations, current, done);
                ColumnGather.GatherBlock(rowsAt, rowWidth, n, columns, current, fromMap && stream ? GatherMode.Streaming : GatherMode.CacheResident);
            }

            return true;
        }
    }

    private static void Advance(ReadOnlySpan<GatherColumn> columns, ReadOnlySpan<nint> destinations, nint[] current, long done)
    {
        for (int c = 0; c < columns.Length; c++)
        {
            current[c] = destinations[c] + (nint)(done * columns[c].CellBytes);
        }
    }

    /// <summary>This thread's block buffer, pinned (the pinned heap), at least <paramref name="bytes"/> long.</summary>
    private static byte* Block(int bytes)
    {
        byte[]? block = t_block;
        if (block is null || block.Length < bytes)
        {
            t_block = block = GC.AllocateUninitializedArray<byte>(bytes, pinned: true);
        }

        fixed (byte* pointer = block)
        {
            return pointer; // pinned object heap: the address stays valid
        }
    }

    private static long L2Bytes()
    {
        try
        {
            string text = File.ReadAllText("/sys/devices/system/cpu/cpu0/cache/index2/size").Trim();
            long multiplier = text.EndsWith('K') ? 1024 : text.EndsWith('M') ? 1 << 20 : 1;
            long bytes = long.Parse(text.TrimEnd('K', 'M'), System.Globalization.CultureInfo.InvariantCulture) * multiplier;
            return Math.Clamp(bytes, 64 * 1024, 8 << 20);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            return 1 << 20;
        }
    }
}
