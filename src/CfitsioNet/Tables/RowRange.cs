using System;

namespace CfitsioNet;

/// <summary>
/// A range of table rows, 0-based with an exclusive end, in 64-bit row numbers (tables can hold more than 2^31 rows).
/// Converts from <see cref="Range"/>, so <c>rows: 1000..2000</c> and <c>rows: ^10..</c> work.
/// </summary>
public readonly struct RowRange : IEquatable<RowRange>
{
    private readonly long _start;
    private readonly long _end;
    private readonly bool _startFromEnd;
    private readonly bool _endFromEnd;

    /// <summary>Rows <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive).</summary>
    /// <param name="start">The first row, 0-based.</param>
    /// <param name="end">One past the last row.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is negative or greater than <paramref name="end"/>.</exception>
    public RowRange(long start, long end)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(end, start);
        _start = start;
        _end = end;
    }

    private RowRange(long start, bool startFromEnd, long end, bool endFromEnd)
    {
        _start = start;
        _startFromEnd = startFromEnd;
        _end = end;
        _endFromEnd = endFromEnd;
    }

    /// <summary>Every row of the table.</summary>
    public static RowRange All => new(0, false, 0, true);

    /// <summary><paramref name="count"/> rows from <paramref name="start"/>.</summary>
    /// <param name="start">The first row, 0-based.</param>
    /// <param name="count">How many rows.</param>
    /// <returns>The range <c>start .. start + count</c>.</returns>
    public static RowRange FromStart(long start, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new RowRange(start, checked(start + count));
    }

    /// <summary>The same rows as <paramref name="range"/>; indexes from the end are resolved against the table's row count.</summary>
    /// <param name="range">A range of rows.</param>
    public static implicit operator RowRange(Range range) =>
        new(range.Start.Value, range.Start.IsFromEnd, range.End.Value, range.End.IsFromEnd);

    /// <summary>The same rows as <paramref name="range"/>.</summary>
    /// <param name="range">A range of rows.</param>
    /// <returns>The row range.</returns>
    public static RowRange FromRange(Range range) => range;

    /// <summary>The first row and the number of rows this range selects in a table of <paramref name="rowCount"/> rows.</summary>
    /// <param name="rowCount">The table's row count.</param>
    /// <returns>The first row (0-based) and the count.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The range does not lie inside the table.</exception>
    public (long Start, long Count) Resolve(long rowCount)
    {
        long start = _startFromEnd ? rowCount - _start : _start;
        long end = _endFromEnd ? rowCount - _end : _end;
        if (start < 0 || end > rowCount || start > end)
        {
            throw new ArgumentOutOfRangeException("rows", $"Rows {this} are not inside a table of {rowCount} rows.");
        }

        return (start, end - start);
    }

    /// <inheritdoc/>
    public bool Equals(RowRange other) =>
        _start == other._start && _end == other._end && _startFromEnd == other._startFromEnd && _endFromEnd == other._endFromEnd;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RowRange other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_start, _end, _startFromEnd, _endFromEnd);

    /// <summary>Equality of two ranges as written (not as resolved).</summary>
    /// <param name="left">A range.</param>
    /// <param name="right">Another range.</param>
    /// <returns>True when both are written the same way.</returns>
    public static bool operator ==(RowRange left, RowRange right) => left.Equals(right);

    /// <summary>Inequality of two ranges as written.</summary>
    /// <param name="left">A range.</param>
    /// <param name="right">Another range.</param>
    /// <returns>True when they differ.</returns>
    public static bool operator !=(RowRange left, RowRange right) => !left.Equals(right);

    /// <summary>The range as C# writes it, for example <c>10..^0</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{(_startFromEnd ? "^" : "")}{_start}..{(_endFromEnd ? "^" : "")}{_end}";
}
