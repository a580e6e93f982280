using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CfitsioNet.Direct;

/// <summary>
/// The write direction: native values to FITS big-endian, with the unsigned conventions folded in as an XOR of the
/// sign bit, exactly what CFITSIO's <c>ffu2fi2</c>, <c>ffuintfi4</c>, <c>ffu8fi8</c> and <c>ffs1fi1</c> store for
/// BZERO = 2^(n-1) (and -128 for <c>sbyte</c>), and a plain byte swap (bits kept, NaN payloads too) otherwise.
/// </summary>
internal static unsafe partial class Endian
{
    // After the swap the sign bit is in the first byte of each big-endian element.
    private static readonly Vector128<byte> s_bigSign16 = SignPattern(2, bigEndian: true);
    private static readonly Vector128<byte> s_bigSign32 = SignPattern(4, bigEndian: true);
    private static readonly Vector128<byte> s_bigSign64 = SignPattern(8, bigEndian: true);

    /// <summary>
    /// Native values of <paramref name="size"/> bytes (2, 4 or 8) to big-endian; with <paramref name="flipSign"/>, the
    /// unsigned type to its offset convention (BZERO 32768, 2^31 or 2^63).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ToBigEndian(byte* source, byte* destination, nuint count, int size, bool flipSign)
    {
        var (reverse, sign) = size switch
        {
            2 => (s_reverse16, s_bigSign16),
            4 => (s_reverse32, s_bigSign32),
            _ => (s_reverse64, s_bigSign64),
        };
        nuint done = Shuffle(source, destination, count * (nuint)size, reverse, flipSign ? sign : default) / (nuint)size;
        ulong xor = flipSign ? 1ul << (8 * size - 1) : 0ul;
        for (nuint i = done; i < count; i++)
        {
            switch (size)
            {
                case 2:
                    ((ushort*)destination)[i] = BinaryPrimitives.ReverseEndianness((ushort)(((ushort*)source)[i] ^ xor));
                    break;
                case 4:
                    ((uint*)destination)[i] = BinaryPrimitives.ReverseEndianness((uint)(((uint*)source)[i] ^ xor));
                    break;
                default:
                    ((ulong*)destination)[i] = BinaryPrimitives.ReverseEndianness(((ulong*)source)[i] ^ xor);
                    break;
            }
        }
    }
}
