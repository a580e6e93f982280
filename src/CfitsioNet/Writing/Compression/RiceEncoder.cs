using System;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CfitsioNet.Compression;

/// <summary>
/// Encodes one RICE_1 tile with the bytes CFITSIO's <c>fits_rcomp_byte</c>, <c>fits_rcomp_short</c> and
/// <c>fits_rcomp</c> produce, using a 64-bit bit buffer that emits 32 bits at a time and one write per Rice code,
/// instead of CFITSIO's byte-at-a-time output.
/// </summary>
/// <remarks>
/// <para>The stream (the decoder's remarks in <c>Direct/RiceDecoder.cs</c> describe it from the other side): the first
/// pixel raw, big-endian; then per block of <c>blockSize</c> pixels the differences of adjacent pixels, taken modulo
/// the pixel width and mapped to unsigned values (0, -1, 1, -2, ... as 0, 1, 2, 3, ...; the first difference is 0).
/// The block's split level fs is the bit length of <c>floor((sum - blockLength / 2 - 1) / blockLength) / 2</c>
/// (CFITSIO divides in double precision; for the block sizes accepted here the two agree exactly). At fs &gt;= fsmax
/// (6, 14, 25 for 1, 2, 4 bytes) the block is stored raw after the code fsmax + 1; an all-zero block is the code 0;
/// otherwise the code fs + 1 and per difference d: d &gt;&gt; fs zeros, a one, and the fs low bits of d. Codes are 3, 4 or
/// 5 bits wide. The last byte is padded with zero bits.</para>
/// <para>CFITSIO's encoder writes into a buffer of <c>2n + n / blockSize + 6</c> bytes (16-bit) or
/// <c>4n + n / blockSize + 6</c> and fails when a block ends past it, which a pathological tile can make happen;
/// this encoder takes a buffer of <see cref="MaxEncodedLength"/> bytes and never fails.</para>
/// </remarks>
internal static unsafe class RiceEncoder
{
    /// <summary>Largest block size accepted: sums stay exact and match CFITSIO's double-precision arithmetic.</summary>
    internal const int MaxBlockSize = 1 << 16;

    /// <summary>Bytes <see cref="Encode(ReadOnlySpan{ushort}, Span{byte}, int)"/> may need for <paramref name="pixels"/> pixels.</summary>
    /// <param name="pixels">Pixels in the tile.</param>
    /// <param name="bytePix">Bytes per pixel: 1, 2 or 4.</param>
    /// <param name="blockSize">Pixels per coding block.</param>
    internal static int MaxEncodedLength(int pixels, int bytePix, int blockSize)
    {
        // Per block after its code: at most blockLength * (fsmax + 2) + blockLength / 2 + 1 bits in the Rice case
        // (its sum bounds the zeros), blockLength * 8 * bytePix raw; plus the first pixel and 8 bytes of slack.
        long blocks = ((long)pixels + blockSize - 1) / blockSize;
        int perPixel = Math.Max(FsMax(bytePix) + 2, bytePix * 8);
        long bits = ((long)pixels * perPixel) + (blocks * (5 + 1 + 1)) + ((long)pixels / 2);
        long bytes = bytePix + ((bits + 7) / 8) + 8;
        return bytes > int.MaxValue ? throw new ArgumentOutOfRangeException(nameof(pixels), pixels, "The tile is too large to Rice-encode.") : (int)bytes;
    }

    /// <summary>Encodes 1-byte pixels (BYTEPIX 1) as <c>fits_rcomp_byte</c>; returns the bytes written.</summary>
    internal static int Encode(ReadOnlySpan<byte> pixels, Span<byte> output, int blockSize) => Encode<byte>(pixels, output, blockSize);

    /// <summary>Encodes 2-byte pixels (BYTEPIX 2, the bits of int16 values) as <c>fits_rcomp_short</c>; returns the bytes written.</summary>
    internal static int Encode(ReadOnlySpan<ushort> pixels, Span<byte> output, int blockSize) => Encode<ushort>(pixels, output, blockSize);

    /// <summary>Encodes 4-byte pixels (BYTEPIX 4, the bits of int32 values) as <c>fits_rcomp</c>; returns the bytes written.</summary>
    internal static int Encode(ReadOnlySpan<uint> pixels, Span<byte> output, int blockSize) => Encode<uint>(pixels, output, blockSize);

    private static int FsMax(int bytePix) => bytePix == 1 ? 6 : bytePix == 2 ? 14 : 25;

    /// <summary>Encodes pixels of 1, 2 or 4 bytes (<typeparamref name="T"/> byte, ushort or uint); returns the bytes written.</summary>
    internal static int Encode<T>(ReadOnlySpan<T> pixels, Span<byte> output, int blockSize)
        where T : unmanaged
    {
        int bytePix = Unsafe.SizeOf<T>();
        if (blockSize < 1 || blockSize > MaxBlockSize)
        {
            throw new ArgumentOutOfRangeException(nameof(blockSize), blockSize, $"Rice block sizes run from 1 to {MaxBlockSize}.");
        }

        if (pixels.IsEmpty)
        {
            throw new ArgumentException("A Rice tile has at least one pixel.", nameof(pixels));
        }

        if (output.Length < MaxEncodedLength(pixels.Length, bytePix, blockSize))
        {
            throw new ArgumentException("The output is shorter than MaxEncodedLength.", nameof(output));
        }

        fixed (byte* target = output)
        {
            return Encode(ref MemoryMarshal.GetReference(pixels), pixels.Length, target, blockSize);
        }
    }

    private static int Encode<T>(ref T source, int count, byte* target, int blockSize)
        where T : unmanaged
    {
        int bytePix = Unsafe.SizeOf<T>();
        int fsBits = bytePix == 1 ? 3 : bytePix == 2 ? 4 : 5;
        int fsMax = FsMax(bytePix);
        int rawBits = bytePix * 8;
        int shift = 32 - rawBits; // differences are taken in the top bits of a 32-bit word, so they wrap at the pixel width

        var writer = new BitWriter(target);
        uint last = ToUInt(source);
        writer.Put(last, rawBits);

        // The mapped differences of a block, kept from the pass that sums them (recomputed for blocks above 256).
        int kept = Math.Min(blockSize, 256);
        uint* mapped = stackalloc uint[kept];
        for (int start = 0; start < count; start += blockSize)
        {
            int length = Math.Min(blockSize, count - start);
            bool keep = length <= kept;
            ref T block = ref Unsafe.Add(ref source, start);

            // Pass 1: the block's sum of mapped differences decides fs.
            ulong sum = 0;
            uint previous = last;
            for (int j = 0; j < length; j++)
            {
                uint next = ToUInt(Unsafe.Add(ref block, j));
                uint d = Map(next, previous, shift);
                previous = next;
                sum += d;
                if (keep)
                {
                    mapped[j] = d;
                }
            }

            ulong half = (ulong)(length / 2) + 1;
            uint split = sum <= half ? 0u : (uint)((sum - half) / (ulong)length) >> 1;
            int fs = 32 - BitOperations.LeadingZeroCount(split);
            if (fs >= fsMax)
            {
                // High entropy: each difference raw.
                writer.Put((uint)(fsMax + 1), fsBits);
                int j = 0;
                if (keep && rawBits < 32)
                {
                    // Two or four differences per 32-bit store.
                    int perWord = 32 / rawBits;
                    for (; j + perWord <= length; j += perWord)
                    {
                        uint word = 0;
                        for (int k = 0; k < perWord; k++)
                        {
                            word = (word << rawBits) | mapped[j + k];
                        }

                        writer.Put(word, 32);
                    }
                }

                for (; j < length; j++)
                {
                    writer.Put(keep ? mapped[j] : MapAt(ref source, start + j, shift), rawBits);
                }
            }
            else if (sum == 0)
            {
                // Low entropy: every difference zero.
                writer.Put(0, fsBits);
            }
            else
            {
                writer.Put((uint)(fs + 1), fsBits);
                uint lead = 1u << fs;
                uint lowMask = lead - 1;
                for (int j = 0; j < length; j++)
                {
                    uint d = keep ? mapped[j] : MapAt(ref source, start + j, shift);
                    int zeros = (int)(d >> fs);
                    uint code = lead | (d & lowMask);
                    if (zeros + 1 + fs <= 32)
                    {
                        writer.Put(code, zeros + 1 + fs);
                    }
                    else
                    {
                        writer.PutZeros(zeros);
                        writer.Put(code, 1 + fs);
                    }
                }
            }

            last = previous;
        }

        return writer.Finish();
    }

    /// <summary>The mapped difference of pixel <paramref name="index"/> from its predecessor (0 for the first pixel).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint MapAt<T>(ref T source, int index, int shift)
        where T : unmanaged =>
        index == 0 ? 0u : Map(ToUInt(Unsafe.Add(ref source, index)), ToUInt(Unsafe.Add(ref source, index - 1)), shift);

    /// <summary>CFITSIO's mapping of a difference taken in the pixel width: d &gt;= 0 as 2d, d &lt; 0 as -2d - 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Map(uint next, uint previous, int shift)
    {
        int difference = (int)((next - previous) << shift) >> shift; // sign-extended from the pixel width
        return (uint)((difference << 1) ^ (difference >> 31)) & (uint.MaxValue >> shift);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ToUInt<T>(T value)
        where T : unmanaged =>
        Unsafe.SizeOf<T>() == 1 ? Unsafe.As<T, byte>(ref value) : Unsafe.SizeOf<T>() == 2 ? Unsafe.As<T, ushort>(ref value) : Unsafe.As<T, uint>(ref value);

    /// <summary>Most-significant-bit-first output: pending bits right-aligned in a 64-bit word, stored 32 at a time.</summary>
    private struct BitWriter
    {
        private readonly byte* _start;
        private byte* _next;
        private ulong _pending;
        private int _count;

        internal BitWriter(byte* output)
        {
            _start = output;
            _next = output;
        }

        /// <summary>Appends the low <paramref name="width"/> bits of <paramref name="value"/> (width 0 to 32; no bits of value above width).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal void Put(uint value, int width)
        {
            _pending = (_pending << width) | value;
            _count += width;
            if (_count >= 32)
            {
                _count -= 32;
                Unsafe.WriteUnaligned(_next, BinaryPrimitives.ReverseEndianness((uint)(_pending >> _count)));
                _next += 4;
            }
        }

        /// <summary>Appends <paramref name="zeros"/> zero bits.</summary>
        internal void PutZeros(int zeros)
        {
            while (zeros > 32)
            {
                Put(0, 32);
                zeros -= 32;
            }

            Put(0, zeros);
        }

        /// <summary>Stores the pending bits, the last byte padded with zeros; returns the bytes written.</summary>
        internal int Finish()
        {
            while (_count > 0)
            {
                int take = Math.Min(8, _count);
                _count -= take;
                *_next++ = (byte)((_pending >> _count) << (8 - take));
            }

            return (int)(_next - _start);
        }
    }
}
