using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>CFITSIO entry points for creating tables and writing their columns.</summary>
internal static unsafe partial class Cfitsio
{
    // Table types (fitsio.h).
    internal const int AsciiTableType = 1;        // ASCII_TBL
    internal const int BinaryTableType = 2;       // BINARY_TBL


    /// <summary>
    /// <c>ffcrtb</c>: appends a table extension (ASCII_TBL or BINARY_TBL) with <paramref name="rows"/> rows and the
    /// given TTYPE/TFORM/TUNIT (null-terminated UTF-8 strings), and EXTNAME when <paramref name="extensionName"/> is
    /// not null. TFORM codes U, V, W and S become I, J, K and B with the TZERO of the unsigned conventions.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffcrtb")]
    internal static partial int CreateTable(FitsHandle file, int tableType, long rows, int columns, byte** names, byte** formats, byte** units, byte* extensionName, ref int status);

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

    /// <summary>
    /// <c>ffptbb</c>: writes <paramref name="count"/> raw bytes into the table's rows from row <paramref name="firstRow"/>,
    /// byte <paramref name="firstByte"/> (1-based), as they are stored (no conversion, no heap bookkeeping).
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffptbb")]
    internal static partial int WriteTableBytes(FitsHandle file, long firstRow, long firstByte, long count, byte* values, ref int status);

    /// <summary><c>ffpcls</c>: writes <paramref name="count"/> null-terminated strings into a character column, blank-padded.</summary>
    [LibraryImport(Library, EntryPoint = "ffpcls")]
    internal static partial int WriteColumnStrings(FitsHandle file, int column, long firstRow, long firstElement, long count, byte** values, ref int status);

    /// <summary><c>ffpclx</c>: writes <paramref name="bitCount"/> bits (one byte each, 0 or 1) of an X column from the 1-based bit of one row.</summary>
    [LibraryImport(Library, EntryPoint = "ffpclx")]
    internal static partial int WriteColumnBits(FitsHandle file, int column, long row, CLong firstBit, CLong bitCount, byte* bits, ref int status);

    /// <summary><c>ffptdmll</c>: writes TDIMn of a column (axes in Fortran order).</summary>
    [LibraryImport(Library, EntryPoint = "ffptdmll")]
    internal static partial int WriteTdim(FitsHandle file, int column, int axisCount, long* axes, ref int status);

    /// <summary><c>ffrdef</c>: rereads the current HDU's structure from its header (after TSCALn/TZEROn/TNULLn were added).</summary>
    [LibraryImport(Library, EntryPoint = "ffrdef")]
    internal static partial int RereadDefinition(FitsHandle file, ref int status);
}
