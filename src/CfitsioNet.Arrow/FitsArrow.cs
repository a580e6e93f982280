using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using Array = System.Array;

namespace CfitsioNet.Arrow;

/// <summary>
/// A FITS table as Apache Arrow record batches: each column in its natural type (<see cref="TableColumn.NaturalType"/>),
/// streamed chunk by chunk from <see cref="TableHdu.ReadChunks"/> so tables of any size go through bounded memory.
/// </summary>
/// <remarks>
/// Column mapping: numbers to the Arrow type of the same width and signedness; L and X to <see cref="BooleanType"/>;
/// A to <see cref="StringType"/> (UTF-8; each stored byte is one character, ISO-8859-1); vector cells (repeat &gt; 1,
/// TDIMn) to a <see cref="FixedSizeListType"/> of the element type, row after row, with the cell shape in the field's
/// metadata (<c>fits.cell_shape</c>, C order), and a repeat-0 column to a <see cref="ListType"/> of empty lists; complex C and M cells to a fixed-size list of doubles (real, imaginary
/// pairs; metadata <c>fits.complex</c>); variable-length P/Q columns to a <see cref="ListType"/> (PA to strings).
/// Nulls (TNULLn of integer columns, undefined logicals, null ASCII fields) are validity bitmaps; floating columns
/// keep NaN as a value. Every field carries <c>fits.tform</c> and, when present, <c>fits.unit</c>.
/// </remarks>
public static class FitsArrow
{
    /// <summary>The Arrow schema of the named columns of a table.</summary>
    /// <param name="table">The table.</param>
    /// <param name="columns">The columns' names; all columns when null.</param>
    /// <returns>The schema the batches of <see cref="ReadRecordBatches"/> have.</returns>
    /// <exception cref="KeyNotFoundException">A column does not exist.</exception>
    public static Schema ToArrowSchema(this TableHdu table, IEnumerable<string>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var builder = new Schema.Builder();
        foreach (TableColumn column in Select(table, columns))
        {
            builder.Field(FieldOf(column));
        }

        return builder.Build();
    }

    /// <summary>The named columns of a range of rows as one record batch.</summary>
    /// <param name="table">The table.</param>
    /// <param name="columns">The columns' names; all columns when null.</param>
    /// <param name="rows">The rows; all when null.</param>
    /// <returns>A batch whose buffers are its own.</returns>
    /// <exception cref="KeyNotFoundException">A column does not exist.</exception>
    /// <exception cref="FitsException">CFITSIO could not read the values.</exception>
    public static RecordBatch ReadRecordBatch(this TableHdu table, IEnumerable<string>? columns = null, RowRange? rows = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        TableColumn[] selected = Select(table, columns);
        TableChunk chunk = table.Read(Names(selected), rows);
        return ToBatch(table.ToArrowSchema(Names(selected)), selected, chunk);
    }

    /// <summary>The named columns streamed as record batches of <paramref name="rowsPerBatch"/> rows (the last may be shorter).</summary>
    /// <param name="table">The table.</param>
    /// <param name="columns">The columns' names; all columns when null.</param>
    /// <param name="rowsPerBatch">Rows per batch.</param>
    /// <param name="rows">The rows to stream; all when null.</param>
    /// <returns>The batches in row order; each owns its buffers, so batches may be kept.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowsPerBatch"/> is not positive.</exception>
    /// <exception cref="KeyNotFoundException">A column does not exist.</exception>
    public static IEnumerable<RecordBatch> ReadRecordBatches(this TableHdu table, IEnumerable<string>? columns, int rowsPerBatch, RowRange? rows = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowsPerBatch);
        TableColumn[] selected = Select(table, columns);
        Schema schema = table.ToArrowSchema(Names(selected));
        return Stream(table, selected, schema, rowsPerBatch, rows);
    }

    private static IEnumerable<RecordBatch> Stream(TableHdu table, TableColumn[] selected, Schema schema, int rowsPerBatch, RowRange? rows)
    {
        foreach (TableChunk chunk in table.ReadChunks(Names(selected), rowsPerBatch, rows))
        {
            yield return ToBatch(schema, selected, chunk);
        }
    }

    private static TableColumn[] Select(TableHdu table, IEnumerable<string>? columns) =>
        columns is null ? [.. table.Columns] : [.. columns.Select(name => table.Columns[name])];

    private static string[] Names(TableColumn[] columns) => [.. columns.Select(NameOf)];

    private static string NameOf(TableColumn column) => column.Name.Length == 0 ? $"col{column.Number}" : column.Name;

    private static RecordBatch ToBatch(Schema schema, TableColumn[] columns, TableChunk chunk)
    {
        var arrays = new IArrowArray[columns.Length];
        for (int i = 0; i < columns.Length; i++)
        {
            arrays[i] = ArrayOf(columns[i], chunk, schema.GetFieldByIndex(i).DataType);
        }

        return new RecordBatch(schema, arrays, chunk.RowCount);
    }

    private static Field FieldOf(TableColumn column)
    {
        var metadata = new Dictionary<string, string> { ["fits.tform"] = column.Format };
        if (column.Unit is not null)
        {
            metadata["fits.unit"] = column.Unit;
        }

        IArrowType element = ElementType(column);
        IArrowType type;
        if (column.IsVariableLength)
        {
            type = column.Type == ColumnType.String ? StringType.Default : new ListType(new Field("item", element, column.Type == ColumnType.Logical));
        }
        else if (column.Type == ColumnType.String)
        {
            long[] shape = [.. column.CellShape];
            int strings = shape.Length > 1 ? (int)(column.Repeat / shape[^1]) : 1;
            type = strings > 1 ? new FixedSizeListType(new Field("item", StringType.Default, false), strings) : StringType.Default;
        }
        else
        {
            int perRow = checked((int)(column.CellShape.Aggregate(1L, (a, b) => a * b) * (IsComplex(column) ? 2 : 1)));
            if (IsComplex(column))
            {
                metadata["fits.complex"] = "real, imaginary pairs";
            }

            if (column.CellShape.Count > 0)
            {
                metadata["fits.cell_shape"] = string.Join(",", column.CellShape.Select(n => n.ToString(CultureInfo.InvariantCulture)));
            }

            // A repeat-0 column (no values in any row) is a list of empty lists: Arrow's fixed-size lists must have a size.
            type = perRow == 0 ? new ListType(new Field("item", element, false))
                : perRow == 1 && column.CellShape.Count == 0 ? element
                : new FixedSizeListType(new Field("item", element, HasNulls(column)), perRow);
        }

        return new Field(NameOf(column), type, nullable: HasNulls(column) || column.IsVariableLength, metadata);
    }

    private static bool IsComplex(TableColumn column) => column.Type is ColumnType.ComplexSingle or ColumnType.ComplexDouble;

    private static bool HasNulls(TableColumn column) =>
        column.Null is not null || column.Type == ColumnType.Logical || (column.IsAscii && column.Type != ColumnType.String && column.NaturalType != typeof(double));

    private static IArrowType ElementType(TableColumn column)
    {
        Type t = column.NaturalType;
        if (t == typeof(bool)) return BooleanType.Default;
        if (t == typeof(string)) return StringType.Default;
        if (t == typeof(byte)) return UInt8Type.Default;
        if (t == typeof(sbyte)) return Int8Type.Default;
        if (t == typeof(short)) return Int16Type.Default;
        if (t == typeof(ushort)) return UInt16Type.Default;
        if (t == typeof(int)) return Int32Type.Default;
        if (t == typeof(uint)) return UInt32Type.Default;
        if (t == typeof(long)) return Int64Type.Default;
        if (t == typeof(ulong)) return UInt64Type.Default;
        if (t == typeof(float)) return FloatType.Default;
        return DoubleType.Default; // double, and Complex as pairs of doubles
    }

    private static IArrowArray ArrayOf(TableColumn column, TableChunk chunk, IArrowType type)
    {
        string name = NameOf(column);
        object values = chunk.GetValues(name);
        bool[]? nulls = chunk.GetNulls(name);
        return values switch
        {
            string[] strings when type is FixedSizeListType list => FixedList(list, Strings(strings, null), chunk.RowCount),
            string[] strings => Strings(strings, null),
            Array array when type is FixedSizeListType list => FixedList(list, Flat(array, nulls), chunk.RowCount),
            Array array when type is ListType list => List(list, new long[chunk.RowCount + 1], Flat(array, null)),
            Array array => Flat(array, nulls),
            _ => Variable(values, (ListType)type),
        };
    }

    private static FixedSizeListArray FixedList(FixedSizeListType type, IArrowArray values, int rows) =>
        new(type, rows, values, ArrowBuffer.Empty, 0, 0);

    private static StringArray Strings(string[] strings, bool[]? nulls)
    {
        var builder = new StringArray.Builder();
        for (int i = 0; i < strings.Length; i++)
        {
            if (nulls is not null && nulls[i])
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(strings[i], Encoding.UTF8);
            }
        }

        return builder.Build();
    }

    /// <summary>A flat Arrow array of the chunk's values (every element of every row), with validity from the null flags.</summary>
    private static IArrowArray Flat(Array values, bool[]? nulls)
    {
        switch (values)
        {
            case bool[] b:
            {
                var builder = new BooleanArray.Builder();
                for (int i = 0; i < b.Length; i++)
                {
                    if (nulls is not null && nulls[i]) builder.AppendNull(); else builder.Append(b[i]);
                }

                return builder.Build();
            }

            case Complex[] c:
            {
                var pairs = new double[c.Length * 2];
                for (int i = 0; i < c.Length; i++)
                {
                    pairs[2 * i] = c[i].Real;
                    pairs[(2 * i) + 1] = c[i].Imaginary;
                }

                return Primitive<double, DoubleArray>(pairs, null, (v, n, l, c2) => new DoubleArray(v, n, l, c2, 0));
            }

            // Exact type tests below: the runtime lets a short[] pass as ushort[] (and int[] as uint[], ...) in a type pattern.
        }

        Type type = values.GetType();
        if (type == typeof(sbyte[])) return Primitive<sbyte, Int8Array>((sbyte[])values, nulls, (v, n, l, c) => new Int8Array(v, n, l, c, 0));
        if (type == typeof(byte[])) return Primitive<byte, UInt8Array>((byte[])values, nulls, (v, n, l, c) => new UInt8Array(v, n, l, c, 0));
        if (type == typeof(short[])) return Primitive<short, Int16Array>((short[])values, nulls, (v, n, l, c) => new Int16Array(v, n, l, c, 0));
        if (type == typeof(ushort[])) return Primitive<ushort, UInt16Array>((ushort[])values, nulls, (v, n, l, c) => new UInt16Array(v, n, l, c, 0));
        if (type == typeof(int[])) return Primitive<int, Int32Array>((int[])values, nulls, (v, n, l, c) => new Int32Array(v, n, l, c, 0));
        if (type == typeof(uint[])) return Primitive<uint, UInt32Array>((uint[])values, nulls, (v, n, l, c) => new UInt32Array(v, n, l, c, 0));
        if (type == typeof(long[])) return Primitive<long, Int64Array>((long[])values, nulls, (v, n, l, c) => new Int64Array(v, n, l, c, 0));
        if (type == typeof(ulong[])) return Primitive<ulong, UInt64Array>((ulong[])values, nulls, (v, n, l, c) => new UInt64Array(v, n, l, c, 0));
        if (type == typeof(float[])) return Primitive<float, FloatArray>((float[])values, nulls, (v, n, l, c) => new FloatArray(v, n, l, c, 0));
        if (type == typeof(double[])) return Primitive<double, DoubleArray>((double[])values, nulls, (v, n, l, c) => new DoubleArray(v, n, l, c, 0));
        throw new NotSupportedException($"values of {type.Name}");
    }

    /// <summary>Copies the values into an Arrow buffer (the chunk's arrays are reused by the next chunk) and builds the validity bitmap.</summary>
    private static TArray Primitive<T, TArray>(T[] values, bool[]? nulls, Func<ArrowBuffer, ArrowBuffer, int, int, TArray> create)
        where T : struct
    {
        ArrowBuffer data = new ArrowBuffer.Builder<T>(values.Length).AppendRange(values).Build();
        (ArrowBuffer validity, int nullCount) = Validity(nulls, values.Length);
        return create(data, validity, values.Length, nullCount);
    }

    private static (ArrowBuffer Bitmap, int NullCount) Validity(bool[]? nulls, int length)
    {
        if (nulls is null || Array.IndexOf(nulls, true) < 0)
        {
            return (ArrowBuffer.Empty, 0);
        }

        var bitmap = new ArrowBuffer.BitmapBuilder(length);
        int count = 0;
        for (int i = 0; i < length; i++)
        {
            bitmap.Append(!nulls[i]);
            count += nulls[i] ? 1 : 0;
        }

        return (bitmap.Build(), count);
    }

    private static ListArray Variable(object values, ListType type)
    {
        return values switch
        {
            VariableLengthColumn<bool> v => List(type, v.Offsets, Flat(v.Values, null)),
            VariableLengthColumn<byte> v => List(type, v.Offsets, Flat(v.Values, null)),
            VariableLengthColumn<sbyte> v => List(type, v.Offsets, Flat(v.Values, null)),
            VariableLengthColumn<short> v => List(type, v.Offsets, Flat(v.Values, null)),
            VariableLengthColumn<ushort> v => List(type, v.Offsets, Flat(v.Values, null)),
            VariableLengthColumn<int> v => List(type, v.Offsets, Flat(v.Values, null)),
            VariableLengthColumn<uint> v => List(type, v.Offsets, Flat(v.Values, null)),
            VariableLengthColumn<long> v => List(type, v.Offsets, Flat(v.Values, null)),
            VariableLengthColumn<ulong> v => List(type, v.Offsets, Flat(v.Values, null)),
            VariableLengthColumn<float> v => List(type, v.Offsets, Flat(v.Values, null)),
            VariableLengthColumn<double> v => List(type, v.Offsets, Flat(v.Values, null)),
            VariableLengthColumn<Complex> v => List(type, [.. v.Offsets.Select(o => o * 2)], Flat(v.Values, null)),
            _ => throw new NotSupportedException($"values of {values.GetType().Name}"),
        };
    }

    private static ListArray List(ListType type, long[] offsets, IArrowArray values)
    {
        var builder = new ArrowBuffer.Builder<int>(offsets.Length);
        foreach (long offset in offsets)
        {
            builder.Append(checked((int)offset));
        }

        return new ListArray(type, offsets.Length - 1, builder.Build(), values, ArrowBuffer.Empty, 0, 0);
    }
}
