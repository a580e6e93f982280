using System;
using System.Collections.Generic;
using System.Linq;

namespace CfitsioNet.Tool.Comparing;

/// <summary>
/// Compares two headers as astropy's HeaderDiff does: keywords present in only one, a different number of
/// occurrences, values (reals within the tolerances, strings without trailing blanks) and comments, occurrence by
/// occurrence. Blank cards are left out; COMMENT and HISTORY text counts as their value.
/// </summary>
internal static class HeaderComparer
{
    public static void Compare(Header a, Header b, DiffOptions options, DiffReport report)
    {
        Dictionary<string, List<(object? Value, string Comment)>> left = Collect(a, options);
        Dictionary<string, List<(object? Value, string Comment)>> right = Collect(b, options);
        string[] onlyLeft = left.Keys.Except(right.Keys).Order(StringComparer.Ordinal).ToArray();
        string[] onlyRight = right.Keys.Except(left.Keys).Order(StringComparer.Ordinal).ToArray();
        if (onlyLeft.Length > 0)
        {
            report.Difference($"  Keywords only in a: {string.Join(", ", onlyLeft.Select(Name))}");
        }

        if (onlyRight.Length > 0)
        {
            report.Difference($"  Keywords only in b: {string.Join(", ", onlyRight.Select(Name))}");
        }

        foreach (string keyword in left.Keys.Intersect(right.Keys).Order(StringComparer.Ordinal))
        {
            List<(object? Value, string Comment)> x = left[keyword], y = right[keyword];
            if (x.Count != y.Count)
            {
                report.Difference($"  Keyword {Name(keyword)} occurs {x.Count} times in a, {y.Count} in b");
            }

            bool compareComments = !options.IgnoredComments.Any(p => p.Matches(keyword));
            for (int i = 0; i < Math.Min(x.Count, y.Count); i++)
            {
                string occurrence = x.Count > 1 ? $" (occurrence {i + 1})" : string.Empty;
                if (!SameValue(x[i].Value, y[i].Value, options))
                {
                    report.Difference($"  Keyword {Name(keyword)}{occurrence} has different values:");
                    report.Difference($"     a> {CardValue.Show(x[i].Value)}");
                    report.Difference($"     b> {CardValue.Show(y[i].Value)}");
                }

                if (compareComments && x[i].Comment != y[i].Comment)
                {
                    report.Difference($"  Keyword {Name(keyword)}{occurrence} has different comments:");
                    report.Difference($"     a> {x[i].Comment}");
                    report.Difference($"     b> {y[i].Comment}");
                }
            }
        }
    }

    private static string Name(string keyword) => keyword.Length == 0 ? "(blank keyword)" : keyword;

    /// <summary>fitsdiff's rule: two reals within the tolerances (NaN equals NaN), anything else exactly (1 equals 1.0).</summary>
    private static bool SameValue(object? a, object? b, DiffOptions options) => (a, b) switch
    {
        (double x, double y) => (double.IsNaN(x) && double.IsNaN(y)) || options.Close(x, y),
        (long x, double y) => x == y,
        (double x, long y) => x == y,
        _ => Equals(a, b),
    };

    private static Dictionary<string, List<(object? Value, string Comment)>> Collect(Header header, DiffOptions options)
    {
        var keywords = new Dictionary<string, List<(object? Value, string Comment)>>(StringComparer.Ordinal);
        IReadOnlyList<HeaderCard> cards = header.Cards;
        for (int i = 0; i < cards.Count; i++)
        {
            HeaderCard card = cards[i];
            if (card.Kind == HeaderCardKind.Continue || (options.IgnoreBlankCards && card.Record.Trim().Length == 0))
            {
                continue;
            }

            string keyword = card.Keyword.Trim().ToUpperInvariant();
            if (options.IgnoredKeywords.Any(p => p.Matches(keyword)))
            {
                continue;
            }

            object? value;
            string comment = card.Comment;
            if (card.Kind is HeaderCardKind.Value or HeaderCardKind.Hierarch)
            {
                value = CardValue.Parse(card.Value);
                if (value is string text && text.EndsWith('&'))
                {
                    (value, comment, i) = JoinContinued(cards, i, text, comment);
                }
            }
            else
            {
                value = card.Comment;
                comment = string.Empty;
            }

            if (options.IgnoreBlanks && value is string s)
            {
                value = s.TrimEnd();
            }

            if (!keywords.TryGetValue(keyword, out List<(object? Value, string Comment)>? list))
            {
                keywords[keyword] = list = [];
            }

            list.Add((value, comment));
        }

        return keywords;
    }

    // The long-string convention: a string ending in '&' goes on in the CONTINUE cards after it.
    private static (string Value, string Comment, int Last) JoinContinued(IReadOnlyList<HeaderCard> cards, int index, string text, string comment)
    {
        while (text.EndsWith('&') && index + 1 < cards.Count && cards[index + 1].Kind == HeaderCardKind.Continue)
        {
            index++;
            text = text[..^1] + CardValue.Unquote(cards[index].Value?.Trim() ?? "''");
            comment = cards[index].Comment.Length > 0 ? cards[index].Comment : comment;
        }

        return (text, comment, index);
    }
}
