using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace CfitsioNet.Tables;

/// <summary>
/// The layout of a table's rows from its TFORMn, TDIMn and TBCOLn values: each column's offset and width, checked
/// against NAXIS1 as CFITSIO checks it (binary: the widths add up to NAXIS1 exactly, <c>ffgtbc</c>; ASCII: each field
/// lies inside the row).
/// </summary>
internal sealed class TableLayout
{
    private TableLayout(bool ascii, long rowWidth, ColumnLayout[] columns)
    {
        IsAscii = ascii;
        RowWidth = rowWidth;
        Columns = columns;
    }

    /// <summary>True for an ASCII table (XTENSION = 'TABLE').</summary>
    internal bool IsAscii { get; }

    /// <summary>NAXIS1: bytes per row.</summary>
    internal long RowWidth { get; }

    /// <summary>The columns in TFORMn order (Columns[0] is column 1).</summary>
    internal IReadOnlyList<ColumnLayout> Columns { get; }

    /// <summary>
    /// The layout of a binary table's rows; <paramref name="tdims"/> holds TDIMn or null per column (shorter than
    /// <paramref name="tforms"/> means no TDIM for the rest). The error names the keyword and its value.
    /// </summary>
    internal static bool TryCreateBinary(IReadOnlyList<string> tforms, IReadOnlyList<string?> tdims, long rowWidth,
                                         [NotNullWhen(true)] out TableLayout? layout, [NotNullWhen(false)] out string? error)
    {
        layout = null;
        if (rowWidth < 0)
        {
            error = $"NAXIS1 = {rowWidth} is negative";
            return false;
        }

        var columns = new ColumnLayout[tforms.Count];
        long offset = 0;
        for (int i = 0; i < tforms.Count; i++)
        {
            int n = i + 1;
            if (!TformParser.TryParseBinary(tforms[i], out BinaryColumnFormat format, out string? why))
            {
                error = $"TFORM{n} = '{tforms[i]}' {why}";
                return false;
            }

            long[] shape = [format.Repeat];
            string? tdim = i < tdims.Count ? tdims[i] : null;
            if (tdim is not null && !TdimParser.TryParse(tdim, format.Repeat, format.IsVariableLength, out shape!, out why))
            {
                error = $"TDIM{n} = '{tdim}' {why} (TFORM{n} = '{tforms[i]}')";
                return false;
            }

            long width = format.FieldWidth;
            if (width > rowWidth - offset)
            {
                error = $"TFORM{n} = '{tforms[i]}' needs {width} bytes at byte {offset} of the row, past NAXIS1 = {rowWidth}";
                return false;
            }

            columns[i] = new ColumnLayout(n, offset, width, format, default, shape);
            offset += width;
        }

        if (offset != rowWidth)
        {
            error = $"NAXIS1 = {rowWidth} is not the sum of the column widths, {offset}";
            return false;
        }

        layout = new TableLayout(false, rowWidth, columns);
        error = null;
        return true;
    }

    /// <summary>The layout of an ASCII table's rows from TFORMn and TBCOLn (1-based starting characters).</summary>
    internal static bool TryCreateAscii(IReadOnlyList<string> tforms, IReadOnlyList<long> tbcols, long rowWidth,
                                        [NotNullWhen(true)] out TableLayout? layout, [NotNullWhen(false)] out string? error)
    {
        layout = null;
        if (tbcols.Count != tforms.Count)
        {
            error = $"{tforms.Count} TFORMn values but {tbcols.Count} TBCOLn values";
            return false;
        }

        var columns = new ColumnLayout[tforms.Count];
        for (int i = 0; i < tforms.Count; i++)
        {
            int n = i + 1;
            if (!TformParser.TryParseAscii(tforms[i], out AsciiColumnFormat format, out string? why))
            {
                error = $"TFORM{n} = '{tforms[i]}' {why}";
                return false;
            }

            long start = tbcols[i];
            if (start < 1 || start - 1 > rowWidth - format.Width)
            {
                error = $"TBCOL{n} = {start} with TFORM{n} = '{tforms[i]}' puts the field outside the row (NAXIS1 = {rowWidth})";
                return false;
            }

            columns[i] = new ColumnLayout(n, start - 1, format.Width, default, format, []);
        }

        layout = new TableLayout(true, rowWidth, columns);
        error = null;
        return true;
    }

    /// <summary>As <see cref="TryCreateBinary"/>; a bad layout is a <see cref="FitsException"/> naming the file and HDU.</summary>
    internal static TableLayout CreateBinary(IReadOnlyList<string> tforms, IReadOnlyList<string?> tdims, long rowWidth, string? fileName, int? hduIndex) =>
        TryCreateBinary(tforms, tdims, rowWidth, out TableLayout? layout, out string? error)
            ? layout
            : throw new FitsException($"Bad binary table: {error}.", fileName, "reading the table's column formats", hduIndex);

    /// <summary>As <see cref="TryCreateAscii"/>; a bad layout is a <see cref="FitsException"/> naming the file and HDU.</summary>
    internal static TableLayout CreateAscii(IReadOnlyList<string> tforms, IReadOnlyList<long> tbcols, long rowWidth, string? fileName, int? hduIndex) =>
        TryCreateAscii(tforms, tbcols, rowWidth, out TableLayout? layout, out string? error)
            ? layout
            : throw new FitsException($"Bad ASCII table: {error}.", fileName, "reading the table's column formats", hduIndex);
}
