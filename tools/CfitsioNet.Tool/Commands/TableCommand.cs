using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using CfitsioNet.Tool.Cli;
using CfitsioNet.Tool.Tables;

namespace CfitsioNet.Tool.Commands;

/// <summary>
/// <c>fits table FILE [-e EXT] [--columns A,B] [--rows a:b] [--where EXPR] [--csv | --json]</c>: a table's rows, read
/// in chunks of 64k rows so any size streams in bounded memory.
/// </summary>
internal static class TableCommand
{
    private const int ChunkRows = 1 << 16;

    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A FITS file" };
        var extension = new Option<string>("--extension", "-e") { Description = "Table HDU: a 0-based index, EXTNAME or EXTNAME,EXTVER (default: the first table)" };
        var columns = new Option<string>("--columns", "-c") { Description = "Comma-separated column names (default: all)" };
        var rows = new Option<string>("--rows", "-r") { Description = "Rows a:b, 0-based, end exclusive, as Python slices (a: and :b too; default: all)" };
        var where = new Option<string>("--where", "-w") { Description = "Only rows where this CFITSIO row-filter expression is true, e.g. \"FLUX > 10 && FLAG == 0\"" };
        var csv = new Option<bool>("--csv") { Description = "Comma-separated values with a header line (RFC 4180 quoting)" };
        var json = new Option<bool>("--json") { Description = "A JSON object: columns and rows" };
        var command = new Command("table", "Rows of a binary or ASCII table (TSCAL/TZERO applied; nulls empty, NaN as nan)") { file, extension, columns, rows, where, csv, json };
        command.SetAction(result => Run(result.GetRequiredValue(file), result.GetValue(extension), result.GetValue(columns), result.GetValue(rows),
                                        result.GetValue(where), result.GetValue(csv), result.GetValue(json)));
        return command;
    }

    private static int Run(string path, string? extension, string? columnList, string? rowText, string? where, bool csv, bool json)
    {
        if (csv && json)
        {
            throw new ToolException("--csv and --json cannot be used together");
        }

        using FitsFile fits = FitsInput.Open(path);
        TableHdu table = Find(fits, extension);
        TableColumn[] columns = SelectColumns(table, columnList);
        (long first, long end) = ParseRows(rowText, table.RowCount);
        long[]? selected = where is null ? null : table.Where(where).Where(r => r >= first && r < end).ToArray();
        string[] names = columns.Select(c => c.Name.Length == 0 ? $"col{c.Number}" : c.Name).ToArray();

        if (json)
        {
            JsonOutput.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("file", path);
                writer.WriteNumber("hdu", table.Index);
                writer.WriteStartArray("columns");
                foreach (string name in names)
                {
                    writer.WriteStringValue(name);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("rows");
                ForEachRow(table, names, columns, first, end, selected, (cells, row) =>
                {
                    writer.WriteStartArray();
                    foreach (TableCells cell in cells)
                    {
                        cell.Json(writer, row);
                    }

                    writer.WriteEndArray();
                });
                writer.WriteEndArray();
                writer.WriteEndObject();
            });
            return ExitCodes.Success;
        }

        TextWriter output = Console.Out;
        if (csv)
        {
            output.WriteLine(string.Join(",", names.Select(Quote)));
            ForEachRow(table, names, columns, first, end, selected, (cells, row) =>
                output.WriteLine(string.Join(",", cells.Select(c => Quote(c.Text(row))))));
            return ExitCodes.Success;
        }

        // The console: columns padded per chunk of rows, numbers right-aligned.
        bool[] right = columns.Select(TableCells.IsNumeric).ToArray();
        bool headed = false;
        ForEachChunk(table, names, columns, first, end, selected, (cells, rowsInChunk) =>
        {
            var text = new TextTable(names, right);
            foreach (int row in rowsInChunk)
            {
                text.Add(cells.Select(c => c.Text(row)).ToArray());
            }

            text.WriteTo(output, withHeadings: !headed);
            headed = true;
        });
        if (!headed)
        {
            output.WriteLine(string.Join("  ", names));
        }

        return ExitCodes.Success;
    }

    private static TableHdu Find(FitsFile fits, string? extension)
    {
        if (extension is not null)
        {
            Hdu hdu = FitsInput.Select(fits, extension);
            return hdu as TableHdu ?? throw new ToolException($"{fits.FileName}: HDU {hdu.Index} is an image; table works on tables (try fits stats or fits preview)");
        }

        return fits.OfType<TableHdu>().FirstOrDefault() ?? throw new ToolException($"{fits.FileName}: no table HDU");
    }

    /// <summary>The columns <paramref name="list"/> names, in its order; all columns when null.</summary>
    public static TableColumn[] SelectColumns(TableHdu table, string? list)
    {
        if (list is null)
        {
            return [.. table.Columns];
        }

        var columns = new List<TableColumn>();
        foreach (string name in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            columns.Add(table.Columns.TryGet(name, out TableColumn? column)
                ? column
                : throw new ToolException($"{table.File.FileName}: HDU {table.Index} has no column '{name}' (it has: {string.Join(", ", table.Columns.Take(20).Select(c => c.Name))}{(table.Columns.Count > 20 ? ", ..." : "")})"));
        }

        return columns.Count > 0 ? [.. columns] : throw new ToolException("--columns names no column");
    }

    /// <summary>Rows <c>a:b</c> (Python slice syntax without a step; negative numbers count from the end).</summary>
    public static (long First, long End) ParseRows(string? text, long count)
    {
        if (text is null)
        {
            return (0, count);
        }

        string[] parts = text.Split(':');
        if (parts.Length != 2)
        {
            throw new ToolException($"--rows '{text}': expected a:b (for example 0:10, 100:, :5 or -10:)");
        }

        long Bound(string part, long fallback)
        {
            if (part.Trim().Length == 0)
            {
                return fallback;
            }

            if (!long.TryParse(part.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            {
                throw new ToolException($"--rows '{text}': '{part}' is not a row number");
            }

            return Math.Clamp(value < 0 ? count + value : value, 0, count);
        }

        long first = Bound(parts[0], 0);
        long end = Bound(parts[1], count);
        return (first, Math.Max(first, end));
    }

    private static void ForEachRow(TableHdu table, string[] names, TableColumn[] columns, long first, long end, long[]? selected, Action<TableCells[], int> row) =>
        ForEachChunk(table, names, columns, first, end, selected, (cells, rows) =>
        {
            foreach (int r in rows)
            {
                row(cells, r);
            }
        });

    /// <summary>Reads the rows chunk by chunk; passes each chunk's cells and the chunk rows to print (all, or those the filter kept).</summary>
    private static void ForEachChunk(TableHdu table, string[] names, TableColumn[] columns, long first, long end, long[]? selected, Action<TableCells[], IEnumerable<int>> chunkAction)
    {
        if (end <= first)
        {
            return;
        }

        int next = 0;
        foreach (TableChunk chunk in table.ReadChunks(names, ChunkRows, new RowRange(first, end)))
        {
            var cells = columns.Select(c => new TableCells(chunk, c)).ToArray();
            IEnumerable<int> rows;
            if (selected is null)
            {
                rows = Enumerable.Range(0, chunk.RowCount);
            }
            else
            {
                var kept = new List<int>();
                long chunkEnd = chunk.StartRow + chunk.RowCount;
                for (; next < selected.Length && selected[next] < chunkEnd; next++)
                {
                    kept.Add((int)(selected[next] - chunk.StartRow));
                }

                rows = kept;
            }

            chunkAction(cells, rows);
        }
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) < 0 && (cell.Length == 0 || (cell[0] != ' ' && cell[^1] != ' '))
            ? cell
            : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
