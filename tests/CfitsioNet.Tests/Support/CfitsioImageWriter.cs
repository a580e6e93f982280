using System;
using System.Runtime.InteropServices;
using CfitsioNet.Interop;

namespace CfitsioNet.Tests.Support;

/// <summary>
/// Writes a tile-compressed float image with CFITSIO's own writer (the loaded library), declaring a null value so
/// that those pixels are stored as ZBLANK: something astropy 5.2 cannot write. (The null value cannot be NaN: the
/// quantizer compares with ==, so NaN would never match.)
/// </summary>
internal static unsafe class CfitsioImageWriter
{
    internal const int RiceCompression = 11; // RICE_1
    private const int FloatImage = -32;      // FLOAT_IMG
    private const int TFloat = 42;           // TFLOAT

    internal static void WriteQuantizedFloat(string path, float[] values, long width, long height, long tileRows, float quantizeLevel, float nullValue)
    {
        IntPtr library = NativeLibraryResolver.Loaded.Handle;
        var create = (delegate* unmanaged<IntPtr*, byte*, int*, int>)NativeLibrary.GetExport(library, "ffinit");
        var setCompression = (delegate* unmanaged<IntPtr, int, int*, int>)NativeLibrary.GetExport(library, "fits_set_compression_type");
        var setTiles = (delegate* unmanaged<IntPtr, int, CLong*, int*, int>)NativeLibrary.GetExport(library, "fits_set_tile_dim");
        var setQuantize = (delegate* unmanaged<IntPtr, float, int*, int>)NativeLibrary.GetExport(library, "fits_set_quantize_level");
        var createImage = (delegate* unmanaged<IntPtr, int, int, CLong*, int*, int>)NativeLibrary.GetExport(library, "ffcrim");
        var writeWithNull = (delegate* unmanaged<IntPtr, int, long, long, void*, void*, int*, int>)NativeLibrary.GetExport(library, "ffppn");
        var close = (delegate* unmanaged<IntPtr, int*, int>)NativeLibrary.GetExport(library, "ffclos");

        byte[] name = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        IntPtr file;
        int status = 0;
        fixed (byte* namePointer = name)
        {
            create(&file, namePointer, &status);
        }

        CLong* axes = stackalloc CLong[2] { new CLong((nint)width), new CLong((nint)height) };
        CLong* tiles = stackalloc CLong[2] { new CLong((nint)width), new CLong((nint)tileRows) };
        setCompression(file, RiceCompression, &status);
        setTiles(file, 2, tiles, &status);
        setQuantize(file, quantizeLevel, &status);
        createImage(file, FloatImage, 2, axes, &status);
        fixed (float* data = values)
        {
            writeWithNull(file, TFloat, 1, values.Length, data, &nullValue, &status);
        }

        int closeStatus = 0;
        close(file, &closeStatus);
        if (status != 0 || closeStatus != 0)
        {
            Cfitsio.ClearErrorMessages();
            throw new InvalidOperationException($"CFITSIO could not write the test image: status {status}, close {closeStatus}.");
        }
    }
}
