using System;
using System.Globalization;
using System.Text;

namespace CfitsioNet.Direct;

/// <summary>
/// Decides from the bytes of a primary header whether CFITSIO 4.2.0 is certain to open the file (<c>ffdkopn</c>:
/// <c>ffrhdu</c>, <c>ffpinit</c>, <c>ffgphd</c>) and what it would then report about the image, so that
/// <see cref="FitsFile"/> can answer <see cref="ImageHdu.Info"/> and read the pixels before, or without, opening
/// CFITSIO. Deliberately narrow: it proves only headers in the standard fixed format, with nothing CFITSIO could
/// read differently (every card printable ASCII; SIMPLE = T, BITPIX, NAXIS and NAXISn in their places with plain
/// integer values; an END card; no PCOUNT, GCOUNT or GROUPS; BZERO, BSCALE and BLANK each at most once, as a plain
/// number in its standard card, and no other card of the same name in any spelling; no HIERARCH cards).
/// Everything else is <see cref="Outcome.NotProven"/>, and the file is opened by CFITSIO as before.
/// </summary>
internal static class PrimaryHeaderProof
{
    private const int MaxRank = 999;

    /// <summary>What the bytes prove.</summary>
    internal enum Outcome
    {
        /// <summary>CFITSIO accepts the header; <see cref="Header"/> holds what it says.</summary>
        Proven,

        /// <summary>No END card in the bytes given, and nothing disproven yet: more blocks may prove it.</summary>
        NeedMore,

        /// <summary>Not provable here: leave the file to CFITSIO.</summary>
        NotProven,
    }

    /// <summary>The image a proven header describes.</summary>
    /// <param name="Bitpix">BITPIX.</param>
    /// <param name="Shape">Axis lengths in C order (NAXIS1 last), every one at least 1.</param>
    /// <param name="Bzero">BZERO, 0 when absent.</param>
    /// <param name="Bscale">BSCALE, 1 when absent.</param>
    /// <param name="Blank">BLANK, null when absent.</param>
    /// <param name="DataOffset">Byte offset of the data: the block after the END card.</param>
    internal readonly record struct Header(int Bitpix, long[] Shape, double Bzero, double Bscale, long? Blank, long DataOffset);

    /// <summary>Examines the whole 2880-byte blocks at the start of <paramref name="bytes"/> (the file from byte 0).</summary>
    /// <param name="bytes">The start of the file; a partial last block is ignored.</param>
    /// <param name="header">The image, when the outcome is <see cref="Outcome.Proven"/>.</param>
    /// <returns>Whether the header is proven, needs more blocks, or cannot be proven.</returns>
    internal static Outcome Examine(ReadOnlySpan<byte> bytes, out Header header)
    {
        header = default;
        int cards = bytes.Length / FitsBlock.Bytes * FitsBlock.CardsPerBlock;
        if (cards == 0)
        {
            return Outcome.NeedMore;
        }

        // SIMPLE = T (ffrhdu: the first 8 bytes name SIMPLE; ffgphd: the value starts with T).
        ReadOnlySpan<byte> first = bytes[..FitsBlock.CardBytes];
        if (!IsPrintable(first) || !first.StartsWith("SIMPLE  = "u8) || !ValueToken(first, out ReadOnlySpan<byte> simple) || !simple.SequenceEqual("T"u8))
        {
            return Outcome.NotProven;
        }

        // BITPIX and NAXIS in cards 2 and 3 (ffgphd: ffgkyn, ffc2ii; ffgtkn).
        if (cards < 3 || !FixedInteger(bytes.Slice(FitsBlock.CardBytes, FitsBlock.CardBytes), "BITPIX  = "u8, out long bitpix) || bitpix is not (8 or 16 or 32 or 64 or -32 or -64))
        {
            return Outcome.NotProven;
        }

        if (!FixedInteger(bytes.Slice(2 * FitsBlock.CardBytes, FitsBlock.CardBytes), "NAXIS   = "u8, out long rank) || rank < 1 || rank > MaxRank)
        {
            return Outcome.NotProven;
        }

        // NAXISn in cards 4.. (ffgtknjj: a non-negative integer; 0 would mean no pixels or random groups, left to CFITSIO).
        if (cards < 3 + rank)
        {
            return Outcome.NeedMore;
        }

        long[] shape = new long[rank];
        Span<byte> name = stackalloc byte[10];
        for (int i = 1; i <= rank; i++)
        {
            name.Fill((byte)' ');
            "NAXIS"u8.CopyTo(name);
            int digits = WriteNumber(i, name[5..8]);
            if (digits < 0)
            {
                return Outcome.NotProven;
            }

            name[8] = (byte)'=';
            if (!FixedInteger(bytes.Slice((2 + i) * FitsBlock.CardBytes, FitsBlock.CardBytes), name, out long length) || length < 1)
            {
                return Outcome.NotProven;
            }

            shape[rank - i] = length;
        }

        double bzero = 0.0;
        double bscale = 1.0;
        long? blank = null;
        Mention seen = Mention.None;
        for (int c = 3 + (int)rank; c < cards; c++)
        {
            ReadOnlySpan<byte> card = bytes.Slice(c * FitsBlock.CardBytes, FitsBlock.CardBytes);
            if (!IsPrintable(card))
            {
                return Outcome.NotProven;
            }

            // ffgknm: the name runs to the first space or '=' (HIERARCH names are looked up by what follows: not proven here).
            if (card.StartsWith("HIERARCH "u8))
            {
                return Outcome.NotProven;
            }

            ReadOnlySpan<byte> keyword = card[..Math.Min(card.Length, 74)];
            int end = keyword.IndexOfAny((byte)' ', (byte)'=');
            keyword = end < 0 ? keyword : keyword[..end];
            if (keyword.SequenceEqual("END"u8))
            {
                if (card[3..].IndexOfAnyExcept((byte)' ') >= 0)
                {
                    return Outcome.NotProven;
                }

                if (!Describe((int)bitpix, shape, out _))
                {
                    return Outcome.NotProven;
                }

                header = new Header((int)bitpix, shape, bzero, bscale, blank, ((long)c * FitsBlock.CardBytes / FitsBlock.Bytes + 1) * FitsBlock.Bytes);
                return Outcome.Proven;
            }

            // Keywords that change the size, layout or values of the data, repeated mandatory keywords, and any card that
            // mentions a scaling keyword in any spelling (CFITSIO's keyword lookups would have to decide those).
            if (keyword.SequenceEqual("PCOUNT"u8) || keyword.SequenceEqual("GCOUNT"u8) || keyword.SequenceEqual("GROUPS"u8) ||
                keyword.SequenceEqual("SIMPLE"u8) || keyword.SequenceEqual("BITPIX"u8) || keyword.StartsWith("NAXIS"u8))
            {
                return Outcome.NotProven;
            }

            // BZERO, BSCALE and BLANK: each once at most, in its standard card, with a plain value.
            Mention mention = ScalingKeyword(card, keyword);
            if (mention == Mention.None)
            {
                continue;
            }

            long blankValue = 0;
            bool parsed = (seen & mention) == 0 && ValueToken(card, out ReadOnlySpan<byte> value) && mention switch
            {
                Mention.Bzero => PlainReal(value, out bzero),
                Mention.Bscale => PlainReal(value, out bscale) && bscale != 0.0,
                Mention.Blank => PlainInteger(value, out blankValue),
                _ => false,
            };
            if (!parsed)
            {
                return Outcome.NotProven;
            }

            blank = mention == Mention.Blank ? blankValue : blank;
            seen |= mention;
        }

        return Outcome.NeedMore;
    }

    /// <summary>Whether the shape's pixel and byte counts fit in a long (else CFITSIO's and this library's size checks decide).</summary>
    private static bool Describe(int bitpix, long[] shape, out long bytes)
    {
        bytes = Math.Abs(bitpix) / 8;
        foreach (long length in shape)
        {
            if (bytes > long.MaxValue / length)
            {
                return false;
            }

            bytes *= length;
        }

        return bytes <= long.MaxValue - (2 * FitsBlock.Bytes);
    }

    [Flags]
    private enum Mention
    {
        None = 0,
        Bzero = 1,
        Bscale = 2,
        Blank = 4,
        Other = 8,
    }

    /// <summary>
    /// Which of BZERO, BSCALE and BLANK the card is, by its name as CFITSIO's keyword lookup compares it (<c>ffgcrd</c>:
    /// <c>ffgknm</c>'s name, in upper case): that keyword when the card is its standard card (<c>BZERO   = </c>),
    /// <see cref="Mention.Other"/> for the same name spelled another way (lower case, or <c>BZERO=</c>), which CFITSIO's
    /// lookups and its reader would read differently.
    /// </summary>
    private static Mention ScalingKeyword(ReadOnlySpan<byte> card, ReadOnlySpan<byte> name)
    {
        if (name.Length is < 5 or > 6)
        {
            return Mention.None;
        }

        Span<byte> upper = stackalloc byte[6];
        Ascii.ToUpper(name, upper, out int written);
        ReadOnlySpan<byte> key = upper[..written];
        Mention mention = key.SequenceEqual("BZERO"u8) ? Mention.Bzero
            : key.SequenceEqual("BSCALE"u8) ? Mention.Bscale
            : key.SequenceEqual("BLANK"u8) ? Mention.Blank
            : Mention.None;
        ReadOnlySpan<byte> standard = mention switch
        {
            Mention.Bzero => "BZERO   = "u8,
            Mention.Bscale => "BSCALE  = "u8,
            _ => "BLANK   = "u8,
        };
        return mention == Mention.None || card.StartsWith(standard) ? mention : Mention.Other;
    }

    /// <summary>
    /// A card <c>NAME    = value [/ comment]</c> whose value is a plain integer (optional minus, 1 to 18 digits), which
    /// <c>strtol</c>/<c>strtoll</c> in <c>ffc2ii</c>/<c>ffc2jj</c> read as the same number.
    /// </summary>
    private static bool FixedInteger(ReadOnlySpan<byte> card, ReadOnlySpan<byte> prefix, out long value)
    {
        value = 0;
        if (!IsPrintable(card) || !card.StartsWith(prefix) || !ValueToken(card, out ReadOnlySpan<byte> token))
        {
            return false;
        }

        return PlainInteger(token, out value);
    }

    /// <summary>A plain integer: optional minus, 1 to 18 digits.</summary>
    private static bool PlainInteger(ReadOnlySpan<byte> token, out long value)
    {
        value = 0;
        ReadOnlySpan<byte> digits = token.Length > 0 && token[0] == (byte)'-' ? token[1..] : token;
        if (digits.Length is 0 or > 18 || digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
        {
            return false;
        }

        foreach (byte d in digits)
        {
            value = (value * 10) + (d - '0');
        }

        value = digits.Length == token.Length ? value : -value;
        return true;
    }

    /// <summary>
    /// The value of a <c>NAME    = value</c> card as <c>ffpsvc</c> cuts it (from column 11, past spaces, to the next
    /// space or slash), provided it is a non-empty number or logical followed by nothing but spaces or a comment.
    /// </summary>
    private static bool ValueToken(ReadOnlySpan<byte> card, out ReadOnlySpan<byte> token)
    {
        token = default;
        ReadOnlySpan<byte> rest = card[10..];
        int start = rest.IndexOfAnyExcept((byte)' ');
        if (start < 0 || rest[start] is (byte)'/' or (byte)'\'' or (byte)'(')
        {
            return false;
        }

        rest = rest[start..];
        int length = rest.IndexOfAny((byte)' ', (byte)'/');
        token = length < 0 ? rest : rest[..length];
        ReadOnlySpan<byte> after = length < 0 ? default : rest[length..];
        int next = after.IndexOfAnyExcept((byte)' ');
        return next < 0 || after[next] == (byte)'/';
    }

    /// <summary>
    /// A real in plain decimal form (optional minus, digits, optional fraction, optional E exponent), which C's
    /// <c>strtod</c> (in <c>ffc2dd</c>) and .NET's parser both round correctly to the same double.
    /// </summary>
    private static bool PlainReal(ReadOnlySpan<byte> token, out double value)
    {
        value = 0;
        int i = token.Length > 0 && token[0] == (byte)'-' ? 1 : 0;
        int digits = 0;
        while (i < token.Length && token[i] is >= (byte)'0' and <= (byte)'9')
        {
            i++;
            digits++;
        }

        if (i < token.Length && token[i] == (byte)'.')
        {
            i++;
            while (i < token.Length && token[i] is >= (byte)'0' and <= (byte)'9')
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < token.Length && token[i] == (byte)'E')
        {
            i++;
            if (i < token.Length && token[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            int exponentDigits = 0;
            while (i < token.Length && token[i] is >= (byte)'0' and <= (byte)'9')
            {
                i++;
                exponentDigits++;
            }

            if (exponentDigits is 0 or > 3)
            {
                return false;
            }
        }

        return i == token.Length && token.Length <= 40 &&
            double.TryParse(token, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value) &&
            double.IsFinite(value);
    }

    private static bool IsPrintable(ReadOnlySpan<byte> card) => card.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) < 0;

    /// <summary>Writes <paramref name="number"/> (1..999) left-aligned into <paramref name="into"/>; its digit count.</summary>
    private static int WriteNumber(int number, Span<byte> into) =>
        number.TryFormat(into, out int written, default, CultureInfo.InvariantCulture) ? written : -1;
}
