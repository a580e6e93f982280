using System;
using System.Collections.Generic;

namespace CfitsioNet;

/// <summary>
/// The image header of a tile-compressed image, made from the binary table header that stores it, by the tiled image
/// compression convention's keyword mapping (as CFITSIO's image routines and astropy present it): ZBITPIX, ZNAXIS,
/// ZNAXISn, ZTENSION/ZSIMPLE, ZPCOUNT, ZGCOUNT, ZEXTEND, ZBLOCKED become the image's required keywords; ZHECKSUM and
/// ZDATASUM become CHECKSUM and DATASUM in place; the table's structure (XTENSION, BITPIX, NAXIS, NAXISn, PCOUNT, GCOUNT,
/// TFIELDS, TTYPEn, TFORMn, THEAP), the compression keywords (ZIMAGE, ZCMPTYPE, ZTILEn, ZNAMEn, ZVALn, ZQUANTIZ,
/// ZDITHER0, ZMASKCMP, ZBLANK) and the table's own CHECKSUM/DATASUM are dropped; so is EXTNAME = 'COMPRESSED_IMAGE',
/// the container's default name, while the image's own EXTNAME is kept (astropy's rule; CFITSIO 4.2.0 drops every
/// EXTNAME once the first is 'COMPRESSED_IMAGE'). Every other card is kept in its order.
/// </summary>
internal static class CompressedImageHeader
{
    /// <summary>The name CFITSIO gives the table of a compressed image that has no name of its own.</summary>
    internal const string ContainerName = "COMPRESSED_IMAGE";

    private static readonly string[] s_droppedKeywords =
    [
        "XTENSION", "BITPIX", "NAXIS", "PCOUNT", "GCOUNT", "TFIELDS", "THEAP", "ZIMAGE", "ZCMPTYPE", "ZQUANTIZ",
        "ZDITHER0", "ZMASKCMP", "ZBLANK", "CHECKSUM", "DATASUM", "ZSIMPLE", "ZTENSION", "ZBITPIX", "ZNAXIS", "ZPCOUNT",
        "ZGCOUNT", "ZEXTEND", "ZBLOCKED",
    ];

    private static readonly string[] s_droppedIndexed = ["NAXIS", "TTYPE", "TFORM", "ZTILE", "ZNAME", "ZVAL", "ZNAXIS"];

    /// <summary>The image header for the stored table header <paramref name="stored"/>.</summary>
    internal static HeaderState ToImage(HeaderState stored)
    {
        IReadOnlyList<HeaderCard> cards = stored.Cards;
        var image = new List<HeaderCard>(cards.Count);

        // The required keywords first, in the standard's order.
        HeaderCard? simple = Find(cards, "ZSIMPLE");
        image.Add(simple is not null ? Renamed(simple, "SIMPLE")
            : Find(cards, "ZTENSION") is { } tension ? Renamed(tension, "XTENSION")
            : Made("XTENSION", "'IMAGE   '", "image extension"));
        AddRenamed(image, cards, "ZBITPIX", "BITPIX");
        HeaderCard? naxis = AddRenamed(image, cards, "ZNAXIS", "NAXIS");
        int rank = naxis is not null && int.TryParse(naxis.Value, out int n) ? n : 0;
        for (int i = 1; i <= rank; i++)
        {
            AddRenamed(image, cards, $"ZNAXIS{i}", $"NAXIS{i}");
        }

        if (simple is null)
        {
            image.Add(Find(cards, "ZPCOUNT") is { } pcount ? Renamed(pcount, "PCOUNT") : Made("PCOUNT", "0", "number of parameters"));
            image.Add(Find(cards, "ZGCOUNT") is { } gcount ? Renamed(gcount, "GCOUNT") : Made("GCOUNT", "1", "number of groups"));
        }
        else
        {
            AddRenamed(image, cards, "ZEXTEND", "EXTEND");
        }

        AddRenamed(image, cards, "ZBLOCKED", "BLOCKED");

        foreach (HeaderCard card in cards)
        {
            string keyword = card.Keyword.ToUpperInvariant();
            if (keyword == "ZHECKSUM")
            {
                image.Add(Renamed(card, "CHECKSUM"));
            }
            else if (keyword == "ZDATASUM")
            {
                image.Add(Renamed(card, "DATASUM"));
            }
            else if (!IsDropped(card, keyword))
            {
                image.Add(card);
            }
        }

        return new HeaderState([.. image]);
    }

    private static bool IsDropped(HeaderCard card, string keyword)
    {
        if (card.Kind != HeaderCardKind.Value)
        {
            return false; // COMMENT, HISTORY, blank and other commentary cards are the image's
        }

        if (Array.IndexOf(s_droppedKeywords, keyword) >= 0)
        {
            return true;
        }

        foreach (string prefix in s_droppedIndexed)
        {
            if (IsIndexed(keyword, prefix))
            {
                return true;
            }
        }

        return keyword == "EXTNAME" && IsContainerName(card.Value);
    }

    /// <summary>Whether an EXTNAME value (as written, with quotes) is the container's default name.</summary>
    internal static bool IsContainerName(string? valueText) =>
        valueText is not null && valueText.Trim().Trim('\'').TrimEnd().Equals(ContainerName, StringComparison.OrdinalIgnoreCase);

    private static bool IsIndexed(string keyword, string prefix)
    {
        if (keyword.Length <= prefix.Length || keyword.Length > prefix.Length + 3 || !keyword.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        for (int i = prefix.Length; i < keyword.Length; i++)
        {
            if (keyword[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return keyword[prefix.Length] != '0';
    }

    private static HeaderCard? Find(IReadOnlyList<HeaderCard> cards, string keyword)
    {
        foreach (HeaderCard card in cards)
        {
            if (card.Kind == HeaderCardKind.Value && card.Keyword.Equals(keyword, StringComparison.OrdinalIgnoreCase))
            {
                return card;
            }
        }

        return null;
    }

    private static HeaderCard? AddRenamed(List<HeaderCard> image, IReadOnlyList<HeaderCard> cards, string from, string to)
    {
        HeaderCard? card = Find(cards, from);
        if (card is not null)
        {
            image.Add(Renamed(card, to));
        }

        return card;
    }

    // Both names fit the 8-column keyword field, so the value and comment columns stay as written.
    private static HeaderCard Renamed(HeaderCard card, string keyword) =>
        HeaderCardParser.Parse(string.Concat(keyword.PadRight(8), card.Record.AsSpan(8)));

    private static HeaderCard Made(string keyword, string value, string comment) =>
        HeaderCardParser.Parse($"{keyword,-8}= {value,20} / {comment}".PadRight(80));
}
