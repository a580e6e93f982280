using System;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CfitsioNet.Direct;

/// <summary>
/// Decodes one RICE_1 tile (the tile-compression convention's Rice coding, as CFITSIO's <c>fits_rdecomp_byte</c>,
/// <c>fits_rdecomp_short</c> and <c>fits_rdecomp</c> decode it) with a 64-bit bit buffer and a leading-zero count for
/// the unary part, instead of CFITSIO's byte-at-a-time reads and table lookups.
/// </summary>
/// <remarks>
/// <para>The stream: the first pixel raw (big-endian, 1, 2 or 4 bytes); then per block of <c>blockSize</c> pixels an
/// FS code of 3, 4 or 5 bits. Code 0: every difference in the block is zero. Code <c>fsmax + 1</c> (7, 15, 25 + 1):
/// each difference is stored raw in 8, 16 or 32 bits. Otherwise <c>fs = code - 1</c> and each difference is a unary
/// count of zeros ended by a one, followed by <c>fs</c> low bits. A difference d maps back as d/2 when even,
/// ~(d/2) when odd, and is added to the previous pixel (modulo the pixel width).</para>
/// <para>Identity with CFITSIO: CFITSIO reads the bytes lazily, so after every block its byte pointer is at
/// ceil(bits consumed / 8), and it fails (status 1) when that passes the end of the input. The bits consumed only
/// grow, so CFITSIO succeeds exactly when the bits consumed by the whole tile fit in the input; this decoder checks
/// that once at the end (and stops early when a run of zeros passes the end, where CFITSIO would read outside its
/// buffer). Bytes past the input are never read: the bit buffer is filled with zeros there. Inputs CFITSIO decodes
/// with undefined C behaviour are refused: an FS above fsmax (only possible for 4-byte pixels, where CFITSIO's
/// 32-bit bit buffer overflows), a block size below 1 (CFITSIO loops forever), runs of zeros over 2^31 bits.
/// The 32-bit wrap of CFITSIO's <c>nzero &lt;&lt; fs</c> is kept.</para>
/// </remarks>
internal static class RiceDecoder
{
    /// <summary>Decodes a tile of 1-byte pixels (BYTEPIX 1), as <c>fits_rdecomp_byte</c>; false where it fails or might differ.</summary>
    internal static bool TryDecode(ReadOnlySpan<byte> input, Span<byte> output, int blockSize, byte xorMask = 0) =>
        TryDecode<byte>(input, output, blockSize, xorMask);

    /// <summary>Decodes a tile of 2-byte pixels (BYTEPIX 2), as <c>fits_rdecomp_short</c>; false where it fails or might differ.</summary>
    internal static bool TryDecode(ReadOnlySpan<byte> input, Span<ushort> output, int blockSize, ushort xorMask = 0) =>
        TryDecode<ushort>(input, output, blockSize, xorMask);

    /// <summary>Decodes a tile of 4-byte pixels (BYTEPIX 4), as <c>fits_rdecomp</c>; false where it fails or might differ.</summary>
    internal static bool TryDecode(ReadOnlySpan<byte> input, Span<uint> output, int blockSize, uint xorMask = 0) =>
        TryDecode<uint>(input, output, blockSize, xorMask);

    /// <summary>
    /// Decodes <paramref name="input"/> into every pixel of <paramref name="output"/>, each XORed with
    /// <paramref name="xorMask"/> as it is stored (the sign-bit flip of the unsigned conventions; 0 for none).
    /// </summary>
    private static bool TryDecode<T>(ReadOnlySpan<byte> input, Span<T> output, int blockSize, T xorMask)
        where T : unmanaged
    {
        int bytePix = Unsafe.SizeOf<T>();
        int fsBits = bytePix == 1 ? 3 : bytePix == 2 ? 4 : 5;
        int fsMax = bytePix == 1 ? 6 : bytePix == 2 ? 14 : 25;
        int rawBits = bytePix * 8;
        int length = input.Length;
        if (blockSize < 1 || length < bytePix || output.IsEmpty)
        {
            // Fewer bytes than the first pixel: CFITSIO reads past its buffer and then fails at the first block.
            return false;
        }

        ref byte source = ref MemoryMarshal.GetReference(input);
        ref T target = ref MemoryMarshal.GetReference(output);
        uint mask = ToUInt(xorMask);
        uint last = bytePix == 1 ? input[0] : bytePix == 2 ? BinaryPrimitives.ReadUInt16BigEndian(input) : BinaryPrimitives.ReadUInt32BigEndian(input);

        // The bit buffer: the next stream bit is the top bit of `bits`; `count` of them are valid; `position` is the
        // next byte to load. Bits below `count` may already hold the following stream bits (never wrong ones).
        ulong bits = 0;
        int count = 0;
        long position = bytePix;
        int pixels = output.Length;
        int i = 0;
        while (i < pixels)
        {
            Refill(ref source, length, ref bits, ref count, ref position);
            int fs = (int)(bits >> (64 - fsBits)) - 1;
            bits <<= fsBits;
            count -= fsBits;
            int end = (int)Math.Min((long)i + blockSize, pixels);
            if (fs < 0)
            {
                // Low entropy: every difference is zero.
                Fill(ref target, i, end - i, From<T>(last ^ mask));
                i = end;
            }
            else if (fs == fsMax)
            {
                // High entropy: each difference stored raw.
                for (; i < end; i++)
                {
                    if (count < rawBits)
                    {
                        Refill(ref source, length, ref bits, ref count, ref position);
                    }

                    uint diff = (uint)(bits >> (64 - rawBits));
                    bits <<= rawBits;
                    count -= rawBits;
                    last += (diff >> 1) ^ (0u - (diff & 1));
                    Unsafe.Add(ref target, i) = From<T>(last ^ mask);
                }
            }
            else if (fs > fsMax)
            {
                return false; // only 5-bit codes reach here; CFITSIO's 32-bit buffer overflows on them
            }
            else
            {
                // Rice codes: zeros, a one, fs low bits.
                uint lead = 1u << fs;
                for (; i < end; i++)
                {
                    // The buffer is topped up only when the code does not fit in its valid bits (every 5-7 pixels).
                    int zeros = BitOperations.LeadingZeroCount(bits);
                    int used = zeros + 1 + fs;
                    if (used > count)
                    {
                        Refill(ref source, length, ref bits, ref count, ref position);
                        zeros = BitOperations.LeadingZeroCount(bits);
                        used = zeros + 1 + fs;
                    }

                    uint diff;
                    if (used <= count)
                    {
                        // The code is the top `used` bits (at most 63): zeros, a one, fs low bits.
                        diff = ((uint)zeros << fs) | ((uint)(bits >> (64 - used)) ^ lead);
                        bits <<= used;
                        count -= used;
                    }
                    else if (!TryReadLongCode(ref source, length, ref bits, ref count, ref position, fs, out diff))
                    {
                        return false;
                    }

                    last += (diff >> 1) ^ (0u - (diff & 1));
                    Unsafe.Add(ref target, i) = From<T>(last ^ mask);
                }
            }
        }

        // CFITSIO's check, once: every bit consumed lies within the input.
        return (position * 8) - count <= (long)length * 8;
    }

    // A code whose zeros run past the bit buffer: count them a buffer at a time.
    private static bool TryReadLongCode(ref byte source, int length, ref ulong bits, ref int count, ref long position, int fs, out uint diff)
    {
        diff = 0;
        long zeros = 0;
        while (true)
        {
            int run = count == 0 ? 0 : Math.Min(BitOperations.LeadingZeroCount(bits), count);
            if (run < count)
            {
                zeros += run;
                bits <<= run;
                bits <<= 1;
                count -= run + 1;
                break;
            }

            // Every valid bit is zero: take them all and load more.
            zeros += count;
            bits = 0;
            count = 0;
            if (zeros > int.MaxValue - 64 || (position * 8) - count > (long)length * 8)
            {
                return false; // past the end: CFITSIO reads outside its buffer here and fails at the block's end
            }

            Refill(ref source, length, ref bits, ref count, ref position);
        }

        if (count < fs)
        {
            Refill(ref source, length, ref bits, ref count, ref position);
        }

        uint low = (uint)((bits >> 1) >> (63 - fs));
        bits <<= fs;
        count -= fs;

        // CFITSIO computes (int)nzero << fs in 32 bits.
        diff = unchecked(((uint)zeros << fs) | low);
        return true;
    }

    /// <summary>Tops the buffer up to 56-63 valid bits: 8 bytes at once inside the input, zeros past its end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Refill(ref byte source, int length, ref ulong bits, ref int count, ref long position)
    {
        if (position <= length - 8)
        {
            ulong word = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, (nint)position)));
            bits |= word >> count;
            int bytes = (63 - count) >> 3;
            position += bytes;
            count += bytes * 8;
            return;
        }

        while (count <= 55)
        {
            ulong value = position < length ? Unsafe.Add(ref source, (nint)position) : 0UL;
            bits |= value << (56 - count);
            position++;
            count += 8;
        }
    }

    private static void Fill<T>(ref T target, int start, int length, T value)
        where T : unmanaged =>
        MemoryMarshal.CreateSpan(ref Unsafe.Add(ref target, start), length).Fill(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ToUInt<T>(T value)
        where T : unmanaged =>
        Unsafe.SizeOf<T>() == 1 ? Unsafe.As<T, byte>(ref value) : Unsafe.SizeOf<T>() == 2 ? Unsafe.As<T, ushort>(ref value) : Unsafe.As<T, uint>(ref value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T From<T>(uint value)
        where T : unmanaged
    {
        if (Unsafe.SizeOf<T>() == 1)
        {
            byte b = (byte)value;
            return Unsafe.As<byte, T>(ref b);
        }

        if (Unsafe.SizeOf<T>() == 2)
        {
            ushort s = (ushort)value;
            return Unsafe.As<ushort, T>(ref s);
        }

        return Unsafe.As<uint, T>(ref value);
    }
}
