using System;

namespace CfitsioNet.Tables;

/// <summary>
/// One column read in progress: the table, what is asked (<see cref="ColumnReadRequest"/>) and which of its columns a
/// path has read so far. Handed by reference to <see cref="ColumnReadRouter"/>, which tries each
/// <see cref="IColumnReadPath"/> in turn until every column is read. Unlike an image read, a read of several columns
/// can be shared: the direct path takes the columns it can gather, CFITSIO the rest. A ref struct: it lives on the
/// reading thread's stack and allocates nothing.
/// </summary>
internal ref struct ColumnReadContext
{
    /// <summary>A read of <paramref name="request"/> from <paramref name="table"/>; <paramref name="done"/> holds one flag per column, all false.</summary>
    internal ColumnReadContext(TableHdu table, ColumnReadRequest request, Span<bool> done)
    {
        if (done.Length != request.Columns.Length)
        {
            throw new ArgumentException($"{done.Length} flags for {request.Columns.Length} columns.", nameof(done));
        }

        Table = table;
        Request = request;
        Done = done;
    }

    /// <summary>The table read.</summary>
    internal TableHdu Table { get; }

    /// <summary>Its file.</summary>
    internal readonly FitsFile File => Table.File;

    /// <summary>What is read and where it lands.</summary>
    internal ColumnReadRequest Request { get; }

    /// <summary>One flag per column of the request, set by the path that read it.</summary>
    internal Span<bool> Done { get; }

    /// <summary>Whether every column has been read.</summary>
    internal readonly bool IsComplete => !Done.Contains(false);
}

/// <summary>One way of reading table columns: a fast path that takes the columns it can prove identical to CFITSIO's, or CFITSIO itself.</summary>
internal interface IColumnReadPath
{
    /// <summary>
    /// Reads the columns of <paramref name="read"/> this path can take among those not yet done, marks them done, and
    /// returns whether every column is now done. Called under the file's lock.
    /// </summary>
    /// <param name="read">The read.</param>
    /// <returns>Whether the read is complete.</returns>
    bool TryRead(ref ColumnReadContext read);
}
