using System;
using System.Text;

namespace CfitsioNet;

/// <summary>
/// Splits keyword records into keyword, value text and comment with CFITSIO's rules (<c>ffgknm</c>, <c>ffpsvc</c>,
/// <c>ffc2s</c>), without its fixed buffer lengths. The tests check it against CFITSIO on every golden card.
/// </summary>
internal static class HeaderCardParser
{
    private const string HierarchPrefix = "HIERARCH ";

    /// <summary>Parses one record (up to 80 characters; trailing blanks do not matter).</summary>
    internal static HeaderCard Parse(string record)
    {
        // CFITSIO works on the record with its trailing blanks removed.
        string card = record.TrimEnd(' ');
        string padded = card.Length >= FitsBlock.CardBytes ? card : card.PadRight(FitsBlock.CardBytes);
        string keyword = KeywordName(card);

        if (card.StartsWith("CONTINUE  ", StringComparison.Ordinal))
        {
            // ffgcnt reads a continuation as if the card were "D2345678= " followed by columns 11-80.
            SplitValue(card, 10, out string? piece, out string pieceComment);
            return new HeaderCard(padded, keyword, HeaderCardKind.Continue, piece, pieceComment);
        }

        int valueStart = ValueStart(card);
        if (valueStart < 0)
        {
            string text = card.Length > 8 ? card[8..] : string.Empty;
            return new HeaderCard(padded, keyword, CommentaryKind(keyword), null, text);
        }

        SplitValue(card, valueStart, out string? value, out string comment);
        HeaderCardKind kind = card.StartsWith(HierarchPrefix, StringComparison.Ordinal) ? HeaderCardKind.Hierarch : HeaderCardKind.Value;
        return new HeaderCard(padded, keyword, kind, value, comment);
    }

    /// <summary>
    /// The text of a value as CFITSIO's <c>ffc2s</c> returns it: a quoted string without its quotes, with doubled quotes
    /// made single and trailing blanks removed; any other value text unchanged.
    /// </summary>
    internal static string Unquote(string value)
    {
        if (value.Length == 0 || value[0] != '\'')
        {
            return value;
        }

        var text = new StringBuilder(value.Length);
        for (int i = 1; i < value.Length; i++)
        {
            if (value[i] == '\'')
            {
                if (i + 1 < value.Length && value[i + 1] == '\'')
                {
                    i++;
                }
                else
                {
                    break;
                }
            }

            text.Append(value[i]);
        }

        int length = text.Length;
        while (length > 0 && text[length - 1] == ' ')
        {
            length--;
        }

        return text.ToString(0, length);
    }

    /// <summary>
    /// The form under which a keyword is looked up: trimmed, ASCII upper case, without a leading <c>HIERARCH </c>,
    /// as CFITSIO's <c>ffgcrd</c> compares names.
    /// </summary>
    internal static string LookupKey(string keyword)
    {
        string key = UpperAscii(keyword.Trim(' '));
        if (key.StartsWith(HierarchPrefix, StringComparison.Ordinal))
        {
            key = key[HierarchPrefix.Length..].TrimStart(' ');
        }

        return key;
    }

    internal static string UpperAscii(string text)
    {
        foreach (char c in text)
        {
            if (c is >= 'a' and <= 'z')
            {
                return string.Create(text.Length, text, static (span, source) =>
                {
                    for (int i = 0; i < source.Length; i++)
                    {
                        char ch = source[i];
                        span[i] = ch is >= 'a' and <= 'z' ? (char)(ch - 32) : ch;
                    }
                });
            }
        }

        return text;
    }

    // ffgknm: HIERARCH names run from column 10 to the '=', other names to the first blank or '='.
    private static string KeywordName(string card)
    {
        if (card.StartsWith(HierarchPrefix, StringComparison.Ordinal))
        {
            int equals = card.IndexOf('=');
            if (equals < 0)
            {
                return "HIERARCH";
            }

            int start = HierarchPrefix.Length;
            while (start < equals && card[start] == ' ')
            {
                start++;
            }

            return card[start..equals].TrimEnd(' ');
        }

        int length = 0;
        while (length < card.Length && card[length] != ' ' && card[length] != '=')
        {
            length++;
        }

        return card[..length];
    }

    // ffpsvc: where the value field starts (just after the value indicator), or -1 when the card has none.
    private static int ValueStart(string card)
    {
        if (card.StartsWith(HierarchPrefix, StringComparison.Ordinal))
        {
            int equals = card.IndexOf('=');
            return equals < 0 ? -1 : equals + 1;
        }

        if (card.Length < 9
            || card.StartsWith("COMMENT ", StringComparison.Ordinal)
            || card.StartsWith("HISTORY ", StringComparison.Ordinal)
            || card.StartsWith("END     ", StringComparison.Ordinal)
            || card.StartsWith("CONTINUE", StringComparison.Ordinal)
            || card.StartsWith("        ", StringComparison.Ordinal))
        {
            return -1;
        }

        if (card[8] == '=' && card.Length > 9 && card[9] == ' ')
        {
            return 10;
        }

        int indicator = card.IndexOf('=');
        return indicator < 0 ? -1 : indicator + 1;
    }

    private static HeaderCardKind CommentaryKind(string keyword) => keyword switch
    {
        "COMMENT" => HeaderCardKind.Comment,
        "HISTORY" => HeaderCardKind.History,
        "CONTINUE" => HeaderCardKind.Continue,
        "" => HeaderCardKind.Blank,
        _ => HeaderCardKind.Commentary,
    };

    // ffpsvc from the value field on: a quoted string (with its quotes), a complex "(re, im)", or a token that ends
    // at a blank or '/'; then the comment after an optional '/' and one blank.
    private static void SplitValue(string card, int start, out string? value, out string comment)
    {
        int i = start;
        while (i < card.Length && card[i] == ' ')
        {
            i++;
        }

        value = null;
        comment = string.Empty;
        if (i == card.Length)
        {
            return;   // undefined value, no comment
        }

        if (card[i] == '/')
        {
            i++;      // undefined value followed by a comment
        }
        else if (card[i] == '\'')
        {
            var text = new StringBuilder("'");
            bool closed = false;
            for (i++; i < card.Length; i++)
            {
                if (card[i] == '\'')
                {
                    if (i + 1 < card.Length && card[i + 1] == '\'')
                    {
                        text.Append("''");
                        i++;
                        continue;
                    }

                    closed = true;
                    break;
                }

                text.Append(card[i]);
            }

            // CFITSIO closes a string that has no closing quote, and reads no comment after it.
            text.Append('\'');
            if (closed)
            {
                i++;
            }

            value = text.ToString();
        }
        else if (card[i] == '(')
        {
            int close = card.IndexOf(')', i);
            int end = close < 0 ? card.Length : close + 1;
            value = card[i..end];
            i = end;
        }
        else
        {
            int end = i;
            while (end < card.Length && card[end] != ' ' && card[end] != '/')
            {
                end++;
            }

            value = card[i..end];
            i = end;
        }

        while (i < card.Length && card[i] == ' ')
        {
            i++;
        }

        if (i < card.Length && card[i] == '/')
        {
            i++;
            if (i < card.Length && card[i] == ' ')
            {
                i++;
            }
        }

        comment = i < card.Length ? card[i..].TrimEnd(' ') : string.Empty;
    }
}
