using System;
using System.Runtime.InteropServices;
using CfitsioNet.Interop;

namespace CfitsioNet;

/// <summary>
/// Guards against write overflows in CFITSIO 4.2.0's tile compression. CFITSIO encodes each tile into a buffer of
/// a fixed size (<c>imcomp_calc_max_elem</c>: 2.2 or 4.4 bytes per pixel for HCOMPRESS, 4 for PLIO), and neither
/// encoder stops at its end: HCOMPRESS writes one byte past it, PLIO up to 6 bytes per pixel plus 14, both
/// corrupting the heap, when a tile compresses badly (noisy or random data, small tiles). Before CFITSIO writes, the
/// same CFITSIO encoders run here on each tile, converted exactly as CFITSIO converts it, into an ample buffer; a
/// tile that would not fit is refused with an <see cref="ArgumentException"/> instead of crashing the process.
/// </summary>
internal static unsafe class TileBudget
{
    /// <summary>Quantization settings CFITSIO will apply to a floating-point tile.</summary>
    /// <param name="Level">The quantize level as requested.</param>
    /// <param name="Method">CFITSIO's method code: -1, 1 or 2.</param>
    /// <param name="Seed">Dither seed: 1 to 10000, or -1 for CFITSIO's checksum of the first tile.</param>
    /// <param name="NullCheck">Whether pixels equal to <paramref name="NullValue"/> are undefined.</param>
    /// <param name="NullValue">The flag value of undefined pixels.</param>
    internal readonly record struct Quantization(float Level, int Method, int Seed, bool NullCheck, double NullValue);

    /// <summary>The bytes CFITSIO 4.2 allocates for one compressed tile of <paramref name="maxTileLength"/> pixels.</summary>
    internal static long Capacity(CompressionAlgorithm algorithm, PixelType type, long maxTileLength)
    {
        bool narrow = type is PixelType.Byte or PixelType.SByte or PixelType.Int16 or PixelType.UInt16;
        return algorithm == CompressionAlgorithm.HCompress
            ? (long)((maxTileLength * (narrow ? 2.2 : 4.4)) + 26)
            : maxTileLength * sizeof(int);
    }

    /// <summary>Throws when some tile would overflow CFITSIO's buffer. Only HCOMPRESS and PLIO need the check.</summary>
    internal static void Check(
        PixelType type, CompressionAlgorithm algorithm, ReadOnlySpan<long> shape, ReadOnlySpan<long> fortranTiles, void* pixels, float hcompressScale, Quantization? quantization)
    {
        if (algorithm is not (CompressionAlgorithm.HCompress or CompressionAlgorithm.Plio))
        {
            return;
        }

        long maxTileLength = 1;
        foreach (long length in fortranTiles)
        {
            maxTileLength *= length;
        }

        long capacity = Capacity(algorithm, type, maxTileLength);
        long[] sizes = Measure(type, algorithm, shape, fortranTiles, pixels, hcompressScale, quantization);
        for (int tile = 0; tile < sizes.Length; tile++)
        {
            // PLIO writes exactly the shorts it counts; HCOMPRESS also stores one byte at the position it stops at.
            long needed = algorithm == CompressionAlgorithm.Plio ? sizes[tile] : sizes[tile] + 1;
            if (needed > capacity)
            {
                string alternative = type is PixelType.Single or PixelType.Double ? "Rice or Gzip with a QuantizeLevel, or lossless Gzip" : "Rice or Gzip";
                throw new ArgumentException(
                    $"{algorithm} cannot compress tile {tile + 1} of this image: it needs {needed} bytes, but CFITSIO 4.2 allocates {capacity} bytes per tile " +
                    $"and would overrun them (the pixels are too noisy, or the tiles too small, for {algorithm}). Use {alternative}.",
                    nameof(pixels));
            }
        }
    }

    /// <summary>
    /// The compressed size in bytes of every tile (in CFITSIO's table-row order), as CFITSIO's encoders produce it;
    /// 0 for floating-point tiles CFITSIO cannot quantize (it stores those with GZIP instead).
    /// </summary>
    internal static long[] Measure(
        PixelType type, CompressionAlgorithm algorithm, ReadOnlySpan<long> shape, ReadOnlySpan<long> fortranTiles, void* pixels, float hcompressScale, Quantization? quantization)
    {
        int rank = shape.Length;
        Span<long> axes = stackalloc long[rank];
        Span<long> strides = stackalloc long[rank];
        Span<long> tileCounts = stackalloc long[rank];
        long tileTotal = 1;
        long maxTileLength = 1;
        for (int k = 0; k < rank; k++)
        {
            axes[k] = shape[rank - 1 - k];
            strides[k] = k == 0 ? 1 : strides[k - 1] * axes[k - 1];
            tileCounts[k] = ((axes[k] - 1) / fortranTiles[k]) + 1;
            tileTotal *= tileCounts[k];
            maxTileLength *= fortranTiles[k];
        }

        // One scratch tile of 8 bytes per pixel (floats and doubles, or integers widened to long, narrowed in place
        // when the coder takes int), quantized ints for floating point, and an output buffer no tile can fill.
        bool floating = type is PixelType.Single or PixelType.Double;
        bool narrowCoder = algorithm == CompressionAlgorithm.Plio || type is PixelType.Byte or PixelType.SByte or PixelType.Int16 or PixelType.UInt16;
        long outputCapacity = algorithm == CompressionAlgorithm.Plio ? (maxTileLength * 6) + 64
            : narrowCoder ? (maxTileLength * 4) + 1024
            : (maxTileLength * 10) + 1024;
        int elementSize = type is PixelType.Single ? sizeof(float) : sizeof(long);
        byte* gathered = (byte*)NativeMemory.Alloc((nuint)(maxTileLength * sizeof(long)));
        int* quantized = floating ? (int*)NativeMemory.Alloc((nuint)(maxTileLength * sizeof(int))) : null;
        byte* output = (byte*)NativeMemory.Alloc((nuint)outputCapacity);
        try
        {
            var sizes = new long[tileTotal];
            Span<long> tileIndex = stackalloc long[rank];
            Span<long> start = stackalloc long[rank];
            Span<long> lengths = stackalloc long[rank];
            int seed = 0;
            for (long row = 1; row <= tileTotal; row++)
            {
                long tileLength = 1;
                for (int k = 0; k < rank; k++)
                {
                    start[k] = tileIndex[k] * fortranTiles[k];
                    lengths[k] = Math.Min(fortranTiles[k], axes[k] - start[k]);
                    tileLength *= lengths[k];
                }

                Gather(type, pixels, strides, start, lengths, gathered, elementSize);
                CollapseToRows(lengths, out long rowLength, out long rowCount);
                sizes[row - 1] = floating
                    ? MeasureQuantized(type, algorithm, gathered, tileLength, rowLength, rowCount, row, ref seed, quantization!.Value, hcompressScale, quantized, output, outputCapacity)
                    : MeasureInteger(type, algorithm, (long*)gathered, tileLength, rowLength, rowCount, hcompressScale, output, outputCapacity);

                for (int k = 0; k < rank && ++tileIndex[k] == tileCounts[k]; k++)
                {
                    tileIndex[k] = 0;
                }
            }

            return sizes;
        }
        finally
        {
            NativeMemory.Free(gathered);
            NativeMemory.Free(quantized);
            NativeMemory.Free(output);
        }
    }

    /// <summary>Copies one tile out of the C-order image, first Fortran axis fastest; integers widen to long, with CFITSIO's offsets.</summary>
    private static void Gather(PixelType type, void* pixels, ReadOnlySpan<long> strides, ReadOnlySpan<long> start, ReadOnlySpan<long> lengths, byte* target, int elementSize)
    {
        int rank = lengths.Length;
        Span<long> position = stackalloc long[rank];
        long written = 0;
        while (true)
        {
            long source = 0;
            for (int k = 0; k < rank; k++)
            {
                source += (start[k] + position[k]) * strides[k];
            }

            byte* destination = target + (written * elementSize);
            switch (type)
            {
                case PixelType.Single:
                    *(float*)destination = ((float*)pixels)[source];
                    break;
                case PixelType.Double:
                    *(double*)destination = ((double*)pixels)[source];
                    break;
                default:
                    *(long*)destination = StoredInteger(type, pixels, source);
                    break;
            }

            written++;
            int axis = 0;
            while (axis < rank && ++position[axis] == lengths[axis])
            {
                position[axis] = 0;
                axis++;
            }

            if (axis == rank)
            {
                return;
            }
        }
    }

    /// <summary>The integer CFITSIO hands to HCOMPRESS and PLIO for a pixel (imcomp_convert_tile_* and the *_to_int_inplace helpers).</summary>
    private static long StoredInteger(PixelType type, void* pixels, long index) => type switch
    {
        PixelType.Byte => ((byte*)pixels)[index],
        PixelType.SByte => ((sbyte*)pixels)[index] + 128,
        PixelType.Int16 => ((short*)pixels)[index],
        PixelType.UInt16 => ((ushort*)pixels)[index],
        PixelType.Int32 => ((int*)pixels)[index],
        PixelType.UInt32 => (long)((uint*)pixels)[index] - 2147483648L,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>CFITSIO's fits_calc_tile_rows: the first axis longer than 1 is the row, the others multiply into the row count.</summary>
    internal static void CollapseToRows(ReadOnlySpan<long> lengths, out long rowLength, out long rowCount)
    {
        rowLength = 0;
        rowCount = 1;
        foreach (long length in lengths)
        {
            if (length > 1)
            {
                if (rowLength == 0)
                {
                    rowLength = length;
                }
                else
                {
                    rowCount *= length;
                }
            }
        }

        if (rowLength == 0)
        {
            rowLength = 1;
        }
    }

    private static long MeasureInteger(
        PixelType type, CompressionAlgorithm algorithm, long* values, long count, long rowLength, long rowCount, float hcompressScale, byte* output, long capacity)
    {
        // Narrowing in place, in ascending order, only overwrites values already read.
        int* narrow = (int*)values;
        if (algorithm == CompressionAlgorithm.Plio)
        {
            for (long i = 0; i < count; i++)
            {
                narrow[i] = (int)values[i];
            }

            return 2L * Cfitsio.PlioEncode(narrow, 1, (short*)output, checked((int)count));
        }

        int scale = HcompressScale(hcompressScale);
        if (type is PixelType.Byte or PixelType.SByte or PixelType.Int16 or PixelType.UInt16)
        {
            for (long i = 0; i < count; i++)
            {
                // HCOMPRESS gets UInt16 shifted to the signed range (fits_ushort_to_int_inplace with -32768).
                narrow[i] = type == PixelType.UInt16 ? (int)(values[i] - 32768) : (int)values[i];
            }

            return Hcompress(narrow, null, rowLength, rowCount, scale, output, capacity);
        }

        return Hcompress(null, values, rowLength, rowCount, scale, output, capacity);
    }

    private static long MeasureQuantized(
        PixelType type, CompressionAlgorithm algorithm, byte* tile, long count, long rowLength, long rowCount, long row, ref int seed, Quantization quantization, float hcompressScale, int* quantized, byte* output, long capacity)
    {
        if (seed == 0)
        {
            // CFITSIO takes the dither seed from the bytes of the first tile when asked for a checksum seed
            // (imcomp_convert_tile_tfloat / _tdouble).
            if (quantization.Seed < 0)
            {
                long bytes = count * (type == PixelType.Single ? sizeof(float) : sizeof(double));
                seed = Compression.ParallelTileWriter.ChecksumSeed(new ReadOnlySpan<byte>(tile, checked((int)bytes)));
            }
            else
            {
                seed = quantization.Seed;
            }
        }

        var ditherRow = new CLong((nint)(quantization.Method == Cfitsio.NoDither ? 0 : row + seed - 1));
        int quantizedTile = type == PixelType.Single
            ? Cfitsio.QuantizeFloat(ditherRow, (float*)tile, new CLong((nint)rowLength), new CLong((nint)rowCount), quantization.NullCheck ? 1 : 0, (float)quantization.NullValue, quantization.Level, quantization.Method, quantized, out _, out _, out _, out _)
            : Cfitsio.QuantizeDouble(ditherRow, (double*)tile, new CLong((nint)rowLength), new CLong((nint)rowCount), quantization.NullCheck ? 1 : 0, quantization.NullValue, quantization.Level, quantization.Method, quantized, out _, out _, out _, out _);
        if (quantizedTile != 1 || algorithm != CompressionAlgorithm.HCompress)
        {
            return 0;
        }

        // The floating-point pixels are no longer needed: their 8 bytes per pixel take the widened ints.
        long* wide = (long*)tile;
        for (long i = 0; i < count; i++)
        {
            wide[i] = quantized[i];
        }

        return Hcompress(null, wide, rowLength, rowCount, HcompressScale(hcompressScale), output, capacity);
    }

    /// <summary>
    /// The integer scale CFITSIO passes to the encoder: 0 stays 0, a negative scale is absolute. A positive scale is
    /// relative to the tile's noise; measuring it as 0 (lossless) over-estimates the size, which is the safe side.
    /// </summary>
    private static int HcompressScale(float scale) => scale < 0 ? (int)(-scale + 0.5f) : 0;

    private static long Hcompress(int* narrow, long* wide, long rowLength, long rowCount, int scale, byte* output, long capacity)
    {
        const string operation = "measure an HCOMPRESS tile";
        var length = new CLong((nint)capacity);
        try
        {
            if (narrow is not null)
            {
                // Same argument order as CFITSIO's call in imcomp_compress_tile.
                CfitsioProxy.Hcompress(narrow, checked((int)rowLength), checked((int)rowCount), scale, output, ref length, operation, default);
            }
            else
            {
                CfitsioProxy.Hcompress64(wide, checked((int)rowLength), checked((int)rowCount), scale, output, ref length, operation, default);
            }
        }
        catch (FitsException e)
        {
            // Without a size there is no proof the tile fits: refuse rather than let CFITSIO try (the exception took
            // CFITSIO's messages off its stack).
            throw new ArgumentException($"CFITSIO's HCOMPRESS coder failed on a tile of this image (status {e.Status}). Use Rice or Gzip.", "pixels", e);
        }

        return (long)length.Value;
    }
}
