using System;
using System.IO;
using System.Linq;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests;

/// <summary>Tile-compressed images beyond what the astropy golden files cover: ZBLANK nulls in quantized floats.</summary>
[TestFixture]
public sealed class CompressedImageTests
{
    [Test]
    public void Undefined_pixels_of_a_quantized_image_read_as_NaN()
    {
        using var folder = new TempDirectory();
        var random = new Random(11);
        float[] values = Enumerable.Range(0, 20 * 16).Select(_ => (float)(1000 + (20 * (random.NextDouble() - 0.5)))).ToArray();
        int[] undefined = [(2 * 16) + 3, (19 * 16) + 15, 100];
        foreach (int i in undefined)
        {
            values[i] = -9999f;
        }

        string path = folder.File("quantized_nan.fits");
        CfitsioImageWriter.WriteQuantizedFloat(path, values, width: 16, height: 20, tileRows: 5, quantizeLevel: 16f, nullValue: -9999f);
        using var fits = FitsFile.Open(path);
        ImageHdu image = fits[1].AsImage();
        Assert.That(image.Info.Compression, Is.EqualTo("RICE_1"));
        Assert.That(image.Info.PixelType, Is.EqualTo(PixelType.Single));
        Assert.That(image.Info.Blank, Is.Null, "floating-point images have no BLANK; ZBLANK is internal to the tiles");

        float[] read = image.Read<float>();
        double[] wide = image.Read<double>();
        for (int i = 0; i < values.Length; i++)
        {
            if (undefined.Contains(i))
            {
                Assert.That(float.IsNaN(read[i]) && double.IsNaN(wide[i]), Is.True, $"pixel {i} is undefined");
            }
            else
            {
                // Quantization keeps each value within noise / quantize level; the noise here is at most 10.
                Assert.That(read[i], Is.EqualTo(values[i]).Within(10.0 / 16 * 2), $"pixel {i}");
                Assert.That(wide[i], Is.EqualTo(read[i]).Within(1e-4), "double is unquantized directly, float rounds once more");
            }
        }

        float[] region = image.ReadRegion<float>([2, 0], [8, 16], [1, 3]);
        Assert.That(region, Is.EqualTo(RegionSlicer.Slice(read, [20, 16], [2, 0], [8, 16], [1, 3])));
        short[] lossy = image.Read<short>(ReadOptions.Lossy);
        Assert.That(undefined.Select(i => lossy[i]), Is.All.EqualTo(short.MinValue));
    }

    [Test]
    public void Gzip_compressed_files_open_transparently()
    {
        GoldenImage golden = ReadingGolden.Get("gz_i16.fits.gz", 0);
        using var fits = FitsFile.Open(ReadingGolden.PathOf(golden.File));
        Assert.That(fits.HduCount, Is.EqualTo(2));
        Assert.That(fits.Primary.Info.IsCompressed, Is.False, "a gzipped file is not a tile-compressed image");
        Assert.That(ReadingGolden.Sha(fits.Primary.Read<short>()), Is.EqualTo(golden.Sha256));
        Assert.That(File.ReadAllBytes(ReadingGolden.PathOf(golden.File))[..2], Is.EqualTo(new byte[] { 0x1F, 0x8B }), "the file really is gzip");
    }
}
