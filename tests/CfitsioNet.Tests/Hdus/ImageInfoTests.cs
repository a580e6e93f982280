using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests;

public sealed class ImageInfoTests
{
    [Test]
    public void ToString_shows_BITPIX_type_shape_and_scaling()
    {
        string path = new TestFitsWriter().Primary(16, [13, 5], new byte[130], ("BZERO", 32768))
            .Write(TestRun.Files.File("info-tostring.fits"));
        using FitsFile fits = FitsFile.Open(path);

        string text = fits.Primary.Info.ToString();

        Assert.That(text, Does.Contain("BITPIX=16"));
        Assert.That(text, Does.Contain("UInt16"));
        Assert.That(text, Does.Contain("[5, 13]"), "C order");
        Assert.That(text, Does.Contain("BZERO=32768"));
    }

    [Test]
    public void Unscaled_image_has_neutral_scaling_and_no_blank()
    {
        string path = new TestFitsWriter().Primary(-32, [2, 2], new byte[16], ("BLANK", 5))
            .Write(TestRun.Files.File("info-neutral.fits"));
        using FitsFile fits = FitsFile.Open(path);
        ImageInfo info = fits.Primary.Info;

        Assert.That(info.Bzero, Is.Zero);
        Assert.That(info.Bscale, Is.EqualTo(1.0));
        Assert.That(info.Blank, Is.Null, "BLANK means nothing for floating-point images");
        Assert.That(info.ToString(), Does.Not.Contain("BZERO"));
    }
}
