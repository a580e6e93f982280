using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace CfitsioNet.Direct;

/// <summary>
/// Vectorised kernels that turn FITS big-endian data into native values, with the FITS conventions folded into the
/// same pass: the unsigned conventions (BZERO = 2^(n-1)) as an XOR of the sign bit, and BSCALE/BZERO/BLANK scaling to
/// float or double. Each kernel computes exactly what CFITSIO's conversion routines compute (getcol*.c), element by
/// element, in the same order of floating-point operations, so the results are bit-identical.
/// </summary>
/// <remarks>
/// Source and destination may be the same address (in place) when source and destination elements have the same
/// size; otherwise they must not overlap. Counts are in elements. The host must be little-endian.
/// </remarks>
internal static unsafe partial class Endian
{
    // pshufb works within 16-byte lanes, so one 16-byte pattern per element size serves every vector width.
    private static readonly Vector128<byte> s_reverse16 = Vector128.Create((byte)1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14);
    private static readonly Vector128<byte> s_reverse32 = Vector128.Create((byte)3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);
    private static readonly Vector128<byte> s_reverse64 = Vector128.Create((byte)7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8);
    private static readonly Vector128<byte> s_sign16 = SignPattern(2);
    private static readonly Vector128<byte> s_sign32 = SignPattern(4);
    private static readonly Vector128<byte> s_sign64 = SignPattern(8);

    /// <summary>BITPIX 8 with BZERO -128 to <c>sbyte</c>: XOR 0x80 (CFITSIO <c>fffi1s1</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // optimised from the first call: small reads never wait for tiering
    internal static void FlipSign8(byte* source, byte* destination, nuint count)
    {
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<byte> sign = Vector512.Create((byte)0x80);
            for (; i + 64 <= count; i += 64)
            {
                (Vector512.Load(source + i) ^ sign).Store(destination + i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<byte> sign = Vector256.Create((byte)0x80);
            for (; i + 32 <= count; i += 32)
            {
                (Vector256.Load(source + i) ^ sign).Store(destination + i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<byte> sign = Vector128.Create((byte)0x80);
            for (; i + 16 <= count; i += 16)
            {
                (Vector128.Load(source + i) ^ sign).Store(destination + i);
            }
        }

        for (; i < count; i++)
        {
            destination[i] = (byte)(source[i] ^ 0x80);
        }
    }

    /// <summary>16-bit big-endian to native; with <paramref name="flipSign"/>, also XOR 0x8000 (BZERO 32768 to <c>ushort</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Swap16(byte* source, byte* destination, nuint count, bool flipSign)
    {
        nuint done = Shuffle(source, destination, count * 2, s_reverse16, flipSign ? s_sign16 : default) / 2;
        ushort xor = flipSign ? (ushort)0x8000 : (ushort)0;
        for (nuint i = done; i < count; i++)
        {
            ((ushort*)destination)[i] = (ushort)(BinaryPrimitives.ReverseEndianness(((ushort*)source)[i]) ^ xor);
        }
    }

    /// <summary>32-bit big-endian to native; with <paramref name="flipSign"/>, also XOR 0x80000000 (BZERO 2^31 to <c>uint</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Swap32(byte* source, byte* destination, nuint count, bool flipSign)
    {
        nuint done = Shuffle(source, destination, count * 4, s_reverse32, flipSign ? s_sign32 : default) / 4;
        uint xor = flipSign ? 0x80000000u : 0u;
        for (nuint i = done; i < count; i++)
        {
            ((uint*)destination)[i] = BinaryPrimitives.ReverseEndianness(((uint*)source)[i]) ^ xor;
        }
    }

    /// <summary>64-bit big-endian to native; with <paramref name="flipSign"/>, also XOR the sign bit (BZERO 2^63 to <c>ulong</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Swap64(byte* source, byte* destination, nuint count, bool flipSign)
    {
        nuint done = Shuffle(source, destination, count * 8, s_reverse64, flipSign ? s_sign64 : default) / 8;
        ulong xor = flipSign ? 0x8000000000000000ul : 0ul;
        for (nuint i = done; i < count; i++)
        {
            ((ulong*)destination)[i] = BinaryPrimitives.ReverseEndianness(((ulong*)source)[i]) ^ xor;
        }
    }

    /// <summary>
    /// BITPIX 8 scaled to float: <c>(float)(value * scale + zero)</c> in double precision, and <paramref name="nullValue"/>
    /// where the stored byte equals <paramref name="blank"/> (CFITSIO <c>fffi1r4</c>). A <paramref name="blank"/> outside
    /// 0..255 never matches, as in CFITSIO.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void UInt8ToSingle(byte* source, float* destination, nuint count, double scale, double zero, long? blank, float nullValue)
    {
        bool checkBlank = blank is >= 0 and <= 255;
        int blankValue = checkBlank ? (int)blank!.Value : 0;
        nuint i = 0;
        if (Avx2.IsSupported)
        {
            Vector256<double> scaleV = Vector256.Create(scale);
            Vector256<double> zeroV = Vector256.Create(zero);
            Vector256<int> blankV = Vector256.Create(blankValue);
            Vector256<float> nullV = Vector256.Create(nullValue);
            for (; i + 8 <= count; i += 8)
            {
                Vector256<int> stored = Avx2.ConvertToVector256Int32(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(source + i)).AsByte());
                Vector256<float> result = ScaleToSingle(stored, scaleV, zeroV);
                if (checkBlank)
                {
                    result = Avx.BlendVariable(result, nullV, Avx2.CompareEqual(stored, blankV).AsSingle());
                }

                result.Store(destination + i);
            }
        }

        for (; i < count; i++)
        {
            byte stored = source[i];
            destination[i] = checkBlank && stored == blankValue ? nullValue : (float)(stored * scale + zero);
        }
    }

    /// <summary>
    /// BITPIX 16 scaled to float: <c>(float)(value * scale + zero)</c> in double precision, and <paramref name="nullValue"/>
    /// where the stored value equals <paramref name="blank"/> (CFITSIO <c>fffi2r4</c>). A <paramref name="blank"/> outside
    /// the 16-bit range never matches, as in CFITSIO.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Int16ToSingle(byte* source, float* destination, nuint count, double scale, double zero, long? blank, float nullValue)
    {
        bool checkBlank = blank is >= short.MinValue and <= short.MaxValue;
        int blankValue = checkBlank ? (int)blank!.Value : 0;
        nuint i = 0;
        if (Avx2.IsSupported)
        {
            Vector256<double> scaleV = Vector256.Create(scale);
            Vector256<double> zeroV = Vector256.Create(zero);
            Vector256<int> blankV = Vector256.Create(blankValue);
            Vector256<float> nullV = Vector256.Create(nullValue);
            Vector128<byte> reverse = s_reverse16;
            for (; i + 8 <= count; i += 8)
            {
                Vector128<short> swapped = Ssse3.Shuffle(Vector128.Load(source + (i * 2)), reverse).AsInt16();
                Vector256<int> stored = Avx2.ConvertToVector256Int32(swapped);
                Vector256<float> result = ScaleToSingle(stored, scaleV, zeroV);
                if (checkBlank)
                {
                    result = Avx.BlendVariable(result, nullV, Avx2.CompareEqual(stored, blankV).AsSingle());
                }

                result.Store(destination + i);
            }
        }

        for (; i < count; i++)
        {
            short stored = BinaryPrimitives.ReverseEndianness(((short*)source)[i]);
            destination[i] = checkBlank && stored == blankValue ? nullValue : (float)(stored * scale + zero);
        }
    }

    /// <summary>
    /// BITPIX 32 scaled to double: <c>value * scale + zero</c>, and <paramref name="nullValue"/> where the stored value
    /// equals <paramref name="blank"/> (CFITSIO <c>fffi4r8</c>). <paramref name="blank"/> must be null or in the 32-bit range.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Int32ToDouble(byte* source, double* destination, nuint count, double scale, double zero, long? blank, double nullValue)
    {
        if (blank is < int.MinValue or > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(blank), "CFITSIO truncates a 32-bit BLANK outside the int range; such images are not converted here.");
        }

        bool checkBlank = blank is not null;
        int blankValue = checkBlank ? (int)blank!.Value : 0;
        nuint i = 0;
        if (Avx2.IsSupported)
        {
            Vector256<double> scaleV = Vector256.Create(scale);
            Vector256<double> zeroV = Vector256.Create(zero);
            Vector128<int> blankV = Vector128.Create(blankValue);
            Vector256<double> nullV = Vector256.Create(nullValue);
            Vector128<byte> reverse = s_reverse32;
            for (; i + 4 <= count; i += 4)
            {
                Vector128<int> stored = Ssse3.Shuffle(Vector128.Load(source + (i * 4)), reverse).AsInt32();
                Vector256<double> result = Avx.Add(Avx.Multiply(Avx.ConvertToVector256Double(stored), scaleV), zeroV);
                if (checkBlank)
                {
                    Vector256<double> isBlank = Avx2.ConvertToVector256Int64(Sse2.CompareEqual(stored, blankV)).AsDouble();
                    result = Avx.BlendVariable(result, nullV, isBlank);
                }

                result.Store(destination + i);
            }
        }

        for (; i < count; i++)
        {
            int stored = BinaryPrimitives.ReverseEndianness(((int*)source)[i]);
            destination[i] = checkBlank && stored == blankValue ? nullValue : stored * scale + zero;
        }
    }

    /// <summary>BITPIX -32 scaled: <c>(float)(value * scale + zero)</c> in double precision (CFITSIO <c>fffr4r4</c> without null checks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SingleToSingle(byte* source, float* destination, nuint count, double scale, double zero)
    {
        nuint i = 0;
        if (Avx2.IsSupported)
        {
            Vector256<double> scaleV = Vector256.Create(scale);
            Vector256<double> zeroV = Vector256.Create(zero);
            Vector128<byte> reverse = s_reverse32;
            for (; i + 4 <= count; i += 4)
            {
                Vector128<float> stored = Ssse3.Shuffle(Vector128.Load(source + (i * 4)), reverse).AsSingle();
                Vector256<double> result = Avx.Add(Avx.Multiply(Avx.ConvertToVector256Double(stored), scaleV), zeroV);
                Avx.ConvertToVector128Single(result).Store(destination + i);
            }
        }

        for (; i < count; i++)
        {
            float stored = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReverseEndianness(((int*)source)[i]));
            destination[i] = (float)(stored * scale + zero);
        }
    }

    /// <summary>BITPIX -64 scaled: <c>value * scale + zero</c> (CFITSIO <c>fffr8r8</c> without null checks). In place is allowed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void DoubleToDouble(byte* source, double* destination, nuint count, double scale, double zero)
    {
        nuint i = 0;
        if (Avx2.IsSupported)
        {
            Vector256<double> scaleV = Vector256.Create(scale);
            Vector256<double> zeroV = Vector256.Create(zero);
            Vector256<byte> reverse = Vector256.Create(s_reverse64, s_reverse64);
            for (; i + 4 <= count; i += 4)
            {
                Vector256<double> stored = Avx2.Shuffle(Vector256.Load(source + (i * 8)), reverse).AsDouble();
                Avx.Add(Avx.Multiply(stored, scaleV), zeroV).Store(destination + i);
            }
        }

        for (; i < count; i++)
        {
            double stored = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReverseEndianness(((long*)source)[i]));
            destination[i] = stored * scale + zero;
        }
    }

    // Two values widened to double, scaled, and narrowed back to float: the exact operations of (float)(v * scale + zero).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ScaleToSingle(Vector256<int> stored, Vector256<double> scale, Vector256<double> zero)
    {
        Vector256<double> low = Avx.Add(Avx.Multiply(Avx.ConvertToVector256Double(stored.GetLower()), scale), zero);
        Vector256<double> high = Avx.Add(Avx.Multiply(Avx.ConvertToVector256Double(stored.GetUpper()), scale), zero);
        return Vector256.Create(Avx.ConvertToVector128Single(low), Avx.ConvertToVector128Single(high));
    }

    // The bytes to XOR after the swap so that the native value's sign bit flips: the last byte of each element.
    // The sign bit's byte of each element: the last in native (little-endian) order, the first in big-endian order.
    private static Vector128<byte> SignPattern(int elementSize, bool bigEndian = false)
    {
        Span<byte> pattern = stackalloc byte[16];
        for (int j = bigEndian ? 0 : elementSize - 1; j < 16; j += elementSize)
        {
            pattern[j] = 0x80;
        }

        return Vector128.Create((ReadOnlySpan<byte>)pattern);
    }

    // Applies a byte permutation within each element (and an XOR) to whole vectors; returns how many bytes it did.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static nuint Shuffle(byte* source, byte* destination, nuint byteCount, Vector128<byte> pattern, Vector128<byte> xor)
    {
        nuint i = 0;
        if (Avx512BW.IsSupported && byteCount >= 64)
        {
            Vector512<byte> mask = Vector512.Create(Vector256.Create(pattern, pattern), Vector256.Create(pattern, pattern));
            Vector512<byte> flip = Vector512.Create(Vector256.Create(xor, xor), Vector256.Create(xor, xor));
            for (; i + 128 <= byteCount; i += 128)
            {
                Vector512<byte> a = Vector512.Load(source + i);
                Vector512<byte> b = Vector512.Load(source + i + 64);
                (Avx512BW.Shuffle(a, mask) ^ flip).Store(destination + i);
                (Avx512BW.Shuffle(b, mask) ^ flip).Store(destination + i + 64);
            }

            for (; i + 64 <= byteCount; i += 64)
            {
                (Avx512BW.Shuffle(Vector512.Load(source + i), mask) ^ flip).Store(destination + i);
            }
        }

        if (Avx2.IsSupported)
        {
            Vector256<byte> mask = Vector256.Create(pattern, pattern);
            Vector256<byte> flip = Vector256.Create(xor, xor);
            for (; i + 64 <= byteCount; i += 64)
            {
                Vector256<byte> a = Vector256.Load(source + i);
                Vector256<byte> b = Vector256.Load(source + i + 32);
                (Avx2.Shuffle(a, mask) ^ flip).Store(destination + i);
                (Avx2.Shuffle(b, mask) ^ flip).Store(destination + i + 32);
            }

            for (; i + 32 <= byteCount; i += 32)
            {
                (Avx2.Shuffle(Vector256.Load(source + i), mask) ^ flip).Store(destination + i);
            }
        }

        if (Ssse3.IsSupported)
        {
            for (; i + 16 <= byteCount; i += 16)
            {
                (Ssse3.Shuffle(Vector128.Load(source + i), pattern) ^ xor).Store(destination + i);
            }
        }
        else if (AdvSimd.Arm64.IsSupported)
        {
            for (; i + 64 <= byteCount; i += 64)
            {
                Vector128<byte> a = Vector128.Load(source + i);
                Vector128<byte> b = Vector128.Load(source + i + 16);
                Vector128<byte> c = Vector128.Load(source + i + 32);
                Vector128<byte> d = Vector128.Load(source + i + 48);
                (AdvSimd.Arm64.VectorTableLookup(a, pattern) ^ xor).Store(destination + i);
                (AdvSimd.Arm64.VectorTableLookup(b, pattern) ^ xor).Store(destination + i + 16);
                (AdvSimd.Arm64.VectorTableLookup(c, pattern) ^ xor).Store(destination + i + 32);
                (AdvSimd.Arm64.VectorTableLookup(d, pattern) ^ xor).Store(destination + i + 48);
            }

            for (; i + 16 <= byteCount; i += 16)
            {
                (AdvSimd.Arm64.VectorTableLookup(Vector128.Load(source + i), pattern) ^ xor).Store(destination + i);
            }
        }

        return i;
    }
}
