namespace CfitsioNet.Tables;

/// <summary>
/// The data type letter of a binary-table TFORMn (FITS 4.0, Table 18). Each value is its letter, so
/// <c>(char)type</c> prints it.
/// </summary>
internal enum BinaryElementType
{
    /// <summary><c>L</c>: logical, one byte, 'T', 'F' or 0 (undefined).</summary>
    Logical = 'L',

    /// <summary><c>X</c>: bits, packed into bytes, most significant bit first.</summary>
    Bit = 'X',

    /// <summary><c>B</c>: unsigned 8-bit integer (signed with TZERO -128).</summary>
    Byte = 'B',

    /// <summary><c>I</c>: 16-bit integer (unsigned with TZERO 32768).</summary>
    Int16 = 'I',

    /// <summary><c>J</c>: 32-bit integer (unsigned with TZERO 2^31).</summary>
    Int32 = 'J',

    /// <summary><c>K</c>: 64-bit integer (unsigned with TZERO 2^63).</summary>
    Int64 = 'K',

    /// <summary><c>E</c>: IEEE 754 single precision.</summary>
    Single = 'E',

    /// <summary><c>D</c>: IEEE 754 double precision.</summary>
    Double = 'D',

    /// <summary><c>C</c>: a pair of singles (real, imaginary).</summary>
    ComplexSingle = 'C',

    /// <summary><c>M</c>: a pair of doubles (real, imaginary).</summary>
    ComplexDouble = 'M',

    /// <summary><c>A</c>: characters, one byte each.</summary>
    Character = 'A',
}
