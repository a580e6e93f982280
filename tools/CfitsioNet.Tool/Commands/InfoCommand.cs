using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CfitsioNet.Tool.Cli;

namespace CfitsioNet.Tool.Commands;

/// <summary><c>fits info FILE...</c>: the HDU list of each file, as astropy's fitsinfo prints it, plus compression.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "FITS files (plain paths; .gz files are read transparently)", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print a JSON array, one object per file" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress lines on standard error" };
        var command = new Command("info", "List the HDUs of FITS files: index, name, version, kind, cards, dimensions, type, compression") { files, json, quiet };
        command.SetAction(result => Run(result.GetRequiredValue(files), result.GetValue(json), result.GetValue(quiet)));
        return command;
    }

    private static int Run(string[] paths, bool json, bool quiet)
    {
        var progress = new Progress(paths.Length, quiet);
        var listings = new List<(string File, List<HduSummary> Hdus)>();
        for (int i = 0; i < paths.Length; i++)
        {
            string path = paths[i];
            progress.Next(path);
            using FitsFile fits = FitsInput.Open(path);
            var hdus = new List<HduSummary>();
            foreach (Hdu hdu in fits)
            {
                hdus.Add(HduSummary.Of(hdu));
            }

            if (json)
            {
                listings.Add((path, hdus));
            }
            else
            {
                if (i > 0)
                {
                    Console.WriteLine();
                }

                Print(path, hdus);
            }
        }

        if (json)
        {
            JsonOutput.Write(writer => WriteJson(writer, listings));
        }

        return ExitCodes.Success;
    }

    private static void Print(string path, List<HduSummary> hdus)
    {
        Console.WriteLine($"Filename: {path}");
        var table = new TextTable(
            ["No.", "Name", "Ver", "Kind", "Cards", "Dimensions", "Format", "Compression"],
            [true, false, true, false, true, false, false, false]);
        foreach (HduSummary h in hdus)
        {
            table.Add(Text(h.Index), h.Name, Text(h.Version), h.Kind.ToString(), Text(h.Cards), h.Dimensions, h.Format, h.Compression);
        }

        table.WriteTo(Console.Out);
    }

    private static void WriteJson(Utf8JsonWriter writer, List<(string File, List<HduSummary> Hdus)> listings)
    {
        writer.WriteStartArray();
        foreach ((string file, List<HduSummary> hdus) in listings)
        {
            writer.WriteStartObject();
            writer.WriteString("file", file);
            writer.WriteStartArray("hdus");
            foreach (HduSummary h in hdus)
            {
                writer.WriteStartObject();
                writer.WriteNumber("index", h.Index);
                writer.WriteString("name", h.Name);
                writer.WriteNumber("version", h.Version);
                writer.WriteString("kind", h.Kind.ToString());
                writer.WriteNumber("cards", h.Cards);
                writer.WriteString("dimensions", h.Dimensions);
                writer.WriteString("format", h.Format);
                writer.WriteString("compression", h.Compression);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
