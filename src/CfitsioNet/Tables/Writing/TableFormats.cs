using System;
using System.Numerics;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>TFORMs and CFITSIO data types of the columns to write.</summary>
internal static class TableFormats
{
    /// <summary>The TFORM of every column (CFITSIO's U/V/W/S codes for the unsigned conventions).</summary>
    internal static string[] Plan(TableColumnData[] block, bool ascii, bool large)
    {
        var formats = new string[block.Length];
        for (int i = 0; i < block.Length; i++)
        {
            formats[i] = ascii ? AsciiFormat(block[i]) : BinaryFormat(block[i], large);
        }

        return formats;
    }

    internal static string BinaryFormat(TableColumnData column, bool large) => column.Kind switch
    {
        ColumnDataKind.String => $"{column.Repeat}A",
        ColumnDataKind.Bits => $"{column.Repeat}X",
        ColumnDataKind.Variable => $"1{(large ? 'Q' : 'P')}{Letter(column.VariableElement, column.ElementType)}",
        _ => $"{column.Repeat}{Letter(column.Kind, column.ElementType)}",
    };

    /// <summary>The letter CFITSIO shows for the column once written (U is I with TZERO 32768, and so on), its repeat and its implied TZERO.</summary>
    internal static (char Letter, long Repeat, double Zero) Expected(TableColumnData column)
    {
        ColumnDataKind kind = column.Kind == ColumnDataKind.Variable ? column.VariableElement : column.Kind;
        char letter = Letter(kind, column.ElementType) switch
        {
            'U' => 'I',
            'V' => 'J',
            'W' => 'K',
            'S' => 'B',
            char other => other,
        };
        if (column.Kind == ColumnDataKind.String)
        {
            letter = 'A';
        }
        else if (column.Kind == ColumnDataKind.Bits)
        {
            letter = 'X';
        }

        double zero = column.ElementType switch
        {
            PixelType.UInt16 => 32768,
            PixelType.UInt32 => 2147483648,
            PixelType.UInt64 => 9223372036854775808,
            PixelType.SByte => -128,
            _ => 0,
        };
        return (letter, column.Kind == ColumnDataKind.String ? column.Width : column.Repeat, zero);
    }

    /// <summary>The type letter of a TFORM as the reader reports it (the element letter for P/Q) and its repeat.</summary>
    internal static (char Letter, long Repeat) LetterOf(string format, long repeat)
    {
        string text = format.Trim().TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        if (text.Length > 1 && text[0] is 'P' or 'Q')
        {
            text = text[1..];
        }

        return (text.Length == 0 ? '?' : text[0], repeat);
    }

    /// <summary>TNULLn as stored: the unsigned conventions keep their null in their own terms, stored with the offset.</summary>
    internal static long StoredNull(PixelType? type, long value) => type switch
    {
        PixelType.UInt16 => value - 32768,
        PixelType.UInt32 => value - 2147483648,
        PixelType.SByte => value + 128,
        _ => value,
    };

    internal static void CheckAscii(TableColumnData column)
    {
        bool numeric = column.Kind == ColumnDataKind.Numeric && column.ElementType is not PixelType.UInt64;
        if (!(numeric || column.Kind == ColumnDataKind.String) || column.Repeat != 1 && column.Kind != ColumnDataKind.String)
        {
            throw new ArgumentException(
                $"Column '{column.Name}': an ASCII table holds one number (not ulong) or one string per row; write bits, logicals, complex numbers, vector cells and variable-length arrays in a binary table.",
                "columns");
        }

        if (column.Null is not null)
        {
            throw new ArgumentException(
                $"Column '{column.Name}': an integer TNULL is written to binary tables only; an ASCII table's float and double columns take a text null (WithAsciiNull).", "columns");
        }

        if (column.Kind == ColumnDataKind.String && column.CellShape is not null)
        {
            throw new ArgumentException($"Column '{column.Name}': an ASCII table holds one string per row; write string arrays in a binary table.", "columns");
        }

        if (column.AsciiFormat is { } chosen && column.Kind == ColumnDataKind.String)
        {
            throw new ArgumentException($"Column '{column.Name}': a string column's ASCII format is its width (A{column.Width}), not '{chosen}'.", "columns");
        }

        if (column.AllowNonAscii)
        {
            throw new ArgumentException($"Column '{column.Name}': an ASCII table holds ASCII text only.", "columns");
        }

        if (column.ElementType is PixelType.Single)
        {
            foreach (float value in (float[])column.Values)
            {
                if (!float.IsFinite(value) && !(float.IsNaN(value) && column.AsciiNull is not null))
                {
                    throw new ArgumentException($"Column '{column.Name}': an ASCII table holds finite numbers only, not {value} (NaN needs a text null: WithAsciiNull).", "columns");
                }
            }
        }
        else if (column.ElementType is PixelType.Double)
        {
            foreach (double value in (double[])column.Values)
            {
                if (!double.IsFinite(value) && !(double.IsNaN(value) && column.AsciiNull is not null))
                {
                    throw new ArgumentException($"Column '{column.Name}': an ASCII table holds finite numbers only, not {value} (NaN needs a text null: WithAsciiNull).", "columns");
                }
            }
        }
    }

    /// <summary>The ASCII TFORM: wide enough for every value of the type (integers), all the digits of the type (floats).</summary>
    private static string AsciiFormat(TableColumnData column) => column.Kind == ColumnDataKind.String
        ? $"A{column.Width}"
        : column.AsciiFormat ?? column.ElementType switch
        {
            PixelType.Byte => "I3",
            PixelType.SByte => "I4",
            PixelType.Int16 => "I6",
            PixelType.UInt16 => "I5",
            PixelType.Int32 => "I11",
            PixelType.UInt32 => "I10",
            PixelType.Int64 => "I20",
            PixelType.Single => "E15.7",
            _ => "D25.17",
        };

    private static char Letter(ColumnDataKind kind, PixelType? type) => kind switch
    {
        ColumnDataKind.String => 'A',
        ColumnDataKind.Logical => 'L',
        ColumnDataKind.Complex => 'M',
        ColumnDataKind.ComplexSingle => 'C',
        _ => type switch
        {
            PixelType.Byte => 'B',
            PixelType.SByte => 'S',
            PixelType.Int16 => 'I',
            PixelType.UInt16 => 'U',
            PixelType.Int32 => 'J',
            PixelType.UInt32 => 'V',
            PixelType.Int64 => 'K',
            PixelType.UInt64 => 'W',
            PixelType.Single => 'E',
            _ => 'D',
        },
    };

    /// <summary>CFITSIO's data type code for values of this kind.</summary>
    internal static int DataType(ColumnDataKind kind, PixelType? type) => kind switch
    {
        ColumnDataKind.Logical => Cfitsio.TypeLogical,
        ColumnDataKind.Complex => Cfitsio.TypeDoubleComplex,
        ColumnDataKind.ComplexSingle => Cfitsio.TypeComplex,
        _ => PixelTypes.DataTypeCode(type!.Value),
    };

    /// <summary>Bytes of one element of the values array (a Complex is 16, a (real, imaginary) float pair 8).</summary>
    internal static unsafe int ElementBytes(ColumnDataKind kind, PixelType? type) => kind switch
    {
        ColumnDataKind.Logical => sizeof(bool),
        ColumnDataKind.Complex => sizeof(Complex),
        ColumnDataKind.ComplexSingle => 2 * sizeof(float),
        _ => PixelTypes.Size(type!.Value),
    };
}
