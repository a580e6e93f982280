using System;
using System.Collections.Generic;
using CfitsioNet.Tables;

namespace CfitsioNet;

/// <summary>
/// One column of a <see cref="TableHdu"/>, described from its header keywords (TTYPEn, TFORMn, TDIMn, TUNITn,
/// TSCALn, TZEROn, TNULLn, TDISPn; TBCOLn for ASCII tables).
/// </summary>
public sealed class TableColumn
{
    private readonly long[] _cellShape;

    internal TableColumn(ColumnLayout layout, bool ascii, string? name, string format, string? unit, double scale, double zero,
                         long? nullValue, string? nullString, string? display, ColumnType type, long repeat, Type naturalType)
    {
        Layout = layout;
        IsAscii = ascii;
        Number = layout.Number;
        Name = name ?? string.Empty;
        Format = format;
        Unit = unit;
        Scale = scale;
        Zero = zero;
        Null = nullValue;
        NullString = nullString;
        Display = display;
        Type = type;
        Repeat = repeat;
        NaturalType = naturalType;
        _cellShape = ascii ? [] : layout.Shape;
    }

    /// <summary>The 1-based column number n of TFORMn.</summary>
    public int Number { get; }

    /// <summary>TTYPEn, or an empty string when the column has no name.</summary>
    public string Name { get; }

    /// <summary>TFORMn as written, for example <c>12E</c>, <c>PJ(30)</c> or <c>F12.3</c>.</summary>
    public string Format { get; }

    /// <summary>What the column stores.</summary>
    public ColumnType Type { get; }

    /// <summary>
    /// Elements per row: the repeat count of a binary column (bits for <c>X</c>, characters for <c>A</c>), 1 for an
    /// ASCII column (the field width for <c>Aw</c>), and for a variable-length column the most elements a row holds
    /// according to TFORMn's <c>(emax)</c> (0 when absent).
    /// </summary>
    public long Repeat { get; }

    /// <summary>
    /// The shape of one row's cell in C order (slowest axis first): from TDIMn when present, else <c>[Repeat]</c> for
    /// vector cells and <c>[]</c> for scalar cells and ASCII columns. For strings the last axis is characters; bit columns
    /// always have <c>[bits]</c>.
    /// </summary>
    public IReadOnlyList<long> CellShape => _cellShape.Length == 1 && _cellShape[0] == 1 && Type is not (ColumnType.String or ColumnType.Bit) && !IsVariableLength
        ? []
        : _cellShape;

    /// <summary>TUNITn, or null.</summary>
    public string? Unit { get; }

    /// <summary>TSCALn (1 when absent).</summary>
    public double Scale { get; }

    /// <summary>TZEROn (0 when absent). 32768, 2^31, 2^63 (and -128 for bytes) with TSCALn = 1 mark unsigned integers.</summary>
    public double Zero { get; }

    /// <summary>TNULLn of an integer column of a binary table: the stored value that means undefined; null when absent.</summary>
    public long? Null { get; }

    /// <summary>TNULLn of an ASCII table: the field text that means undefined; null when absent.</summary>
    public string? NullString { get; }

    /// <summary>TDISPn, the display format, or null.</summary>
    public string? Display { get; }

    /// <summary>True for <c>P</c> and <c>Q</c> columns: each row holds an array of its own length in the heap.</summary>
    public bool IsVariableLength => Layout.Binary.IsVariableLength;

    /// <summary>True for a column of an ASCII table.</summary>
    public bool IsAscii { get; }

    /// <summary>
    /// The .NET type a read gives every value in exactly (the natural type): <c>bool</c> for L and X, <c>string</c>
    /// for A, <see cref="System.Numerics.Complex"/> for C and M, the unsigned types for the TZERO conventions,
    /// <c>double</c> or <c>float</c> for other scaling (as for images), the element type for variable-length columns.
    /// </summary>
    public Type NaturalType { get; }

    internal ColumnLayout Layout { get; }

    /// <summary>Elements in one row's cell for fixed-width columns (1 for ASCII columns, characters for strings).</summary>
    internal long CellElements => IsAscii ? 1 : Layout.Binary.Repeat;

    /// <summary>The name, format and natural type, for example <c>FLUX 12E float[12]</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"{(Name.Length == 0 ? $"col{Number}" : Name)} {Format} {NaturalType.Name}{(CellShape.Count == 0 ? "" : $"[{string.Join(", ", CellShape)}]")}";
}
