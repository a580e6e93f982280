using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>
/// Header records and keywords: reading, writing, inserting, deleting, parsing cards.
/// </summary>
internal static unsafe partial class Cfitsio
{
    internal const int CardLength = 81;           // FLEN_CARD: 80 characters and the terminating NUL
    internal const int ValueLength = 71;          // FLEN_VALUE
    internal const int CommentLength = 73;        // FLEN_COMMENT
    internal const int KeywordLength = 75;        // FLEN_KEYWORD

    /// <summary><c>ffghsp</c>: number of keyword records in the current header (END excluded) and how many more fit (-1: any).</summary>
    [LibraryImport(Library, EntryPoint = "ffghsp")]
    internal static partial int GetHeaderSpace(FitsHandle file, out int existing, out int more, ref int status);

    /// <summary>
    /// <c>ffgrec</c>: copies keyword record <paramref name="recordNumber"/> (1-based) into <paramref name="card"/>
    /// (at least 81 bytes), NUL-terminated with trailing blanks removed.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffgrec")]
    internal static partial int ReadRecord(FitsHandle file, int recordNumber, byte* card, ref int status);

    /// <summary><c>ffprec</c>: appends a keyword record (up to 80 characters, NUL-terminated) at the end of the header.</summary>
    [LibraryImport(Library, EntryPoint = "ffprec")]
    internal static partial int AppendRecord(FitsHandle file, byte* card, ref int status);

    /// <summary><c>ffirec</c>: inserts a keyword record so that it becomes record <paramref name="recordNumber"/> (1-based).</summary>
    [LibraryImport(Library, EntryPoint = "ffirec")]
    internal static partial int InsertRecord(FitsHandle file, int recordNumber, byte* card, ref int status);

    /// <summary><c>ffdrec</c>: deletes keyword record <paramref name="recordNumber"/> (1-based); later records move up.</summary>
    [LibraryImport(Library, EntryPoint = "ffdrec")]
    internal static partial int DeleteRecord(FitsHandle file, int recordNumber, ref int status);

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

    /// <summary><c>ffgkys</c>: reads a string keyword into <paramref name="value"/> (at least 71 bytes). Status 202 when absent.</summary>
    [LibraryImport(Library, EntryPoint = "ffgkys", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ReadKeyString(FitsHandle file, string keyName, byte* value, byte* comment, ref int status);

    /// <summary><c>ffgkyd</c>: reads a keyword as a double. Status 202 when the keyword is absent.</summary>
    [LibraryImport(Library, EntryPoint = "ffgkyd", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ReadKeyDouble(FitsHandle file, string keyName, out double value, byte* comment, ref int status);

    /// <summary><c>ffgkyjj</c>: reads a keyword as a 64-bit integer. Status 202 when the keyword is absent.</summary>
    [LibraryImport(Library, EntryPoint = "ffgkyjj", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ReadKeyLong(FitsHandle file, string keyName, out long value, byte* comment, ref int status);

    /// <summary><c>ffpkys</c>: appends a string keyword (the quoted value must fit in 68 characters; longer is truncated).</summary>
    [LibraryImport(Library, EntryPoint = "ffpkys", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int PutKeyString(FitsHandle file, string keyName, string value, string? comment, ref int status);

    /// <summary><c>ffpkyj</c>: appends a 64-bit integer keyword.</summary>
    [LibraryImport(Library, EntryPoint = "ffpkyj", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int PutKeyLong(FitsHandle file, string keyName, long value, string? comment, ref int status);

    /// <summary><c>ffpkyd</c>: appends a double keyword; negative <paramref name="decimals"/> selects %G with that many significant digits.</summary>
    [LibraryImport(Library, EntryPoint = "ffpkyd", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int PutKeyDouble(FitsHandle file, string keyName, double value, int decimals, string? comment, ref int status);

    /// <summary><c>ffpkyl</c>: appends a logical keyword (non-zero is T).</summary>
    [LibraryImport(Library, EntryPoint = "ffpkyl", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int PutKeyLogical(FitsHandle file, string keyName, int value, string? comment, ref int status);

    /// <summary><c>ffgcrd</c>: reads the card of <paramref name="keyName"/> into <paramref name="card"/> (81 bytes) and moves the header position after it; status 202 when absent.</summary>
    [LibraryImport(Library, EntryPoint = "ffgcrd", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ReadCard(FitsHandle file, string keyName, byte* card, ref int status);

    /// <summary><c>ffikyj</c>: inserts an integer keyword at the header position (after the card <see cref="ReadCard"/> found).</summary>
    [LibraryImport(Library, EntryPoint = "ffikyj", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int InsertKeyLong(FitsHandle file, string keyName, long value, string? comment, ref int status);

    /// <summary><c>ffukyj</c>: updates (or appends) an integer keyword; a null comment keeps the card's comment.</summary>
    [LibraryImport(Library, EntryPoint = "ffukyj", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int UpdateKeyLong(FitsHandle file, string keyName, long value, string? comment, ref int status);
}
