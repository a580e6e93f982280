using System;
using System.Runtime.InteropServices;
using CfitsioNet.Direct;
using CfitsioNet.Interop;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Direct;

/// <summary>
/// The managed Rice decoder against CFITSIO's own (<c>fits_rdecomp_byte</c>, <c>fits_rdecomp_short</c>,
/// <c>fits_rdecomp</c> of the loaded library): tiles compressed by CFITSIO's encoder decode to the encoder's input, and
/// thousands of deterministic mutations of them (bit flips, byte changes, truncations, extensions, wrong block sizes)
/// either are refused by the managed decoder or decode exactly as CFITSIO decodes them.
/// </summary>
public sealed unsafe class RiceDecoderFuzzTests
{
    // Bytes after the input for CFITSIO, which reads past its end within a block before it checks (0xFF stops its
    // zero-run loop at once); the managed decoder gets the exact input span.
    private const int Slack = 4096;

    public static int[] BytePixes() => [1, 2, 4];

    [TestCaseSource(nameof(BytePixes))]
    public void Tiles_from_cfitsios_encoder_decode_to_its_input(int bytePix)
    {
        var random = new Random(100 + bytePix);
        int checkedTiles = 0;
        foreach (int blockSize in new[] { 32, 16, 1, 7 })
        {
            foreach (CfitsioRice.Pattern pattern in Enum.GetValues<CfitsioRice.Pattern>())
            {
                foreach (int pixels in new[] { 1, 2, 31, 32, 33, 200, 1000 })
                {
                    uint[] values = CfitsioRice.Make(pattern, pixels, bytePix, random);
                    byte[] tile = CfitsioRice.Encode(values, bytePix, blockSize);
                    uint[] managed = new uint[pixels];
                    Assert.That(DecodeManaged(tile, managed, bytePix, blockSize), Is.True, $"{pattern} {pixels} px, block {blockSize}");
                    Assert.That(managed, Is.EqualTo(CfitsioRice.Truncate(values, bytePix)), $"{pattern} {pixels} px, block {blockSize}");
                    Assert.That(DecodeCfitsio(tile, pixels, bytePix, blockSize, out uint[] native), Is.Zero);
                    Assert.That(managed, Is.EqualTo(native));
                    checkedTiles++;
                }
            }
        }

        Assert.That(checkedTiles, Is.EqualTo(4 * Enum.GetValues<CfitsioRice.Pattern>().Length * 7));
    }

    [TestCaseSource(nameof(BytePixes))]
    public void Mutated_tiles_are_refused_or_decoded_exactly_as_cfitsio_decodes_them(int bytePix)
    {
        var random = new Random(7000 + bytePix);
        int accepted = 0;
        int refusedWhereCfitsioSucceeded = 0;
        int mutations = 0;
        for (int seed = 0; seed < 60; seed++)
        {
            var pattern = (CfitsioRice.Pattern)(seed % Enum.GetValues<CfitsioRice.Pattern>().Length);
            int pixels = 1 + random.Next(400);
            int blockSize = seed % 5 == 0 ? 16 : 32;
            byte[] tile = CfitsioRice.Encode(CfitsioRice.Make(pattern, pixels, bytePix, random), bytePix, blockSize);
            for (int m = 0; m < 60; m++)
            {
                byte[] mutated = Mutate(tile, random, out int mutatedBlock, blockSize);
                int decodedPixels = m % 7 == 6 ? Math.Max(1, pixels + random.Next(-5, 40)) : pixels;
                uint[] managed = new uint[decodedPixels];
                bool ok = DecodeManaged(mutated, managed, bytePix, mutatedBlock);
                int status = DecodeCfitsio(mutated, decodedPixels, bytePix, mutatedBlock, out uint[] native);
                mutations++;
                if (ok)
                {
                    accepted++;
                    Assert.That(status, Is.Zero, $"seed {seed} mutation {m}: the managed decoder accepted what CFITSIO refuses");
                    Assert.That(managed, Is.EqualTo(native), $"seed {seed} mutation {m}");
                }
                else if (status == 0)
                {
                    refusedWhereCfitsioSucceeded++;
                }
            }
        }

        Assert.That(mutations, Is.EqualTo(3600));
        Assert.That(accepted, Is.GreaterThan(300), "enough mutations decode to make the comparison mean something");

        // Refusing where CFITSIO succeeds is allowed (then CFITSIO reads), but only for the overflow cases of 4-byte pixels.
        if (bytePix != 4)
        {
            Assert.That(refusedWhereCfitsioSucceeded, Is.Zero);
        }
    }

    [Test]
    public void Hostile_inputs_never_read_or_write_outside_their_spans()
    {
        var random = new Random(5);
        foreach (int bytePix in BytePixes())
        {
            for (int i = 0; i < 2000; i++)
            {
                byte[] junk = new byte[random.Next(0, 40)];
                random.NextBytes(junk);
                if (i % 3 == 0)
                {
                    Array.Clear(junk, junk.Length / 2, junk.Length - (junk.Length / 2)); // long zero runs
                }

                int pixels = 1 + random.Next(300);
                int blockSize = 1 + random.Next(64);

                // Guard bytes around the output: a write past the span would change them.
                uint[] output = new uint[pixels + 2];
                output[0] = output[^1] = 0xDEADBEEF;
                _ = bytePix switch
                {
                    1 => RiceDecoder.TryDecode(junk, MemoryMarshal.AsBytes(output.AsSpan(1, pixels)).Slice(0, pixels), blockSize),
                    2 => RiceDecoder.TryDecode(junk, MemoryMarshal.Cast<uint, ushort>(output.AsSpan(1, pixels)).Slice(0, pixels), blockSize),
                    _ => RiceDecoder.TryDecode(junk, output.AsSpan(1, pixels), blockSize),
                };
                Assert.That(output[0], Is.EqualTo(0xDEADBEEF));
                Assert.That(output[^1], Is.EqualTo(0xDEADBEEF));
            }
        }

        Assert.That(RiceDecoder.TryDecode(ReadOnlySpan<byte>.Empty, new ushort[4], 32), Is.False);
        Assert.That(RiceDecoder.TryDecode(new byte[] { 0, 1, 0 }, new ushort[4], 0), Is.False, "block size 0: CFITSIO would loop forever");
    }

    private static byte[] Mutate(byte[] tile, Random random, out int blockSize, int originalBlock)
    {
        byte[] result;
        blockSize = originalBlock;
        switch (random.Next(8))
        {
            case 0:
            case 1:
                result = (byte[])tile.Clone();
                int flips = 1 + random.Next(3);
                for (int f = 0; f < flips; f++)
                {
                    int bit = random.Next(result.Length * 8);
                    result[bit / 8] ^= (byte)(0x80 >> (bit % 8));
                }

                break;
            case 2:
                result = (byte[])tile.Clone();
                result[random.Next(result.Length)] = (byte)random.Next(256);
                break;
            case 3:
                result = tile.AsSpan(0, random.Next(tile.Length + 1)).ToArray(); // truncation, possibly to nothing
                break;
            case 4:
                result = tile.AsSpan(0, Math.Max(0, tile.Length - 1 - random.Next(3))).ToArray();
                break;
            case 5:
                result = new byte[tile.Length + 1 + random.Next(16)]; // extension: zeros or junk after the stream
                tile.CopyTo(result, 0);
                if (random.Next(2) == 0)
                {
                    random.NextBytes(result.AsSpan(tile.Length));
                }

                break;
            case 6:
                result = (byte[])tile.Clone();
                blockSize = 1 + random.Next(64); // decoded with the wrong block size
                break;
            default:
                result = (byte[])tile.Clone();
                int at = random.Next(result.Length);
                int zeros = Math.Min(result.Length - at, 1 + random.Next(12));
                Array.Clear(result, at, zeros); // a zero run
                break;
        }

        return result;
    }

    private static bool DecodeManaged(byte[] tile, uint[] output, int bytePix, int blockSize)
    {
        switch (bytePix)
        {
            case 1:
                byte[] bytes = new byte[output.Length];
                bool okBytes = RiceDecoder.TryDecode(tile, bytes, blockSize);
                for (int i = 0; i < bytes.Length; i++)
                {
                    output[i] = bytes[i];
                }

                return okBytes;
            case 2:
                ushort[] shorts = new ushort[output.Length];
                bool okShorts = RiceDecoder.TryDecode(tile, shorts, blockSize);
                for (int i = 0; i < shorts.Length; i++)
                {
                    output[i] = shorts[i];
                }

                return okShorts;
            default:
                return RiceDecoder.TryDecode(tile, output.AsSpan(), blockSize);
        }
    }

    internal static int DecodeCfitsio(byte[] tile, int pixels, int bytePix, int blockSize, out uint[] output)
    {
        IntPtr library = NativeLibraryResolver.Loaded.Handle;
        byte[] padded = new byte[tile.Length + Slack];
        tile.CopyTo(padded, 0);
        padded.AsSpan(tile.Length).Fill(0xFF);
        output = new uint[pixels];
        int status;
        fixed (byte* input = padded)
        {
            switch (bytePix)
            {
                case 1:
                    var decodeBytes = (delegate* unmanaged<byte*, int, byte*, int, int, int>)NativeLibrary.GetExport(library, "fits_rdecomp_byte");
                    byte[] bytes = new byte[pixels];
                    fixed (byte* target = bytes)
                    {
                        status = decodeBytes(input, tile.Length, target, pixels, blockSize);
                    }

                    for (int i = 0; i < pixels; i++)
                    {
                        output[i] = bytes[i];
                    }

                    break;
                case 2:
                    var decodeShorts = (delegate* unmanaged<byte*, int, ushort*, int, int, int>)NativeLibrary.GetExport(library, "fits_rdecomp_short");
                    ushort[] shorts = new ushort[pixels];
                    fixed (ushort* target = shorts)
                    {
                        status = decodeShorts(input, tile.Length, target, pixels, blockSize);
                    }

                    for (int i = 0; i < pixels; i++)
                    {
                        output[i] = shorts[i];
                    }

                    break;
                default:
                    var decodeInts = (delegate* unmanaged<byte*, int, uint*, int, int, int>)NativeLibrary.GetExport(library, "fits_rdecomp");
                    fixed (uint* target = output)
                    {
                        status = decodeInts(input, tile.Length, target, pixels, blockSize);
                    }

                    break;
            }
        }

        Cfitsio.ClearErrorMessages();
        return status;
    }

}
