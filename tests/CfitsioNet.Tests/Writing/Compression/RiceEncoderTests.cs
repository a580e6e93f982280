using System;
using System.Linq;
using CfitsioNet.Compression;
using CfitsioNet.Tests.Direct;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Compression;

/// <summary>
/// The managed Rice encoder against CFITSIO's own (<c>fits_rcomp_byte</c>, <c>fits_rcomp_short</c>,
/// <c>fits_rcomp</c> of the loaded library): the same bytes for every pattern, tile length and block size, and tiles
/// that CFITSIO's decoder turns back into the input.
/// </summary>
public sealed class RiceEncoderTests
{
    public static int[] BytePixes() => [1, 2, 4];

    [TestCaseSource(nameof(BytePixes))]
    public void Every_pattern_length_and_block_size_encodes_to_cfitsios_bytes(int bytePix)
    {
        var random = new Random(300 + bytePix);
        int tiles = 0;
        foreach (int blockSize in new[] { 32, 16, 1, 7, 64, 300, 4096 })
        {
            foreach (CfitsioRice.Pattern pattern in Enum.GetValues<CfitsioRice.Pattern>())
            {
                foreach (int pixels in new[] { 1, 2, 31, 32, 33, 200, 1000, 5000 })
                {
                    uint[] values = CfitsioRice.Make(pattern, pixels, bytePix, random);
                    AssertSameAsCfitsio(values, bytePix, blockSize, $"{pattern} {pixels} px, block {blockSize}");
                    tiles++;
                }
            }
        }

        Assert.That(tiles, Is.EqualTo(7 * Enum.GetValues<CfitsioRice.Pattern>().Length * 8));
    }

    [TestCaseSource(nameof(BytePixes))]
    public void Random_tiles_mixing_patterns_encode_to_cfitsios_bytes_and_decode_back(int bytePix)
    {
        var random = new Random(900 + bytePix);
        var patterns = Enum.GetValues<CfitsioRice.Pattern>();
        for (int t = 0; t < 300; t++)
        {
            // Several patterns spliced together, so blocks of every kind follow each other within one tile.
            uint[] values = Enumerable.Range(0, 1 + random.Next(4))
                .SelectMany(_ => CfitsioRice.Make(patterns[random.Next(patterns.Length)], 1 + random.Next(300), bytePix, random))
                .ToArray();
            int blockSize = t % 3 == 0 ? 16 : 32;
            byte[] encoded = AssertSameAsCfitsio(values, bytePix, blockSize, $"tile {t}");

            Assert.That(CfitsioRiceDecode(encoded, values.Length, bytePix, blockSize), Is.EqualTo(values), $"tile {t} decoded by CFITSIO");
        }
    }

    [Test]
    public void Extreme_differences_wrap_at_the_pixel_width_as_in_cfitsio()
    {
        // Alternating minimum and maximum: differences overflow the pixel type and wrap; raw blocks follow zero blocks.
        foreach (int bytePix in BytePixes())
        {
            uint max = bytePix == 4 ? uint.MaxValue : (1u << (bytePix * 8)) - 1;
            uint[] values = Enumerable.Range(0, 500).Select(i => i < 100 ? 0u : i % 2 == 0 ? max : 0u).ToArray();
            AssertSameAsCfitsio(values, bytePix, 32, $"bytePix {bytePix}");
            uint[] half = Enumerable.Range(0, 500).Select(i => (uint)(i % 2 == 0 ? max / 2 : (max / 2) + 1)).ToArray();
            AssertSameAsCfitsio(half, bytePix, 32, $"bytePix {bytePix}, around the middle");
        }
    }

    [Test]
    public void Bad_arguments_are_refused()
    {
        byte[] output = new byte[RiceEncoder.MaxEncodedLength(10, 2, 32)];
        Assert.Throws<ArgumentOutOfRangeException>(() => RiceEncoder.Encode(new ushort[10], output, 0));
        Assert.Throws<ArgumentException>(() => RiceEncoder.Encode(ReadOnlySpan<ushort>.Empty, output, 32));
        Assert.Throws<ArgumentException>(() => RiceEncoder.Encode(new ushort[10], new byte[4], 32));
    }

    private static byte[] AssertSameAsCfitsio(uint[] values, int bytePix, int blockSize, string what)
    {
        byte[] expected = CfitsioRice.Encode(values, bytePix, blockSize);
        byte[] output = new byte[RiceEncoder.MaxEncodedLength(values.Length, bytePix, blockSize)];
        int length = bytePix switch
        {
            1 => RiceEncoder.Encode(values.Select(v => (byte)v).ToArray(), output, blockSize),
            2 => RiceEncoder.Encode(values.Select(v => (ushort)v).ToArray(), output, blockSize),
            _ => RiceEncoder.Encode(values, output, blockSize),
        };
        byte[] actual = output.AsSpan(0, length).ToArray();
        Assert.That(actual, Is.EqualTo(expected), $"{what}, {bytePix}-byte pixels: {length} bytes against CFITSIO's {expected.Length}");
        return actual;
    }

    private static uint[] CfitsioRiceDecode(byte[] tile, int pixels, int bytePix, int blockSize)
    {
        int status = RiceDecoderFuzzTests.DecodeCfitsio(tile, pixels, bytePix, blockSize, out uint[] decoded);
        Assert.That(status, Is.Zero, "CFITSIO's decoder");
        return decoded;
    }
}
