using System;
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
            long[] lengths = Descriptors(table, handle, column, first, count, out _);
            for (long r = 0; r < count; r++)
            {
                offsets[r + 1] = checked(offsets[r] + (lengths[r] * plan.PerElement));
            }

            T[] values = GC.AllocateUninitializedArray<T>(checked((int)offsets[count]));
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
            int status = 0;
            Cfitsio.GetHduOffsets(handle, out _, out long dataStart, out long dataEnd, ref status);
            table.File.Check(status, "locate the heap", table.Index);
            long heap = dataStart + HeapOffset(table);
            byte[] buffer = [];
            for (long r = 0; r < count; r++)
            {
                long length = lengths[r];
                if (length == 0)
                {
                    strings[r] = string.Empty;
                    continue;
                }

                long start = heap + heapOffsets[r];
                if (heapOffsets[r] < 0 || length < 0 || start > dataEnd - length)
                {
                    throw new FitsException($"Bad descriptor in row {first + r + 1} of column {column.Number}: {length} bytes at heap offset {heapOffsets[r]} lie outside the data unit.",
                                            table.File.FileName, "read a variable-length string", table.Index);
                }

                if (buffer.Length < length)
                {
                    buffer = new byte[checked((int)length)];
                }

                fixed (byte* bytes = buffer)
                {
                    Cfitsio.MoveToByte(handle, start, Cfitsio.ReportEndOfFile, ref status);
                    Cfitsio.ReadBytes(handle, length, bytes, ref status);
                }

                table.File.Check(status, "read a variable-length string", table.Index);
                strings[r] = Encoding.Latin1.GetString(buffer, 0, (int)length);
            }
        }

        return strings;
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

        int status = 0;
        fixed (long* l = lengths)
        fixed (long* h = heapOffsets)
        {
            Cfitsio.ReadDescriptors(handle, column.Number, first + 1, count, l, h, ref status);
        }

        table.File.Check(status, $"read the descriptors of column {column.Number} ('{column.Name}')", table.Index);
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
