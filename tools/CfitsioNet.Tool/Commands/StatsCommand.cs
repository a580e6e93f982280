using System;
using System.CommandLine;
using System.Globalization;
using CfitsioNet.Tool.Cli;
using CfitsioNet.Tool.Statistics;

namespace CfitsioNet.Tool.Commands;

/// <summary><c>fits stats FILE [-e EXT] [--json]</c>: min, max, mean, median, std and NaN count of an image's pixels.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A FITS file" };
        var extension = new Option<string>("--extension", "-e") { Description = "Image HDU: a 0-based index, EXTNAME or EXTNAME,EXTVER (default: the first image with pixels)" };
        var json = new Option<bool>("--json") { Description = "Print a JSON object" };
        var command = new Command("stats", "Statistics of an image's pixel values (BSCALE/BZERO applied; NaN and BLANK pixels counted and left out)") { file, extension, json };
        command.SetAction(result => Run(result.GetRequiredValue(file), result.GetValue(extension), result.GetValue(json)));
        return command;
    }

    private static int Run(string path, string? extension, bool json)
    {
        using FitsFile fits = FitsInput.Open(path);
        ImageHdu image = ImageSelection.Find(fits, extension, "stats");
        ImageInfo info = image.Info;
        // 64-bit integers beyond 2^53 round to the nearest double, as numpy's float64 statistics do.
        double[] pixels = image.Read<double>(ReadOptions.Lossy);
        PixelStatistics stats = PixelStatistics.Of(pixels);
        if (json)
        {
            JsonOutput.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("file", path);
                writer.WriteNumber("hdu", image.Index);
                writer.WriteString("name", FitsInput.DisplayName(image));
                writer.WriteString("dimensions", TypeNames.Dimensions(info.Shape));
                writer.WriteString("format", TypeNames.Format(info));
                writer.WriteNumber("pixels", stats.Count);
                writer.WriteNumber("nan", stats.NanCount);
                writer.Number("min", stats.Min);
                writer.Number("max", stats.Max);
                writer.Number("mean", stats.Mean);
                writer.Number("median", stats.Median);
                writer.Number("std", stats.StandardDeviation);
                writer.WriteEndObject();
            });
            return ExitCodes.Success;
        }

        Console.WriteLine($"{path} HDU {image.Index} {FitsInput.DisplayName(image)}: {TypeNames.Format(info)} {TypeNames.Dimensions(info.Shape)}");
        Console.WriteLine($"pixels  {stats.Count.ToString(CultureInfo.InvariantCulture)}");
        Console.WriteLine($"nan     {stats.NanCount.ToString(CultureInfo.InvariantCulture)}");
        Console.WriteLine($"min     {TypeNames.Number(stats.Min)}");
        Console.WriteLine($"max     {TypeNames.Number(stats.Max)}");
        Console.WriteLine($"mean    {TypeNames.Number(stats.Mean)}");
        Console.WriteLine($"median  {TypeNames.Number(stats.Median)}");
        Console.WriteLine($"std     {TypeNames.Number(stats.StandardDeviation)}");
        return ExitCodes.Success;
    }
}
