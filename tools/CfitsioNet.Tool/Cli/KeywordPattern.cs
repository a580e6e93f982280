using System;
using System.Text.RegularExpressions;

namespace CfitsioNet.Tool.Cli;

/// <summary>
/// A keyword the user named, with the wildcards astropy accepts: <c>*</c> (any run of characters) and <c>?</c> (one
/// character); case-insensitive; a <c>HIERARCH </c> prefix is optional, as in CfitsioNet's <see cref="Header"/>.
/// </summary>
internal sealed class KeywordPattern
{
    private readonly Regex _regex;

    public KeywordPattern(string pattern)
    {
        string text = pattern.Trim();
        if (text.StartsWith("HIERARCH ", StringComparison.OrdinalIgnoreCase))
        {
            text = text["HIERARCH ".Length..].Trim();
        }

        Text = pattern;
        string expression = "^" + Regex.Escape(text).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$";
        _regex = new Regex(expression, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    /// <summary>The pattern as given.</summary>
    public string Text { get; }

    /// <summary>Whether <paramref name="keyword"/> (a card's keyword, HIERARCH prefix already removed) matches.</summary>
    public bool Matches(string keyword) => _regex.IsMatch(keyword.Trim());
}
