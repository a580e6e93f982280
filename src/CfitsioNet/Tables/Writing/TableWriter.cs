using System;
using System.Collections.Generic;

namespace CfitsioNet;

/// <summary>
/// Appends row blocks to a table made by <see cref="FitsFile.BeginTable"/>, holding only the block being written.
/// Dispose it to complete the table (NAXIS2, the heap size and the variable-length TFORMs are written then).
/// </summary>
/// <example>
/// <code>
/// using (TableWriter writer = fits.BeginTable([TableColumnData.Of("T", Array.Empty&lt;double&gt;())]))
/// {
///     writer.WriteRows([TableColumnData.Of("T", block)]);
/// }
/// </code>
/// </example>
public sealed class TableWriter : IDisposable
{
    private readonly FitsFile _file;
    private bool _disposed;

    internal TableWriter(FitsFile file, TableHdu table, TableColumnData[] schema, long rows)
    {
        _file = file;
        Table = table;
        Schema = schema;
        RowCount = rows;
    }

    /// <summary>The table being written (readable once the writer is disposed).</summary>
    public TableHdu Table { get; }

    /// <summary>The number of rows written so far.</summary>
    public long RowCount { get; private set; }

    internal TableColumnData[] Schema { get; }

    /// <summary>
    /// Appends a block of rows: one <see cref="TableColumnData"/> per column, in the table's order, with the same
    /// names, types, cell shapes, scaling and nulls as the first block, strings no wider than the first block's width.
    /// </summary>
    /// <param name="rows">The block's columns, all with the same number of rows (0 is allowed).</param>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> or one of its columns is null.</exception>
    /// <exception cref="ArgumentException">The block does not match the table's columns; nothing was written.</exception>
    /// <exception cref="ObjectDisposedException">The writer or the file has been disposed.</exception>
    /// <exception cref="InvalidOperationException">The file is faulted by an earlier failed write.</exception>
    /// <exception cref="FitsException">CFITSIO failed to write the rows.</exception>
    public void WriteRows(IReadOnlyList<TableColumnData> rows)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _file.WriteTableRows(this, rows);
    }

    /// <summary>Completes the table. Does nothing when the file was disposed or faulted meanwhile.</summary>
    /// <exception cref="FitsException">CFITSIO failed to complete the table (the file is then faulted).</exception>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _file.FinishTable(this);
    }

    internal void Advance(long rows) => RowCount += rows;
}
