using System;
using System.Runtime.InteropServices;
using CfitsioNet.Interop;

namespace CfitsioNet.Tables;

/// <summary>
/// CFITSIO's column reader, which takes every column the direct path left: a column's values through
/// <see cref="ColumnReader.Read"/> (<c>ffgcv</c>/<c>ffgcf</c>, with the null and scaling rules of docs/tables.md) in
/// one call, and a chunk's slots block by block of CFITSIO's optimal row count, so that its buffers hold each block's
/// rows while every column is taken from them and the file is walked once; variable-length slots read their heap
/// arrays afterwards.
/// </summary>
internal sealed class CfitsioColumnPath : IColumnReadPath
{
    /// <summary>The one instance (the path keeps no state).</summary>
    internal static readonly CfitsioColumnPath Instance = new();

    /// <inheritdoc/>
    public unsafe bool TryRead(ref ColumnReadContext read)
    {
        TableHdu table = read.Table;
        FitsHandle handle = table.File.EnterHdu(table.Index);
        ReadOnlySpan<ColumnTarget> targets = read.Request.Columns;
        long first = read.Request.FirstRow, rows = read.Request.RowCount;
        bool slots = false;
        for (int i = 0; i < targets.Length; i++)
        {
            if (read.Done[i])
            {
                continue;
            }

            ColumnTarget target = targets[i];
            if (target.Slot is null)
            {
                ColumnReader.Read(table, handle, target.Column, target.Plan, first + 1, 1, rows * target.Column.CellElements, target.Values, target.Nulls);
                read.Done[i] = true;
            }
            else
            {
                slots = true;
            }
        }

        if (slots)
        {
            ReadSlots(ref read, handle);
        }

        return true;
    }

    /// <summary>The chunk slots not yet read: fixed-width ones block by block, then the variable-length ones.</summary>
    private static void ReadSlots(ref ColumnReadContext read, FitsHandle handle)
    {
        TableHdu table = read.Table;
        ReadOnlySpan<ColumnTarget> targets = read.Request.Columns;
        long first = read.Request.FirstRow, rows = read.Request.RowCount;
        CfitsioProxy.GetOptimalRows(handle, out CLong optimal, "get the table's row block", table.At);
        long block = Math.Max(1, (long)optimal.Value);
        for (long done = 0; done < rows; done += block)
        {
            long n = Math.Min(block, rows - done);
            for (int i = 0; i < targets.Length; i++)
            {
                if (!read.Done[i] && !targets[i].Column.IsVariableLength)
                {
                    targets[i].Slot!.ReadBlock(table, handle, first, done, n);
                }
            }
        }

        for (int i = 0; i < targets.Length; i++)
        {
            if (!read.Done[i] && targets[i].Column.IsVariableLength)
            {
                targets[i].Slot!.ReadVariable(table, first, checked((int)rows));
            }

            read.Done[i] = true;
        }
    }
}
