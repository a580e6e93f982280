using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>
/// Moving between HDUs and asking where they are and what they hold.
/// </summary>
internal static unsafe partial class Cfitsio
{
    internal const int AnyHdu = -1;               // ANY_HDU

    /// <summary><c>ffthdu</c>: total number of HDUs in the file (reads ahead to the end of the file).</summary>
    [LibraryImport(Library, EntryPoint = "ffthdu")]
    internal static partial int GetHduCount(FitsHandle file, out int count, ref int status);

    /// <summary><c>ffmahd</c>: moves to the absolute HDU number <paramref name="hduNumber"/> (1 = primary).</summary>
    [LibraryImport(Library, EntryPoint = "ffmahd")]
    internal static partial int MoveToHdu(FitsHandle file, int hduNumber, out int hduType, ref int status);

    /// <summary>
    /// <c>ffmnhd</c>: moves to the first HDU of type <paramref name="hduType"/> (-1: any) whose EXTNAME or HDUNAME equals
    /// <paramref name="name"/> (case-insensitive, trailing blanks ignored) and, unless <paramref name="version"/> is 0,
    /// whose EXTVER (default 1) equals it. Status 301 when none matches, the current HDU then unchanged.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffmnhd", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MoveToNamedHdu(FitsHandle file, int hduType, string name, int version, ref int status);

    /// <summary><c>ffghdt</c>: type of the current HDU (0 image, 1 ASCII table, 2 binary table).</summary>
    [LibraryImport(Library, EntryPoint = "ffghdt")]
    internal static partial int GetHduType(FitsHandle file, out int hduType, ref int status);

    /// <summary><c>ffghdn</c>: number of the current HDU (1 = primary); returns it and has no status.</summary>
    [LibraryImport(Library, EntryPoint = "ffghdn")]
    internal static partial int GetCurrentHduNumber(FitsHandle file, out int hduNumber);

    /// <summary><c>ffghadll</c>: byte offsets of the current HDU's header, data and end of data.</summary>
    [LibraryImport(Library, EntryPoint = "ffghadll")]
    internal static partial int GetHduOffsets(FitsHandle file, out long headerStart, out long dataStart, out long dataEnd, ref int status);

    /// <summary>
    /// <c>ffrdef</c>: re-reads the current header's structural and scaling keywords (BSCALE, BZERO, BLANK, TSCALn, ...)
    /// after they were modified, and rewrites the END record. Only does work on files opened for writing.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "ffrdef")]
    internal static partial int RereadDefinition(FitsHandle file, ref int status);
}
