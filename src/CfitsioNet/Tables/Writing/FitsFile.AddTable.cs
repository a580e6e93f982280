using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>Writing table HDUs: whole tables, tables written in row blocks, and rows appended to existing tables.</summary>
public sealed partial class FitsFile
{
    /// <summary>
    /// Appends a binary table (or, with <see cref="TableWriteOptions.Ascii"/>, an ASCII table) holding
    /// <paramref name="columns"/>, all of the same number of rows. A file without HDUs gets an empty primary HDU first.
    /// </summary>
    /// <remarks>
    /// The columns are checked against each other before anything is written; an <see cref="ArgumentException"/>
    /// leaves the file as it was and does not fault it. A failure while writing faults the file (see
    /// <see cref="Commit"/>). Works on files from <see cref="Create(string, bool)"/>, <see cref="CreateInMemory"/> and
    /// <see cref="OpenForUpdate"/> (where it writes through the temporary copy, as appending an image does).
    /// </remarks>
    /// <param name="columns">The columns, in order: TTYPE1, TTYPE2, ... Names must differ (ignoring case).</param>
    /// <param name="options">EXTNAME, EXTVER and ASCII; null for an unnamed binary table.</param>
    /// <returns>The new table, readable at once until the file is committed or disposed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="columns"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">No columns, more than 999, two with the same name, different row counts, or a column an ASCII table cannot hold.</exception>
    /// <exception cref="InvalidOperationException">The file is read-only, or faulted by an earlier failed write.</exception>
    /// <exception cref="ObjectDisposedException">The file has been disposed or committed.</exception>
    /// <exception cref="FitsException">CFITSIO failed to write the table.</exception>
    /// <example>
    /// <code>
    /// TableHdu events = fits.AddTable(
    /// [
    ///     TableColumnData.Of("TIME", time, unit: "s"),
    ///     TableColumnData.Of("PHA", pha).WithNull(-1),
    /// ], new TableWriteOptions { Name = "EVENTS" });
    /// </code>
    /// </example>
    public TableHdu AddTable(IReadOnlyList<TableColumnData> columns, TableWriteOptions? options = null)
    {
        lock (Sync)
        {
            bool large = options?.LargeHeap == true || HeapBytes(columns) > int.MaxValue;
            using TableWriter writer = BeginTableCore(columns, options, large);
            return writer.Table;
        }
    }

    /// <summary>
    /// Appends a table whose rows are written in blocks: <paramref name="firstRows"/> sets the columns (names, types,
    /// cell shapes, string widths, units, scaling and nulls) and holds the first rows (it may hold none), and
    /// <see cref="TableWriter.WriteRows"/> appends further blocks of the same columns. Only one block is held in
    /// memory at a time; NAXIS2 counts every row written when the writer is disposed.
    /// </summary>
    /// <param name="firstRows">The columns with their first rows.</param>
    /// <param name="options">EXTNAME, EXTVER, ASCII and <see cref="TableWriteOptions.LargeHeap"/>.</param>
    /// <returns>The writer; dispose it before adding other HDUs or committing.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="firstRows"/> or one of its columns is null.</exception>
    /// <exception cref="ArgumentException">As for <see cref="AddTable"/>.</exception>
    /// <exception cref="InvalidOperationException">The file is read-only, or faulted by an earlier failed write.</exception>
    /// <exception cref="ObjectDisposedException">The file has been disposed or committed.</exception>
    /// <exception cref="FitsException">CFITSIO failed to write the table.</exception>
    /// <example>
    /// <code>
    /// using (TableWriter writer = fits.BeginTable([TableColumnData.Of("FLUX", first)], new TableWriteOptions { Name = "BIG" }))
    /// {
    ///     foreach (double[] block in blocks) writer.WriteRows([TableColumnData.Of("FLUX", block)]);
    /// }
    /// </code>
    /// </example>
    public TableWriter BeginTable(IReadOnlyList<TableColumnData> firstRows, TableWriteOptions? options = null)
        => BeginTableCore(firstRows, options, options?.LargeHeap == true);

    /// <summary>
    /// Appends rows to an existing binary table of a file opened with <see cref="OpenForUpdate"/> (or a table added
    /// to this file): the columns must be the table's own, in its order, with the same types and cell sizes (a
    /// string at most as wide as the column). The file is changed through its temporary copy and published by
    /// <see cref="Save"/>, so a process killed meanwhile leaves the old file.
    /// </summary>
    /// <param name="table">A table of this file.</param>
    /// <param name="rows">One <see cref="TableColumnData"/> per column of the table, all with the same number of rows.</param>
    /// <returns>The table's new row count.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="rows"/> is null.</exception>
    /// <exception cref="ArgumentException">The table belongs to another file or is an ASCII table, or the columns do not match the table's.</exception>
    /// <exception cref="InvalidOperationException">The file is read-only, or faulted by an earlier failed write.</exception>
    /// <exception cref="ObjectDisposedException">The file has been disposed.</exception>
    /// <exception cref="FitsException">CFITSIO failed to write the rows.</exception>
    public long AppendRows(TableHdu table, IReadOnlyList<TableColumnData> rows)
    {
        ArgumentNullException.ThrowIfNull(table);
        lock (Sync)
        {
            ThrowIfDisposed();
            if (!ReferenceEquals(table.File, this))
            {
                throw new ArgumentException("The table belongs to another FitsFile.", nameof(table));
            }

            if (table.IsAscii)
            {
                throw new ArgumentException("Rows can be appended to binary tables only.", nameof(table));
            }

            TableColumnData[] block = CheckColumns(rows, ascii: false);
            CheckAgainstTable(table, block);
            long first = table.RowCount;
            BeginWrite("append rows");
            try
            {
                EnterHdu(table.Index);
                WriteBlock(table.Index, block, first, table.IsAscii);
                CfitsioProxy.RereadDefinition(_handle, "finish appended rows", new CallContext(FileName, table.Index));
                table.RefreshHeader(_handle, failed: false);
                return first + block[0].RowCount;
            }
            catch (Exception e)
            {
                Fault(e);
                throw;
            }
        }
    }

    private TableWriter BeginTableCore(IReadOnlyList<TableColumnData> columns, TableWriteOptions? options, bool large)
    {
        lock (Sync)
        {
            ThrowIfDisposed();
            bool ascii = options?.Ascii == true;
            TableColumnData[] block = CheckColumns(columns, ascii);
            string[] formats = TableFormats.Plan(block, ascii, large);
            BeginWrite("add a table");
            try
            {
                int index = PrepareToAppend();
                if (index == 0)
                {
                    // A table cannot be the primary HDU.
                    CreateImageHdu(0, ImageWriter.ImageType(PixelType.Byte), ReadOnlySpan<long>.Empty);
                    index = PrepareToAppend();
                }

                CreateTableHdu(index, block, formats, ascii, options);
                WriteBlock(index, block, 0, ascii);
                return new TableWriter(this, TableAt(index, ascii), block, block[0].RowCount);
            }
            catch (Exception e)
            {
                Fault(e);
                throw;
            }
        }
    }

    /// <summary>Writes one block of rows for a <see cref="TableWriter"/>: checked against its columns first.</summary>
    internal void WriteTableRows(TableWriter writer, IReadOnlyList<TableColumnData> rows)
    {
        lock (Sync)
        {
            ThrowIfDisposed();
            TableColumnData[] block = CheckColumns(rows, writer.Table.IsAscii);
            TableColumnData[] schema = writer.Schema;
            if (block.Length != schema.Length)
            {
                throw new ArgumentException($"The table has {schema.Length} columns; this block has {block.Length}.", nameof(rows));
            }

            for (int i = 0; i < block.Length; i++)
            {
                CheckSameColumn(schema[i], block[i], i);
            }

            BeginWrite("write table rows");
            try
            {
                EnterHdu(writer.Table.Index);
                WriteBlock(writer.Table.Index, block, writer.RowCount, writer.Table.IsAscii);
                writer.Advance(block[0].RowCount);
            }
            catch (Exception e)
            {
                Fault(e);
                throw;
            }
        }
    }

    /// <summary>Completes a <see cref="TableWriter"/>'s table: CFITSIO writes NAXIS2, PCOUNT and the variable-length TFORMs.</summary>
    internal void FinishTable(TableWriter writer)
    {
        lock (Sync)
        {
            if (_disposed || _fault is not null)
            {
                return;
            }

            try
            {
                EnterHdu(writer.Table.Index);
                CfitsioProxy.Flush(_handle, "finish table", new CallContext(FileName, writer.Table.Index));
                writer.Table.RefreshHeader(_handle, failed: false);
            }
            catch (Exception e)
            {
                Fault(e);
                throw;
            }
        }
    }

    private static long HeapBytes(IReadOnlyList<TableColumnData>? columns)
    {
        long total = 0;
        if (columns is null)
        {
            return 0;
        }

        foreach (TableColumnData? column in columns)
        {
            if (column is { Kind: ColumnDataKind.Variable, VariableElement: ColumnDataKind.String })
            {
                foreach (string? text in (string?[])column.Values)
                {
                    total += text?.Length ?? 0; // one byte per character
                }
            }
            else if (column is { Kind: ColumnDataKind.Variable })
            {
                int size = TableFormats.ElementBytes(column.VariableElement, column.ElementType);
                foreach (Array? cell in (Array[])column.Values)
                {
                    total += (cell?.LongLength ?? 0) * size;
                }
            }
        }

        return total;
    }

    private static TableColumnData[] CheckColumns(IReadOnlyList<TableColumnData>? columns, bool ascii)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0 || columns.Count > 999)
        {
            throw new ArgumentException($"A table has 1 to 999 columns; {columns.Count} were given.", nameof(columns));
        }

        var block = new TableColumnData[columns.Count];
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < block.Length; i++)
        {
            TableColumnData column = columns[i] ?? throw new ArgumentNullException(nameof(columns), $"Column {i} is null.");
            if (!names.Add(column.Name))
            {
                throw new ArgumentException($"Two columns are named '{column.Name}' (names are compared ignoring case).", nameof(columns));
            }

            if (column.RowCount != columns[0].RowCount)
            {
                throw new ArgumentException(
                    $"Columns differ in length: '{columns[0].Name}' has {columns[0].RowCount} rows, '{column.Name}' {column.RowCount}.", nameof(columns));
            }

            if (ascii)
            {
                TableFormats.CheckAscii(column);
            }

            block[i] = column;
        }

        return block;
    }

    private static void CheckSameColumn(TableColumnData schema, TableColumnData column, int i)
    {
        bool same = schema.SameLayout(column)
            && schema.Scale == column.Scale && schema.Zero == column.Zero && schema.Null == column.Null
            && (schema.Kind != ColumnDataKind.String || column.LongestString <= schema.Width);
        if (!same)
        {
            throw new ArgumentException(
                $"Column {i} ('{column.Name}') does not match the table's column '{schema.Name}': names, types, cell shapes, scaling and nulls must be the same, and strings at most {schema.Width} bytes.",
                "rows");
        }
    }

    /// <summary>Whether a string column's strings fit a table's character column: as many per row, none wider than its strings.</summary>
    private static bool FitsStrings(TableColumn column, TableColumnData data)
    {
        (int characters, int perRow) = Tables.StringCells.Split(column);
        return data.LongestString <= characters && perRow == data.StringsPerRow;
    }

    private static void CheckAgainstTable(TableHdu table, TableColumnData[] block)
    {
        TableColumnCollection existing = table.Columns;
        if (existing.Count != block.Length)
        {
            throw new ArgumentException($"The table has {existing.Count} columns; {block.Length} were given.", "rows");
        }

        for (int i = 0; i < block.Length; i++)
        {
            TableColumn column = existing[i];
            TableColumnData data = block[i];
            (char letter, long repeat, double zero) = TableFormats.Expected(data);
            (char actualLetter, long actualRepeat) = TableFormats.LetterOf(column.Format, column.Repeat);
            bool same = string.Equals(column.Name, data.Name, StringComparison.OrdinalIgnoreCase)
                && letter == actualLetter
                && (data.Kind == ColumnDataKind.Variable || (data.Kind == ColumnDataKind.String ? FitsStrings(column, data) : repeat == actualRepeat))
                && (data.Kind is not ColumnDataKind.Numeric and not ColumnDataKind.Variable || (data.Scale ?? 1) == column.Scale && (data.Zero ?? zero) == column.Zero);
            if (!same)
            {
                throw new ArgumentException(
                    $"Column {i} ('{data.Name}', TFORM {repeat}{letter}) does not match the table's column '{column.Name}' ({column.Format}, TSCAL {column.Scale}, TZERO {column.Zero}).",
                    "rows");
            }
        }
    }

    private unsafe void CreateTableHdu(int index, TableColumnData[] block, string[] formats, bool ascii, TableWriteOptions? options)
    {
        int count = block.Length;
        var allocated = new List<IntPtr>(3 * count + 1);
        try
        {
            byte** names = stackalloc byte*[count];
            byte** forms = stackalloc byte*[count];
            byte** units = stackalloc byte*[count];
            byte* empty = stackalloc byte[1];
            empty[0] = 0;
            for (int i = 0; i < count; i++)
            {
                names[i] = Utf8(block[i].Name, allocated);
                forms[i] = Utf8(formats[i], allocated);
                units[i] = block[i].Unit is { } unit ? Utf8(unit, allocated) : empty;
            }

            byte* extensionName = options?.Name is { } name ? Utf8(name, allocated) : null;
            _currentHdu = -1;
            CfitsioProxy.CreateTable(
                _handle, ascii ? Cfitsio.AsciiTableType : Cfitsio.BinaryTableType, block[0].RowCount, count, names, forms, units, extensionName,
                "create table HDU", new CallContext(FileName, index));
            _currentHdu = index;
            _hduCount = index + 1;
        }
        finally
        {
            foreach (IntPtr pointer in allocated)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }

        {
            const string operation = "write table keywords";
            var at = new CallContext(FileName, index);
            if (options?.Version is int version)
            {
                CfitsioProxy.PutKeyLong(_handle, "EXTVER", version, "extension version", operation, at);
            }

            long* axes = stackalloc long[999];
            for (int i = 0; i < count; i++)
            {
                TableColumnData column = block[i];
                int number = i + 1;
                if (column.CellShape is { } shape)
                {
                    // Strings: the width is the first FITS axis, then the cell's shape (reversed, FITS order).
                    int first = column.Kind == ColumnDataKind.String ? 1 : 0;
                    if (first == 1)
                    {
                        axes[0] = column.Width;
                    }

                    for (int a = 0; a < shape.Length; a++)
                    {
                        axes[first + shape.Length - 1 - a] = shape[a];
                    }

                    CfitsioProxy.WriteTdim(_handle, number, first + shape.Length, axes, operation, at);
                }

                if (column.Scale is double scale)
                {
                    CfitsioProxy.PutKeyDouble(_handle, $"TSCAL{number}", scale, -17, "data are scaled", operation, at);
                }

                if (column.Zero is double zero)
                {
                    CfitsioProxy.PutKeyDouble(_handle, $"TZERO{number}", zero, -17, "offset of the stored values", operation, at);
                }

                if (ascii && column.AsciiNull is { } text)
                {
                    CfitsioProxy.PutKeyString(_handle, $"TNULL{number}", text, "null value", operation, at);
                }

                if (column.Null is long nullValue)
                {
                    CfitsioProxy.PutKeyLong(_handle, $"TNULL{number}", TableFormats.StoredNull(column.ElementType, nullValue), "null value", operation, at);
                }
            }

            CfitsioProxy.RereadDefinition(_handle, "read table definition", at);
        }
    }

    private static unsafe byte* Utf8(string text, List<IntPtr> allocated)
    {
        IntPtr pointer = Marshal.StringToCoTaskMemUTF8(text);
        allocated.Add(pointer);
        return (byte*)pointer;
    }

    /// <summary>
    /// Writes the rows of <paramref name="block"/> after row <paramref name="rowOffset"/> (0-based) of the current
    /// table, in runs of CFITSIO's optimal row count, each run column after column, as CFITSIO advises.
    /// </summary>
    private unsafe void WriteBlock(int index, TableColumnData[] block, long rowOffset, bool ascii)
    {
        long rows = block[0].RowCount;
        if (rows == 0)
        {
            return;
        }

        var at = new CallContext(FileName, index);
        CfitsioProxy.GetOptimalRows(_handle, out CLong optimal, "plan table writes", at);
        long run = Math.Max(1, Math.Min((long)optimal.Value, rows));

        // Scaled columns of stored values are written as given: CFITSIO must not apply TSCAL/TZERO to them meanwhile.
        // Physical values (TableColumnData.Scaled) go through the scaling.
        for (int i = 0; i < block.Length; i++)
        {
            if (IsStoredScaled(block[i]))
            {
                CfitsioProxy.SetColumnScaling(_handle, i + 1, 1, 0, "write table", at);
            }
        }

        try
        {
            for (long first = 0; first < rows; first += run)
            {
                long n = Math.Min(run, rows - first);
                for (int i = 0; i < block.Length; i++)
                {
                    WriteCells(block[i], i + 1, first, n, rowOffset + first + 1, ascii);
                }
            }
        }
        finally
        {
            // Best effort: a failure here is not the write's, which has already succeeded or thrown.
            for (int i = 0; i < block.Length; i++)
            {
                if (IsStoredScaled(block[i]))
                {
                    CfitsioProxy.TrySetColumnScaling(_handle, i + 1, block[i].Scale ?? 1, block[i].Zero ?? 0, Expected.Any, "restore column scaling", at);
                }
            }
        }
    }

    private static bool IsStoredScaled(TableColumnData column) => !column.Physical && (column.Scale is not null || column.Zero is not null);

    /// <summary>Writes rows [<paramref name="first"/>, +<paramref name="count"/>) of one column at 1-based table row <paramref name="tableRow"/>.</summary>
    private unsafe void WriteCells(TableColumnData column, int number, long first, long count, long tableRow, bool ascii)
    {
        switch (column.Kind)
        {
            case ColumnDataKind.String:
                WriteStrings(column, number, first, count, tableRow);
                return;
            case ColumnDataKind.Variable when column.VariableElement == ColumnDataKind.String:
                WriteVariableStrings(column, number, first, count, tableRow);
                return;
            case ColumnDataKind.Variable:
                Array[] cells = (Array[])column.Values;
                int dataType = TableFormats.DataType(column.VariableElement, column.ElementType);
                for (long r = 0; r < count; r++)
                {
                    Array? cell = cells[first + r];
                    if (cell is null || cell.Length == 0)
                    {
                        continue;
                    }

                    fixed (byte* pointer = &MemoryMarshal.GetArrayDataReference(cell))
                    {
                        CfitsioProxy.WriteColumn(_handle, dataType, number, tableRow + r, 1, cell.LongLength, pointer, $"write column '{column.Name}'", ColumnAt());
                    }
                }

                return;
            case ColumnDataKind.Bits:
                fixed (byte* bits = &MemoryMarshal.GetArrayDataReference(column.Values))
                {
                    for (long r = 0; r < count; r++)
                    {
                        CfitsioProxy.WriteColumnBits(
                            _handle, number, tableRow + r, new CLong(1), new CLong((nint)column.Repeat), bits + ((first + r) * column.Repeat), $"write column '{column.Name}'", ColumnAt());
                    }
                }

                return;
            case ColumnDataKind.Numeric when column.Physical:
                WritePhysical(column, number, first, count, tableRow);
                return;
            case ColumnDataKind.Numeric when ascii && column.AsciiNull is not null:
                WriteNaNAsNull(column, number, first, count, tableRow); // ASCII cells hold one value
                return;
            default:
                int type = TableFormats.DataType(column.Kind, column.ElementType);
                int size = TableFormats.ElementBytes(column.Kind, column.ElementType);
                fixed (byte* values = &MemoryMarshal.GetArrayDataReference(column.Values))
                {
                    CfitsioProxy.WriteColumn(_handle, type, number, tableRow, 1, count * column.Repeat, values + (first * column.Repeat * size), $"write column '{column.Name}'", ColumnAt());
                }

                return;
        }
    }

    /// <summary>
    /// Writes physical doubles through the column's TSCAL/TZERO (CFITSIO rounds them into the stored integers); with
    /// NaN among them, through <see cref="WriteNaNAsNull"/>.
    /// </summary>
    private unsafe void WritePhysical(TableColumnData column, int number, long first, long count, long tableRow)
    {
        long start = first * column.Repeat, length = count * column.Repeat;
        ReadOnlySpan<double> values = new((double[])column.Values, checked((int)start), checked((int)length));
        if (!HasNaN(values))
        {
            fixed (double* pointer = values)
            {
                CfitsioProxy.WriteColumn(_handle, Cfitsio.TypeDouble, number, tableRow, 1, values.Length, pointer, $"write column '{column.Name}'", ColumnAt());
            }
        }
        else
        {
            WriteNaNAsNull(column, number, start, length, tableRow);
        }
    }

    private static bool HasNaN(ReadOnlySpan<double> values)
    {
        foreach (double value in values)
        {
            if (double.IsNaN(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Writes <paramref name="length"/> values of a float or double column from element <paramref name="start"/> as
    /// doubles (CFITSIO formats a float converted to double exactly as the float), NaN as TNULLn: +infinity stands in
    /// for NaN, which <c>ffpcnd</c> writes as the null because it finds nulls with <c>==</c>. No value can be infinite
    /// here: <see cref="TableColumnData.Scaled{TStored}"/> and ASCII columns refuse infinities.
    /// </summary>
    private unsafe void WriteNaNAsNull(TableColumnData column, int number, long start, long length, long tableRow)
    {
        using var copy = new NativeBuffer<double>(length);
        for (long i = 0; i < length; i++)
        {
            double value = column.Values is float[] singles ? singles[start + i] : ((double[])column.Values)[start + i];
            copy.Pointer[i] = double.IsNaN(value) ? double.PositiveInfinity : value;
        }

        CfitsioProxy.WriteColumnDoublesWithNull(_handle, number, tableRow, 1, length, copy.Pointer, double.PositiveInfinity, $"write column '{column.Name}'", ColumnAt());
    }

    /// <summary>Writes one string per row into a 1PA/1QA column (<c>ffpcls</c> stores each at its own length); empty ones stay empty.</summary>
    private unsafe void WriteVariableStrings(TableColumnData column, int number, long first, long count, long tableRow)
    {
        string?[] values = (string?[])column.Values;
        using var bytes = new NativeBuffer<byte>(column.LongestString + 1);
        for (long r = 0; r < count; r++)
        {
            string? text = values[first + r];
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            int written = Encoding.Latin1.GetBytes(text, new Span<byte>(bytes.Pointer, column.LongestString));
            bytes.Pointer[written] = 0;
            byte* cell = bytes.Pointer;
            CfitsioProxy.WriteColumnStrings(_handle, number, tableRow + r, 1, 1, &cell, $"write column '{column.Name}'", ColumnAt());
        }
    }

    private unsafe void WriteStrings(TableColumnData column, int number, long first, long count, long tableRow)
    {
        string?[] values = (string?[])column.Values;
        int stride = column.Width + 1;
        long perRow = column.StringsPerRow;
        first *= perRow;
        count *= perRow;
        using var bytes = new NativeBuffer<byte>(count * stride);
        using var pointers = new NativeBuffer<nint>(count);
        Encoding latin1 = Encoding.Latin1;
        for (long r = 0; r < count; r++)
        {
            byte* cell = bytes.Pointer + (r * stride);
            string text = values[first + r] ?? string.Empty;
            int written = latin1.GetBytes(text, new Span<byte>(cell, column.Width));
            cell[written] = 0;
            pointers.Pointer[r] = (nint)cell;
        }

        CfitsioProxy.WriteColumnStrings(_handle, number, tableRow, 1, count, (byte**)pointers.Pointer, $"write column '{column.Name}'", ColumnAt());
    }

    // Where a column write's failure is reported: the table being written, CFITSIO's current HDU.
    private CallContext ColumnAt() => new(FileName, _currentHdu);

    private TableHdu TableAt(int index, bool ascii)
    {
        while (_hdus.Count <= index)
        {
            _hdus.Add(null);
        }

        return (TableHdu)(_hdus[index] ??= new TableHdu(this, index, ascii ? HduKind.AsciiTable : HduKind.BinaryTable));
    }
}
