using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using CfitsioNet.Direct;

namespace CfitsioNet.Tables;

/// <summary>
/// The table direct path's kernel: from a block of raw rows (big-endian, as stored), gathers each wanted column's
/// cells into its destination, byte-swapped to native order with the unsigned convention's sign flip folded in.
/// Pure byte moves (no arithmetic), so every code path gives the same bytes as CFITSIO's natural-type read.
/// </summary>
/// <remarks>
/// Paths, picked per column: a whole-row column (a one-column table) swaps the block in one pass; cells of 16 bytes and
/// more are swapped row by row with <see cref="Endian"/>'s AVX-512/AVX2/SSSE3 shuffles; scalar 4- and 8-byte columns
/// (the common catalog column) use AVX2 hardware gathers of 8 or 4 rows followed by one shuffle when the block is in
/// cache (<see cref="GatherMode.CacheResident"/>); the rest (2-byte and small vector cells, rows streaming from memory)
/// is a scalar loop of <see cref="BinaryPrimitives.ReverseEndianness(ulong)"/>. The host must be little-endian.
/// </remarks>
internal static unsafe class ColumnGather
{
    private static readonly Vector256<byte> s_reverse32 = Vector256.Create((byte)3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12,
                                                                          3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);
    private static readonly Vector256<byte> s_reverse64 = Vector256.Create((byte)7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8,
                                                                          7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8);

    /// <summary>
    /// Gathers <paramref name="column"/> from every whole row in <paramref name="rows"/> into
    /// <paramref name="destination"/> (rows.Length / rowWidth cells, one after another).
    /// </summary>
    /// <exception cref="ArgumentException">The column does not fit in a row, or the destination is too small.</exception>
    internal static void Gather(ReadOnlySpan<byte> rows, int rowWidth, GatherColumn column, Span<byte> destination, GatherMode mode = GatherMode.CacheResident)
    {
        Validate(rowWidth, column);
        int rowCount = rows.Length / rowWidth;
        if (destination.Length < rowCount * column.CellBytes)
        {
            throw new ArgumentException($"The destination holds {destination.Length} bytes; {rowCount} cells of {column.CellBytes} bytes need {rowCount * column.CellBytes}.", nameof(destination));
        }

        fixed (byte* source = rows)
        fixed (byte* target = destination)
        {
            Gather(source, rowWidth, rowCount, column, target, mode);
        }
    }

    /// <summary>
    /// Gathers several columns from one block of rows, each into its own destination (already offset to this block's
    /// first row). The block is read once per column; sized to stay in L2 (docs/tables.md), each pass after the first
    /// reads from the cache.
    /// </summary>
    internal static void GatherBlock(byte* rows, int rowWidth, nint rowCount, ReadOnlySpan<GatherColumn> columns, ReadOnlySpan<nint> destinations,
                                     GatherMode mode = GatherMode.CacheResident)
    {
        for (int c = 0; c < columns.Length; c++)
        {
            Gather(rows, rowWidth, rowCount, columns[c], (byte*)destinations[c], mode);
        }
    }

    /// <summary>Throws unless the column's cell lies inside a row of <paramref name="rowWidth"/> bytes and its element size is 1, 2, 4 or 8.</summary>
    internal static void Validate(int rowWidth, GatherColumn column)
    {
        if (rowWidth <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rowWidth), rowWidth, "A row has at least one byte.");
        }

        if (column.ElementSize is not (1 or 2 or 4 or 8) || column.ElementsPerRow < 0 || column.Offset < 0 || column.Offset + column.CellBytes > rowWidth)
        {
            throw new ArgumentException($"The column (offset {column.Offset}, {column.ElementsPerRow} elements of {column.ElementSize} bytes) does not fit in a row of {rowWidth} bytes.", nameof(column));
        }
    }

    /// <summary>The kernel; the caller has validated the column (<see cref="Validate"/>) and the buffers' sizes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Gather(byte* rows, int rowWidth, nint rowCount, GatherColumn column, byte* destination, GatherMode mode)
    {
        nint cell = (nint)column.CellBytes;
        if (cell == 0 || rowCount <= 0)
        {
            return;
        }

        byte* source = rows + column.Offset;
        bool scalarOnly = mode == GatherMode.ScalarOnly;
        if (cell == rowWidth)
        {
            // The rows are the cells, back to back.
            SwapRun(source, destination, rowCount * column.ElementsPerRow, column.ElementSize, column.FlipSign, scalarOnly);
            return;
        }

        if (cell >= 16 && !scalarOnly)
        {
            for (nint r = 0; r < rowCount; r++)
            {
                SwapRun(source + (r * rowWidth), destination + (r * cell), column.ElementsPerRow, column.ElementSize, column.FlipSign, scalarOnly: false);
            }

            return;
        }

        nint done = 0;
        if (mode == GatherMode.CacheResident && column.ElementsPerRow == 1 && Avx2.IsSupported && rowWidth <= int.MaxValue / 8)
        {
            done = column.ElementSize switch
            {
                4 => Gather32(source, rowWidth, rowCount, destination, column.FlipSign),
                8 => Gather64(source, rowWidth, rowCount, destination, column.FlipSign),
                _ => 0,
            };
        }

        GatherScalar(source + (done * rowWidth), rowWidth, rowCount - done, column, destination + (done * cell));
    }

    // Contiguous elements: Endian's shuffles (AVX-512/AVX2/SSSE3, NEON) or the scalar loop.
    private static void SwapRun(byte* source, byte* destination, nint count, int size, bool flip, bool scalarOnly)
    {
        if (scalarOnly)
        {
            for (nint i = 0; i < count; i++)
            {
                SwapOne(source + (i * size), destination + (i * size), size, flip);
            }

            return;
        }

        switch (size)
        {
            case 1:
                if (flip)
                {
                    Endian.FlipSign8(source, destination, (nuint)count);
                }
                else
                {
                    Buffer.MemoryCopy(source, destination, count, count);
                }

                break;
            case 2: Endian.Swap16(source, destination, (nuint)count, flip); break;
            case 4: Endian.Swap32(source, destination, (nuint)count, flip); break;
            default: Endian.Swap64(source, destination, (nuint)count, flip); break;
        }
    }

    // Eight rows' 4-byte values in one AVX2 gather, swapped by one shuffle; returns the rows done.
    private static nint Gather32(byte* source, int rowWidth, nint rowCount, byte* destination, bool flip)
    {
        Vector256<int> index = Vector256.Create(0, rowWidth, 2 * rowWidth, 3 * rowWidth, 4 * rowWidth, 5 * rowWidth, 6 * rowWidth, 7 * rowWidth);
        Vector256<byte> xor = flip ? Vector256.Create(0x80000000u).AsByte() : default;
        Vector256<byte> reverse = s_reverse32;
        nint r = 0;
        for (; r + 8 <= rowCount; r += 8)
        {
            Vector256<int> values = Avx2.GatherVector256((int*)(source + (r * rowWidth)), index, 1);
            (Avx2.Shuffle(values.AsByte(), reverse) ^ xor).Store(destination + (r * 4));
        }

        return r;
    }

    // Four rows' 8-byte values per AVX2 gather, two gathers per step; returns the rows done.
    private static nint Gather64(byte* source, int rowWidth, nint rowCount, byte* destination, bool flip)
    {
        Vector128<int> index = Vector128.Create(0, rowWidth, 2 * rowWidth, 3 * rowWidth);
        Vector256<byte> xor = flip ? Vector256.Create(0x8000000000000000ul).AsByte() : default;
        Vector256<byte> reverse = s_reverse64;
        nint step = 4 * (nint)rowWidth;
        nint r = 0;
        for (; r + 8 <= rowCount; r += 8)
        {
            byte* at = source + (r * rowWidth);
            Vector256<long> a = Avx2.GatherVector256((long*)at, index, 1);
            Vector256<long> b = Avx2.GatherVector256((long*)(at + step), index, 1);
            (Avx2.Shuffle(a.AsByte(), reverse) ^ xor).Store(destination + (r * 8));
            (Avx2.Shuffle(b.AsByte(), reverse) ^ xor).Store(destination + (r * 8) + 32);
        }

        return r;
    }

    // One element at a time: every size, any cell; the reference the other paths must equal.
    private static void GatherScalar(byte* source, int rowWidth, nint rowCount, GatherColumn column, byte* destination)
    {
        int size = column.ElementSize;
        int count = column.ElementsPerRow;
        bool flip = column.FlipSign;
        if (count == 1)
        {
            // The scalar column: one load, swap and store per row, the loop specialised per size.
            switch (size)
            {
                case 8:
                    ulong x8 = flip ? 0x8000000000000000ul : 0;
                    for (nint r = 0; r < rowCount; r++)
                    {
                        ((ulong*)destination)[r] = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(source + (r * rowWidth))) ^ x8;
                    }

                    return;
                case 4:
                    uint x4 = flip ? 0x80000000u : 0;
                    for (nint r = 0; r < rowCount; r++)
                    {
                        ((uint*)destination)[r] = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(source + (r * rowWidth))) ^ x4;
                    }

                    return;
                case 2:
                    ushort x2 = flip ? (ushort)0x8000 : (ushort)0;
                    for (nint r = 0; r < rowCount; r++)
                    {
                        ((ushort*)destination)[r] = (ushort)(BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ushort>(source + (r * rowWidth))) ^ x2);
                    }

                    return;
                default:
                    byte x1 = flip ? (byte)0x80 : (byte)0;
                    for (nint r = 0; r < rowCount; r++)
                    {
                        destination[r] = (byte)(source[r * rowWidth] ^ x1);
                    }

                    return;
            }
        }

        nint cell = (nint)size * count;
        for (nint r = 0; r < rowCount; r++)
        {
            byte* from = source + (r * rowWidth);
            byte* to = destination + (r * cell);
            for (int k = 0; k < count; k++)
            {
                SwapOne(from + (k * size), to + (k * size), size, flip);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SwapOne(byte* from, byte* to, int size, bool flip)
    {
        switch (size)
        {
            case 8:
                Unsafe.WriteUnaligned(to, BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(from)) ^ (flip ? 0x8000000000000000ul : 0));
                break;
            case 4:
                Unsafe.WriteUnaligned(to, BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(from)) ^ (flip ? 0x80000000u : 0));
                break;
            case 2:
                Unsafe.WriteUnaligned(to, (ushort)(BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ushort>(from)) ^ (flip ? 0x8000 : 0)));
                break;
            default:
                *to = (byte)(*from ^ (flip ? 0x80 : 0));
                break;
        }
    }
}
