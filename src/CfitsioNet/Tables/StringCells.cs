using System;
using System.Text;

namespace CfitsioNet.Tables;

/// <summary>
/// Character columns as strings, from the stored bytes: each byte one character (ISO-8859-1), a NUL ends the
/// string and trailing blanks are removed, as CFITSIO's <c>ffgcvs</c> returns them.
/// </summary>
internal static unsafe class StringCells
{
    /// <summary>Characters per string and strings per row of a character column.</summary>
    internal static (int Characters, int PerRow) Split(TableColumn column)
    {
        if (column.IsAscii)
        {
            return (column.Layout.Ascii.Width, 1);
        }

        BinaryColumnFormat format = column.Layout.Binary;
        long repeat = format.Repeat;
        long[] shape = column.Layout.Shape;
        long characters = shape.Length > 1 ? shape[^1] : format.SubstringWidth is int w && w > 0 && w < repeat ? w : repeat;
        if (characters <= 0)
        {
            return (0, 0);
        }

        return (checked((int)characters), checked((int)(repeat / characters)));
    }

    internal static string[] Read(TableHdu table, TableColumn column, long first, long count)
    {
        if (column.Type != ColumnType.String || column.IsVariableLength)
        {
            throw new InvalidOperationException(
                $"Column '{column.Name}' ({column.Format}) of HDU {table.Index} of '{table.File.FileName}' does not hold fixed-width strings"
                + (column.IsVariableLength ? "; read it with ReadVariableStrings()." : "; read it with ReadColumn<T>()."));
        }

        (int characters, int perRow) = Split(column);
        var strings = new string[checked((int)(count * perRow))];
        if (strings.Length == 0)
        {
            return strings;
        }

        int width = checked((int)column.Layout.Width);
        byte[] bytes = GC.AllocateUninitializedArray<byte>(checked((int)(count * width)));
        fixed (byte* target = bytes)
        {
            lock (table.File.Sync)
            {
                ColumnReader.ReadRawRows(table, table.File.EnterHdu(table.Index), first, count, column.Layout.Offset, width, target, width);
            }
        }

        int k = 0;
        for (long row = 0; row < count; row++)
        {
            ReadOnlySpan<byte> field = bytes.AsSpan((int)(row * width), width);
            for (int s = 0; s < perRow; s++)
            {
                strings[k++] = Decode(field.Slice(s * characters, characters));
            }
        }

        return strings;
    }

    /// <summary>The string of one stored field: up to the first NUL, trailing blanks removed, one char per byte.</summary>
    internal static string Decode(ReadOnlySpan<byte> field)
    {
        int end = field.IndexOf((byte)0);
        if (end < 0)
        {
            end = field.Length;
        }

        while (end > 0 && field[end - 1] == (byte)' ')
        {
            end--;
        }

        return end == 0 ? string.Empty : Encoding.Latin1.GetString(field[..end]);
    }
}
