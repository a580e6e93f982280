using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;

namespace CfitsioNet.Fuzz;

/// <summary>
/// Every table read path on one table HDU (schema, each column in its natural type and as double, strings, variable
/// arrays, Read, ReadChunks, Where), and the differential probe: every fixed-width column read by the direct path
/// (forced at any size) and by CFITSIO alone must give the same bytes and null flags, or both must refuse.
/// </summary>
internal static class TableProbes
{
    private static readonly FitsOpenOptions DirectAlways = new() { DirectMinimumBytes = 0 };
    private static readonly FitsOpenOptions DirectMapped = new() { DirectMinimumBytes = 0, MemoryMap = true };

    private const int MaxColumns = 64;
    private const int MaxHdus = 8;

    /// <summary>The read paths on <paramref name="table"/>; each call is its own probe.</summary>
    internal static void Run(CaseReport report, TableHdu table, Action<CaseReport, string, Action> probe)
    {
        long rows = 0;
        TableColumn[] columns = [];
        probe(report, "TableSchema", () =>
        {
            rows = table.RowCount;
            columns = table.Columns.Take(MaxColumns).ToArray();
            _ = table.RowWidth;
            _ = table.IsAscii;
            foreach (TableColumn column in columns)
            {
                _ = column.ToString();
                _ = column.CellShape;
                _ = table.Columns[NameOf(column)];
            }
        });
        if (columns.Length == 0 && rows == 0)
        {
            return;
        }

        // A header may claim any number of rows (the file size bounds them); whole reads stay inside the budget.
        bool whole = (rows * Math.Max(1, table.RowWidth) * 8) <= ReadPaths.ReadBudgetBytes && rows <= int.MaxValue / 2;
        RowRange[] ranges = whole
            ? [RowRange.All, RowRange.FromStart(Math.Max(0, rows - 1), Math.Min(rows, 1))]
            : [RowRange.FromStart(0, Math.Min(rows, 3)), RowRange.FromStart(Math.Max(0, rows - 3), Math.Min(rows, 3))];
        if (!whole)
        {
            report.Add("TableRead(large)", Outcome.Skipped, $"{rows} rows of {table.RowWidth} bytes claimed");
        }

        foreach (TableColumn column in columns)
        {
            string name = NameOf(column);
            if (!SelfNamed(table, column))
            {
                continue; // a second column of the same name: reads by name give the first (documented)
            }

            foreach (RowRange range in ranges)
            {
                probe(report, "TableReadNatural", () => _ = table.Read([name], range));
                if (column.IsVariableLength)
                {
                    probe(report, "TableReadVariable", () =>
                    {
                        if (column.Type == ColumnType.String)
                        {
                            _ = table.ReadVariableStrings(name, range);
                        }
                        else if (column.Type == ColumnType.Logical)
                        {
                            _ = table.ReadVariable<bool>(name, range);
                        }
                        else
                        {
                            _ = table.ReadVariable<double>(name, range, ReadOptions.Lossy);
                        }
                    });
                }
                else if (column.Type == ColumnType.String)
                {
                    probe(report, "TableReadStrings", () => _ = table.ReadStrings(name, range));
                }
                else if (column.Type is not (ColumnType.ComplexSingle or ColumnType.ComplexDouble or ColumnType.Logical or ColumnType.Bit))
                {
                    probe(report, "TableReadDouble", () => _ = table.ReadColumn<double>(name, range, ReadOptions.Lossy));
                }
            }
        }

        if (whole)
        {
            probe(report, "TableReadAll", () => _ = table.Read());
            probe(report, "TableReadChunks", () =>
            {
                long seen = 0;
                foreach (TableChunk chunk in table.ReadChunks(null, 7))
                {
                    if (chunk.StartRow != seen)
                    {
                        throw new InvalidOperationException($"ReadChunks gave a chunk at row {chunk.StartRow}, expected {seen}.");
                    }

                    seen += chunk.RowCount;
                }

                if (seen != rows)
                {
                    throw new InvalidOperationException($"ReadChunks covered {seen} of {rows} rows.");
                }
            });
            probe(report, "TableWhere", () => Where(table, "#ROW > 1"));
            TableColumn? numeric = columns.FirstOrDefault(c => !c.IsVariableLength && c.Type is ColumnType.Int16 or ColumnType.Int32 or ColumnType.Double or ColumnType.Single or ColumnType.Byte);
            if (numeric is not null && numeric.Name.Length > 0 && numeric.Name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
            {
                probe(report, "TableWhereColumn", () => Where(table, numeric.Name + " > 0"));
            }

            probe(report, "TableWhereBad", () =>
            {
                try
                {
                    _ = table.Where("((( no such column");
                    throw new InvalidOperationException("Where accepted a malformed expression.");
                }
                catch (FitsException)
                {
                    // The promised refusal.
                }
            });
        }
    }

    private static void Where(TableHdu table, string expression)
    {
        long[] found = table.Where(expression);
        for (int i = 0; i < found.Length; i++)
        {
            if (found[i] < 0 || found[i] >= table.RowCount || (i > 0 && found[i] <= found[i - 1]))
            {
                throw new InvalidOperationException($"Where('{expression}') gave row {found[i]} (of {table.RowCount}) at position {i}.");
            }
        }
    }

    /// <summary>The differential probe on every table HDU of <paramref name="path"/>.</summary>
    internal static void Differential(CaseReport report, string path)
    {
        var files = new List<FitsFile>(3); // CFITSIO only, the direct path forced, the map always
        try
        {
            int count;
            try
            {
                foreach (FitsOpenOptions options in new[] { FitsOpenOptions.CfitsioOnly, DirectAlways, DirectMapped })
                {
                    files.Add(FitsFile.Open(path, options));
                }

                count = Math.Min(files[0].HduCount, MaxHdus);
            }
            catch (FitsException)
            {
                return; // Open's own parity is what the Open probe and the tests check
            }

            for (int i = 0; i < count; i++)
            {
                Compare(report, files[0], files[1], i, "direct");
                Compare(report, files[0], files[2], i, "mapped");
            }
        }
        finally
        {
            files.ForEach(f => f.Dispose());
        }
    }

    private static void Compare(CaseReport report, FitsFile cfitsio, FitsFile fast, int index, string how)
    {
        TableHdu? reference = TableAt(cfitsio, index);
        TableHdu? table = TableAt(fast, index);
        if (reference is null || table is null)
        {
            return;
        }

        string probe = $"TableIdentity[{index}]";
        long rows;
        TableColumn[] columns;
        try
        {
            rows = reference.RowCount;
            columns = reference.Columns.Take(MaxColumns).Where(c => !c.IsVariableLength).ToArray();
        }
        catch (FitsException)
        {
            return;
        }

        if (rows * Math.Max(1, reference.RowWidth) > ReadPaths.ReadBudgetBytes || rows > int.MaxValue / 2)
        {
            rows = Math.Min(rows, 3); // the first rows only
        }

        foreach (TableColumn column in columns.Where(c => SelfNamed(reference, c)))
        {
            string name = NameOf(column);
            foreach ((long first, long n) in new[] { (0L, rows), (Math.Max(0, rows - 1), Math.Min(rows, 1)) })
            {
                (byte[]? expected, bool[]? expectedNulls, FitsException? expectedError) = Values(reference, name, first, n);
                (byte[]? actual, bool[]? actualNulls, FitsException? actualError) = Values(table, name, first, n);
                string what = $"{how} {name} ({column.Format}) rows {first}+{n}";
                if (expected is not null && actual is not null)
                {
                    int at = FastPathIdentity.FirstDifference(actual, expected);
                    bool sameNulls = (expectedNulls ?? []).AsSpan().SequenceEqual(actualNulls ?? []);
                    report.Add(probe, at < 0 && sameNulls ? Outcome.Ok : Outcome.Bug,
                        at >= 0 ? $"{what}: the direct path's bytes differ from CFITSIO's at byte {at} of {expected.Length}"
                                : sameNulls ? "" : $"{what}: the null flags differ from CFITSIO's");
                }
                else if (expected is not null)
                {
                    // Both sides are CFITSIO here (the direct path hands a short file back to it): on a file that ends
                    // inside a block its reads succeed or fail with the state of its buffers.
                    bool varies = EndsInsideBlock(cfitsio.FileName) && actualError?.Status is 107 or 108;
                    report.Add(probe, varies ? Outcome.CfitsioVaries : Outcome.Bug, $"{what}: the direct path refused what CFITSIO reads: {actualError?.Message}");
                }
                else if (actual is not null)
                {
                    bool padded = ReadsWhenPadded(cfitsio.FileName, index, name, first, n, actual);
                    report.Add(probe, padded ? Outcome.Ok : Outcome.Bug, padded ? "" : $"{what}: the direct path read what CFITSIO refuses ({expectedError?.Status}: {expectedError?.Message})");
                }
                else if (expectedError is not null)
                {
                    report.Add(probe, Outcome.Fits, $"both refuse: {expectedError.Status}");
                }
            }
        }
    }

    /// <summary>The file (or, gzipped, its stream) ends inside a 2880-byte block: CFITSIO's last record is short.</summary>
    private static bool EndsInsideBlock(string path)
    {
        var info = new System.IO.FileInfo(path);
        if (info.Length % 2880 != 0)
        {
            return true;
        }

        Span<byte> magic = stackalloc byte[2];
        using System.IO.FileStream stream = info.OpenRead();
        return stream.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    /// <summary>
    /// The direct path read a file that ends inside its last block, with every row present, and CFITSIO failed on the
    /// short record: CFITSIO reads the same bytes once the block is padded (as <see cref="FastPathIdentity"/> checks images).
    /// </summary>
    private static bool ReadsWhenPadded(string path, int index, string name, long first, long count, byte[] values)
    {
        byte[] bytes = System.IO.File.ReadAllBytes(path);
        if (bytes.Length % 2880 == 0)
        {
            return false;
        }

        string padded = path + ".padded";
        try
        {
            Array.Resize(ref bytes, (bytes.Length + 2879) / 2880 * 2880);
            System.IO.File.WriteAllBytes(padded, bytes);
            using FitsFile file = FitsFile.Open(padded, FitsOpenOptions.CfitsioOnly);
            return TableAt(file, index) is TableHdu table && Values(table, name, first, count).Bytes is byte[] again && again.AsSpan().SequenceEqual(values);
        }
        catch (FitsException)
        {
            return false;
        }
        finally
        {
            System.IO.File.Delete(padded);
        }
    }

    private static TableHdu? TableAt(FitsFile file, int index)
    {
        try
        {
            return file[index] as TableHdu;
        }
        catch (FitsException)
        {
            return null;
        }
    }

    private static (byte[]? Bytes, bool[]? Nulls, FitsException? Error) Values(TableHdu table, string name, long first, long count)
    {
        try
        {
            TableChunk chunk = table.Read([name], RowRange.FromStart(first, count));
            return (Bytes(chunk.GetValues(name)), chunk.GetNulls(name), null);
        }
        catch (FitsException e)
        {
            return (null, null, e);
        }
    }

    /// <summary>Whether reads by the column's name reach this column (not an earlier one of the same name).</summary>
    private static bool SelfNamed(TableHdu table, TableColumn column) =>
        table.Columns.TryGet(NameOf(column), out TableColumn? found) && found.Number == column.Number;

    /// <summary>The name the table finds the column by: TTYPEn, or <c>col</c>n without one.</summary>
    internal static string NameOf(TableColumn column) => column.Name.Length == 0 ? $"col{column.Number}" : column.Name;

    /// <summary>The values' bytes as stored in memory (strings as Latin-1, joined by U+0001).</summary>
    private static byte[] Bytes(object values)
    {
        switch (values)
        {
            case string[] strings:
                return System.Text.Encoding.Latin1.GetBytes(string.Join("\u0001", strings));
            case Complex[] complex:
                return MemoryMarshal.AsBytes(complex.AsSpan()).ToArray();
            case Array primitives:
                var bytes = new byte[Buffer.ByteLength(primitives)];
                Buffer.BlockCopy(primitives, 0, bytes, 0, bytes.Length);
                return bytes;
            default:
                throw new NotSupportedException(values.GetType().Name);
        }
    }
}
