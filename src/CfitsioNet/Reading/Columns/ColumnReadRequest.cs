using System;

namespace CfitsioNet.Tables;

/// <summary>
/// What one column read asks for: which columns (each with where its values land), which rows, and whether each row is
/// read only once (a chunk of <see cref="TableHdu.ReadChunks"/>). Built by <see cref="TableHdu"/> (one column) and
/// <see cref="TableChunk"/> (several), checked and planned before it is made; a ref struct, so a one-column read
/// points at a target on the caller's stack and allocates nothing.
/// </summary>
internal readonly ref struct ColumnReadRequest
{
    /// <summary>A read of <paramref name="columns"/> for rows [<paramref name="firstRow"/>, + <paramref name="rowCount"/>).</summary>
    internal ColumnReadRequest(ReadOnlySpan<ColumnTarget> columns, long firstRow, long rowCount, bool streaming = false)
    {
        Columns = columns;
        FirstRow = firstRow;
        RowCount = rowCount;
        Streaming = streaming;
    }

    /// <summary>The columns read, in the caller's order.</summary>
    internal ReadOnlySpan<ColumnTarget> Columns { get; }

    /// <summary>The first row, 0-based.</summary>
    internal long FirstRow { get; }

    /// <summary>The number of rows.</summary>
    internal long RowCount { get; }

    /// <summary>
    /// Each row is read once (a stream of chunks): the direct path takes positioned reads, not the map, whose file pages
    /// would stay resident and grow the process's RSS to the file's size.
    /// </summary>
    internal bool Streaming { get; }
}

/// <summary>
/// One column of a <see cref="ColumnReadRequest"/>: either a fixed-width column's values read into memory the caller
/// has pinned (with its <see cref="ColumnReader.Plan"/>, and optionally one null flag per element), or a slot of a
/// <see cref="TableChunk"/>, which knows how to read its own column (strings, variable-length arrays, null flags).
/// </summary>
internal readonly unsafe struct ColumnTarget
{
    /// <summary>
    /// The values of <paramref name="column"/> into <paramref name="values"/> (rows x cell elements x
    /// <see cref="ColumnReader.Plan.PerElement"/>), with one flag per element into <paramref name="nulls"/> unless null.
    /// </summary>
    internal ColumnTarget(TableColumn column, in ColumnReader.Plan plan, void* values, bool* nulls)
    {
        Column = column;
        Plan = plan;
        Values = values;
        Nulls = nulls;
        // A byte move gives no null flags: it serves a read that wants them only when the column has no TNULL, whose
        // flags are then all false.
        Gather = nulls is null || column.Null is null ? plan.Gather : null;
    }

    /// <summary>A chunk's slot: the direct path gathers into its pinned array when it can, CFITSIO reads through the slot.</summary>
    internal ColumnTarget(ColumnSlot slot)
    {
        Column = slot.Column;
        Slot = slot;
        Values = (void*)slot.Address;
        Gather = slot.DirectGather;
    }

    /// <summary>The column read.</summary>
    internal TableColumn Column { get; }

    /// <summary>How CFITSIO reads the values (default for a slot, which keeps its own plan).</summary>
    internal ColumnReader.Plan Plan { get; }

    /// <summary>The first row's first value.</summary>
    internal void* Values { get; }

    /// <summary>The first row's first null flag, or null when no flags are wanted (always null for a slot).</summary>
    internal bool* Nulls { get; }

    /// <summary>The chunk slot that reads this column through CFITSIO, or null for values into <see cref="Values"/>.</summary>
    internal ColumnSlot? Slot { get; }

    /// <summary>The direct path's gather when this column's read is a byte move CFITSIO's natural read equals; else null.</summary>
    internal GatherColumn? Gather { get; }
}
