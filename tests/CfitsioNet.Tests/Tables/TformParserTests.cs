using CfitsioNet.Tables;
using NUnit.Framework;

namespace CfitsioNet.Tests.Tables;

[TestFixture]
public sealed class TformParserTests
{
    // The forms of FITS 4.0 Table 18 and 7.3, and the ones astropy and CFITSIO write (tests/golden/tables).
    [TestCase("L", 'L', 1L, 1L)]
    [TestCase("3L", 'L', 3L, 3L)]
    [TestCase("1X", 'X', 1L, 1L)]
    [TestCase("13X", 'X', 13L, 2L)]
    [TestCase("70X", 'X', 70L, 9L)]
    [TestCase("B", 'B', 1L, 1L)]
    [TestCase("1I", 'I', 1L, 2L)]
    [TestCase("J", 'J', 1L, 4L)]
    [TestCase("2K", 'K', 2L, 16L)]
    [TestCase("E", 'E', 1L, 4L)]
    [TestCase("12E", 'E', 12L, 48L)]
    [TestCase("D", 'D', 1L, 8L)]
    [TestCase("C", 'C', 1L, 8L)]
    [TestCase("M", 'M', 1L, 16L)]
    [TestCase("3M", 'M', 3L, 48L)]
    [TestCase("A", 'A', 1L, 1L)]
    [TestCase("10A", 'A', 10L, 10L)]
    [TestCase("0J", 'J', 0L, 0L)]
    [TestCase("0A", 'A', 0L, 0L)]
    [TestCase("  2d ", 'D', 2L, 16L)] // CFITSIO upper-cases and skips spaces
    public void Fixed_width_forms(string tform, char type, long repeat, long width)
    {
        Assert.That(TformParser.TryParseBinary(tform, out BinaryColumnFormat format, out string? error), Is.True, error);
        Assert.That((char)format.Type, Is.EqualTo(type));
        Assert.That(format.Repeat, Is.EqualTo(repeat));
        Assert.That(format.FieldWidth, Is.EqualTo(width));
        Assert.That(format.IsVariableLength, Is.False);
        Assert.That(format.MaxLength, Is.Null);
    }

    [TestCase("PJ", 'J', 'P', 1L, -1L, 8L)]
    [TestCase("1PB(1000)", 'B', 'P', 1L, 1000L, 8L)]
    [TestCase("PE(30)", 'E', 'P', 1L, 30L, 8L)]
    [TestCase("PJ()", 'J', 'P', 1L, -1L, 8L)]           // astropy writes an empty maximum
    [TestCase("QD(12)", 'D', 'Q', 1L, 12L, 16L)]
    [TestCase("1QA(0)", 'A', 'Q', 1L, 0L, 16L)]
    [TestCase("0PJ(5)", 'J', 'P', 0L, 5L, 0L)]
    [TestCase("PL(12)", 'L', 'P', 1L, 12L, 8L)]
    [TestCase("PX", 'X', 'P', 1L, -1L, 8L)]
    [TestCase("qm( 7 )", 'M', 'Q', 1L, 7L, 16L)]
    public void Variable_length_forms(string tform, char type, char descriptor, long repeat, long max, long width)
    {
        Assert.That(TformParser.TryParseBinary(tform, out BinaryColumnFormat format, out string? error), Is.True, error);
        Assert.That((char)format.Type, Is.EqualTo(type));
        Assert.That(format.Descriptor, Is.EqualTo(descriptor == 'P' ? VariableLength.P : VariableLength.Q));
        Assert.That(format.Repeat, Is.EqualTo(repeat));
        Assert.That(format.MaxLength, Is.EqualTo(max < 0 ? null : max));
        Assert.That(format.FieldWidth, Is.EqualTo(width));
        Assert.That(format.ElementSize, Is.EqualTo(BinaryColumnFormat.ElementSizeOf(format.Type)));
    }

    [TestCase("24A8", 24L, 8)]
    [TestCase("8A20", 8L, 8)] // CFITSIO: a substring wider than the field is the field
    [TestCase("12a4", 12L, 4)]
    public void Substring_widths(string tform, long repeat, int width)
    {
        Assert.That(TformParser.TryParseBinary(tform, out BinaryColumnFormat format, out string? error), Is.True, error);
        Assert.That(format.Type, Is.EqualTo(BinaryElementType.Character));
        Assert.That(format.Repeat, Is.EqualTo(repeat));
        Assert.That(format.SubstringWidth, Is.EqualTo(width));
    }

    [TestCase("", "is blank")]
    [TestCase("   ", "is blank")]
    [TestCase("-5J", "negative repeat count")]
    [TestCase("+5J", "sign before the repeat count")]
    [TestCase("5", "no data type letter")]
    [TestCase("Z", "unknown data type letter 'Z'")]
    [TestCase("JUNK", "text after the data type letter: 'UNK'")]   // CFITSIO reads this as J
    [TestCase("1J 2", "text after the data type letter")]
    [TestCase("U", "unknown data type letter 'U'")]               // CFITSIO-internal letters are not FITS
    [TestCase("1234567890123456789J", "more than 18 digits")]
    [TestCase("999999999999999999D", "too large for any row")]
    [TestCase("576460752303423488M", "too large for any row")]
    [TestCase("2PJ(5)", "repeat count of 2 before P")]
    [TestCase("P", "no element type after the array descriptor")]
    [TestCase("PZ(5)", "unknown data type letter 'Z'")]
    [TestCase("PJ(5", "other than a maximum length in parentheses")]
    [TestCase("PJ(abc)", "not a whole number")]
    [TestCase("PJ(-4)", "not a whole number")]
    [TestCase("PJ5", "other than a maximum length")]
    [TestCase("10A0", "substring width of 0")]
    [TestCase("10Ax", "other than a substring width")]
    public void Hostile_forms_are_refused_with_a_reason(string tform, string reason)
    {
        Assert.That(TformParser.TryParseBinary(tform, out _, out string? error), Is.False);
        Assert.That(error, Does.Contain(reason));
    }

    [TestCase("A8", 'A', 8, 0)]
    [TestCase("I6", 'I', 6, 0)]
    [TestCase("I11", 'I', 11, 0)]
    [TestCase("F10.3", 'F', 10, 3)]
    [TestCase("E15.6", 'E', 15, 6)]
    [TestCase("D25.17", 'D', 25, 17)]
    [TestCase(" f8.0 ", 'F', 8, 0)]
    public void ASCII_forms(string tform, char type, int width, int decimals)
    {
        Assert.That(TformParser.TryParseAscii(tform, out AsciiColumnFormat format, out string? error), Is.True, error);
        Assert.That(format, Is.EqualTo(new AsciiColumnFormat((AsciiElementType)type, width, decimals)));
    }

    [TestCase("", "is blank")]
    [TestCase("X5", "unknown ASCII-table format letter 'X'")]
    [TestCase("J4", "unknown ASCII-table format letter 'J'")]   // a binary letter
    [TestCase("I", "no field width")]
    [TestCase("I0", "field width of 0")]
    [TestCase("A-1", "no field width")]
    [TestCase("F10", "no '.d'")]
    [TestCase("E10.", "no number of decimals")]
    [TestCase("F3.3", "3 decimals in a field of width 3")]
    [TestCase("E10.2X", "unexpected text 'X'")]
    [TestCase("I6.2", "unexpected text '.2'")]
    [TestCase("I99999999999", "field width of 99999999999")]
    [TestCase("A1234567890123456789", "more than 18 digits")]
    public void Hostile_ASCII_forms_are_refused_with_a_reason(string tform, string reason)
    {
        Assert.That(TformParser.TryParseAscii(tform, out _, out string? error), Is.False);
        Assert.That(error, Does.Contain(reason));
    }
}
