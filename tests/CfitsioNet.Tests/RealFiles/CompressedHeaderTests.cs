using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.RealFiles;

/// <summary>
/// A tile-compressed image's <see cref="Hdu.Header"/> is the image's header, as astropy presents it, its stored table
/// header stays reachable as <see cref="ImageHdu.StoredHeader"/>, and an image whose table header names the container
/// ('COMPRESSED_IMAGE') before its own EXTNAME is found by that name (tests/golden/realfiles/compressed_named.fits).
/// </summary>
[TestFixture]
public sealed class CompressedHeaderTests
{
    private const string File = "compressed_named.fits";

    [TestCase(1)]
    [TestCase(2)]
    public void Header_is_the_image_header_astropy_shows(int hdu)
    {
        JsonElement expected = RealFilesGolden.Entry("compressed", hdu);
        using var fits = FitsFile.Open(RealFilesGolden.PathOf(File));
        ImageHdu image = fits[hdu].AsImage();
        Assert.That(image.Info.IsCompressed, Is.True);

        string[] keywords = image.Header.Cards.Select(c => c.Keyword).ToArray();
        string[] astropy = expected.GetProperty("image_keywords").EnumerateArray().Select(k => k.GetString()!).ToArray();
        Assert.That(keywords, Is.EqualTo(astropy));
        foreach (JsonProperty value in expected.GetProperty("image_values").EnumerateObject())
        {
            if (value.Value.ValueKind == JsonValueKind.String)
            {
                Assert.That(image.Header.Get<string>(value.Name), Is.EqualTo(value.Value.GetString()), value.Name);
            }
            else if (value.Value.ValueKind == JsonValueKind.Number)
            {
                Assert.That(image.Header.Get<long>(value.Name), Is.EqualTo(value.Value.GetInt64()), value.Name);
            }
        }

        // What the header says is what the image is.
        Assert.That(image.Header.Get<int>("BITPIX"), Is.EqualTo(image.Info.Bitpix));
        Assert.That(new[] { image.Header.Get<long>("NAXIS2"), image.Header.Get<long>("NAXIS1") }, Is.EqualTo(image.Info.Shape));
        Assert.That(image.Read<short>(), Has.Length.EqualTo(image.Info.ElementCount));
        Assert.That(ReadingGolden.Sha(image.Read<short>()), Is.EqualTo(expected.GetProperty("sha256").GetString()));
    }

    [TestCase(1)]
    [TestCase(2)]
    public void StoredHeader_is_the_binary_table_as_the_file_has_it(int hdu)
    {
        JsonElement expected = RealFilesGolden.Entry("compressed", hdu);
        using var fits = FitsFile.Open(RealFilesGolden.PathOf(File));
        ImageHdu image = fits[hdu].AsImage();
        Header stored = image.StoredHeader;
        Assert.That(stored, Is.Not.SameAs(image.Header));
        Assert.That(stored.Cards.Select(c => c.Keyword).ToArray(),
            Is.EqualTo(expected.GetProperty("stored_keywords").EnumerateArray().Select(k => k.GetString()).ToArray()));
        Assert.That(stored.Cards.Where(c => c.Keyword == "EXTNAME").Select(c => c.Value!.Trim('\'', ' ')).ToArray(),
            Is.EqualTo(expected.GetProperty("stored_extnames").EnumerateArray().Select(k => k.GetString()).ToArray()));
        Assert.That(stored.Get<string>("XTENSION"), Is.EqualTo("BINTABLE"));
        foreach (JsonProperty value in expected.GetProperty("stored_values").EnumerateObject())
        {
            object actual = value.Value.ValueKind switch
            {
                JsonValueKind.String => stored.Get<string>(value.Name),
                JsonValueKind.True or JsonValueKind.False => stored.Get<bool>(value.Name),
                _ => stored.Get<long>(value.Name),
            };
            object wanted = value.Value.ValueKind switch
            {
                JsonValueKind.String => value.Value.GetString()!,
                JsonValueKind.True or JsonValueKind.False => value.Value.GetBoolean(),
                _ => value.Value.GetInt64(),
            };
            Assert.That(actual, Is.EqualTo(wanted), value.Name);
        }
    }

    [Test]
    public void The_image_is_found_by_its_own_name_after_the_containers()
    {
        JsonElement expected = RealFilesGolden.Entry("compressed", 1);
        using var fits = FitsFile.Open(RealFilesGolden.PathOf(File));
        Assert.That(expected.GetProperty("name").GetString(), Is.EqualTo("ccd00"), "astropy's name");
        Assert.That(fits[1].Name, Is.EqualTo("ccd00"));
        Assert.That(fits["ccd00"].Index, Is.EqualTo(1));
        Assert.That(fits["CCD00"].Index, Is.EqualTo(1), "case-insensitive, as CFITSIO compares names");
        Assert.That(fits["ccd00", 1].Index, Is.EqualTo(1));
        Assert.That(fits.TryGetHdu("ccd00", 2, out _), Is.False);
        Assert.That(fits.TryGetHdu("ccd00", out Hdu? found) && found.Index == 1, Is.True);
        Assert.That(fits["CCD01"].Index, Is.EqualTo(2));
        Assert.That(fits[2].Name, Is.EqualTo(RealFilesGolden.Entry("compressed", 2).GetProperty("name").GetString()));
        Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => _ = fits["ccd02"]);
    }

    [Test]
    public void A_compressed_image_without_a_name_of_its_own_is_called_by_its_containers()
    {
        // CFITSIO's default table name is the only EXTNAME: astropy's fitsinfo names the HDU COMPRESSED_IMAGE (the tool
        // tests compare with it) while its image header has no EXTNAME.
        using var fits = FitsFile.Open(ReadingGolden.PathOf("rice_cube.fits"));
        ImageHdu image = fits[1].AsImage();
        Assert.That(image.StoredHeader.GetStringOrNull("EXTNAME"), Is.EqualTo("COMPRESSED_IMAGE"));
        Assert.That(image.Header.Contains("EXTNAME"), Is.False);
        Assert.That(image.Name, Is.EqualTo("COMPRESSED_IMAGE"));
        Assert.That(fits["COMPRESSED_IMAGE"].Index, Is.EqualTo(1));
    }

    [Test]
    public void An_uncompressed_images_stored_header_is_its_header()
    {
        using var fits = FitsFile.Open(RealFilesGolden.PathOf("int64_blank.fits"));
        ImageHdu image = fits[1].AsImage();
        Assert.That(image.StoredHeader, Is.SameAs(image.Header));
        Assert.That(fits.Primary.StoredHeader, Is.SameAs(fits.Primary.Header));
    }

    [Test]
    public void A_write_through_the_image_header_shows_in_both_views()
    {
        using var folder = new TempDirectory();
        string path = folder.File(File);
        System.IO.File.Copy(RealFilesGolden.PathOf(File), path);
        using (FitsFile fits = FitsFile.OpenCore(path, extended: false, writable: true))
        {
            ImageHdu image = fits[1].AsImage();
            Header stored = image.StoredHeader;
            Assert.That(image.Header.Get<string>("OBSERVER"), Is.EqualTo("issue 17"));
            image.Header.Set("OBSERVER", "someone else");
            Assert.That(image.Header.Get<string>("OBSERVER"), Is.EqualTo("someone else"));
            Assert.That(stored.Get<string>("OBSERVER"), Is.EqualTo("someone else"));
            Assert.That(image.Header.Contains("ZBITPIX"), Is.False);
            stored.Set("EXPOSURE", 30L);
            Assert.That(image.Header.Get<long>("EXPOSURE"), Is.EqualTo(30));
        }

        using FitsFile again = FitsFile.Open(path);
        using FitsFile original = FitsFile.Open(RealFilesGolden.PathOf(File));
        Assert.That(again["ccd00"].Header.Get<string>("OBSERVER"), Is.EqualTo("someone else"));
        Assert.That(again["ccd00"].Header.Get<long>("EXPOSURE"), Is.EqualTo(30));
        Assert.That(again["ccd00"].AsImage().Read<short>(), Is.EqualTo(original[1].AsImage().Read<short>()));
    }
}
