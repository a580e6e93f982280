using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Text.Json;
using CfitsioNet.Tool.Cli;

namespace CfitsioNet.Tool.Commands;

/// <summary>
/// <c>fits header FILE... [-e EXT]... [-k KEYWORD]... [--json]</c>: header cards exactly as stored, in file order,
/// like astropy's fitsheader (with <c>--compressed</c> for tile-compressed images: the stored binary table header).
/// </summary>
internal static class HeaderCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "FITS files", Arity = ArgumentArity.OneOrMore };
        var extensions = new Option<string[]>("--extension", "-e")
        {
            Description = "HDU to show: a 0-based index, EXTNAME or EXTNAME,EXTVER (repeatable; default: every HDU)",
            AllowMultipleArgumentsPerToken = false,
        };
        var keywords = new Option<string[]>("--keyword", "-k") { Description = "Only these keywords (repeatable; wildcards * and ?)" };
        var json = new Option<bool>("--json") { Description = "Print a JSON array of HDUs with their cards" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress lines on standard error" };
        var command = new Command("header", "Print header cards as they are in the file") { files, extensions, keywords, json, quiet };
        command.SetAction(result => Run(
            result.GetRequiredValue(files), result.GetValue(extensions) ?? [], result.GetValue(keywords) ?? [], result.GetValue(json), result.GetValue(quiet)));
        return command;
    }

    private static int Run(string[] paths, string[] extensions, string[] keywords, bool json, bool quiet)
    {
        KeywordPattern[] patterns = keywords.Select(k => new KeywordPattern(k)).ToArray();
        var matched = new bool[patterns.Length];
        var selections = new List<(string File, Hdu Hdu, List<HeaderCard> Cards)>();
        var progress = new Progress(paths.Length, quiet);
        var open = new List<FitsFile>();
        try
        {
            foreach (string path in paths)
            {
                progress.Next(path);
                FitsFile fits = FitsInput.Open(path);
                open.Add(fits);
                IEnumerable<Hdu> hdus = extensions.Length == 0 ? fits : extensions.Select(e => FitsInput.Select(fits, e));
                foreach (Hdu hdu in hdus)
                {
                    Header header = hdu is ImageHdu image ? image.StoredHeader : hdu.Header; // the cards as stored
                    List<HeaderCard> cards = patterns.Length == 0 ? [.. header.Cards] : Filter(header.Cards, patterns, matched);
                    if (patterns.Length == 0 || cards.Count > 0)
                    {
                        selections.Add((path, hdu, cards));
                    }
                }
            }

            for (int i = 0; i < patterns.Length; i++)
            {
                if (!matched[i])
                {
                    string where = extensions.Length == 0 ? "any HDU" : "the HDUs selected";
                    throw new ToolException($"keyword {patterns[i].Text} not found in {where} of {string.Join(", ", paths)}");
                }
            }

            if (json)
            {
                JsonOutput.Write(writer => WriteJson(writer, selections));
            }
            else
            {
                Print(selections);
            }

            return ExitCodes.Success;
        }
        finally
        {
            foreach (FitsFile fits in open)
            {
                fits.Dispose();
            }
        }
    }

    // A matching card brings the CONTINUE cards that carry the rest of its long string.
    private static List<HeaderCard> Filter(IReadOnlyList<HeaderCard> cards, KeywordPattern[] patterns, bool[] matched)
    {
        var kept = new List<HeaderCard>();
        bool continuing = false;
        foreach (HeaderCard card in cards)
        {
            if (card.Kind == HeaderCardKind.Continue)
            {
                if (continuing)
                {
                    kept.Add(card);
                }

                continue;
            }

            continuing = false;
            for (int i = 0; i < patterns.Length; i++)
            {
                if (patterns[i].Matches(card.Keyword))
                {
                    matched[i] = true;
                    continuing = true;
                }
            }

            if (continuing)
            {
                kept.Add(card);
            }
        }

        return kept;
    }

    private static void Print(List<(string File, Hdu Hdu, List<HeaderCard> Cards)> selections)
    {
        for (int i = 0; i < selections.Count; i++)
        {
            (string file, Hdu hdu, List<HeaderCard> cards) = selections[i];
            if (i > 0)
            {
                Console.WriteLine();
            }

            Console.WriteLine($"# HDU {hdu.Index} in {file}:");
            foreach (HeaderCard card in cards)
            {
                Console.WriteLine(card.ToString());
            }
        }
    }

    private static void WriteJson(Utf8JsonWriter writer, List<(string File, Hdu Hdu, List<HeaderCard> Cards)> selections)
    {
        writer.WriteStartArray();
        foreach ((string file, Hdu hdu, List<HeaderCard> cards) in selections)
        {
            writer.WriteStartObject();
            writer.WriteString("file", file);
            writer.WriteNumber("hdu", hdu.Index);
            writer.WriteString("name", FitsInput.DisplayName(hdu));
            writer.WriteStartArray("cards");
            foreach (HeaderCard card in cards)
            {
                writer.WriteStartObject();
                writer.WriteString("keyword", card.Keyword);
                writer.WriteString("kind", card.Kind.ToString());
                if (card.Value is null)
                {
                    writer.WriteNull("value");
                }
                else
                {
                    writer.WriteString("value", card.Value);
                }

                writer.WriteString("comment", card.Comment);
                writer.WriteString("record", card.Record);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
