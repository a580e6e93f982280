using System;
using System.Collections.Generic;
using System.Globalization;

namespace CfitsioNet;

/// <summary>A keyword name checked for writing: upper case, standard (8 characters or fewer) or HIERARCH.</summary>
internal readonly record struct KeywordToWrite(string Name, bool IsHierarch)
{
    /// <summary>The name as <see cref="Header"/> looks it up.</summary>
    internal string LookupKey => Name;

    /// <summary>What precedes the value on the first card: <c>NAME    = </c> or <c>HIERARCH NAME = </c>.</summary>
    internal string Prefix => IsHierarch ? "HIERARCH " + Name + " = " : Name.PadRight(8) + "= ";
}

/// <summary>
/// Builds keyword records the way astropy and CFITSIO lay them out: fixed-format values right-justified to column 30,
/// strings from column 11 padded to 8 characters, <c> / comment</c> after the value, HIERARCH for long names, and
/// long strings split over CONTINUE cards, each piece but the last ending with <c>&amp;</c>.
/// </summary>
internal static class CardFormatter
{
    private const string ContinuePrefix = "CONTINUE  ";
    private const int CommentaryTextLength = 72;

    // Keywords that define the HDU's structure: changing them would make the header disagree with the data.
    private static readonly string[] s_structural = ["SIMPLE", "XTENSION", "BITPIX", "NAXIS", "PCOUNT", "GCOUNT", "TFIELDS", "THEAP", "GROUPS", "END"];
    private static readonly string[] s_structuralIndexed = ["NAXIS", "TFORM", "TBCOL"];

    /// <summary>Checks a keyword that <see cref="Header.Set(string, string, string?)"/> may write.</summary>
    internal static KeywordToWrite ForSet(string keyword)
    {
        KeywordToWrite name = Check(keyword);
        if (name.Name is "COMMENT" or "HISTORY")
        {
            throw new ArgumentException($"{name.Name} cards have no value; use Header.Add{(name.Name == "COMMENT" ? "Comment" : "History")}.", nameof(keyword));
        }

        CheckNotReserved(name, keyword);
        return name;
    }

    /// <summary>Checks a keyword that <see cref="Header.Remove"/> may delete (COMMENT and HISTORY included).</summary>
    internal static KeywordToWrite ForRemove(string keyword)
    {
        KeywordToWrite name = Check(keyword);
        CheckNotReserved(name, keyword);
        return name;
    }

    /// <summary>Throws unless <paramref name="text"/> holds only printable ASCII (32-126), the only characters a header may hold.</summary>
    internal static void CheckText(string text, string parameterName)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] is < ' ' or > '~')
            {
                throw new ArgumentException(
                    $"FITS headers hold printable ASCII only; character {i} is U+{(int)text[i]:X4}.", parameterName);
            }
        }
    }

    /// <summary>A real number in the shortest form that reads back to the same double, always with a point: <c>1.5</c>, <c>1.0E+16</c>.</summary>
    internal static string FormatReal(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "FITS keyword values cannot be NaN or infinite.");
        }

        string text = value.ToString("R", CultureInfo.InvariantCulture);
        int exponent = text.IndexOf('E');
        string mantissa = exponent < 0 ? text : text[..exponent];
        if (!mantissa.Contains('.'))
        {
            mantissa += ".0";
        }

        return exponent < 0 ? mantissa : mantissa + text[exponent..];
    }

    /// <summary>The record for a number or logical value (its text already formatted).</summary>
    internal static List<string> ValueCards(KeywordToWrite name, string valueText, string? comment)
    {
        string card = name.Prefix + (name.IsHierarch ? valueText : valueText.PadLeft(20));
        if (card.Length > FitsBlock.CardBytes)
        {
            throw new ArgumentException($"'HIERARCH {name.Name} = {valueText}' does not fit in an 80-character record.", "keyword");
        }

        return [WithComment(card, comment, alignComment: !name.IsHierarch)];
    }

    /// <summary>The records for a string value: one card, or a card and CONTINUE cards when the value is too long.</summary>
    internal static List<string> StringCards(KeywordToWrite name, string value, string? comment)
    {
        string prefix = name.Prefix;
        string escaped = Escape(value);
        if (!name.IsHierarch && escaped.Length < 8)
        {
            escaped = escaped.PadRight(8);   // the closing quote no earlier than column 20, as older readers require
        }

        if (prefix.Length + escaped.Length + 2 <= FitsBlock.CardBytes)
        {
            return [WithComment(prefix + "'" + escaped + "'", comment, alignComment: !name.IsHierarch)];
        }

        int firstRoom = FitsBlock.CardBytes - prefix.Length - 2;
        if (firstRoom < 3)
        {
            throw new ArgumentException($"HIERARCH keyword '{name.Name}' is too long to hold a string value.", "keyword");
        }

        List<string> pieces = Split(value, firstRoom, FitsBlock.CardBytes - ContinuePrefix.Length - 2);
        if (!string.IsNullOrEmpty(comment))
        {
            // The comment goes on the last card; make room for it there (at most 63 characters are kept).
            comment = comment.Length > 63 ? comment[..63] : comment;
            int room = FitsBlock.CardBytes - ContinuePrefix.Length - 2 - 3 - comment.Length;
            string last = pieces[^1];
            if (Escape(last).Length > room)
            {
                int take = 0, length = 0;
                while (take < last.Length)
                {
                    int width = last[^(take + 1)] == '\'' ? 2 : 1;
                    if (length + width > room)
                    {
                        break;
                    }

                    length += width;
                    take++;
                }

                pieces[^1] = last[..^take];
                pieces.Add(last[^take..]);
            }
        }

        var cards = new List<string>(pieces.Count);
        for (int i = 0; i < pieces.Count; i++)
        {
            string quoted = "'" + Escape(pieces[i]) + (i < pieces.Count - 1 ? "&'" : "'");
            cards.Add((i == 0 ? prefix : ContinuePrefix) + quoted);
        }

        if (!string.IsNullOrEmpty(comment))
        {
            cards[^1] += " / " + comment;
        }

        return cards;
    }

    /// <summary>COMMENT or HISTORY records for <paramref name="text"/>, 72 characters per record.</summary>
    internal static List<string> CommentaryCards(string keyword, string text)
    {
        var cards = new List<string>();
        if (text.Length == 0)
        {
            cards.Add(keyword);
        }

        for (int start = 0; start < text.Length; start += CommentaryTextLength)
        {
            cards.Add(string.Concat(keyword.PadRight(8), text.AsSpan(start, Math.Min(CommentaryTextLength, text.Length - start))));
        }

        return cards;
    }

    private static KeywordToWrite Check(string keyword)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        string name = keyword.Trim(' ');
        if (HeaderCardParser.UpperAscii(name).StartsWith("HIERARCH ", StringComparison.Ordinal))
        {
            name = name[9..].TrimStart(' ');
        }

        if (name.Length == 0)
        {
            throw new ArgumentException("The keyword is empty.", nameof(keyword));
        }

        CheckText(name, nameof(keyword));
        if (name.Contains('='))
        {
            throw new ArgumentException($"Keyword '{keyword}' contains '=', which no keyword may.", nameof(keyword));
        }

        name = HeaderCardParser.UpperAscii(name);
        bool standard = name.Length <= 8;
        foreach (char c in name)
        {
            standard &= c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_';
        }

        if (!standard && name.Length > FitsBlock.CardBytes - 9 - 3 - 1)
        {
            throw new ArgumentException($"Keyword '{keyword}' is too long for a HIERARCH record.", nameof(keyword));
        }

        return new KeywordToWrite(name, !standard);
    }

    private static void CheckNotReserved(KeywordToWrite name, string keyword)
    {
        if (name.IsHierarch)
        {
            return;
        }

        if (name.Name is "CONTINUE" or "HIERARCH")
        {
            throw new ArgumentException($"{name.Name} cards belong to the keyword before them; they cannot be written or removed by name.", nameof(keyword));
        }

        bool structural = Array.IndexOf(s_structural, name.Name) >= 0;
        foreach (string root in s_structuralIndexed)
        {
            structural |= name.Name.Length > root.Length && name.Name.StartsWith(root, StringComparison.Ordinal)
                && IsDigits(name.Name.AsSpan(root.Length));
        }

        if (structural)
        {
            throw new ArgumentException(
                $"{name.Name} describes the structure of the HDU (its data layout); changing it would make the header disagree with the data.",
                nameof(keyword));
        }
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string Escape(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    // Splits a long string into pieces whose escaped text, plus the '&' of every piece but the last, fits the room
    // between the quotes: firstRoom on the keyword's card, room on CONTINUE cards. The last piece is never empty.
    private static List<string> Split(string value, int firstRoom, int room)
    {
        var pieces = new List<string>();
        int position = 0;
        int available = firstRoom;
        while (true)
        {
            if (Escape(value[position..]).Length <= available)
            {
                pieces.Add(value[position..]);
                return pieces;
            }

            int take = 0, length = 0;
            while (position + take < value.Length)
            {
                int width = value[position + take] == '\'' ? 2 : 1;
                if (length + width + 1 > available)
                {
                    break;
                }

                length += width;
                take++;
            }

            pieces.Add(value.Substring(position, take));
            position += take;
            available = room;
        }
    }

    private static string WithComment(string card, string? comment, bool alignComment)
    {
        if (string.IsNullOrEmpty(comment))
        {
            return card;
        }

        if (alignComment && card.Length < 30)
        {
            card = card.PadRight(30);   // comments start in column 32, as CFITSIO and astropy write them
        }

        if (card.Length + 4 > FitsBlock.CardBytes)
        {
            return card;                 // no room for " / x"
        }

        string full = card + " / " + comment;
        return full.Length <= FitsBlock.CardBytes ? full : full[..FitsBlock.CardBytes];
    }
}
