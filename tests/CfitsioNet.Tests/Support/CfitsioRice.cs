using System;
using System.Runtime.InteropServices;
using CfitsioNet.Interop;
using NUnit.Framework;

namespace CfitsioNet.Tests.Support;

/// <summary>Rice test tiles: value patterns, and CFITSIO's own encoder of the loaded library as the reference.</summary>
internal static unsafe class CfitsioRice
{
    /// <summary>Kinds of pixel sequences: each exercises other split levels and the low- and high-entropy blocks.</summary>
    public enum Pattern
    {
        Constant,
        Smooth,
        Noisy,
        FullRange,
        Steps,
        Outliers,
    }

    /// <summary><paramref name="pixels"/> values of <paramref name="pattern"/>, each fitting <paramref name="bytePix"/> bytes.</summary>
    internal static uint[] Make(Pattern pattern, int pixels, int bytePix, Random random)
    {
        uint[] values = new uint[pixels];
        uint full = bytePix == 4 ? uint.MaxValue : (1u << (bytePix * 8)) - 1;
        uint constant = (uint)random.NextInt64(0, (long)full + 1);
        for (int i = 0; i < pixels; i++)
        {
            values[i] = pattern switch
            {
                Pattern.Constant => constant,
                Pattern.Smooth => (uint)(constant + (int)(40 * Math.Sin(i / 9.0)) + random.Next(-2, 3)),
                Pattern.Noisy => (uint)(constant + random.Next(-300, 301)),
                Pattern.FullRange => (uint)random.NextInt64(0, (long)full + 1),
                Pattern.Steps => (uint)(constant + (i / 50 * 1000)),
                _ => i % 37 == 5 ? (uint)random.NextInt64(0, (long)full + 1) : constant,
            };
        }

        return Truncate(values, bytePix);
    }

    /// <summary>The values cut to <paramref name="bytePix"/> bytes.</summary>
    internal static uint[] Truncate(uint[] values, int bytePix)
    {
        uint[] result = new uint[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = bytePix == 1 ? (byte)values[i] : bytePix == 2 ? (ushort)values[i] : values[i];
        }

        return result;
    }

    /// <summary>CFITSIO's encoder (fits_rcomp_byte / _short / fits_rcomp) of the loaded library on <paramref name="values"/> truncated to <paramref name="bytePix"/> bytes.</summary>
    internal static byte[] Encode(uint[] values, int bytePix, int blockSize)
    {
        IntPtr library = NativeLibraryResolver.Loaded.Handle;
        byte[] buffer = new byte[(values.Length * (bytePix + 1)) + 64];
        int length;
        fixed (byte* output = buffer)
        {
            switch (bytePix)
            {
                case 1:
                    var encodeBytes = (delegate* unmanaged<sbyte*, int, byte*, int, int, int>)NativeLibrary.GetExport(library, "fits_rcomp_byte");
                    sbyte[] bytes = Array.ConvertAll(values, v => unchecked((sbyte)v));
                    fixed (sbyte* input = bytes)
                    {
                        length = encodeBytes(input, values.Length, output, buffer.Length, blockSize);
                    }

                    break;
                case 2:
                    var encodeShorts = (delegate* unmanaged<short*, int, byte*, int, int, int>)NativeLibrary.GetExport(library, "fits_rcomp_short");
                    short[] shorts = Array.ConvertAll(values, v => unchecked((short)v));
                    fixed (short* input = shorts)
                    {
                        length = encodeShorts(input, values.Length, output, buffer.Length, blockSize);
                    }

                    break;
                default:
                    var encodeInts = (delegate* unmanaged<int*, int, byte*, int, int, int>)NativeLibrary.GetExport(library, "fits_rcomp");
                    int[] ints = Array.ConvertAll(values, v => unchecked((int)v));
                    fixed (int* input = ints)
                    {
                        length = encodeInts(input, values.Length, output, buffer.Length, blockSize);
                    }

                    break;
            }
        }

        Cfitsio.ClearErrorMessages();
        Assert.That(length, Is.GreaterThan(0), "CFITSIO's encoder");
        return buffer.AsSpan(0, length).ToArray();
    }
}
