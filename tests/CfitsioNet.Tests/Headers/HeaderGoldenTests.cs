using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests;

/// <summary>
/// Every HDU of the header golden files (written by astropy: tests/golden/headers/make_headers.py) read by CfitsioNet
/// and compared with what astropy reported: records, every card's keyword, value and comment, COMMENT/HISTORY,
/// name/version/kind/shape and checksum verification.
/// </summary>
public sealed class HeaderGoldenTests
{
    private static IEnumerable<TestCaseData> Hdus() =>
        HeaderGolden.AllHdus().Select(h => new TestCaseData(h.File, h.Hdu).SetArgDisplayNames(h.File, $"HDU {h.Hdu}"));

    [Test]
    public void Committed_files_are_the_ones_expected_json_describes()
    {
        foreach (string file in HeaderGolden.Files)
        {
            byte[] bytes = File.ReadAllBytes(HeaderGolden.PathOf(file));
            Assert.That(Convert.ToHexStringLower(SHA256.HashData(bytes)),
                        Is.EqualTo(HeaderGolden.File(file).GetProperty("sha256").GetString()), file);
        }
    }

    [TestCaseSource(nameof(Hdus))]
    public void Records_are_the_stored_keyword_records(string file, int index)
    {
        using FitsFile fits = FitsFile.Open(HeaderGolden.PathOf(file));
        Header header = fits[index].Header;
        string[] expected = HeaderGolden.Hdu(file, index).GetProperty("records").EnumerateArray().Select(r => r.GetString()!).ToArray();

        Assert.That(header.Cards.Select(c => c.Record).ToArray(), Is.EqualTo(expected));
        Assert.That(header.Count, Is.EqualTo(expected.Length));
        Assert.That(header.Cards.All(c => c.Record.Length == 80), Is.True);
    }

    [TestCaseSource(nameof(Hdus))]
    public void Every_card_matches_astropy(string file, int index)
    {
        using FitsFile fits = FitsFile.Open(HeaderGolden.PathOf(file));
        Header header = fits[index].Header;
        JsonElement[] astropyCards = HeaderGolden.Hdu(file, index).GetProperty("cards").EnumerateArray().ToArray();

        // astropy folds CONTINUE cards into the card they continue; CfitsioNet lists them as cards of their own.
        HeaderCard[] cards = header.Cards.Where(c => c.Kind != HeaderCardKind.Continue).ToArray();
        Assert.That(astropyCards.Length, Is.GreaterThanOrEqualTo(cards.Length));

        // astropy keeps blank cards just before END; CFITSIO (and so CfitsioNet) counts them as free space.
        foreach (JsonElement extra in astropyCards.Skip(cards.Length))
        {
            Assert.That(extra.GetProperty("keyword").GetString(), Is.Empty);
            Assert.That(extra.GetProperty("value").GetString(), Is.Empty);
        }

        for (int i = 0; i < cards.Length; i++)
        {
            JsonElement expected = astropyCards[i];
            HeaderCard card = cards[i];
            string at = $"{file} HDU {index}: {card.Record.TrimEnd()}";
            Assert.That(card.Keyword, Is.EqualTo(expected.GetProperty("keyword").GetString()).IgnoreCase, at);

            string type = expected.GetProperty("type").GetString()!;
            if (type == "commentary")
            {
                Assert.That(card.Value, Is.Null, at);
                Assert.That(card.Comment, Is.EqualTo(expected.GetProperty("value").GetString()), at);
                continue;
            }

            Assert.That(card.Kind, Is.AnyOf(HeaderCardKind.Value, HeaderCardKind.Hierarch), at);
            bool first = header.Cards[header.IndexOf(card.Keyword)] == card;
            string expectedComment = expected.GetProperty("comment").GetString()!;
            Assert.That(first ? header.GetComment(card.Keyword) : card.Comment, Is.EqualTo(expectedComment), at);
            if (first)
            {
                CheckValue(header, card.Keyword, expected, at);
            }
            else
            {
                // A later duplicate: its own value field, converted the same way.
                Assert.That(type, Is.EqualTo("int"), at);
                Assert.That(HeaderValue.Convert(card.Value!, out long value), Is.EqualTo(HeaderReadResult.Ok), at);
                Assert.That(value, Is.EqualTo(long.Parse(expected.GetProperty("value").GetString()!, CultureInfo.InvariantCulture)), at);
            }
        }
    }

    [TestCaseSource(nameof(Hdus))]
    public void Comments_and_history_match_astropy(string file, int index)
    {
        using FitsFile fits = FitsFile.Open(HeaderGolden.PathOf(file));
        Header header = fits[index].Header;
        JsonElement expected = HeaderGolden.Hdu(file, index);

        Assert.That(header.Comments, Is.EqualTo(expected.GetProperty("comments").EnumerateArray().Select(e => e.GetString())));
        Assert.That(header.History, Is.EqualTo(expected.GetProperty("history").EnumerateArray().Select(e => e.GetString())));
    }

    [TestCaseSource(nameof(Hdus))]
    public void Kind_name_version_and_shape_match_astropy(string file, int index)
    {
        using FitsFile fits = FitsFile.Open(HeaderGolden.PathOf(file));
        Hdu hdu = fits[index];
        JsonElement expected = HeaderGolden.Hdu(file, index);

        Assert.That(hdu.Kind.ToString(), Is.EqualTo(expected.GetProperty("kind").GetString()));
        string? name = HeaderGolden.StringOrNull(expected, "extname") ?? HeaderGolden.StringOrNull(expected, "hduname");
        Assert.That(hdu.Name, Is.EqualTo(string.IsNullOrEmpty(name) ? null : name));
        Assert.That(hdu.Version, Is.EqualTo(expected.GetProperty("extver").GetInt32()));
        if (hdu is ImageHdu image)
        {
            long[] shape = expected.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            Assert.That(image.Info.Shape, Is.EqualTo(shape));
            Assert.That(image.Info.ElementCount, Is.EqualTo(shape.Length == 0 ? 0 : shape.Aggregate(1L, (a, b) => a * b)));
        }
        else
        {
            Assert.That(hdu.Header.Get<long>("NAXIS2"), Is.EqualTo(expected.GetProperty("rows").GetInt64()));
            Assert.That(hdu.Header.Get<int>("TFIELDS"), Is.EqualTo(expected.GetProperty("fields").GetInt32()));
        }
    }

    [TestCaseSource(nameof(Hdus))]
    public void Checksum_verification_matches_astropy(string file, int index)
    {
        using FitsFile fits = FitsFile.Open(HeaderGolden.PathOf(file));
        JsonElement expected = HeaderGolden.Hdu(file, index).GetProperty("checksum");

        ChecksumResult result = fits[index].VerifyChecksum();

        Assert.That(result.Datasum.ToString(), Is.EqualTo(expected.GetProperty("data").GetString()), "DATASUM");
        Assert.That(result.Checksum.ToString(), Is.EqualTo(expected.GetProperty("hdu").GetString()), "CHECKSUM");
        Assert.That(result.IsValid, Is.EqualTo(result.Datasum == ChecksumStatus.Valid && result.Checksum == ChecksumStatus.Valid));
        Assert.That(result.IsCorrupt, Is.EqualTo(result.Datasum == ChecksumStatus.Invalid || result.Checksum == ChecksumStatus.Invalid));
    }

    [Test]
    public void The_corrupt_copies_are_reported_not_thrown()
    {
        using FitsFile badData = FitsFile.Open(HeaderGolden.PathOf("checksum_baddata.fits"));
        using FitsFile badHeader = FitsFile.Open(HeaderGolden.PathOf("checksum_badheader.fits"));

        Assert.That(badData[1].VerifyChecksum(), Is.EqualTo(new ChecksumResult(ChecksumStatus.Invalid, ChecksumStatus.Invalid)));
        Assert.That(badHeader[1].VerifyChecksum(), Is.EqualTo(new ChecksumResult(ChecksumStatus.Valid, ChecksumStatus.Invalid)));
        Assert.That(badHeader[1].VerifyChecksum().IsCorrupt, Is.True);
        Assert.That(badHeader[0].VerifyChecksum().IsValid, Is.True, "the other HDUs are intact");
    }

    // Compares Get<T> with astropy's value of the given type, and checks the conversions that must fail.
    private static void CheckValue(Header header, string keyword, JsonElement expected, string at)
    {
        switch (expected.GetProperty("type").GetString())
        {
            case "bool":
                Assert.That(header.Get<bool>(keyword), Is.EqualTo(expected.GetProperty("value").GetBoolean()), at);
                Assert.Throws<InvalidCastException>(() => header.Get<long>(keyword), at);
                break;

            case "int":
                var integer = BigInteger.Parse(expected.GetProperty("value").GetString()!, CultureInfo.InvariantCulture);
                if (integer >= long.MinValue && integer <= long.MaxValue)
                {
                    Assert.That(header.Get<long>(keyword), Is.EqualTo((long)integer), at);
                }
                else
                {
                    Assert.Throws<OverflowException>(() => header.Get<long>(keyword), at);
                }

                if (integer >= 0 && integer <= ulong.MaxValue)
                {
                    Assert.That(header.Get<ulong>(keyword), Is.EqualTo((ulong)integer), at);
                }
                else
                {
                    Assert.Throws<OverflowException>(() => header.Get<ulong>(keyword), at);
                }

                // The nearest double (BigInteger's own conversion truncates instead of rounding).
                double nearest = double.Parse(expected.GetProperty("value").GetString()!, CultureInfo.InvariantCulture);
                Assert.That(header.Get<double>(keyword), Is.EqualTo(nearest), at);
                Assert.Throws<InvalidCastException>(() => header.Get<bool>(keyword), at);
                break;

            case "float":
                double real = expected.GetProperty("value").GetDouble();
                Assert.That(BitConverter.DoubleToInt64Bits(header.Get<double>(keyword)), Is.EqualTo(BitConverter.DoubleToInt64Bits(real)),
                            $"{at}: {header.Get<double>(keyword):R} vs {real:R}");
                Assert.Throws<InvalidCastException>(() => header.Get<long>(keyword), at);
                break;

            case "str":
                Assert.That(header.Get<string>(keyword), Is.EqualTo(expected.GetProperty("value").GetString()), at);
                Assert.That(header.GetStringOrNull(keyword), Is.EqualTo(expected.GetProperty("value").GetString()), at);
                Assert.Throws<InvalidCastException>(() => header.Get<double>(keyword), at);
                break;

            case "complex":
                Assert.Throws<InvalidCastException>(() => header.Get<double>(keyword), at);
                Assert.That(header.TryGet(keyword, out double _), Is.False, at);
                string text = header.Get<string>(keyword);
                string[] parts = text.Trim('(', ')').Split(',');
                Assert.That(double.Parse(parts[0], CultureInfo.InvariantCulture), Is.EqualTo(expected.GetProperty("real").GetDouble()), at);
                Assert.That(double.Parse(parts[1], CultureInfo.InvariantCulture), Is.EqualTo(expected.GetProperty("imag").GetDouble()), at);
                break;

            case "undefined":
                Assert.That(header.Cards[header.IndexOf(keyword)].Value, Is.Null, at);
                Assert.Throws<InvalidCastException>(() => header.Get<string>(keyword), at);
                Assert.That(header.GetStringOrNull(keyword), Is.Null, at);
                break;

            default:
                Assert.Fail($"{at}: unknown type in expected.json");
                break;
        }
    }
}
