using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;
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
        var column = new Option<string>("--column", "-c") { Description = "A table column: statistics of its values (every element of every row; TNULL as NaN)" };
        var command = new Command("stats", "Statistics of an image's pixel values or a table column's values (scaling applied; NaN and null values counted and left out)")
        {
            file, extension, column, json,
        };
        command.SetAction(result => Run(result.GetRequiredValue(file), result.GetValue(extension), result.GetValue(column), result.GetValue(json)));
        return command;
    }

    private static int Run(string path, string? extension, string? column, bool json)
    {
        using FitsFile fits = FitsInput.Open(path);
        if (column is not null)
        {
            return RunColumn(path, fits, extension, column, json);
        }

        ImageHdu image = ImageSelection.Find(fits, extension, "stats");
        ImageInfo info = image.Info;
        // 64-bit integers beyond 2^53 round to the nearest double, as numpy's float64 statistics do.
        double[] pixels = image.Read<double>(ReadOptions.Lossy);
        PixelStatistics stats = PixelStatistics.Of(pixels);
        if (json)
        {
            WriteJson(path, image.Index, stats, "pixels", writer =>
            {
                writer.WriteString("name", FitsInput.DisplayName(image));
                writer.WriteString("dimensions", TypeNames.Dimensions(info.Shape));
                writer.WriteString("format", TypeNames.Format(info));
            });
            return ExitCodes.Success;
        }

        Console.WriteLine($"{path} HDU {image.Index} {FitsInput.DisplayName(image)}: {TypeNames.Format(info)} {TypeNames.Dimensions(info.Shape)}");
        PrintStatistics(stats, "pixels");
        return ExitCodes.Success;
    }

    private static int RunColumn(string path, FitsFile fits, string? extension, string name, bool json)
    {
        TableHdu table = (extension is null ? fits.OfType<TableHdu>().FirstOrDefault() : FitsInput.Select(fits, extension) as TableHdu)
            ?? throw new ToolException($"{path}: {(extension is null ? "no table HDU" : $"HDU {extension} is not a table")}; --column works on tables");
        TableColumn column = TableCommand.SelectColumns(table, name)[0];
        if (column.Type is ColumnType.String or ColumnType.Logical or ColumnType.Bit or ColumnType.ComplexSingle or ColumnType.ComplexDouble)
        {
            throw new ToolException($"{path}: column '{column.Name}' holds {column.Type} values; stats needs real numbers");
        }

        // Every element as double (64-bit integers rounded to nearest, as numpy does); TNULL values become NaN.
        double[] values = column.IsVariableLength
            ? table.ReadVariable<double>(column.Name, options: ReadOptions.Lossy).Values
            : table.ReadColumn<double>(column.Name, ReadOptions.Lossy);
        PixelStatistics stats = PixelStatistics.Of(values);
        if (json)
        {
            WriteJson(path, table.Index, stats, "values", writer =>
            {
                writer.WriteString("column", column.Name);
                writer.WriteString("format", column.Format);
            });
            return ExitCodes.Success;
        }

        Console.WriteLine($"{path} HDU {table.Index} column {column.Name}: {column.Format} {table.RowCount.ToString(CultureInfo.InvariantCulture)} rows");
        PrintStatistics(stats, "values");
        return ExitCodes.Success;
    }

    /// <summary>The JSON object: file, HDU, what <paramref name="describe"/> writes, the count (named <paramref name="countName"/>) and the statistics.</summary>
    private static void WriteJson(string path, int hdu, PixelStatistics stats, string countName, Action<System.Text.Json.Utf8JsonWriter> describe) =>
        JsonOutput.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("file", path);
            writer.WriteNumber("hdu", hdu);
            describe(writer);
            writer.WriteNumber(countName, stats.Count);
            writer.WriteNumber("nan", stats.NanCount);
            writer.Number("min", stats.Min);
            writer.Number("max", stats.Max);
            writer.Number("mean", stats.Mean);
            writer.Number("median", stats.Median);
            writer.Number("std", stats.StandardDeviation);
            writer.WriteEndObject();
        });

    private static void PrintStatistics(PixelStatistics stats, string what)
    {
        Console.WriteLine($"{what,-7} {stats.Count.ToString(CultureInfo.InvariantCulture)}");
        Console.WriteLine($"nan     {stats.NanCount.ToString(CultureInfo.InvariantCulture)}");
        Console.WriteLine($"min     {TypeNames.Number(stats.Min)}");
        Console.WriteLine($"max     {TypeNames.Number(stats.Max)}");
        Console.WriteLine($"mean    {TypeNames.Number(stats.Mean)}");
        Console.WriteLine($"median  {TypeNames.Number(stats.Median)}");
        Console.WriteLine($"std     {TypeNames.Number(stats.StandardDeviation)}");
    }
}
