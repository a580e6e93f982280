namespace CfitsioNet.Tables;

/// <summary>
/// One column for <see cref="ColumnGather"/>: where its cell lies in a row, how big its elements are, and whether the
/// unsigned convention's sign flip is folded into the swap. The destination receives the cells one after another.
/// </summary>
/// <param name="Offset">Byte offset of the cell from the start of the row.</param>
/// <param name="ElementSize">1, 2, 4 or 8: bytes per element, each reversed (1: copied).</param>
/// <param name="ElementsPerRow">Elements per cell (complex values count as two).</param>
/// <param name="FlipSign">XOR the sign bit of each value after the swap: TZERO -128 (B), 32768 (I), 2^31 (J), 2^63 (K).</param>
internal readonly record struct GatherColumn(int Offset, int ElementSize, int ElementsPerRow, bool FlipSign)
{
    /// <summary>Bytes of one cell, in the row and in the destination.</summary>
    internal long CellBytes => (long)ElementSize * ElementsPerRow;

    /// <summary>
    /// The gather that reads a fixed-width numeric column exactly as CFITSIO's <c>fits_read_col</c> does in the
    /// column's natural type with no null value: B, I, J, K, E, D, C, M with TSCAL 1 and TZERO 0 (a swap), or with
    /// the unsigned conventions (a swap and a sign flip, CFITSIO's own XOR in getcolsb/ui/uk/ujj.c). Null for
    /// everything else: other scaling, L, X, A and P/Q columns, cells too large for one gather.
    /// </summary>
    /// <remarks>CFITSIO compares TSCAL and TZERO with the exact doubles 1, -128, 32768, 2^31, 2^63, and so does this.</remarks>
    internal static GatherColumn? ForNaturalRead(ColumnLayout column, double scale, double zero)
    {
        BinaryColumnFormat format = column.Binary;
        if (format.IsVariableLength || column.Offset > int.MaxValue || format.Repeat > int.MaxValue / 2 || scale != 1.0)
        {
            return null;
        }

        int size = format.ElementSize;
        int count = (int)format.Repeat;
        double flipZero;
        switch (format.Type)
        {
            case BinaryElementType.Byte: flipZero = -128.0; break;
            case BinaryElementType.Int16: flipZero = 32768.0; break;
            case BinaryElementType.Int32: flipZero = 2147483648.0; break;
            case BinaryElementType.Int64: flipZero = 9223372036854775808.0; break;
            case BinaryElementType.Single or BinaryElementType.Double: flipZero = double.NaN; break;
            case BinaryElementType.ComplexSingle or BinaryElementType.ComplexDouble:
                flipZero = double.NaN;
                size /= 2;
                count *= 2;
                break;
            default:
                return null;
        }

        bool flip = zero == flipZero;
        if (zero != 0.0 && !flip)
        {
            return null;
        }

        return new GatherColumn((int)column.Offset, size, count, flip);
    }

    /// <summary>The stored bytes of a column's cells, unchanged (L, X packed, A, or any fixed-width column raw).</summary>
    internal static GatherColumn? ForRawBytes(ColumnLayout column) =>
        column.Offset > int.MaxValue || column.Width > int.MaxValue ? null : new GatherColumn((int)column.Offset, 1, (int)column.Width, false);
}
