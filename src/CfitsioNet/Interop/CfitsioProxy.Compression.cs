using System.Runtime.InteropServices;
using System;

namespace CfitsioNet.Interop;

/// <summary>Checked wrappers for the entry points in <c>Cfitsio.Compression.cs</c> (see <see cref="CfitsioProxy"/>).</summary>
internal static unsafe partial class CfitsioProxy
{
    /// <summary>Checked <see cref="Cfitsio.IsCompressedImage"/> (<c>fits_is_compressed_image</c>): true for a tile-compressed image; throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static bool IsCompressedImage(FitsHandle file, string operation, CallContext at)
    {
        int status = 0;
        bool compressed = Cfitsio.IsCompressedImage(file, ref status) != 0;
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
        return compressed;
    }

    /// <summary>Checked <see cref="Cfitsio.UnsetCompressionRequest"/> (<c>fits_unset_compression_request</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void UnsetCompressionRequest(FitsHandle file, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.UnsetCompressionRequest(file, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.SetCompressionType"/> (<c>fits_set_compression_type</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void SetCompressionType(FitsHandle file, int compressionType, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.SetCompressionType(file, compressionType, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.SetTileDimensions"/> (<c>fits_set_tile_dim</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void SetTileDimensions(FitsHandle file, int axisCount, CLong* tileLengths, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.SetTileDimensions(file, axisCount, tileLengths, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.SetQuantizeLevel"/> (<c>fits_set_quantize_level</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void SetQuantizeLevel(FitsHandle file, float level, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.SetQuantizeLevel(file, level, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.SetQuantizeMethod"/> (<c>fits_set_quantize_method</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void SetQuantizeMethod(FitsHandle file, int method, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.SetQuantizeMethod(file, method, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.SetDitherSeed"/> (<c>fits_set_dither_seed</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void SetDitherSeed(FitsHandle file, int seed, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.SetDitherSeed(file, seed, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.SetHcompressScale"/> (<c>fits_set_hcomp_scale</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void SetHcompressScale(FitsHandle file, float scale, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.SetHcompressScale(file, scale, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.SetHcompressSmooth"/> (<c>fits_set_hcomp_smooth</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void SetHcompressSmooth(FitsHandle file, int smooth, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.SetHcompressSmooth(file, smooth, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.SetHugeHdu"/> (<c>fits_set_huge_hdu</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void SetHugeHdu(FitsHandle file, int huge, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.SetHugeHdu(file, huge, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.WriteCompressedSection"/> (<c>fits_write_compressed_img</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void WriteCompressedSection(FitsHandle file, int dataType, CLong* firstPixel, CLong* lastPixel, int nullCheck, void* pixels, void* nullValue, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.WriteCompressedSection(file, dataType, firstPixel, lastPixel, nullCheck, pixels, nullValue, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.GzipToMemory"/> (<c>compress2mem_from_mem</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void GzipToMemory(byte* input, nuint inputSize, byte** buffer, nuint* bufferSize, delegate* unmanaged<void*, nuint, void*> realloc, nuint* compressedSize, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.GzipToMemory(input, inputSize, buffer, bufferSize, realloc, compressedSize, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.Hcompress"/> (<c>fits_hcompress</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void Hcompress(int* tile, int nx, int ny, int scale, byte* output, ref CLong byteCount, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.Hcompress(tile, nx, ny, scale, output, ref byteCount, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <see cref="Cfitsio.Hcompress64"/> (<c>fits_hcompress64</c>): throws a <see cref="FitsException"/> for any non-zero status.</summary>
    internal static void Hcompress64(long* tile, int nx, int ny, int scale, byte* output, ref CLong byteCount, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.Hcompress64(tile, nx, ny, scale, output, ref byteCount, ref status);
        FitsStatus.Check(status, operation, at.FileName, at.Hdu);
    }

    /// <summary>Checked <c>fits_is_compressed_image</c> that answers false (and leaves no message behind) when the status is one of <paramref name="expected"/>.</summary>
    internal static bool TryIsCompressedImage(FitsHandle file, out bool compressed, Expected expected, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.MarkErrorMessages();
        compressed = Cfitsio.IsCompressedImage(file, ref status) != 0;
        return EndTry(status, expected, operation, at);
    }

    /// <summary>Checked <c>fits_unset_compression_request</c> that answers false (and leaves no message behind) when the status is one of <paramref name="expected"/>.</summary>
    internal static bool TryUnsetCompressionRequest(FitsHandle file, Expected expected, string operation, CallContext at)
    {
        int status = 0;
        Cfitsio.MarkErrorMessages();
        Cfitsio.UnsetCompressionRequest(file, ref status);
        return EndTry(status, expected, operation, at);
    }

    /// <summary>
    /// Checked <see cref="Cfitsio.InitRandoms"/> (<c>fits_init_randoms</c>): its non-zero result as the status (1, which
    /// is no CFITSIO status, as DATA_COMPRESSION_ERR).
    /// </summary>
    internal static void InitRandoms(string operation, CallContext at)
    {
        int result = Cfitsio.InitRandoms();
        if (result != 0)
        {
            throw FitsStatus.Create(result > 1 ? result : Cfitsio.DataCompressionError, operation, at.FileName, at.Hdu);
        }
    }
}
