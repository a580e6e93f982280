using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using CfitsioNet.Interop;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests;

/// <summary>
/// How Header reads: lookups, typed conversions and their errors, cards and their kinds, caching. The values come
/// from the primary header of mef.fits, written card by card by make_headers.py.
/// </summary>
public sealed class HeaderReadTests
{
    private static readonly string Mef = HeaderGolden.PathOf("mef.fits");

    [Test]
    public void The_design_cards_example_reads()
    {
        using FitsFile fits = FitsFile.Open(Mef);
        ImageHdu image = fits.Primary;

        double exposure = image.Header.Get<double>("EXPTIME");
        string? target = image.Header.GetStringOrNull("OBJECT");

        Assert.That(exposure, Is.EqualTo(1200.5));
        Assert.That(target, Is.EqualTo("M31"));
        Assert.That(image.Header.GetStringOrNull("TELESCOP"), Is.Null);
    }

    [Test]
    public void Keywords_are_looked_up_case_insensitively_and_trimmed()
    {
        using FitsFile fits = FitsFile.Open(Mef);
        Header header = fits.Primary.Header;

        Assert.That(header.Get<double>("exptime"), Is.EqualTo(1200.5));
        Assert.That(header.Get<double>("  ExpTime "), Is.EqualTo(1200.5));
        Assert.That(header.Contains("date-obs"), Is.False);
        Assert.That(header.Contains("NAXIS"), Is.True);
    }

    [Test]
    public void HIERARCH_keywords_are_found_with_or_without_the_prefix()
    {
        using FitsFile fits = FitsFile.Open(Mef);
        Header header = fits.Primary.Header;

        Assert.That(header.Get<double>("ESO DET DIT"), Is.EqualTo(1.5));
        Assert.That(header.Get<double>("HIERARCH ESO DET DIT"), Is.EqualTo(1.5));
        Assert.That(header.Get<double>("hierarch eso det dit"), Is.EqualTo(1.5));
        Assert.That(header.Get<string>("ESO OBS NAME"), Is.EqualTo("obs name"));
        Assert.That(header.Get<bool>("ESO TEL FLAG"), Is.True);
        Assert.That(header.Get<int>("ESO INS ID"), Is.EqualTo(12345));
        Assert.That(header.Get<string>("LONG KEYWORD WITH SEVERAL TOKENS"), Is.EqualTo("x"));
        Assert.That(header.GetComment("ESO DET DIT"), Is.EqualTo("hierarch float"));

        HeaderCard card = header.Cards[header.IndexOf("ESO DET DIT")];
        Assert.That(card.Kind, Is.EqualTo(HeaderCardKind.Hierarch));
        Assert.That(card.Keyword, Is.EqualTo("ESO DET DIT"));
        Assert.That(card.Value, Is.EqualTo("1.5"));
    }

    [Test]
    public void Numbers_are_parsed_as_FITS_writes_them()
    {
        using FitsFile fits = FitsFile.Open(Mef);
        Header header = fits.Primary.Header;

        Assert.That(header.Get<double>("VALD"), Is.EqualTo(1500.0), "1.5D3");
        Assert.That(header.Get<double>("VALDNEG"), Is.EqualTo(-0.0025), "-2.5D-03");
        Assert.That(header.Get<double>("VALE"), Is.EqualTo(6.02e23));
        Assert.That(header.Get<double>("VALNOINT"), Is.EqualTo(0.5), ".5");
        Assert.That(header.Get<double>("VALNOFR"), Is.EqualTo(5.0), "5.");
        Assert.That(header.Get<double>("VALEXP"), Is.EqualTo(1e10), "1E10");
        Assert.That(double.IsNegative(header.Get<double>("NEGZERO")), Is.True, "-0.0 keeps its sign");
        Assert.That(header.Get<float>("PI"), Is.EqualTo(MathF.PI));
        Assert.That(header.Get<int>("PLUSINT"), Is.EqualTo(17));
        Assert.That(header.Get<short>("ZEROPAD"), Is.EqualTo(42));
        Assert.That(header.Get<sbyte>("NEGINT"), Is.EqualTo(-42));
        Assert.That(header.Get<double>("NCOMBINE"), Is.EqualTo(12.0), "an integer reads as a double");
        Assert.That(header.Get<string>("VALD"), Is.EqualTo("1.5D3"), "a number read as a string is its text, as ffgkys returns it");
        Assert.That(header.Get<bool>("FLAGT"), Is.True);
        Assert.That(header.Get<bool>("FLAGF"), Is.False);
    }

    [Test]
    public void Strings_lose_quotes_and_trailing_blanks_but_keep_leading_blanks()
    {
        using FitsFile fits = FitsFile.Open(Mef);
        Header header = fits.Primary.Header;

        Assert.That(header.Get<string>("QUOTE"), Is.EqualTo("O'Brien"));
        Assert.That(header.Get<string>("QUOTES2"), Is.EqualTo("'"));
        Assert.That(header.Get<string>("EMPTY"), Is.Empty);
        Assert.That(header.Get<string>("SPACES"), Is.Empty);
        Assert.That(header.Get<string>("LEADSP"), Is.EqualTo("   leading"));
        Assert.That(header.Get<string>("TRAILSP"), Is.EqualTo("trailing"));
        Assert.That(header.Get<string>("SLASH"), Is.EqualTo("a/b / c"));
        Assert.That(header.GetComment("SLASH"), Is.EqualTo("slashes inside the string"));
        Assert.That(header.GetComment("NOSPACE"), Is.EqualTo("no space around the slash"));
        Assert.That(header.Get<string>("FREESTR"), Is.EqualTo("free format"));
        Assert.That(header.Get<long>("FREEINT"), Is.EqualTo(42));
        Assert.That(header.Cards[header.IndexOf("QUOTE")].Value, Is.EqualTo("'O''Brien'"), "Value is the text as written");
    }

    [Test]
    public void Long_strings_join_their_CONTINUE_cards()
    {
        using FitsFile fits = FitsFile.Open(Mef);
        Header header = fits.Primary.Header;

        Assert.That(header.Get<string>("LONGNOC"), Is.EqualTo(new string('x', 100) + " end"));
        Assert.That(header.Get<string>("LONGSTR"), Does.StartWith("This is a very long string").And.EndWith("with a / slash."));
        Assert.That(header.GetComment("LONGSTR"), Is.EqualTo("and a long comment that also needs more than one card to be written in full"));
        Assert.That(header.Get<string>("LONGQ"), Is.EqualTo("It's a long string with 'quotes' on both sides of a break: 'quoted' start, and it's done."));
        Assert.That(header.Get<string>("AMPEND"), Is.EqualTo("ends with amp&"), "a final & with no CONTINUE after it is part of the value");

        int index = header.IndexOf("LONGNOC");
        Assert.That(header.Cards[index + 1].Kind, Is.EqualTo(HeaderCardKind.Continue));
        Assert.That(header.Cards[index + 1].Value, Is.EqualTo("'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx end'"));
        Assert.That(header.Get<long>("AFTER"), Is.EqualTo(7), "the card after a long string is itself");
    }

    [Test]
    public void Duplicate_keywords_read_their_first_occurrence()
    {
        using FitsFile fits = FitsFile.Open(Mef);
        Header header = fits.Primary.Header;

        Assert.That(header.Get<int>("DUPKEY"), Is.EqualTo(1));
        Assert.That(header.GetComment("DUPKEY"), Is.EqualTo("first"));
        HeaderCard[] both = header.Cards.Where(c => c.Keyword == "DUPKEY").ToArray();
        Assert.That(both.Select(c => c.Value), Is.EqualTo(new[] { "1", "2" }));
        Assert.That(header.Cards[header.IndexOf("DUPKEY")], Is.SameAs(both[0]));
    }

    [Test]
    public void Commentary_cards_are_listed_with_their_kinds()
    {
        using FitsFile fits = FitsFile.Open(Mef);
        Header header = fits.Primary.Header;

        Assert.That(header.Comments, Is.EqualTo(new[] { "First comment.", "   Indented comment.", string.Empty }));
        Assert.That(header.History, Is.EqualTo(new[] { "First history entry.", "Second history entry, with 'quotes' / and a slash." }));
        HeaderCard[] blanks = header.Cards.Where(c => c.Kind == HeaderCardKind.Blank).ToArray();
        Assert.That(blanks.Select(c => c.Comment), Is.EqualTo(new[] { "Blank keyword with text.", string.Empty }));
        HeaderCard novalue = header.Cards.Single(c => c.Keyword == "NOVALUE");
        Assert.That(novalue.Kind, Is.EqualTo(HeaderCardKind.Commentary));
        Assert.That(novalue.Value, Is.Null);
        Assert.That(novalue.Comment, Is.EqualTo("  Text without a value indicator."));
        Assert.That(header.Cards.Count(c => c.Kind == HeaderCardKind.Continue), Is.EqualTo(5));
    }

    [Test]
    public void A_missing_keyword_throws_KeyNotFoundException_naming_keyword_hdu_and_file()
    {
        using FitsFile fits = FitsFile.Open(Mef);
        Header header = fits[2].Header;

        var e = Assert.Throws<KeyNotFoundException>(() => header.Get<double>("EXPTIME"));
        Assert.That(e!.Message, Does.Contain("EXPTIME").And.Contain("HDU 2").And.Contain(Mef));
        Assert.Throws<KeyNotFoundException>(() => header.GetComment("EXPTIME"));
        Assert.That(header.TryGet("EXPTIME", out double none), Is.False);
        Assert.That(none, Is.Zero);
        Assert.That(header.IndexOf("EXPTIME"), Is.EqualTo(-1));
    }

    [Test]
    public void Values_of_another_type_throw_InvalidCastException()
    {
        using FitsFile fits = FitsFile.Open(Mef);
        Header header = fits.Primary.Header;

        var real = Assert.Throws<InvalidCastException>(() => header.Get<int>("EXPTIME"));
        Assert.That(real!.Message, Does.Contain("EXPTIME").And.Contain("1200.5").And.Contain("read it as double"));
        Assert.Throws<InvalidCastException>(() => header.Get<double>("NUMSTR"), "a number written as a string stays a string");
        Assert.Throws<InvalidCastException>(() => header.Get<long>("FLAGT"), "T is not 1");
        Assert.Throws<InvalidCastException>(() => header.Get<bool>("NCOMBINE"), "12 is not true");
        Assert.Throws<InvalidCastException>(() => header.Get<bool>("OBJECT"));
        Assert.Throws<InvalidCastException>(() => header.Get<double>("CPLX"));
        Assert.Throws<InvalidCastException>(() => header.Get<string>("UNDEF"), "undefined");
        Assert.Throws<InvalidCastException>(() => header.Get<double>("UNDEF2"), "undefined, no comment");
        var comment = Assert.Throws<InvalidCastException>(() => header.Get<string>("COMMENT"));
        Assert.That(comment!.Message, Does.Contain("Comments"));
        Assert.That(header.TryGet("EXPTIME", out int _), Is.False);
        Assert.That(header.GetStringOrNull("UNDEF"), Is.Null);
        Assert.That(header.GetStringOrNull("COMMENT"), Is.Null);
    }

    [Test]
    public void Values_out_of_range_throw_OverflowException()
    {
        using FitsFile fits = FitsFile.Open(Mef);
        Header header = fits.Primary.Header;

        Assert.Throws<OverflowException>(() => header.Get<int>("INTOVER"));
        Assert.That(header.Get<long>("INTOVER"), Is.EqualTo(2147483648L));
        Assert.That(header.Get<uint>("INTOVER"), Is.EqualTo(2147483648U));
        Assert.That(header.Get<long>("BIGINT"), Is.EqualTo(long.MaxValue));
        Assert.That(header.Get<long>("BIGNEG"), Is.EqualTo(long.MinValue));
        Assert.That(header.Get<ulong>("UBIG"), Is.EqualTo(ulong.MaxValue));
        Assert.Throws<OverflowException>(() => header.Get<long>("UBIG"));
        Assert.Throws<OverflowException>(() => header.Get<ulong>("HUGE"));
        Assert.That(header.Get<double>("HUGE"), Is.EqualTo(1e20));
        Assert.Throws<OverflowException>(() => header.Get<uint>("NEGINT"));
        Assert.Throws<OverflowException>(() => header.Get<sbyte>("INTOVER"));
        Assert.That(header.Get<byte>("NCOMBINE"), Is.EqualTo(12));
        Assert.Throws<OverflowException>(() => header.Get<float>("FLTBIG"));
        Assert.That(header.Get<double>("FLTBIG"), Is.EqualTo(1e39));
        Assert.That(double.IsSubnormal(header.Get<double>("TINY")), Is.True);
        Assert.That(header.TryGet("UBIG", out long _), Is.False);
    }

    [Test]
    public void Unsupported_types_throw_NotSupportedException_even_from_TryGet()
    {
        using FitsFile fits = FitsFile.Open(Mef);
        Header header = fits.Primary.Header;

        Assert.Throws<NotSupportedException>(() => header.Get<decimal>("EXPTIME"));
        Assert.Throws<NotSupportedException>(() => header.Get<DateTime>("EXPTIME"));
        Assert.Throws<NotSupportedException>(() => header.TryGet("EXPTIME", out object? _));
    }

    [Test]
    public void Null_keywords_are_argument_errors()
    {
        using FitsFile fits = FitsFile.Open(Mef);
        Header header = fits.Primary.Header;

        Assert.Throws<ArgumentNullException>(() => header.Get<string>(null!));
        Assert.Throws<ArgumentNullException>(() => header.TryGet(null!, out string? _));
        Assert.Throws<ArgumentNullException>(() => header.Contains(null!));
        Assert.Throws<ArgumentNullException>(() => header.GetComment(null!));
    }

    [Test]
    public void Malformed_values_throw_FormatException()
    {
        // Raw records appended through CFITSIO's ffprec, so CfitsioNet's own writer cannot tidy them.
        string path = HeaderGolden.Copy("checksum.fits");
        AppendRawRecords(path, 1, "BADNUM  =                1.2.3 / two points", "BADLOG  =                 TRUE", "BADINT  =                12abc");

        using FitsFile fits = FitsFile.Open(path);
        Header header = fits[1].Header;

        var e = Assert.Throws<FormatException>(() => header.Get<double>("BADNUM"));
        Assert.That(e!.Message, Does.Contain("BADNUM").And.Contain("1.2.3"));
        Assert.Throws<FormatException>(() => header.Get<bool>("BADLOG"));
        Assert.Throws<FormatException>(() => header.Get<long>("BADINT"));
        Assert.That(header.Get<string>("BADINT"), Is.EqualTo("12abc"));
        Assert.That(header.TryGet("BADNUM", out double _), Is.False);
    }

    [Test]
    public void The_header_is_read_once_and_cached()
    {
        using FitsFile fits = FitsFile.Open(Mef);
        Header header = fits[1].Header;

        Assert.That(fits[1].Header, Is.SameAs(header));
        Assert.That(fits["SCI"].Header, Is.SameAs(header));
        Assert.That(header.Hdu, Is.SameAs(fits[1]));
        Assert.That(header.Cards, Is.SameAs(header.Cards), "the snapshot is reused until the header changes");
    }

    [Test]
    public void A_header_read_before_dispose_stays_readable_and_one_never_read_throws()
    {
        FitsFile fits = FitsFile.Open(Mef);
        Header read = fits[1].Header;
        Hdu unread = fits[2];
        fits.Dispose();

        Assert.That(read.Get<string>("EXTNAME"), Is.EqualTo("SCI"));
        Assert.Throws<ObjectDisposedException>(() => _ = unread.Header);
    }

    [Test]
    public void ToString_lists_the_records()
    {
        using FitsFile fits = FitsFile.Open(Mef);
        string text = fits[1].Header.ToString();
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.That(lines, Has.Length.EqualTo(fits[1].Header.Count));
        Assert.That(lines[0], Is.EqualTo("XTENSION= 'IMAGE   '           / Image extension"));
    }

    [Test]
    public void Each_HDU_has_its_own_header()
    {
        using FitsFile fits = FitsFile.Open(Mef);

        Assert.That(fits[1].Header.Get<int>("EXTVER"), Is.EqualTo(1));
        Assert.That(fits[2].Header.Get<int>("EXTVER"), Is.EqualTo(2));
        Assert.That(fits[4].Header.Get<string>("TTYPE2"), Is.EqualTo("PHA"));
        Assert.That(fits[0].Header.Get<bool>("SIMPLE"), Is.True);
        Assert.That(fits[1].Header.Get<string>("XTENSION"), Is.EqualTo("IMAGE"));
    }

    internal static unsafe void AppendRawRecords(string path, int hdu, params string[] records)
    {
        using FitsFile fits = FitsFile.OpenCore(path, extended: false, writable: true);
        lock (fits.Sync)
        {
            FitsHandle handle = fits.EnterHdu(hdu);
            byte* card = stackalloc byte[81];
            foreach (string record in records)
            {
                for (int i = 0; i < record.Length; i++)
                {
                    card[i] = (byte)record[i];
                }

                card[record.Length] = 0;
                int status = 0;
                Cfitsio.AppendRecord(handle, card, ref status);
                Assert.That(status, Is.Zero, record);
            }
        }
    }
}
