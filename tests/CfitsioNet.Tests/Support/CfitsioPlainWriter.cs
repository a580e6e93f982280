using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using CfitsioNet.Interop;

namespace CfitsioNet.Tests.Support;

/// <summary>One uncompressed image HDU for <see cref="CfitsioPlainWriter"/>: the pixels as raw native bytes.</summary>
internal sealed record PlainHdu(PixelType Type, long[] Shape, byte[] Pixels, string? Name = null, int? Version = null, int ExtraKeys = 0, bool Checksum = false);

/// <summary>
/// Writes uncompressed images with CFITSIO's own writer only (the loaded library through its exports, none of
/// CfitsioNet's code): <c>ffinit</c>, <c>ffcrimll</c> (unsigned types get BZERO), EXTNAME/EXTVER, <c>ffppr</c>, extra
/// keywords, <c>ffpcks</c>, <c>ffclos</c>: the reference the direct write path must match byte for byte.
/// </summary>
internal static unsafe class CfitsioPlainWriter
{
    internal static void Write(string path, IReadOnlyList<PlainHdu> hdus)
    {
        IntPtr library = NativeLibraryResolver.Loaded.Handle;
        var create = (delegate* unmanaged<IntPtr*, byte*, int*, int>)NativeLibrary.GetExport(library, "ffinit");
        var createImage = (delegate* unmanaged<IntPtr, int, int, long*, int*, int>)NativeLibrary.GetExport(library, "ffcrimll");
        var putString = (delegate* unmanaged<IntPtr, byte*, byte*, byte*, int*, int>)NativeLibrary.GetExport(library, "ffpkys");
        var putLong = (delegate* unmanaged<IntPtr, byte*, long, byte*, int*, int>)NativeLibrary.GetExport(library, "ffpkyj");
        var writePixels = (delegate* unmanaged<IntPtr, int, long, long, void*, int*, int>)NativeLibrary.GetExport(library, "ffppr");
        var checksum = (delegate* unmanaged<IntPtr, int*, int>)NativeLibrary.GetExport(library, "ffpcks");
        var close = (delegate* unmanaged<IntPtr, int*, int>)NativeLibrary.GetExport(library, "ffclos");

        IntPtr file;
        int status = 0;
        fixed (byte* name = Utf8(path))
        {
            create(&file, name, &status);
        }

        long* axes = stackalloc long[Cfitsio.MaxDimensions];
        foreach (PlainHdu hdu in hdus)
        {
            int rank = hdu.Shape.Length;
            long count = 1;
            for (int i = 0; i < rank; i++)
            {
                axes[rank - 1 - i] = hdu.Shape[i];
                count *= hdu.Shape[i];
            }

            createImage(file, ImageType(hdu.Type), rank, axes, &status);
            if (hdu.Name is { } extname)
            {
                PutString(putString, file, "EXTNAME", extname, "extension name", &status);
            }

            if (hdu.Version is int version)
            {
                PutLong(putLong, file, "EXTVER", version, "extension version", &status);
            }

            if (count > 0)
            {
                fixed (byte* pixels = hdu.Pixels)
                {
                    writePixels(file, DataType(hdu.Type), 1, count, pixels, &status);
                }
            }

            for (int k = 0; k < hdu.ExtraKeys; k++)
            {
                PutLong(putLong, file, $"KEY{k}", k * 7, "a keyword written after the pixels", &status);
            }

            if (hdu.Checksum)
            {
                checksum(file, &status);
            }
        }

        int closeStatus = 0;
        close(file, &closeStatus);
        if (status != 0 || closeStatus != 0)
        {
            Cfitsio.ClearErrorMessages();
            throw new InvalidOperationException($"CFITSIO could not write the reference file: status {status}, close {closeStatus}.");
        }
    }

    private static void PutString(delegate* unmanaged<IntPtr, byte*, byte*, byte*, int*, int> put, IntPtr file, string key, string value, string comment, int* status)
    {
        fixed (byte* k = Utf8(key), v = Utf8(value), c = Utf8(comment))
        {
            put(file, k, v, c, status);
        }
    }

    private static void PutLong(delegate* unmanaged<IntPtr, byte*, long, byte*, int*, int> put, IntPtr file, string key, long value, string comment, int* status)
    {
        fixed (byte* k = Utf8(key), c = Utf8(comment))
        {
            put(file, k, value, c, status);
        }
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text + "\0");

    // fitsio.h: BYTE_IMG ... DOUBLE_IMG, with the codes that make CFITSIO write BZERO for the offset conventions.
    private static int ImageType(PixelType type) => type switch
    {
        PixelType.Byte => 8,
        PixelType.SByte => 10,
        PixelType.Int16 => 16,
        PixelType.UInt16 => 20,
        PixelType.Int32 => 32,
        PixelType.UInt32 => 40,
        PixelType.Int64 => 64,
        PixelType.UInt64 => 80,
        PixelType.Single => -32,
        _ => -64,
    };

    // fitsio.h: TBYTE, TSBYTE, TSHORT, TUSHORT, TINT, TUINT, TLONGLONG, TULONGLONG, TFLOAT, TDOUBLE.
    private static int DataType(PixelType type) => type switch
    {
        PixelType.Byte => 11,
        PixelType.SByte => 12,
        PixelType.Int16 => 21,
        PixelType.UInt16 => 20,
        PixelType.Int32 => 31,
        PixelType.UInt32 => 30,
        PixelType.Int64 => 81,
        PixelType.UInt64 => 80,
        PixelType.Single => 42,
        _ => 82,
    };
}
