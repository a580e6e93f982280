using System;
using System.Runtime.InteropServices;
using System.Text;

namespace CfitsioNet.Tests.Support;

/// <summary>
/// CFITSIO's own table reader (<c>fits_read_col</c> = ffgcv, <c>fits_read_colnull</c> = ffgcf), called straight
/// through the libcfitsio CfitsioNet loaded (<see cref="CfitsioLibrary.Path"/>): the reference the table tests hold
/// the golden expectations and the direct path against, independent of the library's own table code.
/// </summary>
internal sealed unsafe class CfitsioColumnReader : IDisposable
{
    // CFITSIO datatype codes (fitsio.h).
    internal const int TByte = 11, TSByte = 12, TUShort = 20, TShort = 21, TUInt = 30, TInt = 31, TFloat = 42,
        TULongLong = 80, TLongLong = 81, TDouble = 82, TComplex = 83, TDblComplex = 163;

    private static readonly Api s_api = new();
    private nint _file;

    /// <summary>Opens <paramref name="path"/> read-only (ffdkopn: no extended syntax) and moves to 0-based HDU <paramref name="hdu"/>.</summary>
    internal CfitsioColumnReader(string path, int hdu)
    {
        int status = 0;
        nint file = 0;
        byte[] name = Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* p = name)
        {
            s_api.Open(&file, p, 0, &status);
        }

        Check(status, "ffdkopn " + path);
        _file = file;
        int type = 0;
        s_api.MoveAbsolute(_file, hdu + 1, &type, &status);
        Check(status, $"ffmahd {hdu + 1}");
    }

    /// <summary>The CFITSIO datatype code for reading into numpy's <paramref name="dtype"/>.</summary>
    internal static int DataType(string dtype) => dtype switch
    {
        "uint8" => TByte,
        "int8" => TSByte,
        "int16" => TShort,
        "uint16" => TUShort,
        "int32" => TInt,
        "uint32" => TUInt,
        "int64" => TLongLong,
        "uint64" => TULongLong,
        "float32" => TFloat,
        "float64" => TDouble,
        "complex64" => TComplex,
        "complex128" => TDblComplex,
        _ => throw new ArgumentException($"no CFITSIO type for {dtype}", nameof(dtype)),
    };

    /// <summary>Bytes per value of a CFITSIO datatype code (complex: the pair).</summary>
    internal static int Size(int dataType) => dataType switch
    {
        TByte or TSByte => 1,
        TShort or TUShort => 2,
        TInt or TUInt or TFloat => 4,
        TLongLong or TULongLong or TDouble or TComplex => 8,
        TDblComplex => 16,
        _ => throw new ArgumentOutOfRangeException(nameof(dataType)),
    };

    /// <summary>fits_read_col of the whole column with no null value (nulval = NULL: no null checking, as a plain read).</summary>
    internal byte[] ReadColumn(int column, int dataType, long elements)
    {
        var values = new byte[elements * Size(dataType)];
        if (elements == 0)
        {
            return values;
        }

        int status = 0, anyNull = 0;
        fixed (byte* p = values)
        {
            s_api.ReadColumn(_file, dataType, column, 1, 1, elements, null, p, &anyNull, &status);
        }

        Check(status, $"ffgcv column {column}");
        return values;
    }

    /// <summary>fits_read_colnull: the null flags of every element (TNULL, undefined logicals, NaN of floats).</summary>
    internal bool[] ReadNullFlags(int column, int dataType, long elements)
    {
        var values = new byte[elements * Size(dataType)];
        var flags = new byte[elements];
        if (elements > 0)
        {
            int status = 0, anyNull = 0;
            fixed (byte* p = values)
            fixed (byte* f = flags)
            {
                s_api.ReadColumnNull(_file, dataType, column, 1, 1, elements, p, f, &anyNull, &status);
            }

            Check(status, $"ffgcf column {column}");
        }

        return Array.ConvertAll(flags, b => b != 0);
    }

    public void Dispose()
    {
        if (_file != 0)
        {
            int status = 0;
            s_api.Close(_file, &status);
            _file = 0;
        }
    }

    private static void Check(int status, string what)
    {
        if (status != 0)
        {
            throw new InvalidOperationException($"{what}: CFITSIO status {status}");
        }
    }

    /// <summary>The entry points, looked up once in the loaded libcfitsio.</summary>
    private sealed class Api
    {
        internal readonly delegate* unmanaged<nint*, byte*, int, int*, int> Open;
        internal readonly delegate* unmanaged<nint, int, int*, int*, int> MoveAbsolute;
        internal readonly delegate* unmanaged<nint, int, int, long, long, long, void*, void*, int*, int*, int> ReadColumn;
        internal readonly delegate* unmanaged<nint, int, int, long, long, long, void*, byte*, int*, int*, int> ReadColumnNull;
        internal readonly delegate* unmanaged<nint, int*, int> Close;

        internal Api()
        {
            nint library = NativeLibrary.Load(CfitsioLibrary.Path);
            Open = (delegate* unmanaged<nint*, byte*, int, int*, int>)NativeLibrary.GetExport(library, "ffdkopn");
            MoveAbsolute = (delegate* unmanaged<nint, int, int*, int*, int>)NativeLibrary.GetExport(library, "ffmahd");
            ReadColumn = (delegate* unmanaged<nint, int, int, long, long, long, void*, void*, int*, int*, int>)NativeLibrary.GetExport(library, "ffgcv");
            ReadColumnNull = (delegate* unmanaged<nint, int, int, long, long, long, void*, byte*, int*, int*, int>)NativeLibrary.GetExport(library, "ffgcf");
            Close = (delegate* unmanaged<nint, int*, int>)NativeLibrary.GetExport(library, "ffclos");
        }
    }
}
