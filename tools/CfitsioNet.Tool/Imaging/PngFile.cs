using System;
using System.IO;
using SkiaSharp;

namespace CfitsioNet.Tool.Imaging;

/// <summary>
/// Writes an 8-bit greyscale PNG with SkiaSharp (Skia's PNG encoder), atomically: into a temporary file next to the
/// target, renamed over it once complete, so an existing file is never left half-written.
/// </summary>
internal static class PngFile
{
    public static unsafe void Write(string path, byte[] grey, int width, int height)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(directory))
        {
            throw new CfitsioNet.Tool.Cli.ToolException($"{path}: the folder {directory} does not exist");
        }

        var info = new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            fixed (byte* pixels = grey)
            {
                using var pixmap = new SKPixmap(info, (IntPtr)pixels, width);
                using SKData? png = pixmap.Encode(SKEncodedImageFormat.Png, 100);
                if (png is null)
                {
                    throw new IOException($"Skia could not encode a {width} x {height} PNG");
                }

                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
                {
                    png.SaveTo(stream);
                    stream.Flush(flushToDisk: true);
                }
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
