using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.RealFiles;

/// <summary>
/// Reads by a run-time type (issue 17): <see cref="ImageHdu.Read(PixelType, ReadOptions)"/> and
/// <see cref="ImageHdu.ReadRawBytes()"/> on the golden images astropy wrote (tests/golden/reading), against the
/// checksums numpy computed there; and <see cref="FitsFile"/> as an <see cref="IReadOnlyList{T}"/>.
/// </summary>
[TestFixture]
public sealed class UntypedReadTests
{
    private static IEnumerable<TestCaseData> ExactImages() =>
        ReadingGolden.Images.Where(i => i.Tolerance is null).Select(i => new TestCaseData(i).SetArgDisplayNames(i.ToString()));

    private static IEnumerable<TestCaseData> Conversions() =>
        ReadingGolden.Images.SelectMany(i => i.Conversions.Select(c => new TestCaseData(i, c).SetArgDisplayNames(i.ToString(), c.Type.ToString())));

    [TestCaseSource(nameof(ExactImages))]
    public void Read_by_the_natural_PixelType_gives_the_array_type_and_values_astropy_was_given(GoldenImage golden)
    {
        using var fits = FitsFile.Open(ReadingGolden.PathOf(golden.File));
        ImageHdu image = fits[golden.Hdu].AsImage();
        Array pixels = image.Read(image.Info.PixelType);
        Assert.That(pixels.GetType().GetElementType(), Is.EqualTo(PixelTypes.ClrType(golden.PixelType)));
        Assert.That(pixels.Length, Is.EqualTo(golden.Shape.Aggregate(1L, (a, b) => a * b)));
        Assert.That(PixelDispatch.Call(golden.PixelType, new ArraySha(pixels)), Is.EqualTo(golden.Sha256));
    }

    [TestCaseSource(nameof(Conversions))]
    public void Read_by_a_requested_PixelType_converts_as_numpy_did(GoldenImage golden, GoldenConversion conversion)
    {
        using var fits = FitsFile.Open(ReadingGolden.PathOf(golden.File));
        ImageHdu image = fits[golden.Hdu].AsImage();
        Array pixels = image.Read(conversion.Type, conversion.Lossy ? ReadOptions.Lossy : ReadOptions.Default);
        Assert.That(pixels.GetType().GetElementType(), Is.EqualTo(PixelTypes.ClrType(conversion.Type)));
        Assert.That(PixelDispatch.Call(conversion.Type, new ArraySha(pixels)), Is.EqualTo(conversion.Sha256));
    }

    [TestCaseSource(nameof(ExactImages))]
    public void ReadRawBytes_gives_the_stored_values_in_native_order(GoldenImage golden)
    {
        using var fits = FitsFile.Open(ReadingGolden.PathOf(golden.File));
        ImageHdu image = fits[golden.Hdu].AsImage();
        byte[] bytes = image.ReadRawBytes();
        Assert.That(bytes, Has.Length.EqualTo(image.Info.ElementCount * Marshal.SizeOf(PixelTypes.ClrType(golden.StoredType))));

        if (golden.RawSha256 is null && golden.StoredType != golden.PixelType)
        {
            // An unsigned convention (BZERO 2^(n-1), or -128 for sbyte): the stored value is the natural one (checked
            // against astropy above) with its sign bit flipped, the top byte of each little-endian element.
            Assert.That(BitConverter.IsLittleEndian, Is.True);
            Assert.That(golden.Bscale, Is.EqualTo(1.0));
            byte[] natural = PixelDispatch.Call(golden.PixelType, new AsBytes(image.Read(golden.PixelType)));
            int size = Marshal.SizeOf(PixelTypes.ClrType(golden.StoredType));
            for (int i = size - 1; i < natural.Length; i += size)
            {
                natural[i] ^= 0x80;
            }

            Assert.That(bytes, Is.EqualTo(natural));
        }
        else
        {
            // Stored values are the natural ones where nothing scales them; astropy's raw checksum otherwise.
            string expected = golden.RawSha256 ?? golden.Sha256;
            Assert.That(PixelDispatch.Call(golden.StoredType, new BytesSha(bytes)), Is.EqualTo(expected));
        }

        // The span overload fills a caller's buffer with the same bytes.
        byte[] again = new byte[bytes.Length];
        image.ReadRawBytes(again);
        Assert.That(again, Is.EqualTo(bytes));
    }

    [Test]
    public void ReadRawBytes_refuses_a_destination_of_the_wrong_length()
    {
        using var fits = FitsFile.Open(ReadingGolden.PathOf("i16.fits"));
        ImageHdu image = fits.Primary;
        long bytes = image.Info.ElementCount * 2;
        Assert.Throws<ArgumentException>(() => image.ReadRawBytes(new byte[bytes - 1]));
        Assert.Throws<ArgumentException>(() => image.ReadRawBytes(new byte[bytes + 2]));
    }

    [Test]
    public void Read_by_PixelType_keeps_the_exactness_guard_and_refuses_undefined_types()
    {
        using var fits = FitsFile.Open(ReadingGolden.PathOf("f32.fits"));
        ImageHdu image = fits.Primary;
        Assert.Throws<InvalidCastException>(() => image.Read(PixelType.Int16));
        Assert.That(image.Read(PixelType.Int16, ReadOptions.Lossy), Is.TypeOf<short[]>());
        Assert.Throws<ArgumentOutOfRangeException>(() => image.Read((PixelType)42));
    }

    [Test]
    public void FitsFile_is_a_read_only_list_of_its_HDUs()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "golden", "image_extension.fits");
        using var fits = FitsFile.Open(path);
        IReadOnlyList<Hdu> list = fits;
        Assert.That(list.Count, Is.EqualTo(fits.HduCount));
        Assert.That(list.Count, Is.GreaterThan(1), "a file with extensions");
        for (int i = 0; i < list.Count; i++)
        {
            Assert.That(list[i], Is.SameAs(fits[i]));
            Assert.That(list[i].Index, Is.EqualTo(i));
        }

        Assert.That(list.ToList(), Is.EqualTo(Enumerable.Range(0, list.Count).Select(i => fits[i]).ToList()));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = list[list.Count]);
    }

    private readonly struct ArraySha(Array pixels) : IPixelFunction<string>
    {
        public string Invoke<T>()
            where T : unmanaged
            => ReadingGolden.Sha((T[])pixels);
    }

    private readonly struct AsBytes(Array pixels) : IPixelFunction<byte[]>
    {
        public byte[] Invoke<T>()
            where T : unmanaged
            => MemoryMarshal.AsBytes(((T[])pixels).AsSpan()).ToArray();
    }

    private readonly struct BytesSha(byte[] bytes) : IPixelFunction<string>
    {
        public string Invoke<T>()
            where T : unmanaged
            => ReadingGolden.Sha<T>(MemoryMarshal.Cast<byte, T>(bytes));
    }
}
