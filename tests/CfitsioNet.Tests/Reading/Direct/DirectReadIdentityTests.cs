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

    [TestCase(16, 32768.0, 1.0)]
    [TestCase(-32, 0.0, 1.0)]
    [TestCase(16, -3.5, 0.1)]
    public void Planes_and_rows_go_the_direct_way_and_regions_go_to_CFITSIO(int bitpix, double bzero, double bscale)
    {
        long[] shape = [5, 301, 257];
        byte[] stored = DirectReadFiles.RandomStored(bitpix, 5 * 301 * 257, seed: bitpix + 77, blank: bitpix > 0 && bscale != 1.0 ? -32768 : null);
        (string, object)[] cards = bitpix > 0 && bscale != 1.0 ? [("BZERO", bzero), ("BSCALE", bscale), ("BLANK", -32768)] : bzero != 0 ? [("BZERO", bzero)] : [];
        string path = DirectReadFiles.WritePrimary($"direct-cube-{bitpix}-{bscale}.fits", bitpix, shape, stored, cards);

        using FitsFile cfitsio = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly);
        foreach (bool map in new[] { false, true })
        {
            using FitsFile direct = FitsFile.Open(path, DirectReadFiles.Direct(map));
            ImageHdu expected = cfitsio.Primary;
            ImageHdu actual = direct.Primary;
            int reads = 0;
            for (long plane = 0; plane < 5; plane += 2)
            {
                Assert.That(PlaneBytes(actual, plane), Is.EqualTo(PlaneBytes(expected, plane)), $"plane {plane}");
                reads++;
            }

            foreach ((long first, long count) in new[] { (0L, 1L), (7L, 3L), (299L, 5L), (1504L, 1L) })
            {
                Assert.That(RowBytes(actual, first, count), Is.EqualTo(RowBytes(expected, first, count)), $"rows {first}+{count}");
                reads++;
            }

            Assert.That(direct.DirectReadCount, Is.EqualTo(reads), map ? "mapped" : "positioned reads");
            Assert.That(RegionBytes(actual), Is.EqualTo(RegionBytes(expected)), "region");
            Assert.That(direct.DirectReadCount, Is.EqualTo(reads), "regions are read by CFITSIO");
        }
    }

    private static byte[] PlaneBytes(ImageHdu image, long plane) => image.Info.PixelType switch
    {
        PixelType.UInt16 => DirectReadFiles.Bytes(image.ReadPlane<ushort>(plane)),
        _ => DirectReadFiles.Bytes(image.ReadPlane<float>(plane)),
    };

    private static byte[] RowBytes(ImageHdu image, long first, long count) => image.Info.PixelType switch
    {
        PixelType.UInt16 => DirectReadFiles.Bytes(image.ReadRows<ushort>(first, count)),
        _ => DirectReadFiles.Bytes(image.ReadRows<float>(first, count)),
    };

    private static byte[] RegionBytes(ImageHdu image) => image.Info.PixelType switch
    {
        PixelType.UInt16 => DirectReadFiles.Bytes(image.ReadRegion<ushort>([1, 10, 20], [3, 200, 100])),
        _ => DirectReadFiles.Bytes(image.ReadRegion<float>([1, 10, 20], [3, 200, 100])),
    };

    [TestCase(16, false, false)]
    [TestCase(16, true, false)]
    [TestCase(-32, false, false)]
    [TestCase(8, false, false)]
    [TestCase(16, false, true)]
    [TestCase(8, false, true)]
    public void A_serial_direct_read_into_a_span_allocates_nothing(int bitpix, bool map, bool positionedOnly)
    {
        (string, object)[] cards = bitpix == 8 ? [("BSCALE", 0.5), ("BZERO", 1.0)] : [];
        byte[] stored = DirectReadFiles.RandomStored(bitpix, 700 * 500, seed: 3);
        string path = DirectReadFiles.WritePrimary($"direct-alloc-{bitpix}-{map}-{positionedOnly}.fits", bitpix, [700, 500], stored, cards);
        using FitsFile file = FitsFile.Open(path, new FitsOpenOptions { MemoryMap = map, MapRepeatedReads = !positionedOnly, MaxDegreeOfParallelism = 1, MapChoice = null });
        ImageHdu image = file.Primary;
        switch (image.Info.PixelType)
        {
            case PixelType.Int16: Check(new short[image.Info.ElementCount]); break;
            case PixelType.Single: Check(new float[image.Info.ElementCount]); break;
            default: throw new InvalidOperationException(image.Info.PixelType.ToString());
        }

        void Check<T>(T[] destination)
            where T : unmanaged
        {
            image.Read<T>(destination);
            image.Read<T>(destination); // the second read maps the file (MapRepeatedReads), once

            // The least over five pairs of warm reads: a read that allocates allocates every time, while the runtime
            // itself occasionally allocates on the reading thread (seen once in several runs of the suite: 5-7 KB, no
            // GC, in a pair of ordinary mapped reads; tiered compilation's bookkeeping, most likely).
            long allocated = long.MaxValue;
            for (int attempt = 0; attempt < 5; attempt++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                image.Read<T>(destination);
                image.Read<T>(destination);
                allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            }

            Assert.That(file.DirectReadCount, Is.EqualTo(12));
            Assert.That(file.OpenedDirectSource!.MappedReadCount, Is.EqualTo(map ? 12 : positionedOnly ? 0 : 11), "reads from the map (from the second read unless MemoryMap)");
            Assert.That(allocated, Is.Zero, "bytes allocated by two warm reads");
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

    internal static byte[] ReadBytes(ImageHdu image) => image.Info.PixelType switch
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
