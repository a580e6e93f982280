using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace CfitsioNet.Tool.Cli;

/// <summary>Columns padded to their widest cell; right-aligned where asked (numbers).</summary>
internal sealed class TextTable(string[] headings, bool[] rightAligned)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a row with one cell per heading.</summary>
    public void Add(params string[] cells) => _rows.Add(cells);

    /// <summary>Writes the headings (unless <paramref name="withHeadings"/> is false) and rows, two spaces between columns, no trailing blanks.</summary>
    public void WriteTo(TextWriter output, bool withHeadings = true)
    {
        int[] widths = headings.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        foreach (string[] row in withHeadings ? _rows.Prepend(headings) : _rows)
        {
            var cells = row.Select((cell, i) => rightAligned[i] ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
            output.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }
}
