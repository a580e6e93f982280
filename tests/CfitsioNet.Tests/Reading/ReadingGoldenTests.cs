using System;
using System.Collections.Generic;
using System.Linq;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests;

/// <summary>
/// Every golden file written by astropy (tests/golden/reading/make_reading.py): header facts, full reads through each
/// destination, regions against numpy slicing, conversions against numpy, and raw stored values.
/// </summary>
[TestFixture]
public sealed class ReadingGoldenTests
{
    private static IEnumerable<TestCaseData> Images() =>
        ReadingGolden.Images.Select(i => new TestCaseData(i).SetArgDisplayNames(i.ToString()));

    private static IEnumerable<TestCaseData> ScaledImages() =>
        ReadingGolden.Images.Where(i => i.RawSha256 is not null).Select(i => new TestCaseData(i).SetArgDisplayNames(i.ToString()));

    private static IEnumerable<TestCaseData> Regions() =>
        ReadingGolden.Images.SelectMany(i => i.Regions.Select(r => new TestCaseData(i, r).SetArgDisplayNames(i.ToString(), r.ToString())));

    private static IEnumerable<TestCaseData> Conversions() =>
        ReadingGolden.Images.SelectMany(i => i.Conversions.Select(c => new TestCaseData(i, c).SetArgDisplayNames(i.ToString(), c.Type.ToString())));

    [TestCaseSource(nameof(Images))]
    public void Info_matches_the_header_astropy_wrote(GoldenImage golden)
    {
        using var fits = FitsFile.Open(ReadingGolden.PathOf(golden.File));
        ImageInfo info = fits[golden.Hdu].AsImage().Info;
        Assert.Multiple(() =>
        {
            Assert.That(info.Bitpix, Is.EqualTo(golden.Bitpix), "BITPIX");
            Assert.That(info.PixelType, Is.EqualTo(golden.PixelType), "natural type");
            Assert.That(info.StoredPixelType, Is.EqualTo(golden.StoredType), "stored type");
            Assert.That(info.Shape, Is.EqualTo(golden.Shape), "shape (C order)");
            Assert.That(info.ElementCount, Is.EqualTo(golden.Shape.Aggregate(1L, (a, b) => a * b)), "element count");
            Assert.That(info.Bzero, Is.EqualTo(golden.Bzero), "BZERO");
            Assert.That(info.Bscale, Is.EqualTo(golden.Bscale), "BSCALE");
            Assert.That(info.Blank, Is.EqualTo(golden.Blank), "BLANK");
            Assert.That(info.Compression, Is.EqualTo(golden.Compression), "compression");
            Assert.That(info.IsCompressed, Is.EqualTo(golden.Compression is not null), "IsCompressed");
            Assert.That(info.ElementType, Is.EqualTo(PixelTypes.ClrType(golden.PixelType)));
        });
    }

    [TestCaseSource(nameof(Images))]
    public void Natural_type_reads_give_the_values_astropy_was_given(GoldenImage golden)
    {
        using var fits = FitsFile.Open(ReadingGolden.PathOf(golden.File));
        ImageHdu image = fits[golden.Hdu].AsImage();
        if (golden.Tolerance is double tolerance)
        {
            float[] values = image.Read<float>();
            Assert.That(values, Has.Length.EqualTo(golden.Values!.Length));
            for (int i = 0; i < values.Length; i++)
            {
                Assert.That(values[i], Is.EqualTo(golden.Values[i]).Within(tolerance), $"pixel {i}");
            }

            Assert.That(ReadingGolden.Sha(values), Is.EqualTo(golden.DecodedSha256), "bit for bit what astropy decodes");
            return;
        }

        IReadOnlyList<string> hashes = PixelDispatch.Call(golden.PixelType, new EveryDestination(image, default));
        Assert.That(hashes, Has.All.EqualTo(golden.Sha256), "array, pinned array, span, native buffer, native into existing");
    }

    [TestCaseSource(nameof(Regions))]
    public void Regions_match_numpy_slicing(GoldenImage golden, GoldenRegion region)
    {
        using var fits = FitsFile.Open(ReadingGolden.PathOf(golden.File));
        ImageHdu image = fits[golden.Hdu].AsImage();
        Assert.That(image.GetRegionShape(region.Start, region.End, region.Step), Is.EqualTo(region.Shape));
        IReadOnlyList<string> hashes = PixelDispatch.Call(golden.PixelType, new RegionDestinations(image, region));
        Assert.That(hashes, Has.All.EqualTo(region.Sha256), "array, span, native buffer");
    }

    [TestCaseSource(nameof(Conversions))]
    public void Conversions_match_numpy(GoldenImage golden, GoldenConversion conversion)
    {
        using var fits = FitsFile.Open(ReadingGolden.PathOf(golden.File));
        ImageHdu image = fits[golden.Hdu].AsImage();
        if (conversion.Lossy)
        {
            Assert.That(() => PixelDispatch.Call(conversion.Type, new EveryDestination(image, default)),
                Throws.TypeOf<InvalidCastException>(), "a lossy conversion is refused by default");
        }

        IReadOnlyList<string> hashes = PixelDispatch.Call(conversion.Type, new EveryDestination(image, new ReadOptions { AllowLossy = conversion.Lossy }));
        Assert.That(hashes, Has.All.EqualTo(conversion.Sha256));
    }

    [TestCaseSource(nameof(ScaledImages))]
    public void Raw_reads_give_the_stored_values(GoldenImage golden)
    {
        using var fits = FitsFile.Open(ReadingGolden.PathOf(golden.File));
        ImageHdu image = fits[golden.Hdu].AsImage();
        var raw = new ReadOptions { Raw = true };
        IReadOnlyList<string> hashes = PixelDispatch.Call(golden.StoredType, new EveryDestination(image, raw));
        Assert.That(hashes, Has.All.EqualTo(golden.RawSha256));

        // Scaling is back afterwards.
        IReadOnlyList<string> scaled = PixelDispatch.Call(golden.PixelType, new EveryDestination(image, default));
        Assert.That(scaled, Has.All.EqualTo(golden.Sha256));
    }

    [Test]
    public void Reading_every_golden_HDU_in_one_file_in_any_order_gives_the_same_values()
    {
        // HDU switches between reads must not disturb scaling or the tile cache.
        GoldenImage first = ReadingGolden.Get("gz_i16.fits.gz", 0);
        GoldenImage second = ReadingGolden.Get("gz_i16.fits.gz", 1);
        using var fits = FitsFile.Open(ReadingGolden.PathOf(first.File));
        for (int round = 0; round < 2; round++)
        {
            Assert.That(ReadingGolden.Sha(fits[1].AsImage().Read<ushort>()), Is.EqualTo(second.Sha256));
            Assert.That(ReadingGolden.Sha(fits[0].AsImage().Read<short>()), Is.EqualTo(first.Sha256));
        }
    }

    /// <summary>Reads the whole image through every overload and returns the checksum of each result.</summary>
    private readonly struct EveryDestination(ImageHdu image, ReadOptions options) : IPixelFunction<IReadOnlyList<string>>
    {
        public IReadOnlyList<string> Invoke<T>()
            where T : unmanaged
        {
            var hashes = new List<string> { ReadingGolden.Sha(image.Read<T>(options)), ReadingGolden.Sha(image.ReadPinned<T>(options)) };
            var span = new T[image.Info.ElementCount];
            image.Read<T>(span.AsSpan(), options);
            hashes.Add(ReadingGolden.Sha(span));
            using (NativeBuffer<T> native = image.ReadNative<T>(options))
            {
                Assert.That(native.Shape, Is.EqualTo(image.Info.Shape));
                hashes.Add(ReadingGolden.Sha<T>(native.Span));
            }

            using (var existing = new NativeBuffer<T>(image.Info.ElementCount))
            {
                image.Read(existing, options);
                hashes.Add(ReadingGolden.Sha<T>(existing.Span));
            }

            return hashes;
        }
    }

    private readonly struct RegionDestinations(ImageHdu image, GoldenRegion region) : IPixelFunction<IReadOnlyList<string>>
    {
        public IReadOnlyList<string> Invoke<T>()
            where T : unmanaged
        {
            var hashes = new List<string> { ReadingGolden.Sha(image.ReadRegion<T>(region.Start, region.End, region.Step)) };
            var span = new T[region.Shape.Aggregate(1L, (a, b) => a * b)];
            image.ReadRegionInto<T>(region.Start, region.End, span.AsSpan(), region.Step);
            hashes.Add(ReadingGolden.Sha(span));
            using NativeBuffer<T> native = image.ReadRegionNative<T>(region.Start, region.End, region.Step);
            Assert.That(native.Shape, Is.EqualTo(region.Shape));
            hashes.Add(ReadingGolden.Sha<T>(native.Span));
            return hashes;
        }
    }
}
