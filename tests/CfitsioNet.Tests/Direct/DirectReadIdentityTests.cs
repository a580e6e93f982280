using System;
using System.Collections.Generic;
using System.Numerics;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Direct;

/// <summary>
/// The direct path against CFITSIO's own reader, bit for bit, on every BITPIX and convention, at lengths that are
/// not multiples of any vector width, single-threaded, in parallel parts and from a memory map.
/// </summary>
public sealed class DirectReadIdentityTests
{
    public static IEnumerable<Convention> Conventions()
    {
        yield return new("uint8", 8, PixelType.Byte, [], true);
        yield return new("int8 (BZERO -128)", 8, PixelType.SByte, [("BZERO", -128)], true);
        yield return new("int16", 16, PixelType.Int16, [], true);
        yield return new("uint16 (BZERO 32768)", 16, PixelType.UInt16, [("BZERO", 32768)], true);
        yield return new("int32", 32, PixelType.Int32, [], true);
        yield return new("uint32 (BZERO 2^31)", 32, PixelType.UInt32, [("BZERO", 2147483648L)], true);
        yield return new("int64", 64, PixelType.Int64, [], true);
        yield return new("uint64 (BZERO 2^63)", 64, PixelType.UInt64, [("BZERO", 9223372036854775808UL)], true);
        yield return new("float32", -32, PixelType.Single, [], true);
        yield return new("float64", -64, PixelType.Double, [], true);
        yield return new("uint8 scaled, BLANK", 8, PixelType.Single, [("BSCALE", 0.5), ("BZERO", 1.25), ("BLANK", 255)], true, Blank: 255);
        yield return new("uint8 scaled, BLANK out of range", 8, PixelType.Single, [("BSCALE", 0.37), ("BZERO", -7.5), ("BLANK", 300)], true);
        yield return new("int16 scaled", 16, PixelType.Single, [("BSCALE", 0.1), ("BZERO", -3.5)], true);
        yield return new("int16 scaled, BLANK", 16, PixelType.Single, [("BSCALE", 0.1), ("BZERO", -3.5), ("BLANK", -32768)], true, Blank: -32768);
        yield return new("int16 scaled, BLANK 7", 16, PixelType.Single, [("BSCALE", 1.0 / 3), ("BZERO", 1e5), ("BLANK", 7)], true, Blank: 7);
        yield return new("int32 scaled, BLANK", 32, PixelType.Double, [("BSCALE", 1.5e-3), ("BZERO", 100.25), ("BLANK", -2147483648L)], true, Blank: -2147483648L);
        yield return new("int32 BZERO 2^32 (double)", 32, PixelType.Double, [("BZERO", 4294967296L)], true);
        yield return new("float32 scaled", -32, PixelType.Single, [("BSCALE", 2.5), ("BZERO", -1.0)], true);
        yield return new("float64 scaled", -64, PixelType.Double, [("BSCALE", 3.0), ("BZERO", 0.125)], true);

        // Conventions left to CFITSIO: the results must still be the same, by the same code.
        yield return new("int16 integer-scaled (int32)", 16, PixelType.Int32, [("BSCALE", 2), ("BZERO", 0)], false);
        yield return new("int32 scaled, BLANK beyond 32 bits", 32, PixelType.Double, [("BSCALE", 0.5), ("BLANK", 4294967301L)], false, Blank: 5);
        yield return new("int64 scaled (double)", 64, PixelType.Double, [("BSCALE", 1), ("BZERO", 1000)], false);
    }

    public static IEnumerable<long[]> Shapes()
    {
        yield return [1];
        yield return [7];
        yield return [31];
        yield return [33];
        yield return [3, 5, 7];
        yield return [999, 1001];
    }

    [Test]
    [Combinatorial]
    public void Direct_path_equals_CFITSIO_bit_for_bit(
        [ValueSource(nameof(Conventions))] Convention convention,
        [ValueSource(nameof(Shapes))] long[] shape)
    {
        long count = 1;
        foreach (long axis in shape)
        {
            count *= axis;
        }

        byte[] stored = DirectReadFiles.RandomStored(convention.Bitpix, count, seed: (int)count ^ convention.Bitpix, convention.Blank);
        string path = DirectReadFiles.WritePrimary($"identity-{convention.Name.GetHashCode():x8}-{count}.fits", convention.Bitpix, shape, stored, convention.Cards);

        byte[] reference;
        using (FitsFile cfitsio = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly))
        {
            Assert.That(cfitsio.Primary.Info.PixelType, Is.EqualTo(convention.PixelType), "natural type");
            reference = ReadBytes(cfitsio.Primary);
            Assert.That(cfitsio.DirectReadCount, Is.Zero);
        }

        bool large = count * Math.Abs(convention.Bitpix) / 8 > 1 << 20;
        foreach ((string mode, FitsOpenOptions options) in Modes(large))
        {
            using FitsFile file = FitsFile.Open(path, options);
            byte[] actual = ReadBytes(file.Primary);
            Assert.That(DirectReadFiles.FirstDifference(actual, reference), Is.EqualTo(-1), $"{mode}: first differing byte");
            Assert.That(file.DirectReadCount, Is.EqualTo(convention.Direct ? 1 : 0), $"{mode}: reads served by the direct path");
        }
    }

    [Test]
    public void Direct_path_reads_an_image_extension_after_a_table()
    {
        byte[] stored = DirectReadFiles.RandomStored(-32, 101 * 57, seed: 11);
        string path = new TestFitsWriter()
            .EmptyPrimary()
            .BinaryTable([1, 2, 3, 4, 5], "EVENTS")
            .ImageExtension(-32, [101, 57], stored, ("EXTNAME", "SCI"))
            .Write(TestRun.Files.File("direct-extension.fits"));

        using FitsFile cfitsio = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly);
        using FitsFile direct = FitsFile.Open(path, DirectReadFiles.Direct());
        float[] expected = cfitsio[2].AsImage().Read<float>();
        float[] actual = direct[2].AsImage().Read<float>();

        Assert.That(DirectReadFiles.Bytes(actual), Is.EqualTo(DirectReadFiles.Bytes(expected)));
        Assert.That(direct.DirectReadCount, Is.EqualTo(1));
    }

    [Test]
    public void Every_destination_kind_gets_the_same_pixels()
    {
        byte[] stored = DirectReadFiles.RandomStored(16, 640 * 480, seed: 5);
        string path = DirectReadFiles.WritePrimary("direct-destinations.fits", 16, [480, 640], stored, ("BZERO", 32768));
        using FitsFile cfitsio = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly);
        using FitsFile direct = FitsFile.Open(path, DirectReadFiles.Direct());
        ushort[] expected = cfitsio.Primary.Read<ushort>();

        ushort[] span = new ushort[expected.Length];
        direct.Primary.Read<ushort>(span);
        using NativeBuffer<ushort> native = direct.Primary.ReadNative<ushort>();
        using var reused = new NativeBuffer<ushort>(expected.Length);
        direct.Primary.Read(reused);
        ushort[] pinned = direct.Primary.ReadPinned<ushort>();

        Assert.That(span, Is.EqualTo(expected));
        Assert.That(native.Span.ToArray(), Is.EqualTo(expected));
        Assert.That(reused.Span.ToArray(), Is.EqualTo(expected));
        Assert.That(pinned, Is.EqualTo(expected));
        Assert.That(direct.DirectReadCount, Is.EqualTo(4));
    }

    [Test]
    public void Repeated_and_concurrent_reads_of_one_file_agree()
    {
        byte[] stored = DirectReadFiles.RandomStored(32, 300 * 301, seed: 9);
        string path = DirectReadFiles.WritePrimary("direct-concurrent.fits", 32, [300, 301], stored);
        using FitsFile cfitsio = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly);
        int[] expected = cfitsio.Primary.Read<int>();

        foreach (bool map in new[] { false, true })
        {
            using FitsFile direct = FitsFile.Open(path, DirectReadFiles.Direct(map));
            var results = new int[8][];
            System.Threading.Tasks.Parallel.For(0, results.Length, i => results[i] = direct.Primary.Read<int>());
            foreach (int[] result in results)
            {
                Assert.That(result, Is.EqualTo(expected), map ? "mapped" : "positioned reads");
            }

            Assert.That(direct.DirectReadCount, Is.EqualTo(results.Length));
        }
    }

    private static IEnumerable<(string Mode, FitsOpenOptions Options)> Modes(bool large)
    {
        yield return ("positioned reads", DirectReadFiles.Direct());
        yield return ("memory map", DirectReadFiles.Direct(map: true));
        if (large)
        {
            yield return ("parallel parts", DirectReadFiles.Direct(threads: 3));
            yield return ("parallel parts, mapped", DirectReadFiles.Direct(map: true, threads: 3));
        }
    }

    private static byte[] ReadBytes(ImageHdu image) => image.Info.PixelType switch
    {
        PixelType.Byte => DirectReadFiles.Bytes(image.Read<byte>()),
        PixelType.SByte => DirectReadFiles.Bytes(image.Read<sbyte>()),
        PixelType.Int16 => DirectReadFiles.Bytes(image.Read<short>()),
        PixelType.UInt16 => DirectReadFiles.Bytes(image.Read<ushort>()),
        PixelType.Int32 => DirectReadFiles.Bytes(image.Read<int>()),
        PixelType.UInt32 => DirectReadFiles.Bytes(image.Read<uint>()),
        PixelType.Int64 => DirectReadFiles.Bytes(image.Read<long>()),
        PixelType.UInt64 => DirectReadFiles.Bytes(image.Read<ulong>()),
        PixelType.Single => DirectReadFiles.Bytes(image.Read<float>()),
        PixelType.Double => DirectReadFiles.Bytes(image.Read<double>()),
        _ => throw new NotSupportedException(image.Info.PixelType.ToString()),
    };

    /// <summary>One BITPIX/BSCALE/BZERO/BLANK convention; <paramref name="Direct"/> says whether the direct path must take it.</summary>
    public sealed record Convention(string Name, int Bitpix, PixelType PixelType, (string Keyword, object Value)[] Cards, bool Direct, long? Blank = null)
    {
        public override string ToString() => Name;
    }
}
