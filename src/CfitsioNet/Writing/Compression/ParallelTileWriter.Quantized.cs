using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using CfitsioNet.Direct;
using CfitsioNet.Interop;

namespace CfitsioNet.Compression;

/// <summary>
/// Quantized (lossy) RICE_1, GZIP_1 and GZIP_2 tiles of floating-point images, coded on several threads: each tile
/// is quantized by CFITSIO's own <c>fits_quantize_float</c> / <c>fits_quantize_double</c> with the dither offset and
/// null handling <c>imcomp_compress_tile</c> uses, then coded as the 4-byte integers CFITSIO codes. A tile CFITSIO cannot
/// quantize (constant, or a single pixel) is stored as it does: its pixels big-endian, gzipped, in the
/// GZIP_COMPRESSED_DATA column CFITSIO adds the first time it needs it.
/// </summary>
internal static unsafe partial class ParallelTileWriter
{
    /// <summary>
    /// Quantizes, codes and writes every tile of the floating-point image at <paramref name="pixels"/> into the
    /// compressed image HDU that is <paramref name="handle"/>'s current HDU, whose table must have CFITSIO's quantized
    /// layout (COMPRESSED_DATA, ZSCALE, ZZERO; the caller checks).
    /// </summary>
    /// <param name="handle">The file, positioned at the compressed image CFITSIO created.</param>
    /// <param name="type"><see cref="PixelType.Single"/> or <see cref="PixelType.Double"/>.</param>
    /// <param name="algorithm">RICE_1, GZIP_1 or GZIP_2.</param>
    /// <param name="pixels">The image, C order.</param>
    /// <param name="shape">The image's shape, C order.</param>
    /// <param name="fortranTiles">The tile lengths CFITSIO recorded (ZTILEn), FITS order.</param>
    /// <param name="blockSize">The Rice block size CFITSIO recorded; unused for GZIP.</param>
    /// <param name="threads">Most threads to code on.</param>
    /// <param name="wideDescriptors">Whether the heap descriptors are 64-bit (Q).</param>
    /// <param name="batchBytes">Pixel bytes coded before they are written.</param>
    /// <param name="quantization">
    /// The level and method as requested, the dither seed CFITSIO holds (-1: from the first tile's bytes), and the flag
    /// value that stands for NaN when <see cref="TileBudget.Quantization.NullCheck"/> is set (a value no pixel equals).
    /// </param>
    /// <param name="at">The file and HDU, for errors.</param>
    /// <exception cref="FitsException">CFITSIO failed, or a tile could not be quantized (the status CFITSIO would give).</exception>
    internal static void WriteQuantized(
        FitsHandle handle, PixelType type, CompressionAlgorithm algorithm, void* pixels, ReadOnlySpan<long> shape, ReadOnlySpan<long> fortranTiles,
        int blockSize, int threads, bool wideDescriptors, long batchBytes, TileBudget.Quantization quantization, CallContext at)
    {
        var grid = new TileGrid(shape, fortranTiles);
        var coder = new Coder(algorithm, blockSize);
        switch (type)
        {
            case PixelType.Single: WriteQuantized<uint>(handle, (byte*)pixels, grid, coder, threads, wideDescriptors, batchBytes, quantization, at); break;
            case PixelType.Double: WriteQuantized<ulong>(handle, (byte*)pixels, grid, coder, threads, wideDescriptors, batchBytes, quantization, at); break;
            default: throw new NotSupportedException($"{type} pixels are not quantized.");
        }
    }

    /// <summary>
    /// CFITSIO's dither seed from the first tile's bytes (imcomp_convert_tile_tfloat / _tdouble): their sum, in a C
    /// <c>unsigned long</c>, modulo 10000, plus 1.
    /// </summary>
    internal static int ChecksumSeed(ReadOnlySpan<byte> tile)
    {
        ulong sum = 0;
        foreach (byte b in tile)
        {
            sum += b;
        }

        // Where unsigned long is 32-bit (Windows) the sum wraps there.
        ulong wrapped = sizeof(CULong) == sizeof(uint) ? (uint)sum : sum;
        return (int)(wrapped % 10000) + 1;
    }

    private static void WriteQuantized<T>(FitsHandle handle, byte* image, TileGrid grid, Coder coder, int threads, bool wide, long batchBytes, TileBudget.Quantization quantization, CallContext at)
        where T : unmanaged
    {
        int size = sizeof(T);
        bool single = size == sizeof(float);
        bool nullCheck = quantization.NullCheck;
        bool dither = quantization.Method != Cfitsio.NoDither;
        float singleNull = nullCheck ? (float)quantization.NullValue : Cfitsio.FloatNullValue;
        double doubleNull = nullCheck ? quantization.NullValue : Cfitsio.DoubleNullValue;
        ulong flagBits = single ? BitConverter.SingleToUInt32Bits(singleNull) : BitConverter.DoubleToUInt64Bits(doubleNull);

        int maxTile = (int)grid.MaxTilePixels;
        var lossless = new Coder(CompressionAlgorithm.Gzip1, 0);
        int slot = Math.Max(coder.MaxEncodedLength(maxTile, sizeof(int)), lossless.MaxEncodedLength(maxTile, size));
        long tileCount = grid.TileCount;
        int batchTiles = (int)Math.Min(Math.Max(1, batchBytes / ((long)maxTile * size)), tileCount);

        if (dither)
        {
            // The random sequence is a lazily allocated global: create it here, before the threads read it.
            CfitsioProxy.InitRandoms("make CFITSIO's dither sequence", at);
        }

        int seed = quantization.Seed;
        if (dither && seed < 0)
        {
            // As CFITSIO when it reaches the first tile: the seed from its bytes (undefined pixels already flagged),
            // recorded in ZDITHER0 before any tile is written.
            T[] first = new T[maxTile];
            Span<T> tile = first.AsSpan(0, grid.Gather(0, image, first, 0));
            if (nullCheck)
            {
                FlagNaN(tile, flagBits);
            }

            seed = ChecksumSeed(MemoryMarshal.AsBytes(tile));
            CfitsioProxy.UpdateKeyLong(handle, "ZDITHER0", seed, null, "record the dither seed", at);
        }

        byte[] encoded = ArrayPool<byte>.Shared.Rent(checked(batchTiles * slot));
        var tiles = new QuantizedTile[batchTiles];
        bool gzipColumn = false;
        try
        {
            for (long firstTile = 0; firstTile < tileCount; firstTile += batchTiles)
            {
                int count = (int)Math.Min(batchTiles, tileCount - firstTile);
                int parts = (count + TilesPerPart - 1) / TilesPerPart;
                long batchFirst = firstTile;
                int failure = 0;
                ParallelParts.Run(parts, threads, part =>
                {
                    T[] scratch = ArrayPool<T>.Shared.Rent(maxTile);
                    int[] integers = ArrayPool<int>.Shared.Rent(maxTile);
                    byte[] bytes = ArrayPool<byte>.Shared.Rent(maxTile * size);
                    Span<long> extent = stackalloc long[grid.Rank];
                    try
                    {
                        int end = Math.Min(count, (part + 1) * TilesPerPart);
                        for (int i = part * TilesPerPart; i < end; i++)
                        {
                            long index = batchFirst + i;
                            Span<T> values = scratch.AsSpan(0, grid.Gather(index, image, scratch, 0));
                            if (nullCheck)
                            {
                                FlagNaN(values, flagBits);
                            }

                            grid.Extents(index, extent);
                            TileBudget.CollapseToRows(extent, out long rowLength, out long rowCount);

                            // 1-based table row; the dither sequence starts at row + seed - 1 (0: no dithering).
                            var ditherRow = new CLong(dither ? (nint)(index + 1 + seed - 1) : 0);
                            int quantized;
                            double scale, zero;
                            fixed (T* source = scratch)
                            fixed (int* target = integers)
                            {
                                quantized = single
                                    ? Cfitsio.QuantizeFloat(ditherRow, (float*)source, new CLong((nint)rowLength), new CLong((nint)rowCount), nullCheck ? 1 : 0, singleNull, quantization.Level, quantization.Method, target, out scale, out zero, out _, out _)
                                    : Cfitsio.QuantizeDouble(ditherRow, (double*)source, new CLong((nint)rowLength), new CLong((nint)rowCount), nullCheck ? 1 : 0, doubleNull, quantization.Level, quantization.Method, target, out scale, out zero, out _, out _);
                            }

                            Span<byte> output = encoded.AsSpan(i * slot, slot);
                            if (quantized == 1)
                            {
                                int length = coder.Encode<uint>(MemoryMarshal.Cast<int, uint>(integers.AsSpan(0, values.Length)), bytes, output);
                                tiles[i] = new QuantizedTile(length, false, scale, zero);
                            }
                            else if (quantized == 0)
                            {
                                // Stored losslessly, as imcomp_compress_tile does: flagged pixels back to NaN (all
                                // bits set), big-endian, gzipped without shuffling.
                                if (nullCheck)
                                {
                                    UnflagNaN(values, flagBits);
                                }

                                tiles[i] = new QuantizedTile(lossless.Encode<T>(values, bytes, output), true, 0, 0);
                            }
                            else
                            {
                                Interlocked.CompareExchange(ref failure, quantized, 0);
                                return;
                            }
                        }
                    }
                    finally
                    {
                        ArrayPool<T>.Shared.Return(scratch);
                        ArrayPool<int>.Shared.Return(integers);
                        ArrayPool<byte>.Shared.Return(bytes);
                    }
                });

                // A tile the quantizer refused fails the write with the status CFITSIO's own quantizer gives.
                CfitsioProxy.ThrowIfFailed(failure, "quantize the tiles", at);
                if (!gzipColumn && AnyLossless(tiles.AsSpan(0, count)))
                {
                    AddGzipColumn(handle, wide, at);
                    gzipColumn = true;
                }

                WriteQuantizedBatch(handle, firstTile, encoded, slot, tiles.AsSpan(0, count), wide, gzipColumn, at);
            }

            if (nullCheck)
            {
                AddNullKeyword(handle, at);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(encoded);
        }
    }

    private static bool AnyLossless(ReadOnlySpan<QuantizedTile> tiles)
    {
        foreach (QuantizedTile tile in tiles)
        {
            if (tile.Lossless)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The GZIP_COMPRESSED_DATA column CFITSIO appends before the first tile it cannot quantize.</summary>
    private static void AddGzipColumn(FitsHandle handle, bool wide, CallContext at)
    {
        const string operation = "add the GZIP_COMPRESSED_DATA column";
        CfitsioProxy.InsertColumn(handle, 999, "GZIP_COMPRESSED_DATA", wide ? "1QB" : "1PB", operation, at);
        CfitsioProxy.GetColumnNumber(handle, 0, "GZIP_COMPRESSED_DATA", out int column, operation, at);
        CfitsioProxy.ReadKeyLong(handle, "NAXIS1", out long rowWidth, null, operation, at);
        if (column != 4 || rowWidth != QuantizedRowWidth(wide, gzipColumn: true))
        {
            // The raw row writes below assume this layout.
            CfitsioProxy.ThrowIfFailed(Cfitsio.DataCompressionError, operation, at);
        }
    }

    /// <summary>
    /// After all tiles, as fits_write_compressed_img does when undefined pixels were flagged: ZBLANK after ZCMPTYPE,
    /// unless the header has one.
    /// </summary>
    private static void AddNullKeyword(FitsHandle handle, CallContext at)
    {
        byte* card = stackalloc byte[Cfitsio.CardLength];
        if (CfitsioProxy.TryReadCard(handle, "ZBLANK", card, Expected.Any, "look for ZBLANK", at))
        {
            return;
        }

        // ffikyj inserts after the card last read: ZCMPTYPE.
        CfitsioProxy.ReadCard(handle, "ZCMPTYPE", card, "add ZBLANK", at);
        CfitsioProxy.InsertKeyLong(handle, "ZBLANK", Cfitsio.CompressNullValue, "null value in the compressed integer array", "add ZBLANK", at);
    }

    /// <summary>NAXIS1 of the quantized table: COMPRESSED_DATA's descriptor, ZSCALE, ZZERO, and GZIP_COMPRESSED_DATA's descriptor once added.</summary>
    internal static int QuantizedRowWidth(bool wide, bool gzipColumn) => (wide ? 16 : 8) * (gzipColumn ? 2 : 1) + (2 * sizeof(double));

    /// <summary>
    /// Writes a batch of coded tiles: their bytes in tile order as one heap cell of the batch's first row (CFITSIO
    /// appends each tile to the heap in this order, whichever column holds it), then the batch's whole rows raw: the
    /// COMPRESSED_DATA descriptor, ZSCALE and ZZERO (big-endian) of quantized tiles, the GZIP_COMPRESSED_DATA descriptor
    /// of lossless ones, zeros where CFITSIO writes nothing.
    /// </summary>
    private static void WriteQuantizedBatch(FitsHandle handle, long first, byte[] encoded, int slot, ReadOnlySpan<QuantizedTile> tiles, bool wide, bool gzipColumn, CallContext at)
    {
        int[] lengths = ArrayPool<int>.Shared.Rent(tiles.Length);
        long heapOffset;
        try
        {
            for (int i = 0; i < tiles.Length; i++)
            {
                lengths[i] = tiles[i].Length;
            }

            heapOffset = AppendToHeap(handle, first, encoded, slot, lengths.AsSpan(0, tiles.Length), at);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(lengths);
        }

        int descriptor = wide ? 16 : 8;
        int width = QuantizedRowWidth(wide, gzipColumn);
        byte[] rows = ArrayPool<byte>.Shared.Rent(tiles.Length * width);
        try
        {
            Span<byte> all = rows.AsSpan(0, tiles.Length * width);
            all.Clear();
            long offset = heapOffset;
            for (int i = 0; i < tiles.Length; i++)
            {
                Span<byte> row = all.Slice(i * width, width);
                QuantizedTile tile = tiles[i];
                if (tile.Lossless)
                {
                    WriteDescriptor(row.Slice(descriptor + 16, descriptor), tile.Length, offset, wide);
                }
                else
                {
                    WriteDescriptor(row[..descriptor], tile.Length, offset, wide);
                    BinaryPrimitives.WriteDoubleBigEndian(row.Slice(descriptor, 8), tile.Scale);
                    BinaryPrimitives.WriteDoubleBigEndian(row.Slice(descriptor + 8, 8), tile.Zero);
                }

                offset += tile.Length;
            }

            fixed (byte* table = rows)
            {
                CfitsioProxy.WriteTableBytes(handle, first + 1, 1, all.Length, table, "write the tiles' rows", at);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rows);
        }
    }

    /// <summary>One heap descriptor (length, heap offset): big-endian 32-bit for 'P', 64-bit for 'Q'.</summary>
    private static void WriteDescriptor(Span<byte> target, long length, long offset, bool wide)
    {
        if (wide)
        {
            BinaryPrimitives.WriteInt64BigEndian(target, length);
            BinaryPrimitives.WriteInt64BigEndian(target[8..], offset);
        }
        else
        {
            BinaryPrimitives.WriteInt32BigEndian(target, checked((int)length));
            BinaryPrimitives.WriteInt32BigEndian(target[4..], checked((int)offset));
        }
    }

    /// <summary>NaN pixels (as bit patterns: float bits in uint, double bits in ulong) become the flag value.</summary>
    private static void FlagNaN<T>(Span<T> values, ulong flagBits)
        where T : unmanaged
    {
        if (typeof(T) == typeof(uint))
        {
            foreach (ref uint value in MemoryMarshal.Cast<T, uint>(values))
            {
                if ((value & 0x7FFF_FFFFu) > 0x7F80_0000u)
                {
                    value = (uint)flagBits;
                }
            }
        }
        else
        {
            foreach (ref ulong value in MemoryMarshal.Cast<T, ulong>(values))
            {
                if ((value & 0x7FFF_FFFF_FFFF_FFFFul) > 0x7FF0_0000_0000_0000ul)
                {
                    value = flagBits;
                }
            }
        }
    }

    /// <summary>Flag values become NaN with every bit set (imcomp_float2nan / imcomp_double2nan store integer -1).</summary>
    private static void UnflagNaN<T>(Span<T> values, ulong flagBits)
        where T : unmanaged
    {
        if (typeof(T) == typeof(uint))
        {
            foreach (ref uint value in MemoryMarshal.Cast<T, uint>(values))
            {
                if (value == (uint)flagBits)
                {
                    value = uint.MaxValue;
                }
            }
        }
        else
        {
            foreach (ref ulong value in MemoryMarshal.Cast<T, ulong>(values))
            {
                if (value == flagBits)
                {
                    value = ulong.MaxValue;
                }
            }
        }
    }

    /// <summary>One coded tile of a batch: its length, whether it was stored losslessly, and its ZSCALE and ZZERO.</summary>
    private readonly record struct QuantizedTile(int Length, bool Lossless, double Scale, double Zero);
}
