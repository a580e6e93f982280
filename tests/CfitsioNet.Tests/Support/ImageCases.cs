using System.Collections.Generic;
using System.Linq;

namespace CfitsioNet.Tests.Support;

/// <summary>The catalogue of test images: every BITPIX in 1, 2 and 3 dimensions, the unsigned conventions and scaling.</summary>
internal static class ImageCases
{
    /// <summary>Odd sizes in FITS order (NAXIS1 first): 7; 13x5; 3x5x7; 1001x999.</summary>
    public static readonly long[][] Shapes = [[7], [13, 5], [3, 5, 7], [1001, 999]];

    private static readonly long[][] SmallShapes = [[7], [13, 5], [3, 5, 7]];

    /// <summary>Every case; one shared instance each, so each file is written once per run.</summary>
    public static readonly IReadOnlyList<ImageCase> All = Build().ToList();

    /// <summary>The cases without the large 1001x999 images, for tests that walk pixels one by one.</summary>
    public static IEnumerable<ImageCase> Small => All.Where(c => c.Count < 10_000);

    private static IEnumerable<ImageCase> Build()
    {
        foreach (long[] naxis in Shapes)
        {
            string size = Size(naxis);
            yield return new ImageCase<byte, byte>($"bitpix8_{size}", 8, naxis, PixelType.Byte, v => v);
            yield return new ImageCase<short, short>($"bitpix16_{size}", 16, naxis, PixelType.Int16, v => v);
            yield return new ImageCase<int, int>($"bitpix32_{size}", 32, naxis, PixelType.Int32, v => v);
            yield return new ImageCase<long, long>($"bitpix64_{size}", 64, naxis, PixelType.Int64, v => v);
            yield return new ImageCase<float, float>($"bitpix-32_{size}", -32, naxis, PixelType.Single, v => v);
            yield return new ImageCase<double, double>($"bitpix-64_{size}", -64, naxis, PixelType.Double, v => v);

            // Unsigned 16-bit through BZERO = 32768: physical = stored + 32768, i.e. the sign bit flipped.
            yield return new ImageCase<short, ushort>($"uint16_bzero_{size}", 16, naxis, PixelType.UInt16,
                v => (ushort)(v + 32768), [("BZERO", 32768)], bzero: 32768);
        }

        foreach (long[] naxis in SmallShapes)
        {
            string size = Size(naxis);
            yield return new ImageCase<byte, sbyte>($"int8_bzero_{size}", 8, naxis, PixelType.SByte,
                v => (sbyte)(v - 128), [("BZERO", -128)], bzero: -128);
            yield return new ImageCase<int, uint>($"uint32_bzero_{size}", 32, naxis, PixelType.UInt32,
                v => (uint)((long)v + 2147483648L), [("BZERO", 2147483648L)], bzero: 2147483648.0);
            yield return new ImageCase<long, ulong>($"uint64_bzero_{size}", 64, naxis, PixelType.UInt64,
                v => unchecked((ulong)v + 9223372036854775808UL), [("BZERO", 9223372036854775808UL)], bzero: 9223372036854775808.0);
        }

        // Integer BZERO that does not fit the stored type: int16 + 100 needs an int.
        yield return new ImageCase<short, int>("bitpix16_bzero100_7", 16, [7], PixelType.Int32,
            v => v + 100, [("BZERO", 100)], bzero: 100);

        // BLANK without scaling: the natural type stays the stored one and BLANK pixels keep their stored value.
        yield return new ImageCase<short, short>("bitpix16_blank_13x5", 16, [13, 5], PixelType.Int16,
            v => v, [("BLANK", -32768)], blank: -32768);

        // Fractional scaling: CFITSIO computes stored * BSCALE + BZERO in double, then rounds to the natural type.
        yield return new ImageCase<short, float>("bitpix16_scaled_blank_13x5", 16, [13, 5], PixelType.Single,
            v => v == short.MinValue ? float.NaN : (float)(v * 0.25 + -3.0),
            [("BSCALE", 0.25), ("BZERO", -3.0), ("BLANK", -32768)], bzero: -3.0, bscale: 0.25, blank: -32768, anyNaN: true);
        yield return new ImageCase<int, double>("bitpix32_scaled_blank_3x5x7", 32, [3, 5, 7], PixelType.Double,
            v => v == int.MinValue ? double.NaN : v * 1.5 + 0.5,
            [("BSCALE", 1.5), ("BZERO", 0.5), ("BLANK", (long)int.MinValue)], bzero: 0.5, bscale: 1.5, blank: int.MinValue, anyNaN: true);

        // Four axes, two of length 1.
        yield return new ImageCase<int, int>("bitpix32_4d_2x1x3x1", 32, [2, 1, 3, 1], PixelType.Int32, v => v);
    }

    private static string Size(long[] naxis) => string.Join("x", naxis);
}
