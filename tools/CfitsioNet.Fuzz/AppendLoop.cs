using System;
using System.Linq;

namespace CfitsioNet.Fuzz;

/// <summary>
/// <c>append-loop PATH [--cycles N]</c>: appends a block of rows to the binary table in HDU 1 of PATH in update mode,
/// over and over (each block continues the columns N = row number, X = N / 4, S = "row N"). Prints <c>cycle K ROWS</c>
/// after each save, so a parent can kill it at any moment (tests/CfitsioNet.Tests/Writing/UpdateKillTests.cs) and check
/// that the table is whole: an earlier or later save, every row continuing the sequence.
/// </summary>
internal static class AppendLoop
{
    /// <summary>Rows appended per cycle: several 2880-byte blocks, and a heap-free table that grows past its padding.</summary>
    internal const int BlockRows = 700;

    internal static int Run(string path, long cycles)
    {
        for (long i = 0; i < cycles; i++)
        {
            long rows;
            using (FitsFile fits = FitsFile.OpenForUpdate(path))
            {
                TableHdu table = fits[1].AsTable();
                long first = table.RowCount;
                long[] n = Enumerable.Range(0, BlockRows).Select(k => first + k).ToArray();
                rows = fits.AppendRows(table,
                [
                    TableColumnData.Of("N", n),
                    TableColumnData.Of("X", n.Select(v => v / 4.0).ToArray()),
                    TableColumnData.Of("S", n.Select(v => (string?)$"row {v}").ToArray(), width: 16),
                ]);
            }

            Console.WriteLine($"cycle {i} {rows}");
            Console.Out.Flush();
        }

        return 0;
    }
}
