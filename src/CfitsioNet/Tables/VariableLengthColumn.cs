using System;

namespace CfitsioNet;

/// <summary>
/// The arrays of a variable-length (P/Q) column for a range of rows: all values in one buffer and, for each row, where
/// its array starts (Apache Arrow's list layout: <c>Offsets</c> has one entry more than there are rows).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class VariableLengthColumn<T>
{
    internal VariableLengthColumn(T[] values, long[] offsets)
    {
        Values = values;
        Offsets = offsets;
    }

    /// <summary>The number of rows.</summary>
    public int RowCount => Offsets.Length - 1;

    /// <summary>Every row's array, one after another.</summary>
    public T[] Values { get; }

    /// <summary>RowCount + 1 offsets into <see cref="Values"/>: row r's array is <c>Values[Offsets[r]..Offsets[r + 1]]</c>.</summary>
    public long[] Offsets { get; }

    /// <summary>Row <paramref name="row"/>'s array (relative to the first row read).</summary>
    /// <param name="row">0-based, less than <see cref="RowCount"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside.</exception>
    public ReadOnlySpan<T> this[int row]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)RowCount, nameof(row));
            return Values.AsSpan((int)Offsets[row], (int)(Offsets[row + 1] - Offsets[row]));
        }
    }

    /// <summary>The length of row <paramref name="row"/>'s array.</summary>
    /// <param name="row">0-based, less than <see cref="RowCount"/>.</param>
    /// <returns>The number of elements.</returns>
    public long LengthOf(int row) => Offsets[row + 1] - Offsets[row];
}
