using System;
using System.Linq;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests;

/// <summary>
/// Regions, planes and rows: CFITSIO's subset and range reads against slices of CFITSIO's whole-image read, and
/// argument checking.
/// </summary>
[TestFixture]
public sealed class RegionTests
{
    [TestCase("nd1.fits", 0)]
    [TestCase("i16.fits", 0)]
    [TestCase("nd3.fits", 0)]
    [TestCase("nd4.fits", 0)]
    [TestCase("nd5.fits", 0)]
    [TestCase("nd6.fits", 0)]
    [TestCase("nd10.fits", 0)]
    [TestCase("rice_cube.fits", 1)]
    [TestCase("hcompress_i16.fits", 1)]
    [TestCase("gz_i16.fits.gz", 0)]
    public void Random_regions_match_slices_of_the_whole_image(string file, int hdu)
    {
        using var fits = FitsFile.Open(ReadingGolden.PathOf(file));
        ImageHdu image = fits[hdu].AsImage();
        long[] shape = image.Info.GetShape();
        double[] whole = image.Read<double>(ReadOptions.Lossy);
        var random = new Random(file.Length * 7919);
        for (int trial = 0; trial < 25; trial++)
        {
            long[] start = shape.Select(n => (long)random.Next((int)n)).ToArray();
            long[] end = start.Select((s, axis) => s + 1 + random.Next((int)(shape[axis] - s))).ToArray();
            long[] step = shape.Select(_ => (long)random.Next(1, 4)).ToArray();
            double[] expected = RegionSlicer.Slice(whole, shape, start, end, step);
            Assert.That(image.ReadRegion<double>(start, end, step, ReadOptions.Lossy), Is.EqualTo(expected),
                $"start [{string.Join(",", start)}] end [{string.Join(",", end)}] step [{string.Join(",", step)}]");
            Assert.That(image.GetRegionShape(start, end, step).Aggregate(1L, (a, b) => a * b), Is.EqualTo(expected.Length));
        }
    }

    [Test]
    public void The_design_card_cutout_is_a_hundred_by_hundred()
    {
        using var folder = new TempDirectory();
        short[] values = Enumerable.Range(0, 300 * 250).Select(i => (short)(i % 30011)).ToArray();
        string path = folder.Write("big.fits", ReadingFiles.Concat(
            ReadingFiles.Header(ReadingFiles.ImageCards(16, [250, 300])), ReadingFiles.Data(ReadingFiles.BigEndian(values))));
        using var fits = FitsFile.Open(path);
        float[] cutout = fits.Primary.ReadRegion<float>(start: [100, 100], end: [200, 200]);
        Assert.That(cutout, Has.Length.EqualTo(100 * 100));
        Assert.That(cutout[0], Is.EqualTo(values[(100 * 250) + 100]));
        Assert.That(cutout[^1], Is.EqualTo(values[(199 * 250) + 199]));
        Assert.That(cutout[101], Is.EqualTo(values[(101 * 250) + 101]));
    }

    [Test]
    public void Planes_are_slices_along_the_leading_axes()
    {
        using var fits = FitsFile.Open(ReadingGolden.PathOf("nd4.fits"));
        ImageHdu image = fits.Primary;
        long[] shape = image.Info.GetShape(); // [2, 3, 2, 5]
        int[] whole = image.Read<int>();
        int plane = 2 * 5;
        for (long i4 = 0; i4 < 2; i4++)
        {
            for (long i3 = 0; i3 < 3; i3++)
            {
                long index = (i4 * 3) + i3;
                int[] expected = whole.Skip((int)(index * plane)).Take(plane).ToArray();
                Assert.That(image.ReadPlane<int>(index), Is.EqualTo(expected));
                Assert.That(image.ReadPlane<int>([i4, i3]), Is.EqualTo(expected));
                var span = new double[plane];
                image.ReadPlane<double>(index, span);
                Assert.That(span, Is.EqualTo(expected.Select(v => (double)v)));
            }
        }

        Assert.That(() => image.ReadPlane<int>(6), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("0..5"));
        Assert.That(() => image.ReadPlane<int>(-1), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => image.ReadPlane<int>([1]), Throws.ArgumentException.With.Message.Contains("2 leading"));
        Assert.That(() => image.ReadPlane<int>([0, 3]), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("NAXIS3"));
        Assert.That(() => image.ReadPlane<int>(0, new int[9]), Throws.ArgumentException);
        Assert.That(shape, Is.EqualTo(new long[] { 2, 3, 2, 5 }));
    }

    [Test]
    public void Planes_of_a_compressed_cube_decompress_only_what_they_need_and_match()
    {
        using var fits = FitsFile.Open(ReadingGolden.PathOf("rice_cube.fits"));
        ImageHdu image = fits[1].AsImage();
        short[] whole = image.Read<short>();
        Assert.That(image.ReadPlane<short>(3), Is.EqualTo(whole.Skip(3 * 20 * 24).ToArray()));
        Assert.That(image.ReadPlane<short>(1), Is.EqualTo(whole.Skip(20 * 24).Take(20 * 24).ToArray()));
        Assert.That(image.ReadRows<short>(25, 10), Is.EqualTo(whole.Skip(25 * 24).Take(10 * 24).ToArray()), "rows run on into the next plane");
    }

    [Test]
    public void Rows_are_runs_along_NAXIS1_counted_over_the_leading_axes()
    {
        using var fits = FitsFile.Open(ReadingGolden.PathOf("nd3.fits"));
        ImageHdu image = fits.Primary; // [3, 4, 5]
        float[] whole = image.Read<float>();
        Assert.That(image.ReadRows<float>(0, 12), Is.EqualTo(whole));
        Assert.That(image.ReadRows<float>(3, 2), Is.EqualTo(whole.Skip(15).Take(10).ToArray()));
        var span = new float[5];
        image.ReadRows<float>(11, 1, span);
        Assert.That(span, Is.EqualTo(whole.Skip(55).ToArray()));
        Assert.That(() => image.ReadRows<float>(11, 2), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("12 rows"));
        Assert.That(() => image.ReadRows<float>(0, 0), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => image.ReadRows<float>(-1, 1), Throws.TypeOf<ArgumentOutOfRangeException>());

        using var line = FitsFile.Open(ReadingGolden.PathOf("nd1.fits"));
        Assert.That(line.Primary.ReadRows<short>(0, 1), Is.EqualTo(line.Primary.Read<short>()));
        Assert.That(() => line.Primary.ReadPlane<short>(0), Throws.InvalidOperationException);
    }

    [Test]
    public void Ten_axes_read_through_the_linear_path()
    {
        using var fits = FitsFile.Open(ReadingGolden.PathOf("nd10.fits"));
        ImageHdu image = fits.Primary;
        Assert.That(image.Info.Rank, Is.EqualTo(10));
        short[] whole = image.Read<short>();
        Assert.That(image.ReadRows<short>(3, 2), Is.EqualTo(whole.Skip(9).Take(6).ToArray()));
        Assert.That(image.ReadPlane<short>(5), Is.EqualTo(whole.Skip(30).Take(6).ToArray()));
        long[] start = [1, 0, 0, 0, 0, 1, 0, 0, 1, 1];
        long[] end = [2, 1, 2, 1, 1, 2, 1, 1, 2, 3];
        long[] step = [1, 1, 1, 1, 1, 1, 1, 1, 1, 2];
        Assert.That(image.ReadRegion<short>(start, end, step), Is.EqualTo(RegionSlicer.Slice(whole, image.Info.GetShape(), start, end, step)));
    }

    [Test]
    public void Region_arguments_are_checked_and_name_the_axis()
    {
        using var fits = FitsFile.Open(ReadingGolden.PathOf("i16.fits"));
        ImageHdu image = fits.Primary; // [5, 7]
        Assert.That(() => image.ReadRegion<short>([0], [1]), Throws.ArgumentException.With.Message.Contains("2 axes"));
        Assert.That(() => image.ReadRegion<short>([0, 0], [1]), Throws.ArgumentException.With.Property("ParamName").EqualTo("end"));
        Assert.That(() => image.ReadRegion<short>([0, 0], [1, 1], [1]), Throws.ArgumentException.With.Property("ParamName").EqualTo("step"));
        Assert.That(() => image.ReadRegion<short>([-1, 0], [1, 1]), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("axis 0 (NAXIS2"));
        Assert.That(() => image.ReadRegion<short>([0, 7], [1, 8]), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("axis 1 (NAXIS1"));
        Assert.That(() => image.ReadRegion<short>([0, 0], [6, 1]), Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("end"));
        Assert.That(() => image.ReadRegion<short>([2, 0], [2, 1]), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("axis 0"), "empty range");
        Assert.That(() => image.ReadRegion<short>([0, 0], [1, 1], [1, 0]), Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("step"));
        Assert.That(() => image.ReadRegionInto<short>([0, 0], [2, 2], new short[3]), Throws.ArgumentException.With.Property("ParamName").EqualTo("destination"));

        Assert.That(image.ReadRegion<short>([4, 6], [5, 7]), Has.Length.EqualTo(1));
        Assert.That(image.GetRegionShape([0, 0], [5, 7], [2, 3]), Is.EqualTo(new long[] { 3, 3 }));
    }

    [Test]
    public void Zero_length_axes_read_as_empty_and_have_no_regions()
    {
        using var fits = FitsFile.Open(ReadingGolden.PathOf("zero_axis.fits"));
        ImageHdu image = fits.Primary;
        Assert.That(image.Info.Shape, Is.EqualTo(new long[] { 0, 5 }));
        Assert.That(image.Info.ElementCount, Is.Zero);
        Assert.That(image.Read<short>(), Is.Empty);
        Assert.That(image.Read<double>(), Is.Empty);
        image.Read<short>(Span<short>.Empty);
        using (NativeBuffer<short> native = image.ReadNative<short>())
        {
            Assert.That(native.Shape, Is.EqualTo(new long[] { 0, 5 }));
            Assert.That(native.Length, Is.Zero);
        }

        Assert.That(() => image.ReadRegion<short>([0, 0], [1, 1]), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => image.ReadRows<short>(0, 1), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(image.ReadPlane<short>(0), Is.Empty);

        using var compressed = FitsFile.Open(ReadingGolden.PathOf("rice_i16.fits"));
        ImageHdu empty = compressed.Primary;
        Assert.That(empty.Info.Rank, Is.Zero);
        Assert.That(empty.Read<byte>(), Is.Empty);
        Assert.That(() => empty.ReadRegion<byte>([], []), Throws.ArgumentException.With.Message.Contains("NAXIS = 0"));
    }

    [Test]
    public void Compressed_regions_alternating_raw_and_scaled_stay_consistent()
    {
        // CFITSIO caches decompressed tiles by type only; raw reads must not leak into scaled ones or back.
        GoldenImage golden = ReadingGolden.Get("rice_scaled_blank.fits");
        using var fits = FitsFile.Open(ReadingGolden.PathOf(golden.File));
        ImageHdu image = fits[1].AsImage();
        float[] scaled = image.Read<float>();
        float[] raw = image.Read<float>(new ReadOptions { Raw = true });
        long[] shape = image.Info.GetShape();
        for (int round = 0; round < 3; round++)
        {
            Assert.That(image.ReadRegion<float>([4, 2], [9, 10]), Is.EqualTo(RegionSlicer.Slice(scaled, shape, [4, 2], [9, 10], [1, 1])));
            Assert.That(image.ReadRegion<float>([4, 2], [9, 10], default, new ReadOptions { Raw = true }),
                Is.EqualTo(RegionSlicer.Slice(raw, shape, [4, 2], [9, 10], [1, 1])));
        }

        Assert.That(ReadingGolden.Sha(image.Read<float>()), Is.EqualTo(golden.Sha256));
        Assert.That(float.IsNaN(scaled[(5 * 10) + 5]), Is.True);
        Assert.That(raw[(5 * 10) + 5], Is.EqualTo(-32768f));
    }
}
