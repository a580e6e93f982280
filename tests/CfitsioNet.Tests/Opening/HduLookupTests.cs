using System;
using System.Collections.Generic;
using System.Linq;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests;

/// <summary>
/// Enumerating HDUs and opening them by index, by EXTNAME (or HDUNAME) and EXTVER, on mef.fits (astropy):
/// 0 primary (no data), 1 SCI v1, 2 SCI v2, 3 EMPTY (NAXIS = 0), 4 EVENTS (binary table), 5 ASCTAB (ASCII table),
/// 6 MixedCase, 7 HDUNAME=ALTNAME, 8 and 9 DUP (no EXTVER).
/// </summary>
public sealed class HduLookupTests
{
    private static readonly string Mef = HeaderGolden.PathOf("mef.fits");

    [Test]
    public void Enumeration_lists_every_hdu_with_its_kind_name_and_version()
    {
        using FitsFile fits = FitsFile.Open(Mef);
        JsonRow[] expected = HeaderGolden.Hdus("mef.fits").Select(h => new JsonRow(
            h.GetProperty("kind").GetString()!,
            HeaderGolden.StringOrNull(h, "extname") ?? HeaderGolden.StringOrNull(h, "hduname"),
            h.GetProperty("extver").GetInt32())).ToArray();

        JsonRow[] actual = fits.Select(h => new JsonRow(h.Kind.ToString(), h.Name, h.Version)).ToArray();

        Assert.That(actual, Is.EqualTo(expected));
        Assert.That(fits.Select(h => h.Index), Is.EqualTo(Enumerable.Range(0, 10)));
    }

    [Test]
    public void A_name_finds_the_first_hdu_with_it_and_a_version_narrows_it()
    {
        using FitsFile fits = FitsFile.Open(Mef);

        Assert.That(fits["SCI"].Index, Is.EqualTo(1));
        Assert.That(fits["SCI", 1].Index, Is.EqualTo(1));
        Assert.That(fits["SCI", 2].Index, Is.EqualTo(2));
        Assert.That(fits["EVENTS"].Kind, Is.EqualTo(HduKind.BinaryTable));
        Assert.That(fits["ASCTAB"].Kind, Is.EqualTo(HduKind.AsciiTable));
        Assert.That(fits["DUP"].Index, Is.EqualTo(8), "two HDUs named DUP without EXTVER: the first");
        Assert.That(fits["DUP", 1].Index, Is.EqualTo(8), "a missing EXTVER means version 1");
    }

    [Test]
    public void Names_compare_case_insensitively_ignoring_trailing_blanks_as_CFITSIO_does()
    {
        using FitsFile fits = FitsFile.Open(Mef);

        Assert.That(fits["sci", 2].Index, Is.EqualTo(2));
        Assert.That(fits["SCI  "].Index, Is.EqualTo(1));
        Assert.That(fits["mixedcase"].Index, Is.EqualTo(6));
        Assert.That(fits["mixedcase"].Name, Is.EqualTo("MixedCase"), "Name is the value as written");
        Assert.That(fits.TryGetHdu(" SCI", out _), Is.False, "leading blanks are significant in FITS strings");
    }

    [Test]
    public void HDUNAME_names_an_hdu_without_EXTNAME_and_PRIMARY_finds_the_primary()
    {
        using FitsFile fits = FitsFile.Open(Mef);

        Assert.That(fits["ALTNAME"].Index, Is.EqualTo(7));
        Assert.That(fits[7].Name, Is.EqualTo("ALTNAME"));
        Assert.That(fits["PRIMARY"], Is.SameAs(fits.Primary));
        Assert.That(fits["primary", 1], Is.SameAs(fits.Primary));
        Assert.That(fits.Primary.Name, Is.Null);
    }

    [Test]
    public void Lookups_return_the_same_objects_as_the_index()
    {
        using FitsFile fits = FitsFile.Open(Mef);

        Assert.That(fits["SCI", 2], Is.SameAs(fits[2]));
        Assert.That(fits["EMPTY"], Is.InstanceOf<ImageHdu>());
        Assert.That(fits["EVENTS"], Is.Not.InstanceOf<ImageHdu>());
    }

    [Test]
    public void A_missing_name_throws_KeyNotFoundException_listing_the_file_and_its_names()
    {
        using FitsFile fits = FitsFile.Open(Mef);

        var e = Assert.Throws<KeyNotFoundException>(() => _ = fits["NOPE"]);
        Assert.That(e!.Message, Does.Contain("NOPE").And.Contain(Mef));
        Assert.That(e.Message, Does.Contain("'SCI' v1").And.Contain("'SCI' v2").And.Contain("'EVENTS'").And.Contain("'ALTNAME'"));

        var version = Assert.Throws<KeyNotFoundException>(() => _ = fits["SCI", 3]);
        Assert.That(version!.Message, Does.Contain("EXTVER 3"));

        Assert.That(fits.TryGetHdu("NOPE", out Hdu? none), Is.False);
        Assert.That(none, Is.Null);
        Assert.That(fits.TryGetHdu("SCI", 3, out _), Is.False);
        Assert.That(fits.TryGetHdu("SCI", 2, out Hdu? found), Is.True);
        Assert.That(found!.Index, Is.EqualTo(2));
    }

    [Test]
    public void A_failed_lookup_leaves_the_file_usable()
    {
        using FitsFile fits = FitsFile.Open(Mef);
        ImageHdu sci = fits[1].AsImage();
        short[] before = sci.Read<short>();

        Assert.That(fits.TryGetHdu("NOPE", out _), Is.False);
        Assert.That(fits.TryGetHdu("EVENTS", out _), Is.True);

        Assert.That(sci.Read<short>(), Is.EqualTo(before));
        Assert.That(before, Is.EqualTo(Enumerable.Range(0, 12).Select(i => (short)i)), "astropy wrote arange(12)");
    }

    [Test]
    public void Bad_names_and_versions_are_argument_errors()
    {
        using FitsFile fits = FitsFile.Open(Mef);

        Assert.Throws<ArgumentNullException>(() => _ = fits[(string)null!]);
        Assert.Throws<ArgumentException>(() => _ = fits[""]);
        Assert.Throws<ArgumentException>(() => _ = fits["   "]);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = fits["SCI", 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => fits.TryGetHdu("SCI", -1, out _));
    }

    [Test]
    public void Lookups_on_a_disposed_file_throw_ObjectDisposedException()
    {
        FitsFile fits = FitsFile.Open(Mef);
        fits.Dispose();

        Assert.Throws<ObjectDisposedException>(() => _ = fits["SCI"]);
        Assert.Throws<ObjectDisposedException>(() => fits.TryGetHdu("SCI", out _));
    }

    [Test]
    public void An_image_extension_with_no_data_is_listed_with_no_elements()
    {
        using FitsFile fits = FitsFile.Open(Mef);
        ImageHdu empty = fits["EMPTY"].AsImage();

        Assert.That(empty.Index, Is.EqualTo(3));
        Assert.That(empty.Info.Rank, Is.Zero);
        Assert.That(empty.Info.ElementCount, Is.Zero);
        Assert.That(empty.Info.Shape, Is.Empty);
        Assert.That(empty.Read<byte>(), Is.Empty);
        Assert.That(empty.Header.Get<int>("NAXIS"), Is.Zero);
    }

    [Test]
    public void ToString_summarises_kind_name_version_and_shape()
    {
        using FitsFile fits = FitsFile.Open(Mef);

        Assert.That(fits[0].ToString(), Is.EqualTo($"HDU 0: Image Byte, no data in {Mef}"));
        Assert.That(fits[1].ToString(), Is.EqualTo($"HDU 1 'SCI': Image Int16 [3, 4] in {Mef}"));
        Assert.That(fits[2].ToString(), Is.EqualTo($"HDU 2 'SCI' v2: Image Single [2, 3, 4] in {Mef}"));
        Assert.That(fits[3].ToString(), Is.EqualTo($"HDU 3 'EMPTY': Image Byte, no data in {Mef}"));
        Assert.That(fits[4].ToString(), Is.EqualTo($"HDU 4 'EVENTS': BinaryTable, 5 rows x 3 columns in {Mef}"));
        Assert.That(fits[5].ToString(), Is.EqualTo($"HDU 5 'ASCTAB': AsciiTable, 3 rows x 2 columns in {Mef}"));
    }

    [Test]
    public void ToString_does_not_throw_on_a_disposed_file()
    {
        FitsFile fits = FitsFile.Open(Mef);
        Hdu events = fits[4];
        fits.Dispose();

        Assert.That(events.ToString(), Is.EqualTo($"HDU 4: BinaryTable in {Mef}"));
    }

    private sealed record JsonRow(string Kind, string? Name, int Version);
}
