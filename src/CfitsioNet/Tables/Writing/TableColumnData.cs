using System;
using System.Collections.Generic;
using System.Numerics;
using CfitsioNet.Tables;

namespace CfitsioNet;

/// <summary>
/// One column of a table to write with <see cref="FitsFile.AddTable"/> or <see cref="FitsFile.BeginTable"/>: its
/// name, its values (every row's), and how they are stored (TFORM, TUNIT, TDIM, TSCAL/TZERO, TNULL).
/// </summary>
/// <remarks>
/// <para>The element type chooses TFORM: <see cref="byte"/> B, <see cref="short"/> I, <see cref="int"/> J,
/// <see cref="long"/> K, <see cref="float"/> E, <see cref="double"/> D, <see cref="bool"/> L,
/// <see cref="Complex"/> M, strings A; the unsigned types and <see cref="sbyte"/> are stored as CFITSIO stores them
/// (I, J, K, B with TZERO 32768, 2^31, 2^63, -128), and read back as the same type. Bits (X) come from
/// <see cref="Bits"/>, single-precision complex (C) from <see cref="ComplexPairs"/>, variable-length arrays (P, or Q
/// when the heap would pass 2 GiB) from <see cref="Variable{T}"/>.</para>
/// <para>Every argument is checked when the column is made, and the columns against each other before anything is
/// written: a bad column never leaves a half-written table.</para>
/// </remarks>
/// <example>
/// <code>
/// fits.AddTable(
/// [
///     TableColumnData.Of("TIME", times, unit: "s"),
///     TableColumnData.Of("FLUX", spectra, cellShape: [16, 8], unit: "Jy"),   // TDIM = '(8,16)'
///     TableColumnData.Of("PHA", pha).WithNull(-1),
///     TableColumnData.Of("NAME", names),                                   // A, width of the longest name
/// ], new TableWriteOptions { Name = "EVENTS" });
/// </code>
/// </example>
public sealed class TableColumnData
{
    private TableColumnData(string name, string? unit, ColumnDataKind kind, PixelType? elementType, Array values, long rows, long repeat, long[]? cellShape)
    {
        Name = name;
        Unit = unit;
        Kind = kind;
        ElementType = elementType;
        Values = values;
        RowCount = rows;
        Repeat = repeat;
        CellShape = cellShape;
    }

    /// <summary>TTYPEn: the column's name.</summary>
    public string Name { get; }

    /// <summary>TUNITn, or null for none.</summary>
    public string? Unit { get; }

    /// <summary>The number of rows the values fill.</summary>
    public long RowCount { get; }

    /// <summary>TSCALn written with the column, or null (the stored values are written as given either way).</summary>
    public double? Scale { get; private init; }

    /// <summary>TZEROn written with the column, or null (the stored values are written as given either way).</summary>
    public double? Zero { get; private init; }

    /// <summary>TNULLn: the value that marks a null cell of an integer column, in the column's own terms; or null.</summary>
    public long? Null { get; private init; }

    /// <summary>The width in bytes of a string column (A); 0 for other columns.</summary>
    public int Width { get; private init; }

    internal ColumnDataKind Kind { get; }

    internal PixelType? ElementType { get; }

    internal Array Values { get; }

    /// <summary>Elements per cell (bits for X columns, characters for strings, 1 for variable-length columns).</summary>
    internal long Repeat { get; }

    /// <summary>The cell's shape in C order when the caller gave one of two or more axes (written as TDIMn).</summary>
    internal long[]? CellShape { get; }

    /// <summary>The length of the longest string of a string column.</summary>
    internal int LongestString { get; private init; }

    /// <summary>Whether a string column may hold characters outside printable ASCII (U+0080 to U+00FF, one byte each).</summary>
    internal bool AllowNonAscii { get; private init; }

    /// <summary>
    /// A column of one value per row: a number, a <see cref="bool"/> (L) or a <see cref="Complex"/> (M).
    /// </summary>
    /// <typeparam name="T">byte, sbyte, short, ushort, int, uint, long, ulong, float, double, bool or <see cref="Complex"/>.</typeparam>
    /// <param name="name">TTYPEn: printable ASCII, 1 to 68 characters.</param>
    /// <param name="values">One value per row.</param>
    /// <param name="unit">TUNITn, or null.</param>
    /// <returns>The column.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException">The name or unit is empty, too long or not printable ASCII.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> cannot be stored in a FITS column.</exception>
    public static TableColumnData Of<T>(string name, T[] values, string? unit = null)
        where T : unmanaged
        => Of(name, values, cellShape: null, unit);

    /// <summary>
    /// A column of vector cells: <paramref name="values"/> holds every row's cell in turn, each cell in C order of
    /// <paramref name="cellShape"/> (the last axis varies fastest). A shape of two or more axes is written as TDIMn.
    /// </summary>
    /// <typeparam name="T">byte, sbyte, short, ushort, int, uint, long, ulong, float, double, bool or <see cref="Complex"/>.</typeparam>
    /// <param name="name">TTYPEn: printable ASCII, 1 to 68 characters.</param>
    /// <param name="values">The cells, flat: rows x (product of <paramref name="cellShape"/>) values.</param>
    /// <param name="cellShape">The shape of one cell in C order, every axis at least 1; null for one value per row.</param>
    /// <param name="unit">TUNITn, or null.</param>
    /// <returns>The column.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException">The name or unit is invalid, the shape has an axis below 1 or more than 999 axes, or the values are not a whole number of cells.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> cannot be stored in a FITS column.</exception>
    public static TableColumnData Of<T>(string name, T[] values, long[]? cellShape, string? unit = null)
        where T : unmanaged
    {
        CheckName(name);
        CheckText(unit, nameof(unit), "TUNIT");
        ArgumentNullException.ThrowIfNull(values);
        (ColumnDataKind kind, PixelType? type) = KindOf<T>();
        long repeat = CellLength(cellShape);
        long rows = RowsOf(name, values.LongLength, repeat, cellShape);
        return new TableColumnData(name, unit, kind, type, values, rows, repeat, cellShape is { Length: > 1 } ? (long[])cellShape.Clone() : null);
    }

    /// <summary>
    /// A string column (A): one string per row, stored in a fixed width (by default the longest string's length,
    /// at least 1), blank-padded. Null strings are stored empty.
    /// </summary>
    /// <param name="name">TTYPEn: printable ASCII, 1 to 68 characters.</param>
    /// <param name="values">One string per row.</param>
    /// <param name="width">The width in bytes, at least 1 and at least the longest string; null for the longest string's length.</param>
    /// <param name="unit">TUNITn, or null.</param>
    /// <param name="allowNonAscii">Allow characters U+0080 to U+00FF, stored as one byte each (ISO-8859-1, as the reader reads them). The FITS standard allows printable ASCII only: other readers may show them differently.</param>
    /// <returns>The column.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException">The name or unit is invalid; <paramref name="width"/> is below 1 or below the longest string; a string has a control character, a character above U+00FF, or (without <paramref name="allowNonAscii"/>) one above U+007E.</exception>
    public static TableColumnData Of(string name, string?[] values, int? width = null, string? unit = null, bool allowNonAscii = false)
    {
        int longest = CheckStrings(name, values, unit, allowNonAscii);

        if (width is int given && (given < 1 || given < longest))
        {
            throw new ArgumentException(
                given < 1
                    ? $"Column '{name}': a string width must be at least 1 byte, not {given}."
                    : $"Column '{name}': the width {given} is shorter than its longest string ({longest} characters).",
                nameof(width));
        }

        int chosen = width ?? Math.Max(1, longest);
        return new TableColumnData(name, unit, ColumnDataKind.String, null, values, values.Length, chosen, null)
        {
            Width = chosen,
            LongestString = longest,
            AllowNonAscii = allowNonAscii,
        };
    }

    /// <summary>A bit column (X): <paramref name="bitsPerRow"/> bits per row, packed by CFITSIO, the first bit the most significant.</summary>
    /// <param name="name">TTYPEn: printable ASCII, 1 to 68 characters.</param>
    /// <param name="bits">Every row's bits in turn: rows x <paramref name="bitsPerRow"/> values.</param>
    /// <param name="bitsPerRow">Bits per row, at least 1.</param>
    /// <param name="unit">TUNITn, or null.</param>
    /// <returns>The column.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="bits"/> is null.</exception>
    /// <exception cref="ArgumentException">The name or unit is invalid, <paramref name="bitsPerRow"/> is below 1, or the bits are not a whole number of rows.</exception>
    public static TableColumnData Bits(string name, bool[] bits, int bitsPerRow = 1, string? unit = null)
    {
        long rows = CheckFlat(name, unit, bits, nameof(bits), bitsPerRow, bitsPerRow, nameof(bitsPerRow));
        return new TableColumnData(name, unit, ColumnDataKind.Bits, null, bits, rows, bitsPerRow, null);
    }

    /// <summary>
    /// A single-precision complex column (C) from (real, imaginary) pairs: <paramref name="pairs"/> holds
    /// 2 x <paramref name="complexPerRow"/> floats per row.
    /// </summary>
    /// <param name="name">TTYPEn: printable ASCII, 1 to 68 characters.</param>
    /// <param name="pairs">real, imaginary, real, imaginary, ... for every row in turn.</param>
    /// <param name="complexPerRow">Complex values per cell, at least 1.</param>
    /// <param name="unit">TUNITn, or null.</param>
    /// <returns>The column.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pairs"/> is null.</exception>
    /// <exception cref="ArgumentException">The name or unit is invalid, or the floats are not a whole number of cells.</exception>
    public static TableColumnData ComplexPairs(string name, float[] pairs, int complexPerRow = 1, string? unit = null)
    {
        long rows = CheckFlat(name, unit, pairs, nameof(pairs), complexPerRow, 2L * complexPerRow, nameof(complexPerRow));
        return new TableColumnData(name, unit, ColumnDataKind.ComplexSingle, null, pairs, rows, complexPerRow, null);
    }

    /// <summary>
    /// A variable-length array column (P, or Q when the table's heap passes 2 GiB): one array per row, of any
    /// length (null or empty for none), stored in the table's heap.
    /// </summary>
    /// <typeparam name="T">byte, sbyte, short, ushort, int, uint, long, ulong, float, double, bool or <see cref="Complex"/>.</typeparam>
    /// <param name="name">TTYPEn: printable ASCII, 1 to 68 characters.</param>
    /// <param name="cells">One array per row.</param>
    /// <param name="unit">TUNITn, or null.</param>
    /// <returns>The column.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cells"/> is null.</exception>
    /// <exception cref="ArgumentException">The name or unit is invalid.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> cannot be stored in a FITS column.</exception>
    public static TableColumnData Variable<T>(string name, T[]?[] cells, string? unit = null)
        where T : unmanaged
    {
        CheckName(name);
        CheckText(unit, nameof(unit), "TUNIT");
        ArgumentNullException.ThrowIfNull(cells);
        (ColumnDataKind kind, PixelType? type) = KindOf<T>();
        return new TableColumnData(name, unit, ColumnDataKind.Variable, type, cells, cells.Length, 1, null) { VariableElement = kind };
    }

    /// <summary>
    /// A column of string arrays: each cell holds the strings of <paramref name="cellShape"/> (C order), each stored in a
    /// fixed width, blank-padded, with TDIMn = (width, shape in FITS order), the FITS convention astropy and CFITSIO read
    /// as arrays of strings. <paramref name="values"/> holds every row's strings in turn.
    /// </summary>
    /// <param name="name">TTYPEn: printable ASCII, 1 to 68 characters.</param>
    /// <param name="values">rows x (product of <paramref name="cellShape"/>) strings; null strings are stored empty.</param>
    /// <param name="cellShape">The strings of one cell, C order, every axis at least 1.</param>
    /// <param name="width">The width of each string in bytes, at least 1 and at least the longest string; null for the longest string's length.</param>
    /// <param name="unit">TUNITn, or null.</param>
    /// <param name="allowNonAscii">Allow characters U+00A0 to U+00FF, stored as one byte each (ISO-8859-1).</param>
    /// <returns>The column.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> or <paramref name="cellShape"/> is null.</exception>
    /// <exception cref="ArgumentException">The name, unit, shape or width is invalid, the values are not a whole number of cells, or a string cannot be stored.</exception>
    public static TableColumnData StringArray(string name, string?[] values, long[] cellShape, int? width = null, string? unit = null, bool allowNonAscii = false)
    {
        ArgumentNullException.ThrowIfNull(cellShape);
        TableColumnData strings = Of(name, values, width, unit, allowNonAscii);
        long perRow = CellLength(cellShape);
        long rows = RowsOf(name, values.LongLength, perRow, cellShape);
        if (perRow * strings.Width > int.MaxValue)
        {
            throw new ArgumentException($"Column '{name}': {perRow} strings of {strings.Width} bytes make a cell too wide.", nameof(cellShape));
        }

        return new TableColumnData(name, unit, ColumnDataKind.String, null, values, rows, perRow * strings.Width, (long[])cellShape.Clone())
        {
            Width = strings.Width, LongestString = strings.LongestString, AllowNonAscii = allowNonAscii,
        };
    }

    /// <summary>Strings per row of a string column: 1, or the product of a <see cref="StringArray"/>'s cell shape.</summary>
    internal long StringsPerRow => Kind == ColumnDataKind.String && Width > 0 ? Repeat / Width : 1;

    /// <summary>
    /// A variable-length string column (1PA, or 1QA past 2 GiB of heap): each row's string as long as it is, with no
    /// padding, in the heap. Null and empty strings take no heap bytes. Read back with <see cref="TableHdu.ReadVariableStrings"/>.
    /// </summary>
    /// <param name="name">TTYPEn: printable ASCII, 1 to 68 characters.</param>
    /// <param name="values">One string per row.</param>
    /// <param name="unit">TUNITn, or null.</param>
    /// <param name="allowNonAscii">Allow characters U+00A0 to U+00FF, stored as one byte each (ISO-8859-1, as the reader reads them).</param>
    /// <returns>The column.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException">The name or unit is invalid, or a string holds a character that cannot be stored.</exception>
    public static TableColumnData VariableStrings(string name, string?[] values, string? unit = null, bool allowNonAscii = false)
    {
        int longest = CheckStrings(name, values, unit, allowNonAscii);

        return new TableColumnData(name, unit, ColumnDataKind.Variable, null, values, values.Length, 1, null)
        {
            VariableElement = ColumnDataKind.String, LongestString = longest, AllowNonAscii = allowNonAscii,
        };
    }

    /// <summary>
    /// A column of physical values stored scaled: each value is stored as
    /// round((value - <paramref name="zero"/>) / <paramref name="scale"/>) in <typeparamref name="TStored"/>, as CFITSIO's
    /// <c>fits_write_col</c> stores it (halves away from zero), and TSCALn/TZEROn are written, so readers get the value
    /// back to within half of <paramref name="scale"/>. Typical use: fluxes or coordinates kept as 16-bit integers.
    /// </summary>
    /// <typeparam name="TStored">The stored integer type: byte (B), short (I), int (J) or long (K).</typeparam>
    /// <param name="name">TTYPEn: printable ASCII, 1 to 68 characters.</param>
    /// <param name="values">The physical values, flat (rows x the product of <paramref name="cellShape"/>); NaN marks a null cell and needs <paramref name="nullValue"/>.</param>
    /// <param name="scale">TSCALn, finite and not 0.</param>
    /// <param name="zero">TZEROn, finite.</param>
    /// <param name="cellShape">The shape of one cell in C order; null for one value per row.</param>
    /// <param name="unit">TUNITn, or null.</param>
    /// <param name="nullValue">TNULLn, a stored value that marks null cells (those whose value is NaN); or null.</param>
    /// <returns>The column.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException">The name, unit, shape, scale or zero is invalid, a value is infinite, NaN without a null value, or outside what <typeparamref name="TStored"/> holds once scaled.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="TStored"/> is not byte, short, int or long.</exception>
    public static TableColumnData Scaled<TStored>(string name, double[] values, double scale, double zero = 0, long[]? cellShape = null, string? unit = null, long? nullValue = null)
        where TStored : unmanaged
    {
        PixelType stored = PixelTypes.Of<TStored>() is PixelType t && t is PixelType.Byte or PixelType.Int16 or PixelType.Int32 or PixelType.Int64
            ? t
            : throw new NotSupportedException($"Scaled columns are stored as byte, short, int or long, not {typeof(TStored).Name}.");
        TableColumnData numbers = Of(name, values, cellShape, unit); // the name, unit, shape and row checks of any column
        var column = new TableColumnData(name, unit, ColumnDataKind.Numeric, stored, values, numbers.RowCount, numbers.Repeat, numbers.CellShape)
            .WithScaling(scale, zero);
        if (nullValue is long tnull)
        {
            column = column.WithNull(tnull);
        }

        CheckPhysical(name, values, stored, scale, zero, column.Null);
        return column.AsPhysical();
    }

    private TableColumnData AsPhysical() => new(Name, Unit, Kind, ElementType, Values, RowCount, Repeat, CellShape)
    {
        Scale = Scale, Zero = Zero, Null = Null, Physical = true,
    };

    /// <summary>Whether <see cref="Values"/> holds physical doubles that CFITSIO scales into the stored type (<see cref="Scaled{TStored}"/>).</summary>
    internal bool Physical { get; private init; }

    /// <summary>
    /// Checks that every value is stored without overflow, with CFITSIO's limits (fits_write_col of doubles into a
    /// scaled integer column: the scaled value must lie within the type's range widened by 0.49, as in putcoli.c).
    /// </summary>
    private static void CheckPhysical(string name, double[] values, PixelType stored, double scale, double zero, long? tnull)
    {
        (double min, double max) = stored switch
        {
            PixelType.Byte => (-0.49, 255.49),
            PixelType.Int16 => (-32768.49, 32767.49),
            PixelType.Int32 => (-2147483648.49, 2147483647.49),
            _ => (-9.2233720368547758E18, 9.2233720368547748E18), // the largest double below 2^63: 2^63 itself does not fit
        };
        for (long i = 0; i < values.LongLength; i++)
        {
            double value = values[i];
            if (double.IsNaN(value))
            {
                if (tnull is null)
                {
                    throw new ArgumentException($"Column '{name}': value {i} is NaN, which needs a null value (TNULL): pass nullValue.", nameof(values));
                }

                continue;
            }

            double scaled = (value - zero) / scale;
            if (!double.IsFinite(value) || scaled < min || scaled > max)
            {
                throw new ArgumentException(
                    $"Column '{name}': value {i} ({value}) is {(double.IsFinite(value) ? $"{scaled} once scaled, outside what {stored} holds" : "infinite")}.", nameof(values));
            }

            // Rounded as CFITSIO rounds (half away from zero); a value stored as TNULL would read back as null.
            if (tnull is long nullValue && (long)(scaled >= 0 ? scaled + 0.5 : scaled - 0.5) == nullValue)
            {
                throw new ArgumentException(
                    $"Column '{name}': value {i} ({value}) would be stored as {nullValue}, the null value (TNULL), and read back as null; choose another null value.", nameof(values));
            }
        }
    }

    /// <summary>
    /// The same column with TSCALn and TZEROn: the values given are the stored ones, and readers apply
    /// physical = <paramref name="zero"/> + <paramref name="scale"/> x stored.
    /// </summary>
    /// <param name="scale">TSCALn, finite and not 0.</param>
    /// <param name="zero">TZEROn, finite.</param>
    /// <returns>A new column; this one is unchanged.</returns>
    /// <exception cref="ArgumentException">The scale is 0 or not finite, the zero is not finite, or the column is not of a signed integer or floating-point type (the unsigned types carry their own TZERO).</exception>
    public TableColumnData WithScaling(double scale, double zero = 0)
    {
        if (!double.IsFinite(scale) || scale == 0 || !double.IsFinite(zero))
        {
            throw new ArgumentException($"Column '{Name}': TSCAL must be finite and not 0, TZERO finite (got {scale}, {zero}).", nameof(scale));
        }

        if (Physical)
        {
            throw new ArgumentException($"Column '{Name}' holds physical values scaled by its TSCAL/TZERO already.", nameof(scale));
        }

        if (Kind != ColumnDataKind.Numeric || ElementType is PixelType.SByte or PixelType.UInt16 or PixelType.UInt32 or PixelType.UInt64)
        {
            throw new ArgumentException(
                $"Column '{Name}': TSCAL/TZERO can be given for columns of byte, short, int, long, float or double values only.", nameof(scale));
        }

        return Copy(scale, zero, Null, AsciiNull, AsciiFormat);
    }

    /// <summary>
    /// The same column with TNULLn: cells holding <paramref name="value"/> are null (floating-point reads give NaN).
    /// </summary>
    /// <param name="value">The null value, in the range of the column's type (for the unsigned types and sbyte, in their own terms: it is stored with their offset).</param>
    /// <returns>A new column; this one is unchanged.</returns>
    /// <exception cref="ArgumentException">The column is not of an integer type other than ulong, or the value is outside its range.</exception>
    public TableColumnData WithNull(long value)
    {
        (long min, long max) = ElementType switch
        {
            PixelType.Byte => (byte.MinValue, byte.MaxValue),
            PixelType.SByte => (sbyte.MinValue, sbyte.MaxValue),
            PixelType.Int16 => (short.MinValue, short.MaxValue),
            PixelType.UInt16 => (ushort.MinValue, ushort.MaxValue),
            PixelType.Int32 => (int.MinValue, int.MaxValue),
            PixelType.UInt32 => (uint.MinValue, uint.MaxValue),
            PixelType.Int64 => (long.MinValue, long.MaxValue),
            _ => (1L, 0L),
        };
        if (Kind is not (ColumnDataKind.Numeric or ColumnDataKind.Variable) || min > max)
        {
            throw new ArgumentException($"Column '{Name}': TNULL is for columns of byte, sbyte, short, ushort, int, uint or long values.", nameof(value));
        }

        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Column '{Name}': the null value must lie within {min} to {max}.");
        }

        if (Physical)
        {
            CheckPhysical(Name, (double[])Values, ElementType!.Value, Scale ?? 1, Zero ?? 0, value);
        }

        return Copy(Scale, Zero, value, AsciiNull, AsciiFormat);
    }

    /// <summary>
    /// The same column with its ASCII-table format (TFORMn of an ASCII table) chosen instead of the default (I wide enough
    /// for the type; E15.7 for float, D25.17 for double): <c>Iw</c> for integer columns, <c>Fw.d</c>, <c>Ew.d</c> or
    /// <c>Dw.d</c> for floating-point ones. Binary tables ignore it. CFITSIO formats every value with it; a value that does
    /// not fit its width is an error when the table is written.
    /// </summary>
    /// <param name="format">The TFORM, for example "F10.3", "E12.5" or "I5".</param>
    /// <returns>A new column; this one is unchanged.</returns>
    /// <exception cref="ArgumentException">The format is not a valid ASCII-table TFORM, does not suit the column's values, or its width is above 70.</exception>
    public TableColumnData WithAsciiFormat(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (!TformParser.TryParseAscii(format, out AsciiColumnFormat parsed, out string? why))
        {
            throw new ArgumentException($"Column '{Name}': the ASCII format '{format}' {why}.", nameof(format));
        }

        bool floating = ElementType is PixelType.Single or PixelType.Double;
        bool suits = Kind == ColumnDataKind.Numeric && ElementType is not PixelType.UInt64
            && (parsed.Type == AsciiElementType.Integer ? !floating : floating && parsed.Type != AsciiElementType.Character);
        if (!suits || parsed.Width > 70)
        {
            throw new ArgumentException(
                $"Column '{Name}': '{format}' does not suit it: integer columns take Iw, float and double columns Fw.d, Ew.d or Dw.d, at most 70 characters wide.", nameof(format));
        }

        return Copy(Scale, Zero, Null, AsciiNull, format.Trim().ToUpperInvariant());
    }

    /// <summary>
    /// The same float or double column with an ASCII-table null (TNULLn of an ASCII table, a string): NaN values are
    /// written as this text and read back as NaN. Binary tables ignore it (their floating-point nulls are NaN already).
    /// </summary>
    /// <param name="text">The null field, printable ASCII, 1 to 68 characters, not blank; it must fit the column's width.</param>
    /// <returns>A new column; this one is unchanged.</returns>
    /// <exception cref="ArgumentException">The text is blank, not printable ASCII or too long, or the column is not of float or double values.</exception>
    public TableColumnData WithAsciiNull(string text)
    {
        CheckText(text, nameof(text), "TNULL");
        if (text.Trim().Length == 0)
        {
            throw new ArgumentException($"Column '{Name}': an ASCII null must not be blank (a blank field reads as 0).", nameof(text));
        }

        if (Kind != ColumnDataKind.Numeric || ElementType is not (PixelType.Single or PixelType.Double) || Physical)
        {
            throw new ArgumentException($"Column '{Name}': an ASCII null (NaN written as text) is for float and double columns.", nameof(text));
        }

        return Copy(Scale, Zero, Null, text, AsciiFormat);
    }

    /// <summary>TNULLn of an ASCII table: the text NaN values are written as (<see cref="WithAsciiNull"/>); or null.</summary>
    public string? AsciiNull { get; private init; }

    /// <summary>The ASCII-table TFORMn chosen with <see cref="WithAsciiFormat"/>, or null for the default.</summary>
    public string? AsciiFormat { get; private init; }

    private TableColumnData Copy(double? scale, double? zero, long? tnull, string? asciiNull, string? asciiFormat) =>
        new(Name, Unit, Kind, ElementType, Values, RowCount, Repeat, CellShape)
        {
            Scale = scale, Zero = zero, Null = tnull, Width = Width, LongestString = LongestString, AllowNonAscii = AllowNonAscii,
            VariableElement = VariableElement, Physical = Physical, AsciiNull = asciiNull, AsciiFormat = asciiFormat,
        };

    /// <summary>The kind of a variable-length column's elements.</summary>
    internal ColumnDataKind VariableElement { get; private init; }

    /// <summary>Whether <paramref name="other"/> is stored as this column is (name, kind, type, cell), as the writers' blocks must be.</summary>
    internal bool SameLayout(TableColumnData other) =>
        string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase)
        && Kind == other.Kind && ElementType == other.ElementType && VariableElement == other.VariableElement
        && (Kind == ColumnDataKind.String || Repeat == other.Repeat) && CellShapeText == other.CellShapeText;

    internal string CellShapeText => CellShape is null ? string.Empty : string.Join(",", CellShape);

    internal static void CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Trim().Length == 0)
        {
            throw new ArgumentException("A column needs a name (TTYPE): it is empty.", nameof(name));
        }

        CheckText(name, nameof(name), "TTYPE");
    }

    private static void CheckText(string? text, string parameter, string keyword)
    {
        if (text is null)
        {
            return;
        }

        int length = 0;
        foreach (char c in text)
        {
            if (c < ' ' || c > '~')
            {
                throw new ArgumentException($"{keyword} must be printable ASCII; '{text}' has U+{(int)c:X4}.", parameter);
            }

            length += c == '\'' ? 2 : 1;
        }

        if (length > 68)
        {
            throw new ArgumentException($"{keyword} '{text}' is longer than the 68 characters a header card holds.", parameter);
        }
    }

    /// <summary>Checks the name, unit and every string of a string column; returns the longest string's length.</summary>
    private static int CheckStrings(string name, string?[] values, string? unit, bool allowNonAscii)
    {
        CheckName(name);
        CheckText(unit, nameof(unit), "TUNIT");
        ArgumentNullException.ThrowIfNull(values);
        int longest = 0;
        for (int row = 0; row < values.Length; row++)
        {
            string text = values[row] ?? string.Empty;
            CheckString(name, row, text, allowNonAscii);
            longest = Math.Max(longest, text.Length);
        }

        return longest;
    }

    private static void CheckString(string name, int row, string text, bool allowNonAscii)
    {
        foreach (char c in text)
        {
            bool ok = c >= ' ' && (c <= '~' || (allowNonAscii && c >= '\u00A0' && c <= '\u00FF'));
            if (!ok)
            {
                string why = c > '~' && c <= '\u00FF' && !allowNonAscii
                    ? "FITS strings are printable ASCII; pass allowNonAscii: true to store U+00A0..U+00FF as one byte each"
                    : "only printable ASCII (and, with allowNonAscii, U+00A0..U+00FF) can be stored";
                throw new ArgumentException($"Column '{name}', row {row}: the string has U+{(int)c:X4}: {why}.", "values");
            }
        }
    }

    /// <summary>Checks name, unit, values and a per-row count of a flat column; returns its rows.</summary>
    private static long CheckFlat(string name, string? unit, Array? values, string valuesName, int perCell, long valuesPerRow, string parameter)
    {
        CheckName(name);
        CheckText(unit, nameof(unit), "TUNIT");
        ArgumentNullException.ThrowIfNull(values, valuesName);
        if (perCell < 1)
        {
            throw new ArgumentOutOfRangeException(parameter, perCell, $"Column '{name}': a cell needs at least 1 value.");
        }

        return RowsOf(name, values.LongLength, valuesPerRow, null);
    }

    private static (ColumnDataKind Kind, PixelType? Type) KindOf<T>()
    {
        if (typeof(T) == typeof(bool))
        {
            return (ColumnDataKind.Logical, null);
        }

        if (typeof(T) == typeof(Complex))
        {
            return (ColumnDataKind.Complex, null);
        }

        PixelType type = PixelTypes.Of<T>() ?? throw new NotSupportedException(
            $"{typeof(T).Name} cannot be stored in a FITS column; use byte, sbyte, short, ushort, int, uint, long, ulong, float, double, bool or Complex.");
        return (ColumnDataKind.Numeric, type);
    }

    private static long CellLength(long[]? cellShape)
    {
        if (cellShape is null)
        {
            return 1;
        }

        if (cellShape.Length is 0 or > 999)
        {
            throw new ArgumentException($"A cell shape has 1 to 999 axes; this one has {cellShape.Length}.", nameof(cellShape));
        }

        long length = 1;
        foreach (long axis in cellShape)
        {
            if (axis < 1 || length > int.MaxValue / axis)
            {
                throw new ArgumentException($"Cell shape [{string.Join(", ", cellShape)}]: every axis must be at least 1 and a cell at most {int.MaxValue} elements.", nameof(cellShape));
            }

            length *= axis;
        }

        return length;
    }

    private static long RowsOf(string name, long count, long perRow, long[]? cellShape)
    {
        if (count % perRow != 0)
        {
            string shape = cellShape is null ? $"{perRow} per row" : $"cell shape [{string.Join(", ", cellShape)}] = {perRow} per row";
            throw new ArgumentException($"Column '{name}': {count} values are not a whole number of rows ({shape}).", "values");
        }

        return count / perRow;
    }
}

/// <summary>How a <see cref="TableColumnData"/> is stored.</summary>
internal enum ColumnDataKind
{
    Numeric,
    Logical,
    Complex,
    ComplexSingle,
    Bits,
    String,
    Variable,
}
