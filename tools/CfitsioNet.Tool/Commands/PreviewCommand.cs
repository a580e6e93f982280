using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using CfitsioNet.Tool.Cli;
using CfitsioNet.Tool.Imaging;

namespace CfitsioNet.Tool.Commands;

/// <summary><c>fits preview FILE -o out.png [--stretch zscale|linear|asinh] [--size N] [--plane K] [-e EXT]</c>.</summary>
internal static class PreviewCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A FITS file" };
        var output = new Option<string>("--output", "-o") { Description = "The PNG to write (replaced atomically if it exists)", Required = true };
        var extension = new Option<string>("--extension", "-e") { Description = "Image HDU: a 0-based index, EXTNAME or EXTNAME,EXTVER (default: the first image with pixels)" };
        var stretch = new Option<StretchKind>("--stretch", "-s") { Description = "zscale (IRAF/astropy ZScaleInterval), linear (min to max) or asinh (min to max, a = 0.1)", DefaultValueFactory = _ => StretchKind.ZScale };
        var size = new Option<int?>("--size") { Description = "Length in pixels of the picture's longer side (nearest-neighbour resampling); default: the plane's own size" };
        var plane = new Option<long>("--plane", "-p") { Description = "For cubes: the 0-based plane over the leading axes (C order), default 0" };
        var command = new Command("preview", "Write a greyscale PNG of an image (cubes: one plane) with an astronomical stretch") { file, output, extension, stretch, size, plane };
        size.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is int n && (n < 1 || n > 32768))
            {
                result.AddError("--size must be between 1 and 32768");
            }
        });
        command.SetAction(result => Run(
            result.GetRequiredValue(file), result.GetRequiredValue(output), result.GetValue(extension), result.GetValue(stretch), result.GetValue(size), result.GetValue(plane)));
        return command;
    }

    private static int Run(string path, string output, string? extension, StretchKind kind, int? size, long planeIndex)
    {
        using FitsFile fits = FitsInput.Open(path);
        ImageHdu image = ImageSelection.Find(fits, extension, "preview");
        ImageInfo info = image.Info;
        long width = info.Shape[^1];
        long height = info.Rank >= 2 ? info.Shape[^2] : 1;
        long planes = info.Shape.Take(Math.Max(0, info.Rank - 2)).Aggregate(1L, (a, b) => a * b);
        if (planeIndex < 0 || planeIndex >= planes)
        {
            throw new ToolException($"{path}: HDU {image.Index} has {planes} plane(s); --plane {planeIndex} is outside 0 to {planes - 1}");
        }

        // 64-bit integers beyond 2^53 round to the nearest double: invisible at 8 bits of grey.
        double[] pixels = info.Rank >= 3 ? image.ReadPlane<double>(planeIndex, ReadOptions.Lossy) : image.Read<double>(ReadOptions.Lossy);
        Stretch stretch = Stretch.For(kind, pixels)
            ?? throw new ToolException($"{path}: HDU {image.Index} plane {planeIndex} has no finite pixel to scale");
        (int outWidth, int outHeight) = PreviewImage.Size(width, height, size);
        byte[] grey = PreviewImage.Render(pixels, width, height, outWidth, outHeight, stretch);
        PngFile.Write(output, grey, outWidth, outHeight);
        string limits = string.Create(CultureInfo.InvariantCulture, $"[{TypeNames.Number(stretch.Min)}, {TypeNames.Number(stretch.Max)}]");
        Console.WriteLine($"{output}: {outWidth} x {outHeight} PNG of {path} HDU {image.Index} plane {planeIndex} ({width} x {height}), {kind.ToString().ToLowerInvariant()} limits {limits}");
        return ExitCodes.Success;
    }
}
