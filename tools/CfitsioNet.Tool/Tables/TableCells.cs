using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace CfitsioNet.Tool.Tables;

/// <summary>
/// One column of a chunk read by <see cref="TableHdu.ReadChunks"/>, turned into cells: text for the console and CSV,
/// JSON values for <c>--json</c>. Vector cells are <c>[a b c]</c> in text and arrays in JSON; nulls (TNULL, undefined
/// logicals, null ASCII fields) are empty in text and null in JSON, NaN is <c>nan</c> in text and null in JSON.
/// </summary>
internal sealed class TableCells
{
    private readonly object _values;
    private readonly bool[]? _nulls;
    private readonly int _perRow;
    private readonly bool _single;
    private readonly bool _real;
    private readonly bool _scalar;

    public TableCells(TableChunk chunk, TableColumn column)
    {
        string name = column.Name.Length == 0 ? $"col{column.Number}" : column.Name;
        _values = chunk.GetValues(name);
        _nulls = chunk.GetNulls(name);
        _perRow = _values is Array array && chunk.RowCount > 0 ? array.Length / chunk.RowCount : 1;
        _single = _values is float[] or VariableLengthColumn<float>;
        _real = _single || _values is double[] or VariableLengthColumn<double>;
        _scalar = column.CellShape.Count == 0 && !column.IsVariableLength;
    }

    /// <summary>Whether the console should right-align the column (numbers).</summary>
    public static bool IsNumeric(TableColumn column) => column.Type is not (ColumnType.String or ColumnType.Logical or ColumnType.Bit);

    /// <summary>Row <paramref name="row"/> of the chunk as text.</summary>
    public string Text(int row)
    {
        if (_values is string[] strings)
        {
            return _perRow == 1 ? strings[row] : "[" + string.Join(" ", Slice(strings, row)) + "]";
        }

        List<string> items = Items(row);
        return _scalar ? items[0] : "[" + string.Join(" ", items) + "]";
    }

    /// <summary>Row <paramref name="row"/> of the chunk as a JSON value.</summary>
    public void Json(Utf8JsonWriter writer, int row)
    {
        if (_values is string[] strings)
        {
            if (_perRow == 1)
            {
                writer.WriteStringValue(strings[row]);
                return;
            }

            writer.WriteStartArray();
            foreach (string s in Slice(strings, row))
            {
                writer.WriteStringValue(s);
            }

            writer.WriteEndArray();
            return;
        }

        List<string> items = Items(row);
        bool scalar = _scalar;
        if (!scalar)
        {
            writer.WriteStartArray();
        }

        foreach (string item in items)
        {
            if (item.Length == 0 || item is "nan" or "inf" or "-inf")
            {
                writer.WriteNullValue();
            }
            else if (item is "T" or "F")
            {
                writer.WriteBooleanValue(item == "T");
            }
            else if (item.StartsWith('('))
            {
                writer.WriteStringValue(item);
            }
            else if (_real)
            {
                // A float's shortest text parses back to the same float; JSON gets its exact value as a double.
                writer.WriteNumberValue(_single
                    ? float.Parse(item, NumberStyles.Float, CultureInfo.InvariantCulture)
                    : double.Parse(item, NumberStyles.Float, CultureInfo.InvariantCulture));
            }
            else if (long.TryParse(item, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
            {
                writer.WriteNumberValue(integer);
            }
            else if (ulong.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out ulong large))
            {
                writer.WriteNumberValue(large);
            }
            else
            {
                writer.WriteNumberValue(double.Parse(item, NumberStyles.Float, CultureInfo.InvariantCulture));
            }
        }

        if (!scalar)
        {
            writer.WriteEndArray();
        }
    }

    private string[] Slice(string[] strings, int row) => strings.AsSpan(row * _perRow, _perRow).ToArray();

    /// <summary>The row's elements as text; a null element is an empty string.</summary>
    private List<string> Items(int row)
    {
        var items = new List<string>();
        switch (_values)
        {
            case VariableLengthColumn<double> v: Add(items, v[row]); break;
            case VariableLengthColumn<float> v: Add(items, v[row]); break;
            case VariableLengthColumn<long> v: Add(items, v[row]); break;
            case VariableLengthColumn<int> v: Add(items, v[row]); break;
            case VariableLengthColumn<short> v: Add(items, v[row]); break;
            case VariableLengthColumn<byte> v: Add(items, v[row]); break;
            case VariableLengthColumn<sbyte> v: Add(items, v[row]); break;
            case VariableLengthColumn<ushort> v: Add(items, v[row]); break;
            case VariableLengthColumn<uint> v: Add(items, v[row]); break;
            case VariableLengthColumn<ulong> v: Add(items, v[row]); break;
            case VariableLengthColumn<bool> v: Add(items, v[row]); break;
            case VariableLengthColumn<Complex> v: Add(items, v[row]); break;
            case Array array:
                int start = row * _perRow;
                for (int i = 0; i < _perRow; i++)
                {
                    items.Add(_nulls is not null && _nulls[start + i] ? "" : Format(array.GetValue(start + i)!));
                }

                break;
        }

        return items;
    }

    private static void Add<T>(List<string> items, ReadOnlySpan<T> values)
    {
        foreach (T value in values)
        {
            items.Add(Format(value!));
        }
    }

    /// <summary>A value as text: shortest round-trip for floating point, T/F for logicals, (re, im) for complex.</summary>
    public static string Format(object value) => value switch
    {
        bool b => b ? "T" : "F",
        double d => Real(d),
        float f => float.IsFinite(f) ? f.ToString("R", CultureInfo.InvariantCulture) : Real(f), // nan, inf, -inf as for doubles
        Complex c => $"({Real(c.Real)},{Real(c.Imaginary)})",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Real(double d) =>
        double.IsNaN(d) ? "nan" : double.IsInfinity(d) ? (d > 0 ? "inf" : "-inf") : d.ToString("R", CultureInfo.InvariantCulture);
}
