using System;
using System.Runtime.InteropServices;
using System.Collections.Generic;
using CfitsioNet.Interop;

namespace CfitsioNet.Tables;

/// <summary>Row selection by a boolean expression, evaluated by CFITSIO's expression parser (<c>fits_find_rows</c>).</summary>
internal static unsafe class RowFilter
{
    /// <summary>Rows evaluated per call, so the flag buffer stays bounded for tables of any length.</summary>
    private const int RowsPerCall = 1 << 22;

    /// <summary>The expression parser is not known to be reentrant in every CFITSIO build: one evaluation at a time.</summary>
    private static readonly object s_parser = new();

    internal static long[] Find(TableHdu table, string expression)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        long rows = table.RowCount;
        var found = new List<long>();
        byte[] flags = new byte[(int)Math.Min(RowsPerCall, Math.Max(1, rows))];
        lock (table.File.Sync)
        lock (s_parser)
        {
            FitsHandle handle = table.File.EnterHdu(table.Index);
            if (rows == 0)
            {
                // Still parse it, so a bad expression fails on an empty table too: evaluate no rows of row 1.
                Evaluate(table, handle, expression, 1, 0, flags);
            }

            for (long first = 0; first < rows; first += RowsPerCall)
            {
                int n = (int)Math.Min(RowsPerCall, rows - first);
                Evaluate(table, handle, expression, first + 1, n, flags);
                for (int i = 0; i < n; i++)
                {
                    if (flags[i] != 0)
                    {
                        found.Add(first + i);
                    }
                }
            }
        }

        return found.ToArray();
    }

    private static void Evaluate(TableHdu table, FitsHandle handle, string expression, long firstRow, int rows, byte[] flags)
    {
        int status = 0;
        fixed (byte* f = flags)
        {
            Cfitsio.FindRows(handle, expression, new CLong((nint)firstRow), new CLong(rows), out _, f, ref status);
        }

        if (status != 0)
        {
            throw FitsStatus.Create(status, $"evaluate the row filter \"{expression}\"", table.File.FileName, table.Index);
        }
    }
}
