using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;
using CfitsioNet.Interop;
using CfitsioNet.Tables;

namespace CfitsioNet;

/// <summary>
/// A binary (BINTABLE) or ASCII (TABLE) table extension: rows of typed columns. Obtain one with
/// <see cref="Hdu.AsTable"/>, for example <c>fits["EVENTS"].AsTable()</c>.
/// </summary>
/// <remarks>
/// <para>
/// Columns are read by name (TTYPEn, case-insensitive; a column without a name is <c>col</c>n, as astropy calls it).
/// Fixed-width columns read with <see cref="ReadColumn{T}(string, ReadOptions)"/> and its overloads into a new array,
/// your span or a <see cref="NativeBuffer{T}"/>: vector cells (repeat &gt; 1, TDIMn) come as one flat span, row after
/// row, in <see cref="TableColumn.CellShape"/> order. Variable-length (P/Q) columns read with
/// <see cref="ReadVariable{T}(string, RowRange?, ReadOptions)"/>, strings with <see cref="ReadStrings"/>. Several
/// columns at once, walking the rows once: <see cref="Read"/> and <see cref="ReadChunks"/>.
/// </para>
/// <para>
/// Element types follow the image rules: the natural type (<see cref="TableColumn.NaturalType"/>) is exact, a type
/// that holds every value of it is exact too (int column as long or double), anything else needs
/// <see cref="ReadOptions.Lossy"/>. TSCALn/TZEROn are applied as CFITSIO applies them (<see cref="ReadOptions.Raw"/>
/// reads the stored values). Nulls: integer TNULLn values read into float or double become NaN; read into an integer
/// type they keep their stored value, and the overloads with a <c>nulls</c> span flag them (also undefined logicals
/// and null ASCII fields). Floating-point columns keep NaN (with its payload), infinities and subnormals.
/// </para>
/// <para>A table is valid while its file is open; reads of one file are serialised by the file's lock.</para>
/// </remarks>
public sealed class TableHdu : Hdu
{
    private TableSchema? _schema;

    internal TableHdu(FitsFile file, int index, HduKind kind)
        : base(file, index, kind)
    {
    }

    /// <summary>True for an ASCII table (XTENSION = 'TABLE'), false for a binary table.</summary>
    public bool IsAscii => Kind == HduKind.AsciiTable;

    /// <summary>The number of rows (NAXIS2), a 64-bit count.</summary>
    /// <exception cref="FitsException">The table's header is not valid.</exception>
    public long RowCount => Schema.RowCount;

    /// <summary>The columns, by position or name.</summary>
    /// <exception cref="FitsException">The table's header is not valid (for example a TFORMn CFITSIO refuses).</exception>
    public TableColumnCollection Columns => Schema.Columns;

    /// <summary>NAXIS1: the bytes of one row.</summary>
    /// <exception cref="FitsException">The table's header is not valid.</exception>
    public long RowWidth => Schema.Layout.RowWidth;

    internal TableSchema Schema
    {
        get
        {
            TableSchema? schema = _schema;
            if (schema is null)
            {
                lock (File.Sync)
                {
                    schema = _schema ??= TableSchema.Read(this);
                }
            }

            return schema;
        }
    }

    /// <summary>Every row of a fixed-width column, in a new array.</summary>
    /// <typeparam name="T">
    /// The element type: bool (L, X), a numeric type, or <see cref="Complex"/> (C, M). Complex columns also read as
    /// (real, imaginary) pairs of float (C) or double (C, M): two values per element, bit for bit.
    /// </typeparam>
    /// <param name="column">The column's name.</param>
    /// <param name="options">Scaling and conversion options.</param>
    /// <returns>RowCount x cell elements values, row after row.</returns>
    /// <exception cref="KeyNotFoundException">No column has that name.</exception>
    /// <exception cref="InvalidOperationException">The column holds strings or variable-length arrays.</exception>
    /// <exception cref="InvalidCastException"><typeparamref name="T"/> cannot hold the column's values (see <see cref="ReadOptions.AllowLossy"/>).</exception>
    /// <exception cref="FitsException">CFITSIO could not read the values.</exception>
    public T[] ReadColumn<T>(string column, ReadOptions options = default)
        where T : unmanaged
        => ReadColumn<T>(column, RowRange.All, options);

    /// <summary>Some rows of a fixed-width column, in a new array.</summary>
    /// <typeparam name="T">The element type (see <see cref="ReadColumn{T}(string, ReadOptions)"/>).</typeparam>
    /// <param name="column">The column's name.</param>
    /// <param name="rows">The rows, for example <c>1000..2000</c>.</param>
    /// <param name="options">Scaling and conversion options.</param>
    /// <returns>The values of those rows, row after row.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rows are not inside the table.</exception>
    /// <exception cref="KeyNotFoundException">No column has that name.</exception>
    /// <exception cref="InvalidOperationException">The column holds strings or variable-length arrays.</exception>
    /// <exception cref="InvalidCastException"><typeparamref name="T"/> cannot hold the column's values.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the values.</exception>
    public T[] ReadColumn<T>(string column, RowRange rows, ReadOptions options = default)
        where T : unmanaged
    {
        TableColumn col = Columns[column];
        (long first, long count) = rows.Resolve(RowCount);
        ColumnReader.Plan plan = Plan<T>(col, options, variable: false);
        T[] values = GC.AllocateUninitializedArray<T>(checked((int)(count * col.CellElements * plan.PerElement)));
        ReadInto(col, plan, first, count, values, default);
        return values;
    }

    /// <summary>Rows of a fixed-width column into memory the caller owns. Allocates nothing.</summary>
    /// <typeparam name="T">The element type (see <see cref="ReadColumn{T}(string, ReadOptions)"/>).</typeparam>
    /// <param name="column">The column's name.</param>
    /// <param name="destination">Exactly rows x cell elements values.</param>
    /// <param name="rows">The rows; all when null.</param>
    /// <param name="options">Scaling and conversion options.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The rows are not inside the table.</exception>
    /// <exception cref="KeyNotFoundException">No column has that name.</exception>
    /// <exception cref="InvalidOperationException">The column holds strings or variable-length arrays.</exception>
    /// <exception cref="InvalidCastException"><typeparamref name="T"/> cannot hold the column's values.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the values.</exception>
    public void ReadColumn<T>(string column, Span<T> destination, RowRange? rows = null, ReadOptions options = default)
        where T : unmanaged
        => ReadColumn(column, destination, Span<bool>.Empty, rows, options);

    /// <summary>
    /// Rows of a fixed-width column into memory the caller owns, with a flag per element that is true for a null:
    /// an integer value equal to TNULLn, an undefined logical, a null ASCII field. Floating-point columns flag
    /// nothing (NaN is their null). Allocates nothing.
    /// </summary>
    /// <typeparam name="T">The element type (see <see cref="ReadColumn{T}(string, ReadOptions)"/>).</typeparam>
    /// <param name="column">The column's name.</param>
    /// <param name="destination">Exactly rows x cell elements values.</param>
    /// <param name="nulls">Empty, or as many flags as <paramref name="destination"/> has elements.</param>
    /// <param name="rows">The rows; all when null.</param>
    /// <param name="options">Scaling and conversion options.</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The rows are not inside the table.</exception>
    /// <exception cref="KeyNotFoundException">No column has that name.</exception>
    /// <exception cref="InvalidOperationException">The column holds strings or variable-length arrays.</exception>
    /// <exception cref="InvalidCastException"><typeparamref name="T"/> cannot hold the column's values.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the values.</exception>
    public void ReadColumn<T>(string column, Span<T> destination, Span<bool> nulls, RowRange? rows = null, ReadOptions options = default)
        where T : unmanaged
    {
        TableColumn col = Columns[column];
        (long first, long count) = (rows ?? RowRange.All).Resolve(RowCount);
        ColumnReader.Plan plan = Plan<T>(col, options, variable: false);
        long elements = count * col.CellElements;
        if (destination.Length != elements * plan.PerElement)
        {
            throw new ArgumentException($"The destination holds {destination.Length} values; {count} rows of column '{col.Name}' are {elements * plan.PerElement}.", nameof(destination));
        }

        if (!nulls.IsEmpty && nulls.Length != elements)
        {
            throw new ArgumentException($"The null flags hold {nulls.Length} values; {count} rows of column '{col.Name}' are {elements}.", nameof(nulls));
        }

        ReadInto(col, plan, first, count, destination, nulls);
    }

    /// <summary>Rows of a fixed-width column into a new <see cref="NativeBuffer{T}"/> shaped [rows, cell shape...].</summary>
    /// <typeparam name="T">The element type (see <see cref="ReadColumn{T}(string, ReadOptions)"/>).</typeparam>
    /// <param name="column">The column's name.</param>
    /// <param name="rows">The rows; all when null.</param>
    /// <param name="options">Scaling and conversion options.</param>
    /// <returns>A buffer the caller owns and disposes.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rows are not inside the table.</exception>
    /// <exception cref="KeyNotFoundException">No column has that name.</exception>
    /// <exception cref="InvalidOperationException">The column holds strings or variable-length arrays.</exception>
    /// <exception cref="InvalidCastException"><typeparamref name="T"/> cannot hold the column's values.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the values.</exception>
    public unsafe NativeBuffer<T> ReadColumnNative<T>(string column, RowRange? rows = null, ReadOptions options = default)
        where T : unmanaged
    {
        TableColumn col = Columns[column];
        (long first, long count) = (rows ?? RowRange.All).Resolve(RowCount);
        ColumnReader.Plan plan = Plan<T>(col, options, variable: false);
        var shape = new long[col.CellShape.Count + 1];
        shape[0] = count;
        for (int i = 1; i < shape.Length; i++)
        {
            shape[i] = col.CellShape[i - 1];
        }

        if (plan.PerElement != 1)
        {
            shape = [.. shape, plan.PerElement];
        }

        var buffer = new NativeBuffer<T>(shape);
        try
        {
            ReadCells(col, plan, first, count, buffer.Pointer, null);
            return buffer;
        }
        catch
        {
            ((IDisposable)buffer).Dispose();
            throw;
        }
    }

    /// <summary>
    /// The values of a fixed-width column in the given rows (for example the rows <see cref="Where"/> found), in that
    /// order. Consecutive rows are read together.
    /// </summary>
    /// <typeparam name="T">The element type (see <see cref="ReadColumn{T}(string, ReadOptions)"/>).</typeparam>
    /// <param name="column">The column's name.</param>
    /// <param name="rows">0-based row numbers, each inside the table.</param>
    /// <param name="options">Scaling and conversion options.</param>
    /// <returns>rows.Length x cell elements values.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A row is not inside the table.</exception>
    /// <exception cref="KeyNotFoundException">No column has that name.</exception>
    /// <exception cref="InvalidOperationException">The column holds strings or variable-length arrays.</exception>
    /// <exception cref="InvalidCastException"><typeparamref name="T"/> cannot hold the column's values.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the values.</exception>
    public T[] ReadColumnAt<T>(string column, ReadOnlySpan<long> rows, ReadOptions options = default)
        where T : unmanaged
    {
        TableColumn col = Columns[column];
        ColumnReader.Plan plan = Plan<T>(col, options, variable: false);
        long total = RowCount;
        long cell = col.CellElements * plan.PerElement;
        T[] values = GC.AllocateUninitializedArray<T>(checked((int)(rows.Length * cell)));
        for (int i = 0; i < rows.Length;)
        {
            int run = RunLength(rows, i, total);
            ReadInto(col, plan, rows[i], run, values.AsSpan((int)(i * cell), (int)(run * cell)), default);
            i += run;
        }

        return values;
    }

    /// <summary>
    /// The strings of a character column (binary <c>A</c>, ASCII <c>Aw</c>): per row one string, or several when the
    /// column holds an array of substrings (<c>rAw</c> or TDIMn), row after row. Each byte is one character
    /// (ISO-8859-1), so non-ASCII bytes survive; a NUL ends the string and trailing blanks are removed, as CFITSIO
    /// reads strings. <see cref="ReadCellBytes"/> gives the bytes as stored.
    /// </summary>
    /// <param name="column">The column's name.</param>
    /// <param name="rows">The rows; all when null.</param>
    /// <returns>The strings.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rows are not inside the table.</exception>
    /// <exception cref="KeyNotFoundException">No column has that name.</exception>
    /// <exception cref="InvalidOperationException">The column does not hold fixed-width strings.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the bytes.</exception>
    public string[] ReadStrings(string column, RowRange? rows = null)
    {
        TableColumn col = Columns[column];
        (long first, long count) = (rows ?? RowRange.All).Resolve(RowCount);
        return StringCells.Read(this, col, first, count);
    }

    /// <summary>
    /// The bytes of a fixed-width column's cells exactly as stored, row after row: big-endian numbers, packed bits
    /// (most significant first), logical bytes ('T', 'F', 0), characters (blank or NUL padded), ASCII fields as text.
    /// </summary>
    /// <param name="column">The column's name.</param>
    /// <param name="destination">Exactly rows x the field's width in bytes.</param>
    /// <param name="rows">The rows; all when null.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The rows are not inside the table.</exception>
    /// <exception cref="KeyNotFoundException">No column has that name.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the bytes.</exception>
    public unsafe void ReadCellBytes(string column, Span<byte> destination, RowRange? rows = null)
    {
        TableColumn col = Columns[column];
        (long first, long count) = (rows ?? RowRange.All).Resolve(RowCount);
        int width = checked((int)col.Layout.Width);
        if (destination.Length != count * width)
        {
            throw new ArgumentException($"The destination holds {destination.Length} bytes; {count} rows of column '{col.Name}' are {count * width}.", nameof(destination));
        }

        fixed (byte* target = destination)
        {
            lock (File.Sync)
            {
                ColumnReader.ReadRawRows(this, File.EnterHdu(Index), first, count, col.Layout.Offset, width, target, width);
            }
        }
    }

    /// <summary>
    /// A variable-length array column (<c>P</c>/<c>Q</c>): every row's array in one buffer, with offsets (rows + 1)
    /// that say where each row's array starts, as Apache Arrow lays out lists.
    /// </summary>
    /// <typeparam name="T">The element type (bool for PL, a numeric type, or <see cref="Complex"/> for PC/PM).</typeparam>
    /// <param name="column">The column's name.</param>
    /// <param name="rows">The rows; all when null.</param>
    /// <param name="options">Scaling and conversion options.</param>
    /// <returns>The arrays.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rows are not inside the table.</exception>
    /// <exception cref="KeyNotFoundException">No column has that name.</exception>
    /// <exception cref="InvalidOperationException">The column is not a variable-length column, or holds strings (<see cref="ReadVariableStrings"/>).</exception>
    /// <exception cref="InvalidCastException"><typeparamref name="T"/> cannot hold the column's values.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the arrays (for example a descriptor points past the heap).</exception>
    public VariableLengthColumn<T> ReadVariable<T>(string column, RowRange? rows = null, ReadOptions options = default)
        where T : unmanaged
    {
        TableColumn col = Columns[column];
        (long first, long count) = (rows ?? RowRange.All).Resolve(RowCount);
        ColumnReader.Plan plan = Plan<T>(col, options, variable: true);
        return VariableArrays.Read<T>(this, col, plan, first, count);
    }

    /// <summary>A variable-length character column (<c>PA</c>/<c>QA</c>): one string per row, its bytes as stored (ISO-8859-1).</summary>
    /// <param name="column">The column's name.</param>
    /// <param name="rows">The rows; all when null.</param>
    /// <returns>The strings.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rows are not inside the table.</exception>
    /// <exception cref="KeyNotFoundException">No column has that name.</exception>
    /// <exception cref="InvalidOperationException">The column is not a variable-length character column.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the arrays.</exception>
    public string[] ReadVariableStrings(string column, RowRange? rows = null)
    {
        TableColumn col = Columns[column];
        (long first, long count) = (rows ?? RowRange.All).Resolve(RowCount);
        return VariableArrays.ReadStrings(this, col, first, count);
    }

    /// <summary>
    /// The rows for which a boolean expression in CFITSIO's row-filter syntax is true, for example
    /// <c>"FLUX &gt; 10 &amp;&amp; FLAG == 0"</c> or <c>"abs(DEC) &lt; 30 .and. NAME == 'M31'"</c> (CFITSIO's
    /// <c>fits_find_rows</c>). The result feeds <see cref="ReadColumnAt{T}(string, ReadOnlySpan{long}, ReadOptions)"/>.
    /// </summary>
    /// <param name="expression">The expression; user input is safe: bad syntax is an exception, never a crash.</param>
    /// <returns>The matching 0-based row numbers, ascending.</returns>
    /// <exception cref="ArgumentException"><paramref name="expression"/> is empty or contains a NUL character.</exception>
    /// <exception cref="FitsException">The expression is not valid (bad syntax, an unknown column, not boolean): the message names it and carries CFITSIO's explanation; or it is longer than 100,000 characters.</exception>
    public long[] Where(string expression) => RowFilter.Find(this, expression);

    /// <summary>
    /// Several columns for a range of rows in one pass over the rows, each in its natural type (see
    /// <see cref="TableChunk"/>). Pass the chunk of an earlier read as <paramref name="reuse"/> to read into its arrays
    /// again (same table, columns and row count), allocating nothing for the values.
    /// </summary>
    /// <param name="columns">The columns' names; all columns when null.</param>
    /// <param name="rows">The rows; all when null.</param>
    /// <param name="reuse">A chunk whose arrays to fill again, or null for new arrays; ignored when it does not match.</param>
    /// <returns>The columns' values: <paramref name="reuse"/> when its arrays were reused, else a new chunk.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rows are not inside the table.</exception>
    /// <exception cref="KeyNotFoundException">A column does not exist.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the values.</exception>
    public TableChunk Read(IEnumerable<string>? columns = null, RowRange? rows = null, TableChunk? reuse = null)
    {
        TableColumn[] selected = Select(columns);
        (long first, long count) = (rows ?? RowRange.All).Resolve(RowCount);
        return TableChunk.Read(this, selected, first, checked((int)count), reuse);
    }

    /// <summary>
    /// Several columns streamed in chunks of <paramref name="rowsPerChunk"/> rows, in bounded memory, for tables of
    /// any size. Each chunk's arrays are reused by the next chunk of the same size: copy what you keep (or call
    /// <see cref="TableChunk.Detach"/>).
    /// </summary>
    /// <param name="columns">The columns' names; all columns when null.</param>
    /// <param name="rowsPerChunk">Rows per chunk (the last chunk may be shorter).</param>
    /// <param name="rows">The rows to stream; all when null.</param>
    /// <returns>The chunks, in row order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowsPerChunk"/> is not positive, or the rows are not inside the table.</exception>
    /// <exception cref="KeyNotFoundException">A column does not exist.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the values.</exception>
    public IEnumerable<TableChunk> ReadChunks(IEnumerable<string>? columns, int rowsPerChunk, RowRange? rows = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowsPerChunk);
        TableColumn[] selected = Select(columns);
        (long first, long count) = (rows ?? RowRange.All).Resolve(RowCount);
        return TableChunk.Stream(this, selected, first, count, rowsPerChunk);
    }

    /// <summary>Forgets the schema after the header changed.</summary>
    private protected override void OnHeaderChanged() => _schema = null;

    private ColumnReader.Plan Plan<T>(TableColumn column, ReadOptions options, bool variable)
        where T : unmanaged
        => ColumnReader.PlanRead<T>(this, column, Schema.NaturalPixels[column.Number - 1], options, variable);

    internal unsafe void ReadInto<T>(TableColumn column, in ColumnReader.Plan plan, long first, long count, Span<T> destination, Span<bool> nulls)
        where T : unmanaged
    {
        fixed (T* target = destination)
        fixed (bool* flags = nulls)
        {
            ReadCells(column, plan, first, count, target, nulls.IsEmpty ? null : flags);
        }
    }

    /// <summary>
    /// Rows [<paramref name="first"/>, + <paramref name="count"/>) of a fixed-width column, through
    /// <see cref="ColumnReadRouter"/>: by the direct path when the plan allows it (a natural-type byte move; with null
    /// flags only for a column without TNULL, whose flags are all false), else by CFITSIO.
    /// </summary>
    private unsafe void ReadCells(TableColumn column, in ColumnReader.Plan plan, long first, long count, void* destination, bool* nulls)
    {
        var target = new ColumnTarget(column, plan, destination, nulls);
        Span<bool> done = stackalloc bool[1];
        var read = new ColumnReadContext(this, new ColumnReadRequest(new ReadOnlySpan<ColumnTarget>(in target), first, count), done);
        ColumnReadRouter.Read(ref read);
    }

    private TableColumn[] Select(IEnumerable<string>? columns)
    {
        if (columns is null)
        {
            var all = new TableColumn[Columns.Count];
            for (int i = 0; i < all.Length; i++)
            {
                all[i] = Columns[i];
            }

            return all;
        }

        var selected = new List<TableColumn>();
        foreach (string name in columns)
        {
            selected.Add(Columns[name]);
        }

        return selected.ToArray();
    }

    private static int RunLength(ReadOnlySpan<long> rows, int start, long total)
    {
        int end = start;
        do
        {
            if ((ulong)rows[end] >= (ulong)total)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), $"Row {rows[end]} is not inside a table of {total} rows.");
            }

            end++;
        }
        while (end < rows.Length && rows[end] == rows[end - 1] + 1);
        return end - start;
    }

    /// <summary>The rows (NAXIS2) and columns (TFIELDS) as the header states them, "?" where it does not.</summary>
    private protected override void AppendSummary(StringBuilder text)
    {
        Header header = Header;
        string rows = header.TryGet("NAXIS2", out long rowCount) ? rowCount.ToString(CultureInfo.InvariantCulture) : "?";
        string columns = header.TryGet("TFIELDS", out int columnCount) ? columnCount.ToString(CultureInfo.InvariantCulture) : "?";
        text.Append(", ").Append(rows).Append(" rows x ").Append(columns).Append(" columns");
    }
}
