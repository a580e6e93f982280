using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>Entry points for table HDUs: column values, descriptors, raw row bytes and row filters.</summary>
internal static unsafe partial class Cfitsio
{
    // CFITSIO's datatype codes for table reads (fitsio.h). TLONG/TULONG are C longs (8 bytes on LP64): never used for
    // 32-bit columns, TINT/TUINT are.
    internal const int TypeBit = 1;             // TBIT
    internal const int TypeByte = 11;           // TBYTE
    internal const int TypeSByte = 12;          // TSBYTE
    internal const int TypeLogical = 14;        // TLOGICAL
    internal const int TypeString = 16;         // TSTRING
    internal const int TypeUInt16 = 20;         // TUSHORT
    internal const int TypeInt16 = 21;          // TSHORT
    internal const int TypeUInt32 = 30;         // TUINT
    internal const int TypeInt32 = 31;          // TINT
    internal const int TypeSingle = 42;         // TFLOAT
    internal const int TypeUInt64 = 80;         // TULONGLONG
    internal const int TypeInt64 = 81;          // TLONGLONG
    internal const int TypeDouble = 82;         // TDOUBLE
    internal const int TypeComplex = 83;        // TCOMPLEX
    internal const int TypeDoubleComplex = 163; // TDBLCOMPLEX

    internal const int ParseSyntaxError = 431;  // PARSE_SYNTAX_ERR
    internal const int ParseBadType = 432;      // PARSE_BAD_TYPE

    /// <summary><c>ffgnrwll</c>: NAXIS2 of the current table as CFITSIO keeps it.</summary>
    [LibraryImport(Library, EntryPoint = "ffgnrwll")]
    internal static partial int GetRowCount(FitsHandle file, out long rows, ref int status);

    /// <summary><c>ffgrsz</c>: the number of rows CFITSIO's buffers hold at once (its own optimal block).</summary>
    [LibraryImport(Library, EntryPoint = "ffgrsz")]
    internal static partial int GetOptimalRows(FitsHandle file, out CLong rows, ref int status);

    /// <summary>
    /// <c>ffgcv</c> (fits_read_col): <paramref name="count"/> elements of column <paramref name="column"/> from row
    /// <paramref name="firstRow"/> and element <paramref name="firstElement"/> (1-based), converted to
    /// <paramref name="dataType"/> with TSCAL/TZERO applied. A null <paramref name="nullValue"/> (or one pointing at 0)
    /// turns null checks off.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffgcv")]
    internal static partial int ReadColumn(FitsHandle file, int dataType, int column, long firstRow, long firstElement, long count,
                                           void* nullValue, void* destination, out int anyNull, ref int status);

    /// <summary><c>ffgcf</c> (fits_read_colnull): as <see cref="ReadColumn"/>, with one flag byte per element set to 1 for nulls.</summary>
    [LibraryImport(Library, EntryPoint = "ffgcf")]
    internal static partial int ReadColumnWithNulls(FitsHandle file, int dataType, int column, long firstRow, long firstElement, long count,
                                                    void* destination, byte* nullFlags, out int anyNull, ref int status);

    /// <summary><c>ffgdessll</c>: the (length, heap offset) descriptors of a P/Q column for <paramref name="rows"/> rows.</summary>
    [LibraryImport(Library, EntryPoint = "ffgdessll")]
    internal static partial int ReadDescriptors(FitsHandle file, int column, long firstRow, long rows, long* lengths, long* heapOffsets, ref int status);

    /// <summary><c>ffgtbb</c>: <paramref name="count"/> raw bytes of the table from row <paramref name="firstRow"/>, byte <paramref name="firstByte"/> (1-based).</summary>
    [LibraryImport(Library, EntryPoint = "ffgtbb")]
    internal static partial int ReadTableBytes(FitsHandle file, long firstRow, long firstByte, long count, byte* destination, ref int status);

    /// <summary>
    /// <c>fffrow</c> (fits_find_rows): evaluates the boolean <paramref name="expression"/> on <paramref name="rows"/>
    /// rows from <paramref name="firstRow"/>, one flag byte per row.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "fffrow", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int FindRows(FitsHandle file, string expression, CLong firstRow, CLong rows, out CLong matching, byte* flags, ref int status);

    /// <summary>
    /// <c>ffgbclll</c>: a binary-table column as CFITSIO parsed its keywords: TTYPEn, TUNITn, the type letter ('P'
    /// prefixed for variable-length columns), repeat, TSCALn, TZEROn, TNULLn (<see cref="NullUndefined"/> when absent)
    /// and TDISPn. String buffers take at least 71 bytes.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffgbclll")]
    internal static partial int GetBinaryColumn(FitsHandle file, int column, byte* name, byte* unit, byte* type, out long repeat,
                                                out double scale, out double zero, out long nullValue, byte* display, ref int status);

    /// <summary>
    /// <c>ffgacl</c>: an ASCII-table column as CFITSIO parsed its keywords: TTYPEn, TBCOLn, TUNITn, TFORMn, TSCALn,
    /// TZEROn, the TNULLn string and TDISPn. String buffers take at least 71 bytes.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffgacl")]
    internal static partial int GetAsciiColumn(FitsHandle file, int column, byte* name, out CLong startColumn, byte* unit, byte* format,
                                               out double scale, out double zero, byte* nullString, byte* display, ref int status);

    /// <summary><c>fftscl</c>: overrides TSCALn/TZEROn of one column in memory only (the header is untouched).</summary>
    [LibraryImport(Library, EntryPoint = "fftscl")]
    internal static partial int SetColumnScaling(FitsHandle file, int column, double scale, double zero, ref int status);

    /// <summary><c>ffgncl</c>: TFIELDS as CFITSIO keeps it.</summary>
    [LibraryImport(Library, EntryPoint = "ffgncl")]
    internal static partial int GetColumnCount(FitsHandle file, out int columns, ref int status);
}
