using System;
using System.IO;
using System.Text;
using CfitsioNet.Interop;

namespace CfitsioNet.Tables;

/// <summary>
/// Variable-length (P/Q) columns: the descriptors of a range of rows in one call (<c>ffgdessll</c>), then each row's
/// array through CFITSIO (<c>fits_read_col</c> with the row's length), which applies TSCAL/TZERO and checks the heap.
/// </summary>
internal static unsafe class VariableArrays
{
    internal static VariableLengthColumn<T> Read<T>(TableHdu table, TableColumn column, in ColumnReader.Plan plan, long first, long count)
        where T : unmanaged
    {
        if (column.Type == ColumnType.String)
        {
            throw new InvalidOperationException($"Column '{column.Name}' ({column.Format}) of '{table.File.FileName}' holds strings; read it with ReadVariableStrings().");
        }

        if (column.Type == ColumnType.Bit)
        {
            throw new NotSupportedException($"Column '{column.Name}' ({column.Format}) of '{table.File.FileName}' is a variable-length bit array; read its bytes with ReadCellBytes() (descriptors) or as bytes (ReadVariable<byte>).");
        }

        var offsets = new long[count + 1];
        lock (table.File.Sync)
        {
            FitsHandle handle = table.File.EnterHdu(table.Index);
            long[] lengths = Descriptors(table, handle, column, first, count, out long[] heapOffsets);
            (long heap, long dataEnd) = Heap(table, handle);
            int elementSize = column.Layout.Binary.ElementSize;
            for (long r = 0; r < count; r++)
            {
                // Every array inside the data unit before anything is allocated: a hostile descriptor (a fuzz finding)
                // would otherwise ask for gigabytes, or overflow the offsets.
                long stored = elementSize == 0 ? (lengths[r] / 8) + 1 - (lengths[r] % 8 == 0 ? 1 : 0) : lengths[r] > long.MaxValue / elementSize ? long.MaxValue : lengths[r] * elementSize;
                CheckInside(table, column, first + r, lengths[r] == 0 ? 0 : stored, heapOffsets[r], heap, dataEnd);
                offsets[r + 1] = offsets[r] + (lengths[r] * plan.PerElement);
                if (offsets[r + 1] > Array.MaxLength)
                {
                    throw new FitsException($"The variable-length arrays of rows {first + 1} to {first + r + 1} of column {column.Number} ('{column.Name}') hold {offsets[r + 1]} values, more than one array can; read fewer rows.",
                                            table.File.FileName, "read variable-length arrays", table.Index);
                }
            }

            T[] values = GC.AllocateUninitializedArray<T>((int)offsets[count]);
            fixed (T* target = values)
            {
                for (long r = 0; r < count; r++)
                {
                    ColumnReader.Read(table, handle, column, plan, first + r + 1, 1, lengths[r], target + offsets[r], null);
                }
            }

            return new VariableLengthColumn<T>(values, offsets);
        }
    }

    internal static string[] ReadStrings(TableHdu table, TableColumn column, long first, long count)
    {
        if (column.Type != ColumnType.String || !column.IsVariableLength)
        {
            throw new InvalidOperationException($"Column '{column.Name}' ({column.Format}) of '{table.File.FileName}' is not a variable-length character column (PA or QA).");
        }

        var strings = new string[checked((int)count)];
        lock (table.File.Sync)
        {
            FitsHandle handle = table.File.EnterHdu(table.Index);
            long[] lengths = Descriptors(table, handle, column, first, count, out long[] heapOffsets);
            (long heap, long dataEnd) = Heap(table, handle);
            byte[] buffer = [];
            for (long r = 0; r < count; r++)
            {
                long length = lengths[r];
                if (length == 0)
                {
                    strings[r] = string.Empty;
                    continue;
                }

                CheckInside(table, column, first + r, length, heapOffsets[r], heap, dataEnd);
                long start = heap + heapOffsets[r];

                if (buffer.Length < length)
                {
                    buffer = new byte[checked((int)length)];
                }

                fixed (byte* bytes = buffer)
                {
                    CfitsioProxy.MoveToByte(handle, start, Cfitsio.ReportEndOfFile, "read a variable-length string", table.At);
                    CfitsioProxy.ReadBytes(handle, length, bytes, "read a variable-length string", table.At);
                }

                strings[r] = Encoding.Latin1.GetString(buffer, 0, (int)length);
            }
        }

        return strings;
    }

    /// <summary>Where the heap starts in the file and where the data unit ends (PCOUNT bounds the heap).</summary>
    private static (long Heap, long DataEnd) Heap(TableHdu table, FitsHandle handle)
    {
        CfitsioProxy.GetHduOffsets(handle, out _, out long dataStart, out long dataEnd, "locate the heap", table.At);
        // A header may claim any PCOUNT: arrays must also lie in the bytes the file has (a fuzz finding: PCOUNT = 2^40
        // let descriptors ask for gigabytes). A gzipped file is read from CFITSIO's decompressed copy: no bound here.
        dataEnd = Math.Min(dataEnd, FileLength(table.File) ?? long.MaxValue);
        // The heap ends at NAXIS1 x NAXIS2 + PCOUNT, not at the padded end of the data unit (fitsverify's rule;
        // CFITSIO and astropy read the fill bytes after it as array values).
        long size = table.Header.TryGet("PCOUNT", out long pcount) && pcount >= 0 && table.Schema.Layout.RowWidth * (double)table.RowCount + pcount < long.MaxValue
            ? (table.Schema.Layout.RowWidth * table.RowCount) + pcount
            : long.MaxValue;
        dataEnd = size <= dataEnd - dataStart ? dataStart + size : dataEnd;
        long offset = HeapOffset(table);
        return (offset < 0 || offset > dataEnd - dataStart ? dataEnd : dataStart + offset, dataEnd);
    }

    private static long? FileLength(FitsFile file)
    {
        if (file.ReadOnlyMemoryLength is long memory)
        {
            return memory;
        }

        try
        {
            using var stream = new FileStream(file.FileName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> magic = stackalloc byte[2];
            return stream.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? null : stream.Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null; // not a plain file (a CFITSIO URL or filter): CFITSIO's own bounds apply
        }
    }

    /// <summary>Refuses a descriptor whose <paramref name="bytes"/> at <paramref name="heapOffset"/> are not inside the data unit.</summary>
    private static void CheckInside(TableHdu table, TableColumn column, long row, long bytes, long heapOffset, long heap, long dataEnd)
    {
        if (bytes > 0 && (heapOffset < 0 || heapOffset > dataEnd - heap || bytes > dataEnd - heap - heapOffset))
        {
            throw new FitsException($"Bad descriptor in row {row + 1} of column {column.Number} ('{column.Name}'): {bytes} bytes at heap offset {heapOffset} lie outside the data unit.",
                                    table.File.FileName, "read variable-length arrays", table.Index);
        }
    }

    /// <summary>The heap's offset from the start of the data unit: THEAP, or NAXIS1 x NAXIS2 without it.</summary>
    private static long HeapOffset(TableHdu table) =>
        table.Header.TryGet("THEAP", out long theap) ? theap : table.Schema.Layout.RowWidth * table.RowCount;

    private static long[] Descriptors(TableHdu table, FitsHandle handle, TableColumn column, long first, long count, out long[] heapOffsets)
    {
        var lengths = new long[count];
        heapOffsets = new long[count];
        if (count == 0)
        {
            return lengths;
        }

        fixed (long* l = lengths)
        fixed (long* h = heapOffsets)
        {
            CfitsioProxy.ReadDescriptors(handle, column.Number, first + 1, count, l, h, $"read the descriptors of column {column.Number} ('{column.Name}')", table.At);
        }

        for (long r = 0; r < count; r++)
        {
            if (lengths[r] < 0)
            {
                throw new FitsException($"Bad descriptor in row {first + r + 1} of column {column.Number}: length {lengths[r]}.",
                                        table.File.FileName, "read variable-length arrays", table.Index);
            }
        }

        return lengths;
    }
}
