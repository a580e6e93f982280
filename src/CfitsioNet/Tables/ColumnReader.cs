using System;
using System.Numerics;
using CfitsioNet.Interop;

namespace CfitsioNet.Tables;

/// <summary>
/// Reads column values through CFITSIO's <c>fits_read_col</c> (<c>ffgcv</c>/<c>ffgcf</c>), with the null and
/// scaling rules of docs/tables.md: floating columns are read with no null value (NaN payloads, infinities and
/// subnormals kept), integer columns read into floating types get NaN for TNULL, ASCII fields are never left unwritten.
/// Every method runs under the file's lock.
/// </summary>
internal static unsafe class ColumnReader
{
    /// <summary>Bytes of whole rows read at once when a field is taken out of each row.</summary>
    private const long BlockBytes = 1 << 20;

    /// <summary>How one typed read of a fixed-width column is done: checked before anything is allocated.</summary>
    /// <param name="DataType">CFITSIO's datatype code for the read.</param>
    /// <param name="Unscaled">TSCAL/TZERO switched off for the read (<see cref="ReadOptions.Raw"/>).</param>
    /// <param name="NanForNulls">Pass NaN as the null value (integer or ASCII columns into float or double).</param>
    /// <param name="ClearFirst">Zero the destination first (ASCII columns into integers: CFITSIO skips null fields).</param>
    /// <param name="FloatingColumn">E, D, C or M: no null checks (NaN is the null).</param>
    /// <param name="Logical">TLOGICAL: bytes made 0 or 1 after the read.</param>
    /// <param name="AllowOverflow">Clipping is allowed (lossy).</param>
    /// <param name="PerElement">Destination values per column element: 2 for complex values read as (real, imaginary) pairs.</param>
    /// <param name="Gather">The direct path's gather when the read is a byte move CFITSIO's natural read equals; else null.</param>
    internal readonly record struct Plan(int DataType, bool Unscaled, bool NanForNulls, bool ClearFirst, bool FloatingColumn, bool Logical, bool AllowOverflow,
                                         int PerElement = 1, GatherColumn? Gather = null);

    /// <summary>
    /// Checks that column <paramref name="column"/> can be read as <typeparamref name="T"/> with
    /// <paramref name="options"/>: the wrong kind of column is an <see cref="InvalidOperationException"/> naming the
    /// right method, a lossy conversion an <see cref="InvalidCastException"/> unless allowed.
    /// </summary>
    internal static Plan PlanRead<T>(TableHdu table, TableColumn column, PixelType? natural, ReadOptions options, bool variable)
        where T : unmanaged
    {
        string where = $"column '{column.Name}' ({column.Format}) of HDU {table.Index} of '{table.File.FileName}'";
        if (column.IsVariableLength != variable)
        {
            throw new InvalidOperationException(variable
                ? $"{where} holds one value per element in the row; read it with ReadColumn."
                : $"{where} is a variable-length array column; read it with ReadVariable<T>().");
        }

        if (column.Type == ColumnType.String)
        {
            throw new InvalidOperationException($"{where} holds strings; read it with ReadStrings() or ReadCellBytes().");
        }

        bool floatingColumn = column.Type is ColumnType.Single or ColumnType.Double or ColumnType.ComplexSingle or ColumnType.ComplexDouble && !column.IsAscii;
        if (typeof(T) == typeof(bool))
        {
            if (column.Type is not (ColumnType.Logical or ColumnType.Bit))
            {
                throw new InvalidCastException($"{where} is not a logical (L) or bit (X) column; bool reads only those.");
            }

            return new Plan(column.Type == ColumnType.Bit ? Cfitsio.TypeBit : Cfitsio.TypeLogical, false, false, false, false, column.Type == ColumnType.Logical, false);
        }

        if (typeof(T) == typeof(Complex))
        {
            if (column.Type is not (ColumnType.ComplexSingle or ColumnType.ComplexDouble))
            {
                throw new InvalidCastException($"{where} is not a complex (C or M) column; Complex reads only those.");
            }

            return new Plan(Cfitsio.TypeDoubleComplex, options.Raw, false, false, true, false, false,
                            Gather: column.Type == ColumnType.ComplexDouble && !options.Raw ? DirectGather(table, column) : null);
        }

        if (column.Type is ColumnType.ComplexSingle or ColumnType.ComplexDouble && (typeof(T) == typeof(double) || typeof(T) == typeof(float)))
        {
            // (real, imaginary) pairs: C as float or double pairs, M as double pairs; exact, NaN payloads kept.
            if (typeof(T) == typeof(float) && column.Type == ColumnType.ComplexDouble && !options.AllowLossy)
            {
                throw new InvalidCastException($"{where} holds double-precision complex values; read them as Complex or double pairs, or pass ReadOptions.Lossy.");
            }

            bool naturalPairs = typeof(T) == typeof(float) == (column.Type == ColumnType.ComplexSingle);
            return new Plan(typeof(T) == typeof(float) ? Cfitsio.TypeComplex : Cfitsio.TypeDoubleComplex, options.Raw, false, false, true, false,
                            options.AllowLossy, PerElement: 2, Gather: naturalPairs && !options.Raw ? DirectGather(table, column) : null);
        }

        PixelType target = PixelTypes.Of<T>()
            ?? throw new NotSupportedException($"{typeof(T).Name} is not a column element type; use bool, byte, sbyte, short, ushort, int, uint, long, ulong, float, double or Complex.");
        if (natural is null)
        {
            throw new InvalidCastException($"{where} holds {column.Type} values, which cannot be read as {typeof(T).Name}"
                                           + (column.Type is ColumnType.ComplexSingle or ColumnType.ComplexDouble ? "; read it as System.Numerics.Complex." : "; read it as bool."));
        }

        PixelType source = options.Raw && !column.IsAscii ? StoredPixel(column) : natural.Value;
        if (!options.AllowLossy && !PixelConversion.IsAllowedWithoutLossy(source, target))
        {
            throw new InvalidCastException(
                $"{where} holds {PixelConversion.Keyword(source)} values (TSCAL={column.Scale}, TZERO={column.Zero}); " +
                $"{PixelConversion.Keyword(target)} cannot hold all of them. Read as {PixelConversion.Keyword(source)} (exact), or pass ReadOptions.Lossy " +
                "to convert as CFITSIO does: truncated toward zero and clipped to the type's range.");
        }

        bool floatingTarget = target is PixelType.Single or PixelType.Double;
        bool integerWithNulls = column.IsAscii || column.Null is not null;
        bool naturalRead = !options.Raw && target == natural.Value;
        return new Plan(PixelTypes.DataTypeCode(target), options.Raw && !column.IsAscii, floatingTarget && integerWithNulls && !floatingColumn,
                        !floatingTarget && column.IsAscii, floatingColumn, false, options.AllowLossy,
                        Gather: naturalRead && !(floatingTarget && integerWithNulls && !floatingColumn) ? DirectGather(table, column) : null);
    }

    /// <summary>The direct path's gather for a fixed-width binary column CFITSIO parses as we do, or null.</summary>
    private static GatherColumn? DirectGather(TableHdu table, TableColumn column) =>
        column.IsAscii || column.IsVariableLength || !table.Schema.CfitsioAgrees[column.Number - 1]
            ? null
            : GatherColumn.ForNaturalRead(column.Layout, column.Scale, column.Zero);

    /// <summary>The type of the stored values, before TSCAL/TZERO.</summary>
    private static PixelType StoredPixel(TableColumn column) => column.Type switch
    {
        ColumnType.Byte => PixelType.Byte,
        ColumnType.Int16 => PixelType.Int16,
        ColumnType.Int32 => PixelType.Int32,
        ColumnType.Int64 => PixelType.Int64,
        ColumnType.Single => PixelType.Single,
        _ => PixelType.Double,
    };

    /// <summary>
    /// Reads <paramref name="count"/> elements of a column starting at 1-based row <paramref name="firstRow"/>, element
    /// <paramref name="firstElement"/>, into <paramref name="destination"/>; with <paramref name="nullFlags"/> also
    /// one flag per element (1 for TNULL, undefined logicals, null ASCII fields). Call under the file's lock, with the
    /// HDU entered.
    /// </summary>
    internal static void Read(TableHdu table, FitsHandle handle, TableColumn column, in Plan plan, long firstRow, long firstElement, long count,
                              void* destination, bool* nullFlags)
    {
        if (count == 0)
        {
            return;
        }

        if (plan.Unscaled)
        {
            CfitsioProxy.SetColumnScaling(handle, column.Number, 1.0, 0.0, $"switch off the scaling of column {column.Number}", table.At);
        }

        try
        {
            if (plan.DataType == Cfitsio.TypeBit)
            {
                ReadBits(table, handle, column, firstRow, firstElement, count, (bool*)destination);
                if (nullFlags is not null)
                {
                    new Span<bool>(nullFlags, checked((int)count)).Clear();
                }

                return;
            }

            if (plan.ClearFirst)
            {
                // CFITSIO writes nothing for a null ASCII field when no null value is given.
                new Span<byte>(destination, checked((int)(count * ElementSize(plan.DataType)))).Clear();
            }

            // Clipping is what the caller asked for with AllowLossy: then CFITSIO's overflow status is an answer, and
            // the clipped values stand. Otherwise the plain checked call (no mark on CFITSIO's message stack per read).
            string operation = $"read column {column.Number} ('{column.Name}')";
            int anyNull;
            if (nullFlags is not null && !plan.FloatingColumn)
            {
                if (plan.AllowOverflow)
                {
                    CfitsioProxy.TryReadColumnWithNulls(handle, plan.DataType, column.Number, firstRow, firstElement, count, destination, (byte*)nullFlags, out anyNull,
                                                        Cfitsio.NumericOverflow, operation, table.At);
                }
                else
                {
                    CfitsioProxy.ReadColumnWithNulls(handle, plan.DataType, column.Number, firstRow, firstElement, count, destination, (byte*)nullFlags, out anyNull, operation, table.At);
                }

                if (plan.NanForNulls && anyNull != 0)
                {
                    // Floating reads give NaN for nulls with or without flags (fits_read_colnull leaves 0 there).
                    SetNaN(plan.DataType, destination, nullFlags, count);
                }
                else if (anyNull != 0 && column.Null is long tnull && !plan.Logical)
                {
                    // Integer reads keep the stored value at a null, flagged or not (fits_read_colnull leaves 0 there).
                    double value = plan.Unscaled ? tnull : (tnull * column.Scale) + column.Zero;
                    SetValue(plan.DataType, destination, nullFlags, count, tnull, value);
                }
            }
            else
            {
                double nan = double.NaN;
                float nanSingle = float.NaN;
                void* nullValue = !plan.NanForNulls ? null : plan.DataType == Cfitsio.TypeSingle ? &nanSingle : &nan;
                if (plan.AllowOverflow)
                {
                    CfitsioProxy.TryReadColumn(handle, plan.DataType, column.Number, firstRow, firstElement, count, nullValue, destination, out anyNull,
                                               Cfitsio.NumericOverflow, operation, table.At);
                }
                else
                {
                    CfitsioProxy.ReadColumn(handle, plan.DataType, column.Number, firstRow, firstElement, count, nullValue, destination, out anyNull, operation, table.At);
                }

                if (nullFlags is not null)
                {
                    new Span<bool>(nullFlags, checked((int)count)).Clear(); // floating columns: NaN is the null
                }
            }

            if (plan.Logical)
            {
                // CFITSIO gives 'T' as 1, 'F' and undefined as 0, and any other byte as itself (1 as 49): a .NET bool
                // must be 0 or 1, so those read as true.
                byte* bytes = (byte*)destination;
                for (long i = 0; i < count; i++)
                {
                    bytes[i] = bytes[i] == 0 ? (byte)0 : (byte)1;
                }
            }
        }
        finally
        {
            if (plan.Unscaled)
            {
                // If setting the header's scaling back fails, the read's own outcome is what the caller sees; the
                // restore leaves no message behind for a later error to report as its own.
                CfitsioProxy.TrySetColumnScaling(handle, column.Number, column.Scale, column.Zero, Expected.Any, $"restore the scaling of column {column.Number}", table.At);
            }
        }
    }

    private static void SetNaN(int dataType, void* destination, bool* nullFlags, long count)
    {
        for (long i = 0; i < count; i++)
        {
            if (nullFlags[i])
            {
                if (dataType == Cfitsio.TypeSingle)
                {
                    ((float*)destination)[i] = float.NaN;
                }
                else
                {
                    ((double*)destination)[i] = double.NaN;
                }
            }
        }
    }

    private static void SetValue(int dataType, void* destination, bool* nullFlags, long count, long stored, double scaled)
    {
        for (long i = 0; i < count; i++)
        {
            if (!nullFlags[i])
            {
                continue;
            }

            // The natural types hold the scaled TNULL exactly (it is one of the column's values); 64-bit values are
            // computed from the stored integer so no double rounding enters.
            switch (dataType)
            {
                case Cfitsio.TypeByte: ((byte*)destination)[i] = (byte)scaled; break;
                case Cfitsio.TypeSByte: ((sbyte*)destination)[i] = (sbyte)scaled; break;
                case Cfitsio.TypeInt16: ((short*)destination)[i] = (short)scaled; break;
                case Cfitsio.TypeUInt16: ((ushort*)destination)[i] = (ushort)scaled; break;
                case Cfitsio.TypeInt32: ((int*)destination)[i] = (int)scaled; break;
                case Cfitsio.TypeUInt32: ((uint*)destination)[i] = (uint)scaled; break;
                case Cfitsio.TypeInt64: ((long*)destination)[i] = scaled == stored ? stored : (long)scaled; break;
                case Cfitsio.TypeUInt64: ((ulong*)destination)[i] = scaled == stored ? (ulong)stored : unchecked((ulong)stored ^ 0x8000000000000000ul); break;
            }
        }
    }

    private static int ElementSize(int dataType) => dataType switch
    {
        Cfitsio.TypeByte or Cfitsio.TypeSByte or Cfitsio.TypeLogical => 1,
        Cfitsio.TypeInt16 or Cfitsio.TypeUInt16 => 2,
        Cfitsio.TypeInt32 or Cfitsio.TypeUInt32 or Cfitsio.TypeSingle => 4,
        Cfitsio.TypeDoubleComplex => 16,
        Cfitsio.TypeComplex => 8,
        _ => 8,
    };

    /// <summary>
    /// X columns unpacked to one bool per bit, most significant bit first, from the stored bytes (CFITSIO's
    /// <c>ffgcx</c> reads one row at a time; this reads the rows in blocks).
    /// </summary>
    private static void ReadBits(TableHdu table, FitsHandle handle, TableColumn column, long firstRow, long firstElement, long count, bool* destination)
    {
        long bits = column.Layout.Binary.Repeat;
        long row = firstRow - 1 + ((firstElement - 1) / bits);
        long bit = (firstElement - 1) % bits;
        long done = 0;
        int width = checked((int)column.Layout.Width);
        byte[] cell = new byte[width];
        fixed (byte* field = cell)
        {
            while (done < count)
            {
                ReadRawRows(table, handle, row, 1, column.Layout.Offset, width, field, width);
                for (; bit < bits && done < count; bit++, done++)
                {
                    destination[done] = (field[bit >> 3] & (0x80 >> (int)(bit & 7))) != 0;
                }

                bit = 0;
                row++;
            }
        }
    }

    /// <summary>
    /// The stored bytes of a field of <paramref name="width"/> bytes at <paramref name="offset"/> in each of
    /// <paramref name="rows"/> rows from 0-based <paramref name="firstRow"/>, one after another with
    /// <paramref name="stride"/> bytes per row in <paramref name="destination"/>.
    /// </summary>
    internal static void ReadRawRows(TableHdu table, FitsHandle handle, long firstRow, long rows, long offset, int width, byte* destination, int stride)
    {
        if (rows == 0 || width == 0)
        {
            return;
        }

        const string operation = "read table bytes";
        long rowWidth = table.Schema.Layout.RowWidth;
        if (width == rowWidth && stride == width)
        {
            CfitsioProxy.ReadTableBytes(handle, firstRow + 1, 1, rows * rowWidth, destination, operation, table.At);
        }
        else if (rows == 1 || rowWidth > BlockBytes)
        {
            for (long r = 0; r < rows; r++)
            {
                CfitsioProxy.ReadTableBytes(handle, firstRow + r + 1, offset + 1, width, destination + (r * stride), operation, table.At);
            }
        }
        else
        {
            // Whole rows in blocks of about 1 MiB, then the field out of each: one CFITSIO call per block, not per row.
            long blockRows = Math.Clamp(BlockBytes / Math.Max(1, rowWidth), 1, rows);
            byte[] block = System.Buffers.ArrayPool<byte>.Shared.Rent(checked((int)(blockRows * rowWidth)));
            try
            {
                fixed (byte* source = block)
                {
                    for (long done = 0; done < rows; done += blockRows)
                    {
                        long n = Math.Min(blockRows, rows - done);
                        CfitsioProxy.ReadTableBytes(handle, firstRow + done + 1, 1, n * rowWidth, source, operation, table.At);
                        for (long r = 0; r < n; r++)
                        {
                            Buffer.MemoryCopy(source + (r * rowWidth) + offset, destination + ((done + r) * stride), width, width);
                        }
                    }
                }
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(block);
            }
        }
    }
}
