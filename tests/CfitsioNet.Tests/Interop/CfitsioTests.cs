using System;
using System.Linq;
using CfitsioNet.Interop;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Interop;

/// <summary>
/// Cross-checks against CFITSIO called directly: the same pixels read through the raw entry points, in the natural
/// type and converted to double (a different conversion routine inside CFITSIO).
/// </summary>
public sealed unsafe class CfitsioTests
{
    private const int TypeDouble = 82;      // TDOUBLE
    private const int TypeULongLong = 80;   // TULONGLONG

    public static string[] CrossChecked =>
    [
        "bitpix8_13x5", "bitpix16_3x5x7", "bitpix32_13x5", "bitpix64_7", "bitpix-32_3x5x7", "bitpix-64_13x5",
        "uint16_bzero_3x5x7", "int8_bzero_13x5", "uint32_bzero_7", "bitpix16_scaled_blank_13x5",
    ];

    [TestCaseSource(nameof(CrossChecked))]
    public void Library_read_matches_CFITSIO_read_as_double(string name)
    {
        ImageCase image = ImageCases.All.Single(c => c.Name == name);
        string path = image.PathIn(TestRun.Files.Path);
        // Null checking only where BLANK exists: with a null value set, CFITSIO also turns floating-point
        // infinities into the null value (its NaN test only looks at the exponent bits).
        double[] direct = ReadDirect<double>(path, TypeDouble, image.Count, image.ExpectedBlank is null ? null : double.NaN);

        using FitsFile fits = FitsFile.Open(path);
        double[] viaLibrary = ToDoubles(fits.Primary);

        Assert.That(viaLibrary, Has.Length.EqualTo(direct.Length));
        for (int i = 0; i < direct.Length; i++)
        {
            if (double.IsNaN(direct[i]))
            {
                Assert.That(double.IsNaN(viaLibrary[i]), Is.True, $"pixel {i}: CFITSIO gives NaN");
            }
            else
            {
                Assert.That(viaLibrary[i], Is.EqualTo(direct[i]), $"pixel {i}");
            }
        }
    }

    [Test]
    public void CFITSIO_reads_BZERO_2_pow_63_images_as_ulong_exactly()
    {
        // The data is readable as ulong through CFITSIO; only the natural type has to be recognised as UInt64.
        var image = (ImageCase<long, ulong>)ImageCases.All.Single(c => c.Name == "uint64_bzero_13x5");
        string path = image.PathIn(TestRun.Files.Path);

        ulong[] direct = ReadDirect<ulong>(path, TypeULongLong, image.Count, null);

        PixelAssert.Equal<ulong>(image.Expected, direct, "ffgpxvll(TULONGLONG)");
    }

    [Test]
    public void Status_text_comes_from_CFITSIO()
    {
        Assert.That(FitsStatus.StatusText(104), Is.Not.Empty);
        Assert.That(FitsStatus.StatusText(104), Is.Not.EqualTo(FitsStatus.StatusText(108)));
        Assert.DoesNotThrow(() => FitsStatus.Check(0, "nothing", null));
        var e = Assert.Throws<FitsException>(() => FitsStatus.Check(108, "read pixels", "f.fits", 2));
        Assert.That(e!.Status, Is.EqualTo(108));
        Assert.That(e.StatusText, Is.EqualTo(FitsStatus.StatusText(108)));
        Assert.That(e.HduIndex, Is.EqualTo(2));
    }

    private static double[] ToDoubles(ImageHdu hdu) => hdu.Info.PixelType switch
    {
        PixelType.Byte => hdu.Read<byte>().Select(v => (double)v).ToArray(),
        PixelType.SByte => hdu.Read<sbyte>().Select(v => (double)v).ToArray(),
        PixelType.Int16 => hdu.Read<short>().Select(v => (double)v).ToArray(),
        PixelType.UInt16 => hdu.Read<ushort>().Select(v => (double)v).ToArray(),
        PixelType.Int32 => hdu.Read<int>().Select(v => (double)v).ToArray(),
        PixelType.UInt32 => hdu.Read<uint>().Select(v => (double)v).ToArray(),
        PixelType.Int64 => hdu.Read<long>().Select(v => (double)v).ToArray(),
        PixelType.UInt64 => hdu.Read<ulong>().Select(v => (double)v).ToArray(),
        PixelType.Single => hdu.Read<float>().Select(v => (double)v).ToArray(),
        _ => hdu.Read<double>(),
    };

    private static T[] ReadDirect<T>(string path, int dataType, long count, T? nullValue)
        where T : unmanaged
    {
        FitsHandle handle = CfitsioHandles.OpenDisk(path, out int status);
        using (handle)
        {
            Assert.That(status, Is.Zero, "ffdkopn");
            long* first = stackalloc long[3] { 1, 1, 1 };
            var values = new T[count];
            T nul = nullValue ?? default;
            fixed (T* destination = values)
            {
                Cfitsio.ReadPixels(handle, dataType, first, count, nullValue is null ? null : &nul, destination, out _, ref status);
            }

            Assert.That(status, Is.Zero, $"ffgpxvll: {FitsStatus.StatusText(status)}");
            return values;
        }
    }
}
