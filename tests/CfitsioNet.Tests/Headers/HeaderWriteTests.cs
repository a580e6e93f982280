using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests;

/// <summary>
/// Writing keywords on temp copies of the golden files, checked three ways: CfitsioNet reading back (through the
/// cached header and after reopening), CFITSIO's own readers, and astropy and fitsverify on the file.
/// </summary>
public sealed class HeaderWriteTests
{
    // checksum.fits: 0 primary, 1 SCI (float32 5x5, OBSERVER='alice'), 2 TAB, 3 NOSUM (no checksums), 4 DATAONLY.
    private const int NoSum = 3;

    private static FitsFile OpenWritable(string path) => FitsFile.OpenCore(path, extended: false, writable: true);

    [Test]
    public void A_read_only_file_refuses_every_change()
    {
        string path = HeaderGolden.Copy("checksum.fits");
        byte[] before = File.ReadAllBytes(path);
        using FitsFile fits = FitsFile.Open(path);
        Header header = fits[1].Header;
        int count = header.Count;

        Assert.Throws<InvalidOperationException>(() => header.Set("OBSERVER", "bob"));
        Assert.Throws<InvalidOperationException>(() => header.Set("FLAG", true));
        Assert.Throws<InvalidOperationException>(() => header.Set("NUMBER", 1L));
        Assert.Throws<InvalidOperationException>(() => header.Set("NUMBER", 1UL));
        Assert.Throws<InvalidOperationException>(() => header.Set("REAL", 1.5));
        Assert.Throws<InvalidOperationException>(() => header.AddComment("text"));
        Assert.Throws<InvalidOperationException>(() => header.AddHistory("text"));
        Assert.Throws<InvalidOperationException>(() => header.Remove("OBSERVER"));
        var e = Assert.Throws<InvalidOperationException>(() => fits[1].UpdateChecksum());
        Assert.That(e!.Message, Does.Contain(path).And.Contain("read-only"));

        Assert.That(header.Count, Is.EqualTo(count));
        Assert.That(header.Get<string>("OBSERVER"), Is.EqualTo("alice"));
        fits.Dispose();
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(before));
    }

    [Test]
    public void New_keywords_read_back_in_CfitsioNet_CFITSIO_and_astropy()
    {
        string path = HeaderGolden.Copy("checksum.fits");
        string longText = string.Join(" ", Enumerable.Range(1, 40).Select(i => $"word{i}"));
        using (FitsFile fits = OpenWritable(path))
        {
            Header header = fits[NoSum].Header;
            int count = header.Count;
            header.Set("OBJECT", "M31", "target");
            header.Set("EXPTIME", 1200.5, "[s] exposure");
            header.Set("NCOMBINE", 12L);
            header.Set("BIGU", ulong.MaxValue);
            header.Set("FLAG", true, "a flag");
            header.Set("QUOTE", "O'Brien");
            header.Set("EMPTYSTR", string.Empty);
            header.Set("LONGSTR", longText, "a comment");
            header.Set("ESO DET DIT", 2.5, "hierarch");

            // The header object in hand shows the change at once, as a new snapshot.
            Assert.That(fits[NoSum].Header, Is.SameAs(header));
            Assert.That(header.Get<string>("OBJECT"), Is.EqualTo("M31"));
            Assert.That(header.Count, Is.GreaterThan(count + 9), "LONGSTR takes several records");
        }

        using (FitsFile fits = FitsFile.Open(path))
        {
            Hdu hdu = fits[NoSum];
            Header header = hdu.Header;
            Assert.That(header.Get<string>("OBJECT"), Is.EqualTo("M31"));
            Assert.That(header.GetComment("OBJECT"), Is.EqualTo("target"));
            Assert.That(header.Get<double>("EXPTIME"), Is.EqualTo(1200.5));
            Assert.That(header.Get<long>("NCOMBINE"), Is.EqualTo(12));
            Assert.That(header.Get<ulong>("BIGU"), Is.EqualTo(ulong.MaxValue));
            Assert.That(header.Get<bool>("FLAG"), Is.True);
            Assert.That(header.Get<string>("QUOTE"), Is.EqualTo("O'Brien"));
            Assert.That(header.Get<string>("EMPTYSTR"), Is.Empty);
            Assert.That(header.Get<string>("LONGSTR"), Is.EqualTo(longText));
            Assert.That(header.GetComment("LONGSTR"), Is.EqualTo("a comment"));
            Assert.That(header.Get<double>("ESO DET DIT"), Is.EqualTo(2.5));

            Assert.That(CfitsioKeywordReader.LongString(hdu, "LONGSTR"), Is.EqualTo((0, longText, " a comment")), "CFITSIO joins comments with a blank");
            Assert.That(CfitsioKeywordReader.LongString(hdu, "QUOTE").Value, Is.EqualTo("O'Brien"));
            Assert.That(CfitsioKeywordReader.Double(hdu, "EXPTIME"), Is.EqualTo((0, 1200.5)));
            Assert.That(CfitsioKeywordReader.ULong(hdu, "BIGU"), Is.EqualTo((0, ulong.MaxValue)));
            Assert.That(CfitsioKeywordReader.Logical(hdu, "FLAG"), Is.EqualTo((0, true)));
            Assert.That(CfitsioKeywordReader.Double(hdu, "HIERARCH ESO DET DIT"), Is.EqualTo((0, 2.5)));
        }

        JsonElement astropy = HeaderTools.AstropyDump(path).GetProperty("hdus")[NoSum];
        Assert.That(AstropyValue(astropy, "OBJECT"), Is.EqualTo("M31"));
        Assert.That(AstropyValue(astropy, "EXPTIME"), Is.EqualTo(1200.5));
        Assert.That(AstropyValue(astropy, "NCOMBINE"), Is.EqualTo("12"));
        Assert.That(AstropyValue(astropy, "BIGU"), Is.EqualTo("18446744073709551615"));
        Assert.That(AstropyValue(astropy, "FLAG"), Is.EqualTo(true));
        Assert.That(AstropyValue(astropy, "QUOTE"), Is.EqualTo("O'Brien"));
        Assert.That(AstropyValue(astropy, "EMPTYSTR"), Is.EqualTo(string.Empty));
        Assert.That(AstropyValue(astropy, "LONGSTR"), Is.EqualTo(longText));
        Assert.That(AstropyCard(astropy, "LONGSTR").GetProperty("comment").GetString(), Is.EqualTo("a comment"));
        Assert.That(AstropyValue(astropy, "ESO DET DIT"), Is.EqualTo(2.5));
        AssertFitsverifyClean(path, "OGIP long string keyword convention");
    }

    [Test]
    public void Records_are_laid_out_as_CFITSIO_and_astropy_lay_them_out()
    {
        string path = HeaderGolden.Copy("checksum.fits");
        using FitsFile fits = OpenWritable(path);
        Header header = fits[NoSum].Header;

        header.Set("OBJECT", "M31", "target");
        header.Set("EXPTIME", 1200.5, "[s] exposure");
        header.Set("NCOMBINE", -12L);
        header.Set("FLAG", false);
        header.Set("ESO DET DIT", 2.5, "hierarch");

        Assert.That(Record(header, "OBJECT"), Is.EqualTo("OBJECT  = 'M31     '           / target"));
        Assert.That(Record(header, "EXPTIME"), Is.EqualTo("EXPTIME =               1200.5 / [s] exposure"));
        Assert.That(Record(header, "NCOMBINE"), Is.EqualTo("NCOMBINE=                  -12"));
        Assert.That(Record(header, "FLAG"), Is.EqualTo("FLAG    =                    F"));
        Assert.That(Record(header, "ESO DET DIT"), Is.EqualTo("HIERARCH ESO DET DIT = 2.5 / hierarch"));
    }

    [Test]
    public void Updating_a_keyword_keeps_its_place_and_comment_unless_told()
    {
        string path = HeaderGolden.Copy("checksum.fits");
        using FitsFile fits = OpenWritable(path);
        Header header = fits[1].Header;
        int index = header.IndexOf("OBSERVER");
        int count = header.Count;

        header.Set("OBSERVER", "bob", "who observed");
        header.Set("OBSERVER", "carol");
        Assert.That(header.IndexOf("OBSERVER"), Is.EqualTo(index));
        Assert.That(header.Count, Is.EqualTo(count));
        Assert.That(header.Get<string>("OBSERVER"), Is.EqualTo("carol"));
        Assert.That(header.GetComment("OBSERVER"), Is.EqualTo("who observed"), "a null comment keeps the old one");

        header.Set("OBSERVER", 42L, string.Empty);
        Assert.That(header.Get<int>("OBSERVER"), Is.EqualTo(42), "a keyword can change type");
        Assert.That(header.GetComment("OBSERVER"), Is.Empty, "an empty comment removes it");
        Assert.That(header.IndexOf("OBSERVER"), Is.EqualTo(index));
    }

    [Test]
    public void Duplicates_update_their_first_occurrence()
    {
        string path = HeaderGolden.Copy("mef.fits");
        using FitsFile fits = OpenWritable(path);
        Header header = fits.Primary.Header;

        header.Set("DUPKEY", 10L);

        Assert.That(header.Cards.Where(c => c.Keyword == "DUPKEY").Select(c => c.Value), Is.EqualTo(new[] { "10", "2" }));
        Assert.That(header.GetComment("DUPKEY"), Is.EqualTo("first"));
    }

    [Test]
    public void Long_strings_split_over_CONTINUE_cards_wherever_quotes_fall()
    {
        string path = HeaderGolden.Copy("checksum.fits");
        var values = new List<string>();
        for (int at = 58; at <= 72; at++)
        {
            // A quote near every possible card break, on the keyword's card and on a CONTINUE card.
            values.Add(new string('a', at) + "'" + new string('b', 60) + "''" + new string('c', 20) + "' end");
        }

        using (FitsFile fits = OpenWritable(path))
        {
            Header header = fits[NoSum].Header;
            for (int i = 0; i < values.Count; i++)
            {
                header.Set($"LONG{i}", values[i], i % 2 == 0 ? null : $"comment {i} that is quite long, to need room on the last card");
                header.Set($"ESO LONG K{i}", values[i]);
            }

            foreach (HeaderCard card in header.Cards)
            {
                Assert.That(card.Record.Length, Is.EqualTo(80));
            }
        }

        using (FitsFile fits = FitsFile.Open(path))
        {
            Hdu hdu = fits[NoSum];
            for (int i = 0; i < values.Count; i++)
            {
                Assert.That(hdu.Header.Get<string>($"LONG{i}"), Is.EqualTo(values[i]), $"LONG{i}");
                Assert.That(hdu.Header.Get<string>($"ESO LONG K{i}"), Is.EqualTo(values[i]), $"ESO LONG K{i}");
                Assert.That(CfitsioKeywordReader.LongString(hdu, $"LONG{i}").Value, Is.EqualTo(values[i]), $"CFITSIO LONG{i}");
                Assert.That(CfitsioKeywordReader.LongString(hdu, $"HIERARCH ESO LONG K{i}").Value, Is.EqualTo(values[i]), $"CFITSIO ESO LONG K{i}");
                if (i % 2 == 1)
                {
                    string comment = $"comment {i} that is quite long, to need room on the last card";
                    Assert.That(hdu.Header.GetComment($"LONG{i}"), Is.EqualTo(comment));
                    // CFITSIO joins the comments of all the cards with a blank, even when the first has none.
                    Assert.That(CfitsioKeywordReader.LongString(hdu, $"LONG{i}").Comment, Is.EqualTo(" " + comment));
                }
            }
        }

        AssertFitsverifyClean(path, "OGIP long string keyword convention");
    }

    [Test]
    public void Replacing_or_removing_a_long_string_leaves_no_CONTINUE_cards_behind()
    {
        string path = HeaderGolden.Copy("mef.fits");
        using FitsFile fits = OpenWritable(path);
        Header header = fits.Primary.Header;
        int count = header.Count;
        int index = header.IndexOf("LONGSTR");
        int continued = header.Cards.Skip(index + 1).TakeWhile(c => c.Kind == HeaderCardKind.Continue).Count();
        Assert.That(continued, Is.EqualTo(3), "astropy wrote LONGSTR on 4 records");

        header.Set("LONGSTR", "short now");
        Assert.That(header.Count, Is.EqualTo(count - continued), "the CONTINUE cards went with the old value");
        Assert.That(header.Cards[index + 1].Keyword, Is.EqualTo("LONGNOC"));
        Assert.That(header.GetComment("LONGSTR"), Is.EqualTo("and a long comment that also needs more than one card to be written in full"[..47]),
                    "the old comment, truncated to what fits on one card");

        header.Set("LONGNOC", 3.5);
        Assert.That(header.Cards[header.IndexOf("LONGNOC") + 1].Keyword, Is.EqualTo("LONGQ"));
        Assert.That(header.Get<double>("LONGNOC"), Is.EqualTo(3.5));

        Assert.That(header.Remove("LONGQ"), Is.True);
        Assert.That(header.Contains("LONGQ"), Is.False);
        Assert.That(header.Cards.Count(c => c.Kind == HeaderCardKind.Continue), Is.Zero);
        Assert.That(header.Get<long>("AFTER"), Is.EqualTo(7));
        Assert.That(header.Count, Is.EqualTo(count - continued - 1 - 2), "LONGNOC lost 1 CONTINUE card, LONGQ its 2 records");
    }

    [Test]
    public void Remove_deletes_every_occurrence()
    {
        string path = HeaderGolden.Copy("mef.fits");
        using (FitsFile fits = OpenWritable(path))
        {
            Header header = fits.Primary.Header;
            Assert.That(header.Remove("dupkey"), Is.True);
            Assert.That(header.Remove("HIERARCH ESO DET DIT"), Is.True);
            Assert.That(header.Remove("COMMENT"), Is.True);
            Assert.That(header.Remove("NOPE"), Is.False);
            Assert.That(header.Remove("DUPKEY"), Is.False, "already gone");

            Assert.That(header.Contains("DUPKEY"), Is.False);
            Assert.That(header.Contains("ESO DET DIT"), Is.False);
            Assert.That(header.Comments, Is.Empty);
            Assert.That(header.History, Has.Count.EqualTo(2));
        }

        JsonElement astropy = HeaderTools.AstropyDump(path).GetProperty("hdus")[0];
        Assert.That(astropy.GetProperty("cards").EnumerateArray().Any(c => c.GetProperty("keyword").GetString() is "DUPKEY" or "ESO DET DIT"), Is.False);
        Assert.That(astropy.GetProperty("comments").GetArrayLength(), Is.Zero);
        Assert.That(AstropyValue(astropy, "EXPTIME"), Is.EqualTo(1200.5));
    }

    [Test]
    public void Doubles_and_integers_round_trip_exactly()
    {
        double[] doubles =
        [
            0.1, 1.0 / 3, Math.PI, -0.0, 0.0, 1e-300, double.Epsilon, double.MaxValue, double.MinValue, 1e16, 123456789012345678.0,
            0.30000000000000004, 6.02214076e23, -2.5e-3, 100.0, 1.7976931348623157e308 / 3,
        ];
        long[] longs = [long.MinValue, long.MaxValue, 0, -1, int.MaxValue + 1L];
        string path = HeaderGolden.Copy("checksum.fits");
        using (FitsFile fits = OpenWritable(path))
        {
            Header header = fits[NoSum].Header;
            for (int i = 0; i < doubles.Length; i++)
            {
                header.Set($"D{i}", doubles[i]);
            }

            for (int i = 0; i < longs.Length; i++)
            {
                header.Set($"L{i}", longs[i]);
            }
        }

        JsonElement astropy = HeaderTools.AstropyDump(path).GetProperty("hdus")[NoSum];
        using (FitsFile fits = FitsFile.Open(path))
        {
            Hdu hdu = fits[NoSum];
            for (int i = 0; i < doubles.Length; i++)
            {
                string keyword = $"D{i}";
                long bits = BitConverter.DoubleToInt64Bits(doubles[i]);
                Assert.That(BitConverter.DoubleToInt64Bits(hdu.Header.Get<double>(keyword)), Is.EqualTo(bits), $"{keyword} = {doubles[i]:R}");
                Assert.That(HeaderValue.Classify(hdu.Header.Cards[hdu.Header.IndexOf(keyword)].Value), Is.EqualTo(ValueSyntax.Real), "written as a real");
                (int status, double cfitsio) = CfitsioKeywordReader.Double(hdu, keyword);
                if (status != CfitsioKeywordReader.NumOverflow || !double.IsSubnormal(doubles[i]))
                {
                    Assert.That(BitConverter.DoubleToInt64Bits(cfitsio), Is.EqualTo(bits), $"CFITSIO {keyword}");
                }

                Assert.That(BitConverter.DoubleToInt64Bits((double)AstropyValue(astropy, keyword)), Is.EqualTo(bits), $"astropy {keyword}");
            }

            for (int i = 0; i < longs.Length; i++)
            {
                Assert.That(hdu.Header.Get<long>($"L{i}"), Is.EqualTo(longs[i]));
                Assert.That(CfitsioKeywordReader.Long(hdu, $"L{i}"), Is.EqualTo((0, longs[i])));
                Assert.That(AstropyValue(astropy, $"L{i}"), Is.EqualTo(longs[i].ToString(CultureInfo.InvariantCulture)));
            }
        }
    }

    [Test]
    public void HIERARCH_names_are_written_upper_case_with_the_prefix()
    {
        string path = HeaderGolden.Copy("mef.fits");
        using FitsFile fits = OpenWritable(path);
        Header header = fits.Primary.Header;

        header.Set("eso obs new", "x");
        header.Set("HIERARCH ESO DET DIT", 3.25);
        header.Set("exptime", 10.0);
        header.Set("A.B", 1L);

        Assert.That(Record(header, "ESO OBS NEW"), Is.EqualTo("HIERARCH ESO OBS NEW = 'x'"));
        Assert.That(Record(header, "ESO DET DIT"), Is.EqualTo("HIERARCH ESO DET DIT = 3.25 / hierarch float"));
        Assert.That(header.IndexOf("ESO DET DIT"), Is.LessThan(header.IndexOf("ESO OBS NAME")), "updated in place");
        Assert.That(Record(header, "EXPTIME"), Does.StartWith("EXPTIME =                 10.0"));
        Assert.That(Record(header, "A.B"), Is.EqualTo("HIERARCH A.B = 1"), "a short name with a character FITS keywords may not hold");
    }

    [Test]
    public void Comments_and_history_are_appended_72_characters_per_card()
    {
        string path = HeaderGolden.Copy("checksum.fits");
        string text = string.Concat(Enumerable.Range(0, 150).Select(i => (char)('a' + (i % 26))));
        using (FitsFile fits = OpenWritable(path))
        {
            Header header = fits[NoSum].Header;
            header.AddComment(text);
            header.AddComment(string.Empty);
            header.AddHistory("processed by CfitsioNet");

            Assert.That(header.Comments, Is.EqualTo(new[] { text[..72], text[72..144], text[144..], string.Empty }));
            Assert.That(header.History, Is.EqualTo(new[] { "processed by CfitsioNet" }));
        }

        JsonElement astropy = HeaderTools.AstropyDump(path).GetProperty("hdus")[NoSum];
        Assert.That(astropy.GetProperty("comments").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { text[..72], text[72..144], text[144..], string.Empty }));
        Assert.That(astropy.GetProperty("history").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { "processed by CfitsioNet" }));
        AssertFitsverifyClean(path);
    }

    [Test]
    public void Structural_reserved_and_malformed_keywords_are_refused_without_touching_the_file()
    {
        // checksum.fits, because CFITSIO itself tidies a header it leaves on a writable file (mef.fits's EMPTY HDU has
        // blank records before END that it would fold into the END record's fill).
        string path = HeaderGolden.Copy("checksum.fits");
        byte[] before = File.ReadAllBytes(path);
        using (FitsFile fits = OpenWritable(path))
        {
            Header header = fits["TAB"].Header;
            foreach (string keyword in new[] { "NAXIS", "NAXIS1", "naxis2", "BITPIX", "XTENSION", "SIMPLE", "PCOUNT", "GCOUNT", "TFIELDS", "TFORM1", "TBCOL1", "THEAP", "END", "CONTINUE", "COMMENT", "HISTORY" })
            {
                Assert.Throws<ArgumentException>(() => header.Set(keyword, 1L), keyword);
            }

            Assert.Throws<ArgumentException>(() => header.Remove("NAXIS2"));
            Assert.Throws<ArgumentException>(() => header.Remove("CONTINUE"));
            Assert.Throws<ArgumentException>(() => header.Set("A=B", 1L));
            Assert.Throws<ArgumentException>(() => header.Set("", 1L));
            Assert.Throws<ArgumentException>(() => header.Set("   ", 1L));
            Assert.Throws<ArgumentException>(() => header.Set("CAFÉ", 1L));
            Assert.Throws<ArgumentException>(() => header.Set("OBJECT", "caf\u00e9"));
            Assert.Throws<ArgumentException>(() => header.Set("OBJECT", "tab\there"));
            Assert.Throws<ArgumentException>(() => header.Set("OBJECT", "M31", "caf\u00e9"));
            Assert.Throws<ArgumentException>(() => header.AddComment("line\nbreak"));
            Assert.Throws<ArgumentException>(() => header.Set(new string('K', 70), 1L), "too long for a HIERARCH record");
            Assert.Throws<ArgumentOutOfRangeException>(() => header.Set("REAL", double.NaN));
            Assert.Throws<ArgumentOutOfRangeException>(() => header.Set("REAL", double.PositiveInfinity));
            Assert.Throws<ArgumentNullException>(() => header.Set("OBJECT", (string)null!));
            Assert.Throws<ArgumentNullException>(() => header.Set(null!, 1L));
            Assert.Throws<ArgumentNullException>(() => header.Remove(null!));
            Assert.Throws<ArgumentNullException>(() => header.AddHistory(null!));
        }

        Assert.That(File.ReadAllBytes(path), Is.EqualTo(before));
    }

    [Test]
    public void Scaling_keywords_take_effect_at_once()
    {
        string path = HeaderGolden.Copy("mef.fits");
        using FitsFile fits = OpenWritable(path);
        ImageHdu sci = fits["SCI", 1].AsImage();
        Assert.That(sci.Info.PixelType, Is.EqualTo(PixelType.Int16));

        sci.Header.Set("BZERO", 32768L);

        Assert.That(sci.Info.PixelType, Is.EqualTo(PixelType.UInt16), "ImageInfo is read again");
        Assert.That(sci.Read<ushort>(), Is.EqualTo(Enumerable.Range(0, 12).Select(i => (ushort)(i + 32768))), "CFITSIO scales with the new BZERO");

        Assert.That(sci.Header.Remove("BZERO"), Is.True);
        Assert.That(sci.Info.PixelType, Is.EqualTo(PixelType.Int16));
        Assert.That(sci.Read<short>(), Is.EqualTo(Enumerable.Range(0, 12).Select(i => (short)i)));
    }

    [Test]
    public void UpdateChecksum_writes_checksums_that_verify_until_the_next_change()
    {
        string path = HeaderGolden.Copy("checksum.fits");
        using (FitsFile fits = OpenWritable(path))
        {
            Hdu hdu = fits[NoSum];
            Header header = hdu.Header;
            Assert.That(hdu.VerifyChecksum(), Is.EqualTo(new ChecksumResult(ChecksumStatus.Missing, ChecksumStatus.Missing)));

            hdu.UpdateChecksum();
            Assert.That(hdu.VerifyChecksum().IsValid, Is.True);
            Assert.That(header.Contains("CHECKSUM") && header.Contains("DATASUM"), Is.True, "the cached header shows the new keywords");

            header.Set("OBSERVER", "dave");
            Assert.That(hdu.VerifyChecksum(), Is.EqualTo(new ChecksumResult(ChecksumStatus.Valid, ChecksumStatus.Invalid)));

            hdu.UpdateChecksum();
            Assert.That(hdu.VerifyChecksum().IsValid, Is.True);
        }

        using (FitsFile fits = FitsFile.Open(path))
        {
            Assert.That(fits[NoSum].VerifyChecksum().IsValid, Is.True);
        }

        JsonElement astropy = HeaderTools.AstropyDump(path).GetProperty("hdus")[NoSum];
        Assert.That(astropy.GetProperty("checksum").GetProperty("data").GetString(), Is.EqualTo("Valid"));
        Assert.That(astropy.GetProperty("checksum").GetProperty("hdu").GetString(), Is.EqualTo("Valid"));
        AssertFitsverifyClean(path);
    }

    [Test]
    public void A_header_that_outgrows_its_block_keeps_the_data_and_the_following_HDUs()
    {
        string path = HeaderGolden.Copy("checksum.fits");
        float[] pixels;
        using (FitsFile fits = OpenWritable(path))
        {
            ImageHdu sci = fits["SCI"].AsImage();
            pixels = sci.Read<float>();
            for (int i = 0; i < 60; i++)
            {
                sci.Header.Set($"KEY{i}", i * 1.5, $"keyword number {i}");
            }

            sci.UpdateChecksum();
            Assert.That(sci.Read<float>(), Is.EqualTo(pixels));
        }

        using (FitsFile fits = FitsFile.Open(path))
        {
            ImageHdu sci = fits["SCI"].AsImage();
            Assert.That(sci.Read<float>(), Is.EqualTo(pixels));
            Assert.That(sci.Header.Get<double>("KEY59"), Is.EqualTo(88.5));
            Assert.That(fits["TAB"].VerifyChecksum().IsValid, Is.True, "the table after it moved intact");
            Assert.That(fits["DATAONLY"].Header.Get<string>("EXTNAME"), Is.EqualTo("DATAONLY"));
        }

        JsonElement astropy = HeaderTools.AstropyDump(path);
        Assert.That(AstropyValue(astropy.GetProperty("hdus")[1], "KEY59"), Is.EqualTo(88.5));
        Assert.That(astropy.GetProperty("hdus")[1].GetProperty("checksum").GetProperty("hdu").GetString(), Is.EqualTo("Valid"));
        AssertFitsverifyClean(path);
    }

    [Test]
    public void Cards_snapshots_do_not_change_under_the_caller()
    {
        string path = HeaderGolden.Copy("checksum.fits");
        using FitsFile fits = OpenWritable(path);
        Header header = fits[NoSum].Header;
        IReadOnlyList<HeaderCard> before = header.Cards;
        int count = before.Count;

        header.Set("NEWKEY", 1L);

        Assert.That(before, Has.Count.EqualTo(count));
        Assert.That(header.Cards, Has.Count.EqualTo(count + 1));
        Assert.That(header.Cards[^1].Keyword, Is.EqualTo("NEWKEY"));
    }

    private static string Record(Header header, string keyword) => header.Cards[header.IndexOf(keyword)].Record.TrimEnd();

    private static JsonElement AstropyCard(JsonElement hdu, string keyword) =>
        hdu.GetProperty("cards").EnumerateArray().First(c => c.GetProperty("keyword").GetString() == keyword);

    // astropy's value: string for "str" and "int" (exact), double for "float", bool for "bool".
    private static object AstropyValue(JsonElement hdu, string keyword)
    {
        JsonElement card = AstropyCard(hdu, keyword);
        JsonElement value = card.GetProperty("value");
        return card.GetProperty("type").GetString() switch
        {
            "float" => value.GetDouble(),
            "bool" => value.GetBoolean(),
            _ => value.GetString()!,
        };
    }

    // fitsverify finds no error, and no warning except those named.
    private static void AssertFitsverifyClean(string path, params string[] allowedWarnings)
    {
        (int errors, int _, string report) = HeaderTools.Verify(path);
        Assert.That(errors, Is.Zero, report);
        string[] warnings = report.Split('\n').Where(l => l.Contains("*** Warning", StringComparison.Ordinal)).ToArray();
        foreach (string warning in warnings)
        {
            int line = Array.IndexOf(report.Split('\n'), warning);
            string text = string.Join(" ", report.Split('\n').Skip(line).Take(2));
            Assert.That(allowedWarnings.Any(a => text.Contains(a, StringComparison.Ordinal)), Is.True, report);
        }
    }
}
