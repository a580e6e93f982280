using System.Linq;

namespace CfitsioNet.Tool.Cli;

/// <summary>Which image a pixel command works on: the one <c>-e</c> names, else the first image HDU with pixels.</summary>
internal static class ImageSelection
{
    /// <exception cref="ToolException">The HDU is a table, or the file has no image with pixels.</exception>
    public static ImageHdu Find(FitsFile fits, string? extension, string command)
    {
        if (extension is not null)
        {
            Hdu hdu = FitsInput.Select(fits, extension);
            if (hdu is not ImageHdu image)
            {
                throw new ToolException($"{fits.FileName}: HDU {hdu.Index} is a {hdu.Kind}; {command} works on images (for tables: fits table, fits stats --column NAME)");
            }

            if (image.Info.ElementCount == 0)
            {
                throw new ToolException($"{fits.FileName}: HDU {hdu.Index} has no pixels (NAXIS = {image.Info.Rank})");
            }

            return image;
        }

        return fits.OfType<ImageHdu>().FirstOrDefault(image => image.Info.ElementCount > 0)
            ?? throw new ToolException($"{fits.FileName}: no image HDU with pixels");
    }
}
