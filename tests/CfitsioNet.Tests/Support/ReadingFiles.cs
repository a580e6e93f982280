using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace CfitsioNet.Tests.Support;

/// <summary>
/// Hand-made FITS files for the reading tests: header cards written here, data as big-endian bytes, so a test can
/// state exactly what is on disk (including what the standard forbids).
/// </summary>
internal static class ReadingFiles
{
    internal const int Block = 2880;

    /// <summary>A fixed-format card: keyword, "= ", value right-aligned to column 30.</summary>
    internal static string Card(string keyword, object value)
    {
        string text = value switch
        {
            bool b => b ? "T" : "F",
            string s => "'" + s.PadRight(8) + "'",
            double d => d.ToString("R", CultureInfo.InvariantCulture).Contains('.') || d.ToString("R", CultureInfo.InvariantCulture).Contains('E')
                ? d.ToString("R", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture) + ".0",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString()!,
        };
        string card = keyword.PadRight(8) + "= " + (value is string ? text.PadRight(20) : text.PadLeft(20));
        if (card.Length > 80)
        {
            throw new ArgumentException($"Card too long: {card}");
        }

        return card.PadRight(80);
    }

    /// <summary>Cards followed by END, padded with blanks to whole blocks.</summary>
    internal static byte[] Header(IEnumerable<string> cards)
    {
        var text = new StringBuilder();
        foreach (string card in cards)
        {
            text.Append(card.PadRight(80));
        }

        text.Append("END".PadRight(80));
        while (text.Length % Block != 0)
        {
            text.Append(' ');
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>Image header cards: SIMPLE or XTENSION, BITPIX, NAXIS, NAXISn (Fortran order), then <paramref name="extra"/>.</summary>
    internal static List<string> ImageCards(int bitpix, long[] fortranAxes, bool extension = false, params string[] extra)
    {
        var cards = new List<string> { extension ? Card("XTENSION", "IMAGE") : Card("SIMPLE", true), Card("BITPIX", bitpix), Card("NAXIS", fortranAxes.Length) };
        for (int i = 0; i < fortranAxes.Length; i++)
        {
            cards.Add(Card($"NAXIS{i + 1}", fortranAxes[i]));
        }

        if (extension)
        {
            cards.Add(Card("PCOUNT", 0));
            cards.Add(Card("GCOUNT", 1));
        }

        cards.AddRange(extra);
        return cards;
    }

    /// <summary>An empty primary HDU (NAXIS = 0, EXTEND = T).</summary>
    internal static byte[] EmptyPrimary() => Header([Card("SIMPLE", true), Card("BITPIX", 8), Card("NAXIS", 0), Card("EXTEND", true)]);

    /// <summary>Data bytes padded with zeros to whole blocks.</summary>
    internal static byte[] Data(byte[] bigEndian)
    {
        var padded = new byte[(bigEndian.Length + Block - 1) / Block * Block];
        bigEndian.CopyTo(padded, 0);
        return padded;
    }

    internal static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>Big-endian bytes of 16-bit values.</summary>
    internal static byte[] BigEndian(params short[] values) =>
        values.SelectMany(v => new[] { (byte)(v >> 8), (byte)v }).ToArray();
}
