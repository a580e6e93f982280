using System.Runtime.InteropServices;

namespace CfitsioNet.Interop;

/// <summary>
/// Tile-compressed images: the compression request, the compressed-image writer, and CFITSIO's tile coders and
/// quantizer called one tile at a time, from several threads (each call owns its buffers).
/// </summary>
internal static unsafe partial class Cfitsio
{
    internal const int NoCompression = 0;
    internal const int Rice1 = 11;                // RICE_1
    internal const int Gzip1 = 21;                // GZIP_1
    internal const int Gzip2 = 22;                // GZIP_2
    internal const int Plio1 = 31;                // PLIO_1
    internal const int Hcompress1 = 41;           // HCOMPRESS_1
    internal const int NoDither = -1;             // NO_DITHER
    internal const int SubtractiveDither1 = 1;    // SUBTRACTIVE_DITHER_1
    internal const int SubtractiveDither2 = 2;    // SUBTRACTIVE_DITHER_2

    /// <summary>CFITSIO's flag for undefined pixels when the caller gives none (FLOATNULLVALUE).</summary>
    internal const float FloatNullValue = -9.11912E-36F;

    /// <summary>CFITSIO's flag for undefined pixels when the caller gives none (DOUBLENULLVALUE).</summary>
    internal const double DoubleNullValue = -9.1191291391491E-36;

    /// <summary>ZBLANK of quantized images with undefined pixels (COMPRESS_NULL_VALUE).</summary>
    internal const int CompressNullValue = -2147483647;

    /// <summary>MAX_COMPRESS_DIM: the most axes a tile has.</summary>
    internal const int MaxCompressDimensions = 6; // MAX_COMPRESS_DIM

    /// <summary><c>fits_is_compressed_image</c>: 1 when the current HDU is a tile-compressed image (a BINTABLE underneath).</summary>
    [LibraryImport(Library, EntryPoint = "fits_is_compressed_image")]
    internal static partial int IsCompressedImage(FitsHandle file, ref int status);

    /// <summary>
    /// <c>fits_unset_compression_request</c> (exported, declared in fitsio2.h): clears every compression request on
    /// the file back to 0. Needed because <c>fits_set_quantize_level(0)</c> stores "lossless" (9999), not "unset",
    /// and CFITSIO applies a set quantize level to every compressed HDU it opens afterwards, also when reading.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "fits_unset_compression_request")]
    internal static partial int UnsetCompressionRequest(FitsHandle file, ref int status);

    /// <summary><c>fits_set_compression_type</c>: the algorithm for images created from now on (0 = no compression).</summary>
    [LibraryImport(Library, EntryPoint = "fits_set_compression_type")]
    internal static partial int SetCompressionType(FitsHandle file, int compressionType, ref int status);

    /// <summary><c>fits_set_tile_dim</c>: tile lengths (Fortran order; 0 = CFITSIO's default for that axis) for images created from now on.</summary>
    [LibraryImport(Library, EntryPoint = "fits_set_tile_dim")]
    internal static partial int SetTileDimensions(FitsHandle file, int axisCount, CLong* tileLengths, ref int status);

    /// <summary><c>fits_set_quantize_level</c>: q for floating-point images (&gt; 0 relative to the noise, &lt; 0 absolute step, 0 = lossless).</summary>
    [LibraryImport(Library, EntryPoint = "fits_set_quantize_level")]
    internal static partial int SetQuantizeLevel(FitsHandle file, float level, ref int status);

    /// <summary><c>fits_set_quantize_method</c>: -1 no dithering, 1 SUBTRACTIVE_DITHER_1, 2 SUBTRACTIVE_DITHER_2.</summary>
    [LibraryImport(Library, EntryPoint = "fits_set_quantize_method")]
    internal static partial int SetQuantizeMethod(FitsHandle file, int method, ref int status);

    /// <summary><c>fits_set_dither_seed</c>: 1..10000 fixed, 0 from the clock, negative from the first tile's checksum.</summary>
    [LibraryImport(Library, EntryPoint = "fits_set_dither_seed")]
    internal static partial int SetDitherSeed(FitsHandle file, int seed, ref int status);

    /// <summary><c>fits_set_hcomp_scale</c>: HCOMPRESS scale (0 lossless, &gt; 0 times the noise RMS, &lt; 0 absolute).</summary>
    [LibraryImport(Library, EntryPoint = "fits_set_hcomp_scale")]
    internal static partial int SetHcompressScale(FitsHandle file, float scale, ref int status);

    /// <summary><c>fits_set_hcomp_smooth</c>: whether readers should smooth an HCOMPRESS image decompressed with scale &gt; 1.</summary>
    [LibraryImport(Library, EntryPoint = "fits_set_hcomp_smooth")]
    internal static partial int SetHcompressSmooth(FitsHandle file, int smooth, ref int status);

    /// <summary><c>fits_set_huge_hdu</c>: use 64-bit ('Q') heap descriptors, needed once the compressed data may pass 2 GiB.</summary>
    [LibraryImport(Library, EntryPoint = "fits_set_huge_hdu")]
    internal static partial int SetHugeHdu(FitsHandle file, int huge, ref int status);

    /// <summary>
    /// <c>fits_write_compressed_img</c> (exported, declared in CFITSIO's fitsio2.h): writes the section from
    /// <paramref name="firstPixel"/> to <paramref name="lastPixel"/> (1-based, Fortran order, at most 6 axes) of the
    /// current tile-compressed image, compressing every tile it covers. With <paramref name="nullCheck"/> = 1, pixels
    /// equal to <c>*nullValue</c> become undefined (NaN when read back as floating point).
    /// </summary>
    [LibraryImport(Library, EntryPoint = "fits_write_compressed_img")]
    internal static partial int WriteCompressedSection(FitsHandle file, int dataType, CLong* firstPixel, CLong* lastPixel, int nullCheck, void* pixels, void* nullValue, ref int status);

    /// <summary>
    /// <c>compress2mem_from_mem</c>: gzip-compresses <paramref name="inputSize"/> bytes (zlib's deflate at
    /// Z_BEST_SPEED, as CFITSIO's GZIP_1 and GZIP_2 tiles are) into <c>*buffer</c> of <c>*bufferSize</c> bytes, growing it
    /// with <paramref name="realloc"/> when it is too small; <paramref name="compressedSize"/> receives the length.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "compress2mem_from_mem")]
    internal static partial int GzipToMemory(
        byte* input, nuint inputSize, byte** buffer, nuint* bufferSize, delegate* unmanaged<void*, nuint, void*> realloc, nuint* compressedSize, ref int status);

    /// <summary><c>fits_hcompress</c>: HCOMPRESS-encodes an int tile (modified in place) into <paramref name="output"/>; <paramref name="byteCount"/> is the capacity in, the length out.</summary>
    [LibraryImport(Library, EntryPoint = "fits_hcompress")]
    internal static partial int Hcompress(int* tile, int nx, int ny, int scale, byte* output, ref CLong byteCount, ref int status);

    /// <summary><c>fits_hcompress64</c>: as <see cref="Hcompress"/> for a 64-bit tile (CFITSIO's path for 32-bit and quantized images).</summary>
    [LibraryImport(Library, EntryPoint = "fits_hcompress64")]
    internal static partial int Hcompress64(long* tile, int nx, int ny, int scale, byte* output, ref CLong byteCount, ref int status);

    /// <summary><c>pl_p2li</c> (exported, pliocomp.c): PLIO-encodes <paramref name="count"/> ints from 1-based index <paramref name="first"/>; returns the number of shorts written.</summary>
    [LibraryImport(Library, EntryPoint = "pl_p2li")]
    internal static partial int PlioEncode(int* pixels, int first, short* output, int count);

    /// <summary>
    /// <c>fits_quantize_float</c> (exported, fitsio2.h): quantizes a tile the way tile compression does, dithering
    /// with the random sequence from position <paramref name="row"/>; returns 1 when quantized, 0 when the tile must be stored losslessly.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "fits_quantize_float")]
    internal static partial int QuantizeFloat(CLong row, float* pixels, CLong nx, CLong ny, int nullCheck, float nullValue, float level, int method, int* quantized, out double scale, out double zero, out int minimum, out int maximum);

    /// <summary><c>fits_quantize_double</c>: as <see cref="QuantizeFloat"/> for doubles.</summary>
    [LibraryImport(Library, EntryPoint = "fits_quantize_double")]
    internal static partial int QuantizeDouble(CLong row, double* pixels, CLong nx, CLong ny, int nullCheck, double nullValue, float level, int method, int* quantized, out double scale, out double zero, out int minimum, out int maximum);

    /// <summary>
    /// <c>fits_init_randoms</c>: allocates and fills CFITSIO's table of dither random numbers once per process (a lazily
    /// created global, so it is called on one thread before the quantizer runs on several); 0 on success.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "fits_init_randoms")]
    internal static partial int InitRandoms();
}
