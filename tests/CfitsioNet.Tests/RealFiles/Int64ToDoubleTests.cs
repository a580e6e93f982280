using System;
using System.Linq;
using System.Text.Json;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.RealFiles;

/// <summary>
/// BITPIX 64 images read into double without <see cref="ReadOptions.Lossy"/> (issue 17): each value the nearest double,
/// BLANK pixels NaN, as astropy reads them (tests/golden/realfiles/int64_blank.fits); float stays refused.
/// </summary>
[TestFixture]
public sealed class Int64ToDoubleTests
{
    [TestCase(0, PixelType.Int64)]
    [TestCase(1, PixelType.UInt64)]
    public void Read_double_gives_the_nearest_doubles_and_NaN_for_BLANK_as_astropy(int hdu, PixelType natural)
    {
        JsonElement expected = RealFilesGolden.Entry("int64", hdu);
        using var fits = FitsFile.Open(RealFilesGolden.PathOf("int64_blank.fits"));
        ImageHdu image = fits[hdu].AsImage();
        Assert.That(image.Info.PixelType, Is.EqualTo(natural));

        double[] doubles = image.Read<double>();
        double[] astropy = RealFilesGolden.Doubles(expected.GetProperty("doubles"));
        Assert.That(doubles, Has.Length.EqualTo(astropy.Length));
        for (int i = 0; i < doubles.Length; i++)
        {
            // double.Equals: the same value, or both NaN.
            Assert.That(doubles[i].Equals(astropy[i]), Is.True, $"pixel {i}: {doubles[i]:R} where astropy reads {astropy[i]:R}");
        }

        Assert.That(ReadingGolden.Sha(doubles), Is.EqualTo(expected.GetProperty("double_sha256").GetString()));
        Assert.That(image.Read(PixelType.Double), Is.EqualTo(doubles).Using<double>((a, b) => a.Equals(b)), "the non-generic read agrees");
        if (expected.GetProperty("blank").ValueKind != JsonValueKind.Null)
        {
            Assert.That(doubles.Count(double.IsNaN), Is.EqualTo(1), "the one BLANK pixel");
        }
    }

    [TestCase(0)]
    [TestCase(1)]
    public void The_integers_themselves_are_exact_and_float_is_still_refused(int hdu)
    {
        JsonElement expected = RealFilesGolden.Entry("int64", hdu);
        using var fits = FitsFile.Open(RealFilesGolden.PathOf("int64_blank.fits"));
        ImageHdu image = fits[hdu].AsImage();
        string[] values = expected.GetProperty("values").EnumerateArray().Select(v => v.GetString()!).ToArray();
        string[] read = hdu == 0
            ? image.Read<long>().Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray()
            : image.Read<ulong>().Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.That(read, Is.EqualTo(values));
        Assert.That(() => image.Read<float>(), Throws.TypeOf<InvalidCastException>());
        Assert.That(() => image.Read<int>(), Throws.TypeOf<InvalidCastException>());
        Assert.That(image.Read<float>(ReadOptions.Lossy), Has.Length.EqualTo(values.Length));
    }

    [Test]
    public void Regions_of_a_long_image_read_into_double_too()
    {
        JsonElement expected = RealFilesGolden.Entry("int64", 0);
        using var fits = FitsFile.Open(RealFilesGolden.PathOf("int64_blank.fits"));
        double[] astropy = RealFilesGolden.Doubles(expected.GetProperty("doubles"));
        double[] row = fits.Primary.ReadRows<double>(2, 1);
        Assert.That(row, Is.EqualTo(astropy.Skip(10).Take(5).ToArray()));
    }
}
