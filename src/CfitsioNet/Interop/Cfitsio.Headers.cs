using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>CFITSIO entry points for headers, HDU names and checksums.</summary>
internal static unsafe partial class Cfitsio
{
    internal const int CardLength = 81;           // FLEN_CARD: 80 characters and the terminating NUL
    internal const int ValueLength = 71;          // FLEN_VALUE
    internal const int CommentLength = 73;        // FLEN_COMMENT
    internal const int KeywordLength = 75;        // FLEN_KEYWORD
    internal const int AnyHdu = -1;               // ANY_HDU
    internal const int BadHduNumber = 301;        // BAD_HDU_NUM: also what ffmnhd returns when no HDU matches

    /// <summary><c>ffghsp</c>: number of keyword records in the current header (END excluded) and how many more fit (-1: any).</summary>
    [LibraryImport(Library, EntryPoint = "ffghsp")]
    internal static partial int GetHeaderSpace(FitsHandle file, out int existing, out int more, ref int status);

    /// <summary>
    /// <c>ffgrec</c>: copies keyword record <paramref name="recordNumber"/> (1-based) into <paramref name="card"/>
    /// (at least 81 bytes), NUL-terminated with trailing blanks removed.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffgrec")]
    internal static partial int ReadRecord(FitsHandle file, int recordNumber, byte* card, ref int status);

    /// <summary>
    /// <c>ffmnhd</c>: moves to the first HDU of type <paramref name="hduType"/> (-1: any) whose EXTNAME or HDUNAME equals
    /// <paramref name="name"/> (case-insensitive, trailing blanks ignored) and, unless <paramref name="version"/> is 0,
    /// whose EXTVER (default 1) equals it. Status 301 when none matches, the current HDU then unchanged.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffmnhd", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MoveToNamedHdu(FitsHandle file, int hduType, string name, int version, ref int status);

    /// <summary><c>ffghdn</c>: number of the current HDU (1 = primary); returns it and has no status.</summary>
    [LibraryImport(Library, EntryPoint = "ffghdn")]
    internal static partial int GetCurrentHduNumber(FitsHandle file, out int hduNumber);

    /// <summary>
    /// <c>ffvcks</c>: verifies DATASUM and CHECKSUM of the current HDU. Each result is 1 (correct), 0 (keyword absent or
    /// blank) or -1 (incorrect); a bad checksum is not an error status.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffvcks")]
    internal static partial int VerifyChecksum(FitsHandle file, out int dataStatus, out int hduStatus, ref int status);

    /// <summary><c>ffpcks</c>: computes and writes DATASUM and CHECKSUM for the current HDU (creating them if absent).</summary>
    [LibraryImport(Library, EntryPoint = "ffpcks")]
    internal static partial int WriteChecksum(FitsHandle file, ref int status);

    /// <summary><c>ffprec</c>: appends a keyword record (up to 80 characters, NUL-terminated) at the end of the header.</summary>
    [LibraryImport(Library, EntryPoint = "ffprec")]
    internal static partial int AppendRecord(FitsHandle file, byte* card, ref int status);

    /// <summary><c>ffirec</c>: inserts a keyword record so that it becomes record <paramref name="recordNumber"/> (1-based).</summary>
    [LibraryImport(Library, EntryPoint = "ffirec")]
    internal static partial int InsertRecord(FitsHandle file, int recordNumber, byte* card, ref int status);

    /// <summary><c>ffdrec</c>: deletes keyword record <paramref name="recordNumber"/> (1-based); later records move up.</summary>
    [LibraryImport(Library, EntryPoint = "ffdrec")]
    internal static partial int DeleteRecord(FitsHandle file, int recordNumber, ref int status);

    /// <summary>
    /// <c>ffrdef</c>: re-reads the current header's structural and scaling keywords (BSCALE, BZERO, BLANK, TSCALn, ...)
    /// after they were modified, and rewrites the END record. Only does work on files opened for writing.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffrdef")]
    internal static partial int RedefineHdu(FitsHandle file, ref int status);

    // CFITSIO's own keyword readers. The library parses headers in C# (Header, HeaderCardParser); the tests
    // cross-check that parser against these on every card of the golden files.

    /// <summary><c>ffgknm</c>: keyword name of a card (HIERARCH names without the prefix) into <paramref name="name"/> (75 bytes).</summary>
    [LibraryImport(Library, EntryPoint = "ffgknm")]
    internal static partial int GetKeywordName(byte* card, byte* name, out int length, ref int status);

    /// <summary><c>ffpsvc</c>: splits a card into its value text (quotes kept; 71 bytes) and comment (73 bytes).</summary>
    [LibraryImport(Library, EntryPoint = "ffpsvc")]
    internal static partial int ParseValueAndComment(byte* card, byte* value, byte* comment, ref int status);

    /// <summary><c>ffgkls</c>: reads a string keyword, following CONTINUE cards; <paramref name="value"/> is malloc'ed (free with <see cref="Free"/>).</summary>
    [LibraryImport(Library, EntryPoint = "ffgkls", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ReadKeyLongString(FitsHandle file, string keyName, out byte* value, byte* comment, ref int status);

    /// <summary><c>fffree</c>: frees memory CFITSIO allocated (e.g. by ffgkls).</summary>
    [LibraryImport(Library, EntryPoint = "fffree")]
    internal static partial int Free(void* value, ref int status);

    /// <summary><c>ffgkyl</c>: reads a keyword as a logical (1 or 0).</summary>
    [LibraryImport(Library, EntryPoint = "ffgkyl", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ReadKeyLogical(FitsHandle file, string keyName, out int value, byte* comment, ref int status);

    /// <summary><c>ffgkyujj</c>: reads a keyword as an unsigned 64-bit integer.</summary>
    [LibraryImport(Library, EntryPoint = "ffgkyujj", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ReadKeyUnsignedLong(FitsHandle file, string keyName, out ulong value, byte* comment, ref int status);

    /// <summary><c>ffgkye</c>: reads a keyword as a float.</summary>
    [LibraryImport(Library, EntryPoint = "ffgkye", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ReadKeyFloat(FitsHandle file, string keyName, out float value, byte* comment, ref int status);
}
