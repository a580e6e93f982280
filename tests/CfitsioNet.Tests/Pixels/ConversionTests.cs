using System;
using System.Linq;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests;

/// <summary>What the conversion rules refuse and how they say so; the converted values themselves are in <see cref="ReadingGoldenTests"/>.</summary>
[TestFixture]
public sealed class ConversionTests
{
    [Test]
    public void Lossy_conversion_is_refused_with_a_message_that_says_how_to_opt_in()
    {
        using var fits = FitsFile.Open(ReadingGolden.PathOf("f32.fits"));
        var error = Assert.Throws<InvalidCastException>(() => fits.Primary.Read<short>())!;
        Assert.That(error.Message, Does.Contain("float").And.Contain("short").And.Contain("AllowLossy").And.Contain("f32.fits").And.Contain("HDU 0"));

        // Every read method applies the same rule, before touching the destination.
        var span = new short[35];
        Assert.That(() => fits.Primary.Read<short>(span.AsSpan()), Throws.TypeOf<InvalidCastException>());
        Assert.That(() => fits.Primary.ReadNative<short>(), Throws.TypeOf<InvalidCastException>());
        Assert.That(() => fits.Primary.ReadRegion<short>([0, 0], [1, 1]), Throws.TypeOf<InvalidCastException>());
        Assert.That(() => fits.Primary.ReadRows<short>(0, 1), Throws.TypeOf<InvalidCastException>());
        Assert.That(() => fits.Primary.ReadPlane<short>(0), Throws.TypeOf<InvalidCastException>());
        Assert.That(span, Is.All.Zero);
    }

    [TestCase("i32.fits", typeof(float))]
    [TestCase("u16.fits", typeof(short))]
    [TestCase("i16.fits", typeof(ushort))]
    [TestCase("i8.fits", typeof(byte))]
    [TestCase("f64.fits", typeof(float))]
    [TestCase("i64.fits", typeof(float))]
    [TestCase("u32.fits", typeof(float))]
    [TestCase("scaled_i16_blank.fits", typeof(int))]
    public void Types_that_cannot_hold_every_value_are_refused(string file, Type type)
    {
        using var fits = FitsFile.Open(ReadingGolden.PathOf(file));
        PixelType target = Enum.GetValues<PixelType>().Single(t => PixelTypes.ClrType(t) == type);
        Assert.That(() => PixelDispatch.Call(target, new ReadAll(fits.Primary, default)), Throws.TypeOf<InvalidCastException>());
        Assert.That(() => PixelDispatch.Call(target, new ReadAll(fits.Primary, ReadOptions.Lossy)), Throws.Nothing);
    }

    [Test]
    public void Types_that_are_not_pixel_types_are_not_supported()
    {
        using var fits = FitsFile.Open(ReadingGolden.PathOf("i16.fits"));
        Assert.That(() => fits.Primary.Read<char>(), Throws.TypeOf<NotSupportedException>().With.Message.Contains("Char"));
        Assert.That(() => fits.Primary.Read<decimal>(ReadOptions.Lossy), Throws.TypeOf<NotSupportedException>());
    }

    [Test]
    public void Raw_reads_are_checked_against_the_stored_type()
    {
        using var fits = FitsFile.Open(ReadingGolden.PathOf("u16.fits"));
        var raw = new ReadOptions { Raw = true };
        Assert.That(() => fits.Primary.Read<ushort>(raw), Throws.TypeOf<InvalidCastException>().With.Message.Contains("raw"));
        Assert.That(fits.Primary.Read<int>(raw), Is.EqualTo(Array.ConvertAll(fits.Primary.Read<ushort>(), v => v - 32768)));
    }

    [Test]
    public void Raw_reads_keep_blank_where_scaled_reads_give_NaN()
    {
        using var fits = FitsFile.Open(ReadingGolden.PathOf("scaled_i16_blank.fits"));
        float[] scaled = fits.Primary.Read<float>();
        float[] raw = fits.Primary.Read<float>(new ReadOptions { Raw = true });
        Assert.That(float.IsNaN(scaled[0]), Is.True);
        Assert.That(raw[0], Is.EqualTo(-32768f));
        Assert.That(scaled[1], Is.EqualTo((raw[1] * 0.5f) + 100f));
    }

    [Test]
    public void Integer_targets_get_the_scaled_blank_value()
    {
        using var fits = FitsFile.Open(ReadingGolden.PathOf("blank_i16.fits"));
        Assert.That(fits.Primary.Info.Blank, Is.EqualTo(-999));
        int[] values = fits.Primary.Read<int>();
        double[] doubles = fits.Primary.Read<double>();
        Assert.That(values[7], Is.EqualTo(-999));
        Assert.That(double.IsNaN(doubles[7]), Is.True);
        Assert.That(doubles[6], Is.EqualTo(values[6]));
    }

    [Test]
    public void Non_finite_floats_become_the_documented_integer_values()
    {
        // f32.fits starts with min, max, NaN, +Inf, -Inf, -0, tiny, 32767.75.
        using var fits = FitsFile.Open(ReadingGolden.PathOf("f32.fits"));
        short[] shorts = fits.Primary.Read<short>(ReadOptions.Lossy);
        Assert.That(shorts[..8], Is.EqualTo(new short[] { short.MinValue, short.MaxValue, short.MinValue, short.MinValue, short.MinValue, 0, 0, 32767 }));
        byte[] bytes = fits.Primary.Read<byte>(ReadOptions.Lossy);
        Assert.That(bytes[..8], Is.EqualTo(new byte[] { 0, 255, 255, 255, 255, 0, 0, 255 }));
    }

    [Test]
    public void Clipping_in_a_lossy_region_covers_every_row()
    {
        // ffgsv gives up after the first row that overflows; every row must still be converted.
        foreach (string file in new[] { "u16.fits" })
        {
            using var fits = FitsFile.Open(ReadingGolden.PathOf(file));
            short[] whole = fits.Primary.Read<short>(ReadOptions.Lossy);
            short[] region = fits.Primary.ReadRegion<short>([0, 1], [5, 7], [1, 2], ReadOptions.Lossy);
            Assert.That(region, Is.EqualTo(RegionSlicer.Slice(whole, [5, 7], [0, 1], [5, 7], [1, 2])));
        }

        using var compressed = FitsFile.Open(ReadingGolden.PathOf("rice_u16.fits"));
        ImageHdu image = compressed[1].AsImage();
        short[] all = image.Read<short>(ReadOptions.Lossy);
        short[] part = image.ReadRegion<short>([2, 3], [39, 29], [3, 2], ReadOptions.Lossy);
        Assert.That(part, Is.EqualTo(RegionSlicer.Slice(all, [40, 30], [2, 3], [39, 29], [3, 2])));
        ushort[] exact = image.Read<ushort>();
        Assert.That(all, Is.EqualTo(Array.ConvertAll(exact, v => (short)Math.Min((int)v, short.MaxValue))), "clipped, not wrapped");
    }

    private readonly struct ReadAll(ImageHdu image, ReadOptions options) : IPixelFunction<bool>
    {
        public bool Invoke<T>()
            where T : unmanaged
        {
            image.Read<T>(options);
            return true;
        }
    }
}
