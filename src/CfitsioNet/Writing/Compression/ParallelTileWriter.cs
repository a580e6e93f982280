using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CfitsioNet.Direct;
using CfitsioNet.Interop;

namespace CfitsioNet.Compression;

/// <summary>
/// Writes the tiles of a RICE_1, GZIP_1 or GZIP_2 image on several threads (Rice with the managed
/// <see cref="RiceEncoder"/>, gzip with CFITSIO's own <c>compress2mem_from_mem</c> called per tile; quantized
/// floating-point tiles first through CFITSIO's quantizer, see <see cref="WriteQuantized"/>), instead of CFITSIO
/// compressing them one after another on the calling thread. CFITSIO still writes everything else:
/// the header it created for the compressed image, and each tile's bytes through <c>ffpcl</c> into the
/// COMPRESSED_DATA column in tile order, exactly the call its own <c>imcomp_compress_tile</c> makes, so the file is
/// byte for byte the one CFITSIO writes (the tests compare whole files).
/// </summary>
/// <remarks>
/// Tiles are taken as CFITSIO takes them: in FITS order (the first axis fastest), each gathered row by row from the
/// image, with the unsigned conventions' sign bit flipped (UInt16, UInt32, and SByte's BZERO -128), as CFITSIO's
/// tile conversion does before <c>fits_rcomp*</c>. The image is encoded in batches of about
/// <see cref="BatchBytes"/> of pixels, so the encoded bytes held at once stay bounded; threads take tiles from a shared
/// counter, so a busy core slows its share down instead of holding the others up.
/// </remarks>
internal static unsafe partial class ParallelTileWriter
{
    /// <summary>Pixel bytes encoded per batch before its tiles are written.</summary>
    internal const long BatchBytes = 8L << 20;

    /// <summary>Tiles per work item taken from the shared counter.</summary>
    private const int TilesPerPart = 8;

    /// <summary>
    /// Whether this writer produces the image: RICE_1, GZIP_1 or GZIP_2 of an integer type of at most 32 bits or of
    /// quantized floating-point pixels (<see cref="WriteQuantized"/>), or GZIP of unquantized floating-point pixels
    /// without NaN (which CFITSIO would replace); tiles that fit an int.
    /// </summary>
    internal static bool CanWrite(PixelType type, CompressionAlgorithm algorithm, ReadOnlySpan<long> fortranTiles, int blockSize, bool quantized, bool hasUndefined)
    {
        bool integer = type is PixelType.Byte or PixelType.SByte or PixelType.Int16 or PixelType.UInt16 or PixelType.Int32 or PixelType.UInt32;
        bool floating = type is PixelType.Single or PixelType.Double;
        bool ok = algorithm switch
        {
            CompressionAlgorithm.Rice => (integer || (floating && quantized)) && blockSize >= 1 && blockSize <= RiceEncoder.MaxBlockSize,
            CompressionAlgorithm.Gzip1 or CompressionAlgorithm.Gzip2 =>
                integer || (floating && (quantized || !hasUndefined)),
            _ => false,
        };
        if (!ok)
        {
            return false;
        }

        long pixels = 1;
        foreach (long length in fortranTiles)
        {
            pixels *= length;
            if (pixels > int.MaxValue / 16)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Encodes and writes every tile of the image at <paramref name="pixels"/> into the compressed image HDU that is
    /// <paramref name="handle"/>'s current HDU.
    /// </summary>
    /// <param name="handle">The file, positioned at the compressed image CFITSIO created (its table has one row per tile).</param>
    /// <param name="type">The image's pixel type (see <see cref="CanWrite"/>).</param>
    /// <param name="algorithm">RICE_1, GZIP_1 or GZIP_2.</param>
    /// <param name="pixels">The image, C order.</param>
    /// <param name="shape">The image's shape, C order (slowest axis first).</param>
    /// <param name="fortranTiles">The tile lengths CFITSIO recorded (ZTILEn), FITS order.</param>
    /// <param name="blockSize">The Rice block size CFITSIO recorded (ZVAL1 of BLOCKSIZE); unused for GZIP.</param>
    /// <param name="threads">Most threads to encode on.</param>
    /// <param name="wideDescriptors">Whether COMPRESSED_DATA has 64-bit (Q) descriptors rather than 32-bit (P) ones.</param>
    /// <param name="batchBytes">Pixel bytes encoded before they are written (<see cref="BatchBytes"/> by default).</param>
    /// <param name="at">The file and HDU, for errors.</param>
    /// <exception cref="FitsException">CFITSIO failed to take a batch of tiles.</exception>
    internal static void Write(
        FitsHandle handle, PixelType type, CompressionAlgorithm algorithm, void* pixels, ReadOnlySpan<long> shape, ReadOnlySpan<long> fortranTiles, int blockSize, int threads, bool wideDescriptors, long batchBytes,
        CallContext at)
    {
        var grid = new TileGrid(shape, fortranTiles);
        var coder = new Coder(algorithm, blockSize);
        switch (type)
        {
            case PixelType.Byte: Write<byte>(handle, (byte*)pixels, grid, coder, threads, 0, wideDescriptors, batchBytes, at); break;
            case PixelType.SByte: Write<byte>(handle, (byte*)pixels, grid, coder, threads, 0x80, wideDescriptors, batchBytes, at); break;
            case PixelType.Int16: Write<ushort>(handle, (byte*)pixels, grid, coder, threads, 0, wideDescriptors, batchBytes, at); break;
            case PixelType.UInt16: Write<ushort>(handle, (byte*)pixels, grid, coder, threads, 0x8000, wideDescriptors, batchBytes, at); break;
            case PixelType.Int32: Write<uint>(handle, (byte*)pixels, grid, coder, threads, 0, wideDescriptors, batchBytes, at); break;
            case PixelType.UInt32: Write<uint>(handle, (byte*)pixels, grid, coder, threads, 0x8000_0000, wideDescriptors, batchBytes, at); break;
            case PixelType.Single: Write<uint>(handle, (byte*)pixels, grid, coder, threads, 0, wideDescriptors, batchBytes, at); break;
            case PixelType.Double: Write<ulong>(handle, (byte*)pixels, grid, coder, threads, 0, wideDescriptors, batchBytes, at); break;
            default: throw new NotSupportedException($"{type} tiles are written by CFITSIO.");
        }
    }

    private static void Write<T>(FitsHandle handle, byte* image, TileGrid grid, Coder coder, int threads, uint signFlip, bool wideDescriptors, long batchBytes, CallContext at)
        where T : unmanaged
    {
        int size = Unsafe.SizeOf<T>();
        int maxTile = (int)grid.MaxTilePixels;
        int maxEncoded = coder.MaxEncodedLength(maxTile, size);
        long tilesPerBatch = Math.Max(1, batchBytes / ((long)maxTile * size));
        long tileCount = grid.TileCount;
        int batchTiles = (int)Math.Min(tilesPerBatch, tileCount);

        // One slot of maxEncoded bytes per tile of a batch; the lengths say how much of each slot a tile used.
        byte[] encoded = ArrayPool<byte>.Shared.Rent(checked(batchTiles * maxEncoded));
        int[] lengths = ArrayPool<int>.Shared.Rent(batchTiles);
        try
        {
            for (long first = 0; first < tileCount; first += batchTiles)
            {
                int count = (int)Math.Min(batchTiles, tileCount - first);
                int parts = (count + TilesPerPart - 1) / TilesPerPart;
                long batchFirst = first;
                ParallelParts.Run(parts, threads, part =>
                {
                    T[] scratch = ArrayPool<T>.Shared.Rent(maxTile);
                    byte[]? bytes = coder.Rice ? null : ArrayPool<byte>.Shared.Rent(maxTile * size);
                    try
                    {
                        int end = Math.Min(count, (part + 1) * TilesPerPart);
                        for (int i = part * TilesPerPart; i < end; i++)
                        {
                            Span<T> tile = scratch.AsSpan(0, grid.Gather(batchFirst + i, image, scratch, signFlip));
                            lengths[i] = coder.Encode<T>(tile, bytes, encoded.AsSpan(i * maxEncoded, maxEncoded));
                        }
                    }
                    finally
                    {
                        ArrayPool<T>.Shared.Return(scratch);
                        if (bytes is not null)
                        {
                            ArrayPool<byte>.Shared.Return(bytes);
                        }
                    }
                });

                WriteBatch(handle, first, encoded, maxEncoded, lengths.AsSpan(0, count), wideDescriptors, at);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(encoded);
            ArrayPool<int>.Shared.Return(lengths);
        }
    }

    /// <summary>
    /// Writes a batch of encoded tiles: all their bytes as one variable-length cell of the batch's first row (so
    /// CFITSIO appends them to the heap and counts them in its heap size, as its own per-tile writes would), then every
    /// row's descriptor (length, heap offset; big-endian 32-bit for 'P', 64-bit for 'Q') in one raw table write. The
    /// heap and the descriptors end up exactly as CFITSIO's tile-by-tile <c>ffpcl</c> calls leave them, and CFITSIO
    /// records TFORM1's maximum length and PCOUNT from them when the HDU is closed.
    /// </summary>
    private static void WriteBatch(FitsHandle handle, long first, byte[] encoded, int slot, ReadOnlySpan<int> lengths, bool wide, CallContext at)
    {
        long heapOffset = AppendToHeap(handle, first, encoded, slot, lengths, at);

        int width = wide ? 16 : 8;
        byte[] descriptors = ArrayPool<byte>.Shared.Rent(lengths.Length * width);
        try
        {
            long offset = heapOffset;
            for (int i = 0; i < lengths.Length; i++)
            {
                WriteDescriptor(descriptors.AsSpan(i * width, width), lengths[i], offset, wide);
                offset += lengths[i];
            }

            fixed (byte* table = descriptors)
            {
                CfitsioProxy.WriteTableBytes(handle, first + 1, 1, (long)lengths.Length * width, table, "write the tile descriptors", at);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(descriptors);
        }
    }

    /// <summary>
    /// Packs a batch's coded tiles back to back (slots are <paramref name="slot"/> bytes apart; each moves towards the
    /// start, in place) and appends them to the heap as one variable-length cell of COMPRESSED_DATA in the batch's
    /// first row; returns where CFITSIO put them (the heap offset that row's descriptor now holds).
    /// </summary>
    private static long AppendToHeap(FitsHandle handle, long first, byte[] encoded, int slot, ReadOnlySpan<int> lengths, CallContext at)
    {
        long total = 0;
        for (int i = 0; i < lengths.Length; i++)
        {
            Buffer.BlockCopy(encoded, i * slot, encoded, (int)total, lengths[i]);
            total += lengths[i];
        }

        fixed (byte* bytes = encoded)
        {
            CfitsioProxy.WriteColumn(handle, Cfitsio.TypeByte, 1, first + 1, 1, total, bytes, "append the tiles to the heap", at);
        }

        long length = 0, offset = 0;
        CfitsioProxy.ReadDescriptors(handle, 1, first + 1, 1, &length, &offset, "read the tiles' heap offset", at);
        return offset;
    }

    /// <summary>One tile's coding: the managed Rice encoder, or CFITSIO's gzip of the big-endian (GZIP_2: byte-shuffled) pixels.</summary>
    private readonly struct Coder
    {
        private readonly int _blockSize;
        private readonly bool _shuffle;

        internal Coder(CompressionAlgorithm algorithm, int blockSize)
        {
            Rice = algorithm == CompressionAlgorithm.Rice;
            _shuffle = algorithm == CompressionAlgorithm.Gzip2;
            _blockSize = blockSize;
        }

        internal bool Rice { get; }

        /// <summary>Room for one coded tile: the Rice bound, or deflate's worst case (stored blocks) plus the gzip wrapper.</summary>
        internal int MaxEncodedLength(int pixels, int size) =>
            Rice ? RiceEncoder.MaxEncodedLength(pixels, size, _blockSize) : checked((pixels * size) + ((pixels * size) / 1000) + 1024);

        /// <summary>Codes <paramref name="tile"/> into <paramref name="output"/>; returns the bytes written.</summary>
        internal int Encode<T>(Span<T> tile, byte[]? bytes, Span<byte> output)
            where T : unmanaged
        {
            if (Rice)
            {
                return RiceEncoder.Encode<T>(tile, output, _blockSize);
            }

            // As CFITSIO: swap to big-endian (ffswap2/4/8), GZIP_2 then groups the bytes by significance
            // (fits_shuffle_2/4/8bytes; one-byte pixels are not shuffled), then compress2mem_from_mem.
            int size = Unsafe.SizeOf<T>();
            int length = tile.Length * size;
            Span<byte> raw = bytes.AsSpan(0, length);
            ReadOnlySpan<byte> source = MemoryMarshal.AsBytes((ReadOnlySpan<T>)tile);
            if (size == 1)
            {
                source.CopyTo(raw);
            }
            else if (!_shuffle)
            {
                fixed (byte* from = source)
                fixed (byte* to = raw)
                {
                    Endian.ToBigEndian(from, to, (nuint)tile.Length, size, flipSign: false);
                }
            }
            else
            {
                // Byte k of every value (most significant first) together: little-endian byte size-1-k.
                int count = tile.Length;
                for (int k = 0; k < size; k++)
                {
                    Span<byte> plane = raw.Slice(k * count, count);
                    int from = size - 1 - k;
                    for (int i = 0; i < count; i++)
                    {
                        plane[i] = source[(i * size) + from];
                    }
                }
            }

            fixed (byte* input = raw)
            fixed (byte* target = output)
            {
                byte* buffer = target;
                nuint capacity = (nuint)output.Length;
                nuint written = 0;
                try
                {
                    CfitsioProxy.GzipToMemory(input, (nuint)length, &buffer, &capacity, &NoRealloc, &written, "gzip a tile", default);
                }
                catch (FitsException e)
                {
                    throw new InvalidOperationException($"CFITSIO's gzip failed on a tile of {length} bytes (status {e.Status}).", e);
                }

                if (buffer != target)
                {
                    throw new InvalidOperationException($"CFITSIO's gzip failed on a tile of {length} bytes (status 0).");
                }

                return checked((int)written);
            }
        }

        // The output holds deflate's worst case, so CFITSIO never needs to grow it; were it asked to, it gets nothing
        // (and reports an error) rather than a reallocation of memory it does not own.
        [UnmanagedCallersOnly]
        private static void* NoRealloc(void* pointer, nuint size) => null;
    }

    /// <summary>The tiles of an image (<see cref="TileGeometry"/>) and the gathering of one tile's pixels in FITS order.</summary>
    private sealed class TileGrid(ReadOnlySpan<long> shape, ReadOnlySpan<long> fortranTiles)
    {
        private readonly TileGeometry _geometry = TileGeometry.FromShape(shape, fortranTiles);

        internal long TileCount => _geometry.TileCount;

        internal int Rank => _geometry.Rank;

        internal long MaxTilePixels => _geometry.MaxTilePixels;

        /// <summary>Tile <paramref name="tile"/>'s extents along the FITS axes (edge tiles are shorter).</summary>
        internal void Extents(long tile, Span<long> extent)
        {
            Span<long> origin = stackalloc long[_geometry.Rank];
            _geometry.Locate(tile, origin, extent);
        }

        /// <summary>Copies tile <paramref name="tile"/> (0-based, FITS order) into <paramref name="target"/>; returns its pixel count.</summary>
        internal int Gather<T>(long tile, byte* image, T[] target, uint signFlip)
            where T : unmanaged
        {
            int rank = _geometry.Rank;
            long[] strides = _geometry.Strides;
            Span<long> start = stackalloc long[rank];
            Span<long> extent = stackalloc long[rank];
            long pixels = _geometry.Locate(tile, start, extent);

            // Row by row: the first axis is contiguous; the others advance like an odometer.
            Span<long> row = stackalloc long[rank];
            int width = (int)extent[0];
            T* source = (T*)image;
            int written = 0;
            while (written < pixels)
            {
                long offset = start[0];
                for (int i = 1; i < rank; i++)
                {
                    offset += (start[i] + row[i]) * strides[i];
                }

                Span<T> destination = target.AsSpan(written, width);
                new ReadOnlySpan<T>(source + offset, width).CopyTo(destination);
                if (signFlip != 0)
                {
                    Flip(destination, signFlip);
                }

                written += width;
                for (int i = 1; i < rank && ++row[i] == extent[i]; i++)
                {
                    row[i] = 0;
                }
            }

            return written;
        }

        // The sign bit of the unsigned conventions (only integer pixels of 1, 2 or 4 bytes carry one).
        private static void Flip<T>(Span<T> values, uint signFlip)
            where T : unmanaged
        {
            if (typeof(T) == typeof(byte))
            {
                Xor(MemoryMarshal.Cast<T, byte>(values), (byte)signFlip);
            }
            else if (typeof(T) == typeof(ushort))
            {
                Xor(MemoryMarshal.Cast<T, ushort>(values), (ushort)signFlip);
            }
            else if (typeof(T) == typeof(uint))
            {
                Xor(MemoryMarshal.Cast<T, uint>(values), signFlip);
            }
            else
            {
                throw new NotSupportedException($"{typeof(T).Name} pixels have no sign convention.");
            }
        }

        private static void Xor<TUnit>(Span<TUnit> values, TUnit flip)
            where TUnit : unmanaged, System.Numerics.IBitwiseOperators<TUnit, TUnit, TUnit>
        {
            System.Numerics.Tensors.TensorPrimitives.Xor(values, flip, values);
        }
    }
}
