using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests;

public sealed class ImageHduTests
{
    private static readonly ReadMode[] Modes = Enum.GetValues<ReadMode>();

    public static IEnumerable<TestCaseData> EveryCaseInEveryMode() =>
        from c in ImageCases.All
        from mode in Modes
        select new TestCaseData(c, mode).SetArgDisplayNames(c.Name, mode.ToString());

    public static IEnumerable<TestCaseData> EveryCase() =>
        ImageCases.All.Select(c => new TestCaseData(c).SetArgDisplayNames(c.Name));

    public static IEnumerable<TestCaseData> SmallCases() =>
        ImageCases.Small.Select(c => new TestCaseData(c).SetArgDisplayNames(c.Name));

    public static IEnumerable<TestCaseData> SmallCasesInEveryMode() =>
        from c in ImageCases.Small
        from mode in Modes
        select new TestCaseData(c, mode).SetArgDisplayNames(c.Name, mode.ToString());

    [TestCaseSource(nameof(EveryCaseInEveryMode))]
    public void Read_returns_every_pixel_as_written(ImageCase image, ReadMode mode)
    {
        using FitsFile fits = FitsFile.Open(image.PathIn(TestRun.Files.Path));
        image.AssertReads(fits.Primary, mode);
    }

    [TestCaseSource(nameof(EveryCase))]
    public void Info_describes_the_header(ImageCase image)
    {
        using FitsFile fits = FitsFile.Open(image.PathIn(TestRun.Files.Path));
        ImageInfo info = fits.Primary.Info;

        Assert.Multiple(() =>
        {
            Assert.That(info.Bitpix, Is.EqualTo(image.Bitpix), "Bitpix");
            Assert.That(info.PixelType, Is.EqualTo(image.ExpectedType), "PixelType");
            Assert.That(info.ElementType, Is.EqualTo(image.ElementType), "ElementType");
            Assert.That(info.Shape, Is.EqualTo(image.CShape), "Shape (C order)");
            Assert.That(info.GetShape(), Is.EqualTo(image.CShape), "GetShape()");
            Assert.That(info.Rank, Is.EqualTo(image.Naxis.Length), "Rank");
            Assert.That(info.ElementCount, Is.EqualTo(image.Count), "ElementCount");
            Assert.That(info.Bzero, Is.EqualTo(image.ExpectedBzero), "Bzero");
            Assert.That(info.Bscale, Is.EqualTo(image.ExpectedBscale), "Bscale");
            Assert.That(info.Blank, Is.EqualTo(image.ExpectedBlank), "Blank");
        });
    }

    [TestCaseSource(nameof(SmallCases))]
    public void Tensor_view_of_a_native_read_is_indexed_in_C_order(ImageCase image)
    {
        using FitsFile fits = FitsFile.Open(image.PathIn(TestRun.Files.Path));
        image.AssertTensorView(fits.Primary);
    }

    [TestCaseSource(nameof(SmallCasesInEveryMode))]
    public void Reading_in_a_lossy_type_is_refused_and_names_the_natural_type(ImageCase image, ReadMode mode)
    {
        using FitsFile fits = FitsFile.Open(image.PathIn(TestRun.Files.Path));
        Exception? thrown = image.ReadAsWrongType(fits.Primary, mode, out Type requested);

        Assert.That(thrown, Is.TypeOf<InvalidCastException>());
        Assert.That(thrown!.Message, Does.Contain(CSharpName(image.ElementType)), "names the natural type");
        Assert.That(thrown.Message, Does.Contain(CSharpName(requested)), "names the requested type");
        Assert.That(thrown.Message, Does.Contain("AllowLossy"), "says how to opt in");
    }

    // The library's messages use C# keywords (short, ushort, ...), as a C# user writes them.
    private static string CSharpName(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Byte => "byte",
        TypeCode.SByte => "sbyte",
        TypeCode.Int16 => "short",
        TypeCode.UInt16 => "ushort",
        TypeCode.Int32 => "int",
        TypeCode.UInt32 => "uint",
        TypeCode.Int64 => "long",
        TypeCode.UInt64 => "ulong",
        TypeCode.Single => "float",
        TypeCode.Double => "double",
        _ => type.Name,
    };

    [Test]
    public void Reading_in_a_type_that_is_not_a_pixel_type_is_refused()
    {
        ImageCase image = ImageCases.All.First(c => c.Name == "bitpix16_13x5");
        using FitsFile fits = FitsFile.Open(image.PathIn(TestRun.Files.Path));

        var e = Assert.Throws<NotSupportedException>(() => fits.Primary.Read<char>());
        Assert.That(e!.Message, Does.Contain("Char"));
        Assert.Throws<NotSupportedException>(() => fits.Primary.Read<Half>());
    }

    [TestCase(-1)]
    [TestCase(1)]
    public void Span_of_the_wrong_length_is_refused(int delta)
    {
        ImageCase image = ImageCases.All.First(c => c.Name == "bitpix16_13x5");
        using FitsFile fits = FitsFile.Open(image.PathIn(TestRun.Files.Path));
        var destination = new short[image.Count + delta];

        var e = Assert.Throws<ArgumentException>(() => fits.Primary.Read<short>(destination.AsSpan()));
        Assert.That(e!.ParamName, Is.EqualTo("destination"));
        Assert.That(destination, Is.All.EqualTo((short)0), "nothing written");
    }

    [TestCase(-1)]
    [TestCase(1)]
    public void NativeBuffer_of_the_wrong_length_is_refused(int delta)
    {
        ImageCase image = ImageCases.All.First(c => c.Name == "bitpix16_13x5");
        using FitsFile fits = FitsFile.Open(image.PathIn(TestRun.Files.Path));
        using var destination = new NativeBuffer<short>(image.Count + delta);

        var e = Assert.Throws<ArgumentException>(() => fits.Primary.Read(destination));
        Assert.That(e!.ParamName, Is.EqualTo("destination"));
    }

    [Test]
    public void NativeBuffer_of_another_shape_but_the_same_length_is_accepted()
    {
        var image = (ImageCase<short, short>)ImageCases.All.First(c => c.Name == "bitpix16_13x5");
        using FitsFile fits = FitsFile.Open(image.PathIn(TestRun.Files.Path));
        using var destination = new NativeBuffer<short>([65]);

        fits.Primary.Read(destination);

        PixelAssert.Equal<short>(image.Expected, destination.Span, "flat buffer");
        Assert.That(destination.Shape, Is.EqualTo(new long[] { 65 }), "the buffer keeps its own shape");
    }

    [Test]
    public void Null_NativeBuffer_is_refused()
    {
        ImageCase image = ImageCases.All.First(c => c.Name == "bitpix16_13x5");
        using FitsFile fits = FitsFile.Open(image.PathIn(TestRun.Files.Path));

        Assert.Throws<ArgumentNullException>(() => fits.Primary.Read<short>((NativeBuffer<short>)null!));
    }

    [Test]
    public void ReadPinned_returns_an_array_on_the_pinned_object_heap()
    {
        // .NET reports objects on the pinned object heap as generation 2 (never int.MaxValue, which is for frozen
        // segments); a fresh small ordinary array is generation 0. So a 7-element array in generation 2 right
        // after the call was allocated pinned.
        ImageCase image = ImageCases.All.First(c => c.Name == "bitpix32_7");
        using FitsFile fits = FitsFile.Open(image.PathIn(TestRun.Files.Path));

        int[] ordinary = fits.Primary.Read<int>();
        int[] pinned = fits.Primary.ReadPinned<int>();
        int ordinaryGeneration = GC.GetGeneration(ordinary);
        int pinnedGeneration = GC.GetGeneration(pinned);

        Assert.That(ordinaryGeneration, Is.LessThan(GC.MaxGeneration), "control: a fresh ordinary array is young");
        Assert.That(pinnedGeneration, Is.EqualTo(GC.MaxGeneration), "pinned arrays live with generation 2");
        Assert.That(AddressStaysPut(pinned), Is.True, "address unchanged across compacting collections");
    }

    [Test]
    public void ReadNative_returns_an_aligned_buffer_shaped_like_the_image()
    {
        foreach (ImageCase image in ImageCases.Small.Where(c => c.ExpectedType == PixelType.Int16))
        {
            using FitsFile fits = FitsFile.Open(image.PathIn(TestRun.Files.Path));
            using NativeBuffer<short> buffer = fits.Primary.ReadNative<short>();
            unsafe
            {
                using var handle = buffer.Memory.Pin();
                Assert.That((nuint)handle.Pointer % NativeBuffer<short>.Alignment, Is.EqualTo((nuint)0), image.Name);
            }

            Assert.That(buffer.Shape, Is.EqualTo(image.CShape), image.Name);
            Assert.That(buffer.Length, Is.EqualTo(image.Count), image.Name);
        }
    }

    [TestCaseSource(nameof(AllModes))]
    public void Image_with_an_axis_of_length_zero_reads_as_empty(ReadMode mode)
    {
        string path = new TestFitsWriter().Primary(16, [5, 0], []).Write(TestRun.Files.File("zero_axis.fits"));
        using FitsFile fits = FitsFile.Open(path);
        ImageInfo info = fits.Primary.Info;

        Assert.That(info.Shape, Is.EqualTo(new long[] { 0, 5 }));
        Assert.That(info.ElementCount, Is.Zero);
        Assert.That(PixelReader.Read<short>(fits.Primary, mode), Is.Empty);
    }

    [Test]
    public void Image_with_an_axis_of_length_zero_has_an_empty_tensor_view()
    {
        string path = new TestFitsWriter().Primary(-32, [5, 0, 3], []).Write(TestRun.Files.File("zero_axis_3d.fits"));
        using FitsFile fits = FitsFile.Open(path);
        using NativeBuffer<float> buffer = fits.Primary.ReadNative<float>();

        Assert.That(buffer.Shape, Is.EqualTo(new long[] { 3, 0, 5 }));
        Assert.That(buffer.Length, Is.Zero);
        Assert.That(buffer.Span.IsEmpty, Is.True);
        var tensor = buffer.AsTensorSpan();
        Assert.That((long)tensor.FlattenedLength, Is.Zero);
        Assert.That(tensor.Lengths.ToArray(), Is.EqualTo(new nint[] { 3, 0, 5 }));
    }

    [TestCaseSource(nameof(AllModes))]
    public void Primary_with_NAXIS_0_reads_as_empty(ReadMode mode)
    {
        string path = new TestFitsWriter().EmptyPrimary().ImageExtension(16, [3], TestFitsWriter.BigEndian<short>([1, 2, 3]))
            .Write(TestRun.Files.File("naxis0.fits"));
        using FitsFile fits = FitsFile.Open(path);
        ImageInfo info = fits.Primary.Info;

        Assert.That(info.Rank, Is.Zero);
        Assert.That(info.Shape, Is.Empty);
        Assert.That(info.ElementCount, Is.Zero);
        Assert.That(info.Bitpix, Is.EqualTo(8));
        Assert.That(info.PixelType, Is.EqualTo(PixelType.Byte));
        Assert.That(PixelReader.Read<byte>(fits.Primary, mode), Is.Empty);
    }

    [TestCaseSource(nameof(AllModes))]
    public void Image_extensions_after_other_HDUs_read_their_own_pixels(ReadMode mode)
    {
        var first = PixelPattern.Create<int>(65, seed: 1);
        var second = PixelPattern.Create<double>(105, seed: 2);
        string path = new TestFitsWriter()
            .Primary(16, [4, 3], TestFitsWriter.BigEndian<short>(PixelPattern.Create<short>(12, seed: 3)))
            .ImageExtension(32, [13, 5], TestFitsWriter.BigEndian<int>(first), ("EXTNAME", "FIRST"))
            .BinaryTable([1, 2, 3])
            .ImageExtension(-64, [3, 5, 7], TestFitsWriter.BigEndian<double>(second), ("EXTNAME", "SECOND"))
            .Write(TestRun.Files.File("extensions.fits"));
        using FitsFile fits = FitsFile.Open(path);

        // Second first, then back: moving between HDUs must not leak state.
        ImageHdu last = fits[3].AsImage();
        PixelAssert.Equal<double>(second, PixelReader.Read<double>(last, mode), "HDU 3");
        ImageHdu firstExtension = fits[1].AsImage();
        Assert.That(firstExtension.Info.Shape, Is.EqualTo(new long[] { 5, 13 }));
        PixelAssert.Equal<int>(first, PixelReader.Read<int>(firstExtension, mode), "HDU 1");
        Assert.That(last.Info.Shape, Is.EqualTo(new long[] { 7, 5, 3 }));
        PixelAssert.Equal<double>(second, PixelReader.Read<double>(last, mode), "HDU 3 again");
    }

    [TestCaseSource(nameof(AllModes))]
    public void Truncated_data_opens_but_reading_throws(ReadMode mode)
    {
        var pixels = PixelPattern.Create<short>(100 * 100, seed: 4);
        string path = new TestFitsWriter()
            .Primary(16, [100, 100], TestFitsWriter.BigEndian<short>(pixels))
            .TruncateLastData(5000)
            .Write(TestRun.Files.File("truncated.fits"));

        using FitsFile fits = FitsFile.Open(path);
        Assert.That(fits.Primary.Info.ElementCount, Is.EqualTo(10_000), "the header is intact");

        var e = Assert.Throws<FitsException>(() => PixelReader.Read<short>(fits.Primary, mode));
        Assert.That(e!.HduIndex, Is.EqualTo(0));
        Assert.That(e.Status, Is.Not.Zero);
        Assert.That(e.StatusText, Is.Not.Empty);
        Assert.That(e.FileName, Is.EqualTo(path));
        Assert.That(e.Operation, Is.EqualTo("read pixels"));
    }

    [Test]
    public void Reading_the_same_image_twice_gives_the_same_pixels()
    {
        var image = (ImageCase<float, float>)ImageCases.All.First(c => c.Name == "bitpix-32_3x5x7");
        using FitsFile fits = FitsFile.Open(image.PathIn(TestRun.Files.Path));

        float[] first = fits.Primary.Read<float>();
        float[] second = fits.Primary.Read<float>();

        PixelAssert.Equal<float>(image.Expected, first, "first");
        PixelAssert.Equal<float>(image.Expected, second, "second");
        Assert.That(first, Is.Not.SameAs(second));
    }

    [Test]
    public void Info_is_read_once_and_shared()
    {
        ImageCase image = ImageCases.All.First(c => c.Name == "bitpix16_13x5");
        using FitsFile fits = FitsFile.Open(image.PathIn(TestRun.Files.Path));

        Assert.That(fits.Primary.Info, Is.SameAs(fits.Primary.Info));
        long[] copy = fits.Primary.Info.GetShape();
        copy[0] = 12345;
        Assert.That(fits.Primary.Info.Shape[0], Is.EqualTo(5), "GetShape returns a copy");
    }

    public static IEnumerable<TestCaseData> AllModes() => Modes.Select(m => new TestCaseData(m));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe bool AddressStaysPut(int[] array)
    {
        nint before = (nint)Unsafe.AsPointer(ref array[0]);
        for (int i = 0; i < 3; i++)
        {
            // Garbage ahead of survivors gives a compacting collection a reason to move them.
            for (int j = 0; j < 1000; j++)
            {
                _ = new byte[64];
            }

            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        return (nint)Unsafe.AsPointer(ref array[0]) == before;
    }
}
