using System;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests;

public sealed class HduTests
{
    [Test]
    public void AsImage_on_a_table_throws_InvalidOperationException()
    {
        string path = new TestFitsWriter().EmptyPrimary().BinaryTable([1, 2, 3], extname: "EVENTS")
            .Write(TestRun.Files.File("table.fits"));
        using FitsFile fits = FitsFile.Open(path);
        Hdu table = fits[1];

        Assert.That(table.Kind, Is.EqualTo(HduKind.BinaryTable));
        Assert.That(table.Index, Is.EqualTo(1));
        var e = Assert.Throws<InvalidOperationException>(() => table.AsImage());
        Assert.That(e!.Message, Does.Contain("BinaryTable"));
        Assert.That(e.Message, Does.Contain(path));
    }

    [Test]
    public void AsImage_on_an_image_returns_the_same_object()
    {
        string path = new TestFitsWriter().EmptyPrimary().ImageExtension(8, [3], [1, 2, 3])
            .Write(TestRun.Files.File("image-ext.fits"));
        using FitsFile fits = FitsFile.Open(path);
        Hdu hdu = fits[1];

        Assert.That(hdu.Kind, Is.EqualTo(HduKind.Image));
        Assert.That(hdu.AsImage(), Is.SameAs(hdu));
        Assert.That(fits.Primary.AsImage(), Is.SameAs(fits.Primary));
    }

    [Test]
    public void ToString_names_the_index_and_file()
    {
        string path = new TestFitsWriter().EmptyPrimary().BinaryTable([1]).Write(TestRun.Files.File("tostring.fits"));
        using FitsFile fits = FitsFile.Open(path);

        Assert.That(fits[1].ToString(), Does.Contain("1").And.Contain(path).And.Contain("BinaryTable"));
        Assert.That(fits[0].ToString(), Does.Contain("0").And.Contain(path));
    }
}
