using System;
using System.Runtime.InteropServices;

namespace CfitsioNet.Bench.Native;

/// <summary>
/// The few CFITSIO table calls the bench needs before the library reads tables (issue 13, phase 2): where a table's
/// data starts, and fits_read_col of a whole column as the reference the table rows are verified against. They
/// resolve to the libcfitsio CfitsioNet loaded (<see cref="BenchLibraryResolver"/>).
/// </summary>
internal static unsafe partial class CfitsioColumns
{
    internal const int TInt = 31, TLongLong = 81, TFloat = 42, TDouble = 82;

    static CfitsioColumns() => BenchLibraryResolver.Register();

    /// <summary>Byte offset of the data unit of 0-based HDU <paramref name="hdu"/> (ffghadll).</summary>
    internal static long DataOffset(string path, int hdu) => With(path, hdu, file =>
    {
        int status = 0;
        GetHduAddress(file, out _, out long data, out _, ref status);
        Check(status, "ffghadll");
        return data;
    });

    /// <summary>fits_read_col of all <paramref name="rows"/> of a scalar column (1-based number) in <paramref name="dataType"/>, no null value.</summary>
    internal static byte[] ReadColumn(string path, int hdu, int column, int dataType, long rows, int elementSize) => With(path, hdu, file =>
    {
        var values = new byte[rows * elementSize];
        int status = 0;
        fixed (byte* p = values)
        {
            ReadColumnValues(file, dataType, column, 1, 1, rows, null, p, out _, ref status);
        }

        Check(status, $"ffgcv column {column}");
        return values;
    });

    private static T With<T>(string path, int hdu, Func<IntPtr, T> read)
    {
        int status = 0;
        OpenDiskFile(out IntPtr file, path, 0, ref status);
        Check(status, "ffdkopn " + path);
        try
        {
            MoveAbsolute(file, hdu + 1, out _, ref status);
            Check(status, "ffmahd");
            return read(file);
        }
        finally
        {
            int closeStatus = 0;
            Close(file, ref closeStatus);
        }
    }

    private static void Check(int status, string what)
    {
        if (status != 0)
        {
            throw new InvalidOperationException($"CFITSIO: {what}: status {status}");
        }
    }

    /// <summary><c>ffdkopn</c>: opens a plain file (no extended syntax).</summary>
    [LibraryImport(CfitsioWriter.Library, EntryPoint = "ffdkopn", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenDiskFile(out IntPtr file, string name, int mode, ref int status);

    /// <summary><c>ffmahd</c>: moves to the 1-based HDU.</summary>
    [LibraryImport(CfitsioWriter.Library, EntryPoint = "ffmahd")]
    private static partial int MoveAbsolute(IntPtr file, int hdu, out int type, ref int status);

    /// <summary><c>ffghadll</c>: byte offsets of the current HDU's header, data and end.</summary>
    [LibraryImport(CfitsioWriter.Library, EntryPoint = "ffghadll")]
    private static partial int GetHduAddress(IntPtr file, out long header, out long data, out long end, ref int status);

    /// <summary><c>ffgcv</c> (fits_read_col): values of a column, converted to <paramref name="dataType"/>.</summary>
    [LibraryImport(CfitsioWriter.Library, EntryPoint = "ffgcv")]
    private static partial int ReadColumnValues(IntPtr file, int dataType, int column, long firstRow, long firstElement, long count, void* nullValue, void* values, out int anyNull, ref int status);

    /// <summary><c>ffclos</c>: closes the file.</summary>
    [LibraryImport(CfitsioWriter.Library, EntryPoint = "ffclos")]
    private static partial int Close(IntPtr file, ref int status);
}
