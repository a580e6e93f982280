namespace CfitsioNet;

/// <summary>What a table column stores, from its TFORMn letter (binary tables) or format (ASCII tables).</summary>
public enum ColumnType
{
    /// <summary><c>L</c>: logical, one byte per element ('T', 'F', or 0 for undefined).</summary>
    Logical,

    /// <summary><c>X</c>: bits, packed most significant bit first.</summary>
    Bit,

    /// <summary><c>B</c>: 8-bit unsigned integers (signed bytes with TZERO = -128).</summary>
    Byte,

    /// <summary><c>I</c>: 16-bit integers (unsigned with TZERO = 32768); ASCII <c>Iw</c> of at most 4 digits.</summary>
    Int16,

    /// <summary><c>J</c>: 32-bit integers (unsigned with TZERO = 2^31); ASCII <c>Iw</c> of 5 and more digits.</summary>
    Int32,

    /// <summary><c>K</c>: 64-bit integers (unsigned with TZERO = 2^63).</summary>
    Int64,

    /// <summary><c>E</c>: IEEE single precision; ASCII <c>Ew.d</c> and short <c>Fw.d</c>.</summary>
    Single,

    /// <summary><c>D</c>: IEEE double precision; ASCII <c>Dw.d</c>, long <c>Fw.d</c> and <c>Ew.d</c> with more than 6 decimals.</summary>
    Double,

    /// <summary><c>C</c>: single-precision complex (a pair of singles).</summary>
    ComplexSingle,

    /// <summary><c>M</c>: double-precision complex (a pair of doubles).</summary>
    ComplexDouble,

    /// <summary><c>A</c> (binary) or <c>Aw</c> (ASCII): characters, one byte each.</summary>
    String,
}
