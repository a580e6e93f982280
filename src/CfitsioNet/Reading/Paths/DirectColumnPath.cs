using System;

namespace CfitsioNet.Tables;

/// <summary>
/// The direct column path: every column of the read whose values are a byte move of the stored cells (a fixed-width
/// binary column in its natural type, <see cref="ColumnTarget.Gather"/>), gathered without CFITSIO in one pass over
/// the rows by <see cref="DirectTableReader"/>. All of them or none: when the direct read cannot be served (no second
/// handle, the file shorter than the header says, a file CFITSIO does not read from disk) CFITSIO reads them all.
/// </summary>
internal sealed class DirectColumnPath : IColumnReadPath
{
    /// <summary>Columns gathered with their descriptions on the stack; a read of more columns allocates two small arrays.</summary>
    private const int StackColumns = 64;

    /// <summary>The one instance (the path keeps no state).</summary>
    internal static readonly DirectColumnPath Instance = new();

    /// <inheritdoc/>
    public unsafe bool TryRead(ref ColumnReadContext read)
    {
        ReadOnlySpan<ColumnTarget> targets = read.Request.Columns;
        int count = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            if (!read.Done[i] && targets[i].Gather is not null)
            {
                count++;
            }
        }

        if (count == 0)
        {
            return false;
        }

        Span<GatherColumn> gathers = count <= StackColumns ? stackalloc GatherColumn[count] : new GatherColumn[count];
        Span<nint> destinations = count <= StackColumns ? stackalloc nint[count] : new nint[count];
        for (int i = 0, k = 0; i < targets.Length; i++)
        {
            if (!read.Done[i] && targets[i].Gather is GatherColumn gather)
            {
                gathers[k] = gather;
                destinations[k++] = (nint)targets[i].Values;
            }
        }

        long rows = read.Request.RowCount;
        if (!DirectTableReader.TryRead(read.Table, gathers, destinations, read.Request.FirstRow, rows, read.Request.Streaming))
        {
            return false;
        }

        for (int i = 0; i < targets.Length; i++)
        {
            if (!read.Done[i] && targets[i].Gather is not null)
            {
                read.Done[i] = true;
                if (targets[i].Nulls is not null)
                {
                    // Only a column without TNULL is gathered with flags wanted: none of its values is a null.
                    new Span<bool>(targets[i].Nulls, checked((int)(rows * targets[i].Column.CellElements))).Clear();
                }
            }
        }

        return read.IsComplete;
    }
}
