using System;
using System.Buffers.Binary;
using System.Linq;
using System.Runtime.InteropServices;

namespace CfitsioNet.Tests.Support;

/// <summary>Files and comparisons for the direct-path tests: random stored bytes written by the independent test writer.</summary>
internal static class DirectReadFiles
{
    /// <summary>
    /// Random big-endian stored data for <paramref name="count"/> pixels of <paramref name="bitpix"/>; every 17th pixel
    /// (and the last) is set to <paramref name="blank"/> when one is given.
    /// </summary>
    public static byte[] RandomStored(int bitpix, long count, int seed, long? blank = null)
    {
        int size = Math.Abs(bitpix) / 8;
        var bytes = new byte[count * size];
        new Random(seed).NextBytes(bytes);
        if (blank is long value)
        {
            for (long i = 0; i < count; i++)
            {
                if (i % 17 == 3 || i == count - 1)
                {
                    Span<byte> at = bytes.AsSpan((int)(i * size), size);
                    switch (size)
                    {
                        case 1: at[0] = (byte)value; break;
                        case 2: BinaryPrimitives.WriteInt16BigEndian(at, (short)value); break;
                        case 4: BinaryPrimitives.WriteInt32BigEndian(at, (int)value); break;
                        default: BinaryPrimitives.WriteInt64BigEndian(at, value); break;
                    }
                }
            }
        }

        return bytes;
    }

    /// <summary>Writes a primary image of C-order <paramref name="shape"/> to a new file in the run's directory.</summary>
    public static string WritePrimary(string name, int bitpix, long[] shape, byte[] stored, params (string Keyword, object Value)[] cards)
    {
        long[] naxis = shape.Reverse().ToArray();
        return new TestFitsWriter().Primary(bitpix, naxis, stored, cards).Write(TestRun.Files.File(name));
    }

    /// <summary>The options that send even one-pixel images down the direct path, single-threaded.</summary>
    public static FitsOpenOptions Direct(bool map = false, int threads = 1) => new()
    {
        DirectMinimumBytes = 0,
        MemoryMap = map,
        MaxDegreeOfParallelism = threads,
        ParallelMinimumBytes = threads > 1 ? 1 : long.MaxValue,
        MappedParallelMinimumBytes = threads > 1 ? 1 : long.MaxValue,
        MapChoice = null, // repeated reads always from the map: the tests count them
    };

    /// <summary>The raw bytes of a pixel array, for bit-for-bit comparison (NaN payloads included).</summary>
    public static byte[] Bytes<T>(T[] values)
        where T : unmanaged
        => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    /// <summary>Index of the first differing byte, or -1.</summary>
    public static long FirstDifference(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length)
        {
            return Math.Min(a.Length, b.Length);
        }

        int common = a.CommonPrefixLength(b);
        return common == a.Length ? -1 : common;
    }
}
