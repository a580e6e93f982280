namespace CfitsioNet.Tables;

/// <summary>The format letter of an ASCII-table TFORMn (FITS 4.0, Table 15). Each value is its letter.</summary>
internal enum AsciiElementType
{
    /// <summary><c>Aw</c>: characters.</summary>
    Character = 'A',

    /// <summary><c>Iw</c>: a decimal integer.</summary>
    Integer = 'I',

    /// <summary><c>Fw.d</c>: a fixed-point number (d implied decimals when the field has no decimal point).</summary>
    Fixed = 'F',

    /// <summary><c>Ew.d</c>: a floating-point number with an exponent.</summary>
    Exponential = 'E',

    /// <summary><c>Dw.d</c>: a double-precision floating-point number with an exponent.</summary>
    DoubleExponential = 'D',
}
