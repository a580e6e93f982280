using System;
using System.Globalization;
using System.Text;

namespace CfitsioNet.Tool.Comparing;

/// <summary>
/// A header value as compared: string (quotes removed, <c>''</c> undone, CONTINUE pieces joined), logical, integer,
/// real, or the text as written (complex values, anything else). Undefined values are null.
/// </summary>
internal static class CardValue
{
    /// <summary>The value of a card whose value field is <paramref name="raw"/>.</summary>
    public static object? Parse(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        string text = raw.Trim();
        if (text.StartsWith('\''))
        {
            return Unquote(text);
        }

        if (text is "T" or "F")
        {
            return text == "T";
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
        {
            return integer;
        }

        if (double.TryParse(text.Replace('D', 'E').Replace('d', 'e'), NumberStyles.Float, CultureInfo.InvariantCulture, out double real))
        {
            return real;
        }

        return text;
    }

    /// <summary>The characters between the quotes of a FITS string, with doubled quotes made single.</summary>
    public static string Unquote(string text)
    {
        var value = new StringBuilder();
        for (int i = 1; i < text.Length; i++)
        {
            if (text[i] == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    value.Append('\'');
                    i++;
                    continue;
                }

                break;
            }

            value.Append(text[i]);
        }

        return value.ToString();
    }

    /// <summary>How a value reads in a report: strings quoted, reals as the shortest exact text.</summary>
    public static string Show(object? value) => value switch
    {
        null => "(undefined)",
        string s => "'" + s + "'",
        bool b => b ? "T" : "F",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
