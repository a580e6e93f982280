using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Threading;
using CfitsioNet.Interop;

namespace CfitsioNet.Tables;

/// <summary>Row selection by a boolean expression, evaluated by CFITSIO's expression parser (<c>fits_find_rows</c>).</summary>
/// <remarks>
/// CFITSIO evaluates the parsed expression by recursion over its tree (<c>Evaluate_Node</c>, about 240 bytes of stack
/// per level here), and a chain such as <c>A+A+...+A</c> is as deep as it is long: 100,000 terms (a 200 KB string)
/// overflowed a 1.5 MB thread stack and killed the process (SIGSEGV). So the evaluation runs on its own thread with
/// <see cref="EvaluationStack"/> bytes of stack, and an expression is at most <see cref="MaxExpressionLength"/>
/// characters: at two characters per level that is at most 50,000 levels, 12 MB of stack, well inside. (From C, on
/// an 8 MB stack, 400,000 terms overflowed; the process's other threads may have far less.)
/// </remarks>
internal static unsafe class RowFilter
{
    /// <summary>The longest expression accepted, in characters.</summary>
    internal const int MaxExpressionLength = 100_000;

    /// <summary>Stack of the evaluating thread: reserved address space, committed only as deep as the expression goes.</summary>
    private const int EvaluationStack = 64 << 20;

    /// <summary>Rows evaluated per call, so the flag buffer stays bounded for tables of any length.</summary>
    private const int RowsPerCall = 1 << 22;

    /// <summary>The expression parser is not known to be reentrant in every CFITSIO build: one evaluation at a time.</summary>
    private static readonly object s_parser = new();

    internal static long[] Find(TableHdu table, string expression)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        if (expression.Contains('\0', StringComparison.Ordinal))
        {
            // CFITSIO would evaluate only the text before the NUL: a different filter from the one given.
            throw new ArgumentException("The expression contains a NUL character.", nameof(expression));
        }

        if (expression.Length > MaxExpressionLength)
        {
            throw new FitsException(
                $"the row filter of {expression.Length} characters (\"{expression[..40]}...\") is longer than {MaxExpressionLength}: " +
                "CFITSIO evaluates expressions by recursion, and longer ones can exhaust the stack",
                table.File.FileName, "evaluate the row filter", table.Index);
        }

        long rows = table.RowCount;
        var found = new List<long>();
        byte[] flags = new byte[(int)Math.Min(RowsPerCall, Math.Max(1, rows))];
        lock (table.File.Sync)
        lock (s_parser)
        {
            FitsHandle handle = table.File.EnterHdu(table.Index);
            // The caller holds both locks while the evaluating thread works, and waits for it.
            ExceptionDispatchInfo? failure = null;
            var thread = new Thread(
                () =>
                {
                    try
                    {
                        EvaluateAll(table, handle, expression, rows, flags, found);
                    }
                    catch (Exception e)
                    {
                        failure = ExceptionDispatchInfo.Capture(e);
                    }
                },
                EvaluationStack)
            {
                IsBackground = true,
                Name = "CfitsioNet row filter",
            };
            thread.Start();
            thread.Join();
            failure?.Throw();
        }

        return found.ToArray();
    }

    private static void EvaluateAll(TableHdu table, FitsHandle handle, string expression, long rows, byte[] flags, List<long> found)
    {
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

    private static void Evaluate(TableHdu table, FitsHandle handle, string expression, long firstRow, int rows, byte[] flags)
    {
        fixed (byte* f = flags)
        {
            CfitsioProxy.FindRows(handle, expression, new CLong((nint)firstRow), new CLong(rows), out _, f, $"evaluate the row filter \"{expression}\"", table.At);
        }
    }
}
