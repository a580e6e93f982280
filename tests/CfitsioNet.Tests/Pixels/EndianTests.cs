using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using CfitsioNet.Direct;
using NUnit.Framework;

namespace CfitsioNet.Tests.Direct;

/// <summary>
/// The vectorised kernels against a scalar reference written from the FITS rules (big-endian values, BZERO applied
/// by XOR of the sign bit, value * BSCALE + BZERO in double precision, BLANK to NaN), on random data of lengths
/// around every vector width, at misaligned addresses, in place and out of place.
/// </summary>
public sealed unsafe class EndianTests
{
    private static readonly int[] s_lengths = [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257, 1000, 4099];

    public static int[] Lengths() => s_lengths;

    [TestCaseSource(nameof(Lengths))]
    public void Swaps_and_sign_flips_match_the_scalar_reference(int count)
    {
        foreach (int misalign in new[] { 0, 1, 3 })
        {
            foreach (bool flip in new[] { false, true })
            {
                Check(2, count, misalign, flip, (s, d, n) => Endian.Swap16(s, d, n, flip), (raw, i) => (ulong)(BinaryPrimitives.ReadUInt16BigEndian(raw[(i * 2)..]) ^ (flip ? 0x8000u : 0u)));
                Check(4, count, misalign, flip, (s, d, n) => Endian.Swap32(s, d, n, flip), (raw, i) => BinaryPrimitives.ReadUInt32BigEndian(raw[(i * 4)..]) ^ (flip ? 0x80000000u : 0u));
                Check(8, count, misalign, flip, (s, d, n) => Endian.Swap64(s, d, n, flip), (raw, i) => BinaryPrimitives.ReadUInt64BigEndian(raw[(i * 8)..]) ^ (flip ? 0x8000000000000000ul : 0ul));
            }

            Check(1, count, misalign, flip: true, Endian.FlipSign8, (raw, i) => (ulong)(raw[i] ^ 0x80));
        }
    }

    [TestCaseSource(nameof(Lengths))]
    public void Integer_scaling_to_float_matches_the_scalar_reference(int count)
    {
        foreach (long? blank in new long?[] { null, 7, 255, -32768, 100000 })
        {
            byte[] raw = Random(count * 2, count + 1, blankSize: 2, blank);
            float[] expected = new float[count];
            for (int i = 0; i < count; i++)
            {
                short v = BinaryPrimitives.ReadInt16BigEndian(raw.AsSpan(i * 2));
                expected[i] = blank is >= short.MinValue and <= short.MaxValue && v == blank ? float.NaN : (float)((double)v * 0.1 + -3.5);
            }

            float[] actual = new float[count];
            fixed (byte* s = raw)
            fixed (float* d = actual)
            {
                Endian.Int16ToSingle(s, d, (nuint)count, 0.1, -3.5, blank, float.NaN);
            }

            AssertSameBits(actual, expected, $"int16, BLANK {blank}");

            byte[] bytes = Random(count, count + 2, blankSize: 1, blank);
            for (int i = 0; i < count; i++)
            {
                byte v = bytes[i];
                expected[i] = blank is >= 0 and <= 255 && v == blank ? float.NaN : (float)((double)v * 0.37 + 1e3);
            }

            fixed (byte* s = bytes)
            fixed (float* d = actual)
            {
                Endian.UInt8ToSingle(s, d, (nuint)count, 0.37, 1e3, blank, float.NaN);
            }

            AssertSameBits(actual, expected, $"uint8, BLANK {blank}");
        }
    }

    [TestCaseSource(nameof(Lengths))]
    public void Int32_scaling_to_double_matches_the_scalar_reference(int count)
    {
        foreach (long? blank in new long?[] { null, -2147483648L, 12345 })
        {
            byte[] raw = Random(count * 4, count + 3, blankSize: 4, blank);
            double[] expected = new double[count];
            for (int i = 0; i < count; i++)
            {
                int v = BinaryPrimitives.ReadInt32BigEndian(raw.AsSpan(i * 4));
                expected[i] = blank is not null && v == blank ? double.NaN : (double)v * 1.5e-3 + 100.25;
            }

            double[] actual = new double[count];
            fixed (byte* s = raw)
            fixed (double* d = actual)
            {
                Endian.Int32ToDouble(s, d, (nuint)count, 1.5e-3, 100.25, blank, double.NaN);
            }

            AssertSameBits(actual, expected, $"int32, BLANK {blank}");
        }
    }

    [TestCaseSource(nameof(Lengths))]
    public void Floating_point_scaling_matches_the_scalar_reference_NaN_payloads_included(int count)
    {
        // Random bit patterns: NaNs with payloads, infinities, subnormals and zeros all occur.
        byte[] raw32 = Random(count * 4, count + 4);
        float[] expected32 = new float[count];
        for (int i = 0; i < count; i++)
        {
            float v = BinaryPrimitives.ReadSingleBigEndian(raw32.AsSpan(i * 4));
            expected32[i] = (float)((double)v * 2.5 + -1.0);
        }

        float[] actual32 = new float[count];
        fixed (byte* s = raw32)
        fixed (float* d = actual32)
        {
            Endian.SingleToSingle(s, d, (nuint)count, 2.5, -1.0);
        }

        AssertSameBits(actual32, expected32, "float32");

        byte[] raw64 = Random(count * 8, count + 5);
        double[] expected64 = new double[count];
        for (int i = 0; i < count; i++)
        {
            expected64[i] = BinaryPrimitives.ReadDoubleBigEndian(raw64.AsSpan(i * 8)) * 3.0 + 0.125;
        }

        fixed (byte* s = raw64)
        {
            // In place, as the direct path runs it.
            Endian.DoubleToDouble(s, (double*)s, (nuint)count, 3.0, 0.125);
        }

        AssertSameBits(MemoryMarshal.Cast<byte, double>(raw64).ToArray(), expected64, "float64 in place");
    }

    [Test]
    public void A_32_bit_BLANK_beyond_the_int_range_is_refused()
    {
        byte[] raw = new byte[8];
        double[] output = new double[2];
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            fixed (byte* s = raw)
            fixed (double* d = output)
            {
                Endian.Int32ToDouble(s, d, 2, 1.0, 0.0, 4294967301L, double.NaN);
            }
        });
    }

    private delegate void Kernel(byte* source, byte* destination, nuint count);

    private delegate ulong Reference(ReadOnlySpan<byte> raw, int index);

    // Runs a same-size kernel out of place and in place at a misaligned address and compares every element.
    private static void Check(int size, int count, int misalign, bool flip, Kernel kernel, Reference reference)
    {
        byte[] raw = Random((count * size) + misalign, (count * 31) + size + misalign);
        ReadOnlySpan<byte> data = raw.AsSpan(misalign);
        byte[] outOfPlace = new byte[(count * size) + misalign + 5];
        byte[] inPlace = (byte[])raw.Clone();
        fixed (byte* source = raw)
        fixed (byte* destination = outOfPlace)
        fixed (byte* self = inPlace)
        {
            kernel(source + misalign, destination + 5, (nuint)count);
            kernel(self + misalign, self + misalign, (nuint)count);
        }

        for (int i = 0; i < count; i++)
        {
            ulong expected = reference(data, i);
            ulong actualOut = Read(outOfPlace.AsSpan(5 + (i * size)), size);
            ulong actualIn = Read(inPlace.AsSpan(misalign + (i * size)), size);
            if (actualOut != expected || actualIn != expected)
            {
                Assert.Fail($"{size}-byte kernel (flip {flip}, count {count}, misalign {misalign}) element {i}: expected {expected:x}, out of place {actualOut:x}, in place {actualIn:x}");
            }
        }

        // Nothing written past the end.
        Assert.That(outOfPlace.AsSpan(5 + (count * size)).ToArray(), Is.All.EqualTo((byte)0), "bytes after the destination");
    }

    private static ulong Read(ReadOnlySpan<byte> at, int size) => size switch
    {
        1 => at[0],
        2 => BitConverter.ToUInt16(at),
        4 => BitConverter.ToUInt32(at),
        _ => BitConverter.ToUInt64(at),
    };

    private static byte[] Random(int length, int seed, int blankSize = 0, long? blank = null)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        if (blank is long value && blankSize > 0)
        {
            for (int at = 0; at + blankSize <= length; at += blankSize * 5)
            {
                for (int b = 0; b < blankSize; b++)
                {
                    bytes[at + b] = (byte)(value >> (8 * (blankSize - 1 - b)));
                }
            }
        }

        return bytes;
    }

    private static void AssertSameBits<T>(T[] actual, T[] expected, string what)
        where T : unmanaged
    {
        byte[] a = MemoryMarshal.AsBytes(actual.AsSpan()).ToArray();
        byte[] e = MemoryMarshal.AsBytes(expected.AsSpan()).ToArray();
        Assert.That(Support.DirectReadFiles.FirstDifference(a, e), Is.EqualTo(-1), $"{what}: first differing byte (length {actual.Length})");
    }
}
