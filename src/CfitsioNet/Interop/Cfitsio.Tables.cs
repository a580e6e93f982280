using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>
/// Table HDUs: creating them, their columns, reading and writing cells, raw row bytes, descriptors and row filters.
/// </summary>
internal static unsafe partial class Cfitsio
{
    internal const int AsciiTableType = 1;        // ASCII_TBL
    internal const int BinaryTableType = 2;       // BINARY_TBL

    /// <summary>
    /// <c>ffcrtb</c>: appends a table extension (ASCII_TBL or BINARY_TBL) with <paramref name="rows"/> rows and the
    /// given TTYPE/TFORM/TUNIT (null-terminated UTF-8 strings), and EXTNAME when <paramref name="extensionName"/> is
    /// not null. TFORM codes U, V, W and S become I, J, K and B with the TZERO of the unsigned conventions.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffcrtb")]
    internal static partial int CreateTable(FitsHandle file, int tableType, long rows, int columns, byte** names, byte** formats, byte** units, byte* extensionName, ref int status);

    /// <summary><c>ffgncl</c>: TFIELDS as CFITSIO keeps it.</summary>
    [LibraryImport(Library, EntryPoint = "ffgncl")]
    internal static partial int GetColumnCount(FitsHandle file, out int columns, ref int status);

    /// <summary><c>ffgcno</c>: the 1-based number of the column named <paramref name="template"/>. Status 219 when there is none.</summary>
    [LibraryImport(Library, EntryPoint = "ffgcno", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int GetColumnNumber(FitsHandle file, int caseSensitive, string template, out int column, ref int status);

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
    /// <c>ffpcl</c>: writes <paramref name="count"/> elements of <paramref name="dataType"/> into a column from the
    /// 1-based row and element, row after row (one variable-length cell when the column is P/Q: its length is
    /// <paramref name="count"/>). Applies TSCAL/TZERO as CFITSIO has them; writing past NAXIS2 adds rows.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffpcl")]
    internal static partial int WriteColumn(FitsHandle file, int dataType, int column, long firstRow, long firstElement, long count, void* values, ref int status);

    /// <summary>
    /// <c>ffpcnd</c>: as <see cref="WriteColumn"/> for doubles, through the column's TSCAL/TZERO, writing TNULLn where a
    /// value equals <paramref name="nullValue"/> (compared with <c>==</c>, so NaN never matches: pass a stand-in).
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffpcnd")]
    internal static partial int WriteColumnDoublesWithNull(FitsHandle file, int column, long firstRow, long firstElement, long count, double* values, double nullValue, ref int status);

    /// <summary><c>ffpcls</c>: writes <paramref name="count"/> null-terminated strings into a character column, blank-padded.</summary>
    [LibraryImport(Library, EntryPoint = "ffpcls")]
    internal static partial int WriteColumnStrings(FitsHandle file, int column, long firstRow, long firstElement, long count, byte** values, ref int status);

    /// <summary><c>ffpclx</c>: writes <paramref name="bitCount"/> bits (one byte each, 0 or 1) of an X column from the 1-based bit of one row.</summary>
    [LibraryImport(Library, EntryPoint = "ffpclx")]
    internal static partial int WriteColumnBits(FitsHandle file, int column, long row, CLong firstBit, CLong bitCount, byte* bits, ref int status);

    /// <summary>
    /// <c>ffptbb</c>: writes <paramref name="count"/> raw bytes into the table's rows from row <paramref name="firstRow"/>,
    /// byte <paramref name="firstByte"/> (1-based), as they are stored (no conversion, no heap bookkeeping).
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffptbb")]
    internal static partial int WriteTableBytes(FitsHandle file, long firstRow, long firstByte, long count, byte* values, ref int status);

    /// <summary><c>ffptdmll</c>: writes TDIMn of a column (axes in Fortran order).</summary>
    [LibraryImport(Library, EntryPoint = "ffptdmll")]
    internal static partial int WriteTdim(FitsHandle file, int column, int axisCount, long* axes, ref int status);

    /// <summary><c>fficol</c>: inserts a column named <paramref name="type"/> of format <paramref name="form"/> before column <paramref name="column"/> (past the last: appended).</summary>
    [LibraryImport(Library, EntryPoint = "fficol", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int InsertColumn(FitsHandle file, int column, string type, string form, ref int status);
}
