using System;

namespace CfitsioNet.Tool.Imaging;

/// <summary>
/// An 8-bit grey picture of one image plane: stretched, resampled to the requested size by nearest neighbour, and
/// flipped so that FITS row 1 (the bottom of the sky image, as ds9 and astropy's fits2bitmap show it) is the last
/// row of the picture.
/// </summary>
internal static class PreviewImage
{
    /// <summary>
    /// Output size: the plane's own size, or with <paramref name="size"/> the longer side scaled to it and the other
    /// in proportion (rounded, at least 1).
    /// </summary>
    public static (int Width, int Height) Size(long width, long height, int? size)
    {
        if (size is not int longest)
        {
            if (width > 32768 || height > 32768)
            {
                throw new CfitsioNet.Tool.Cli.ToolException($"the plane is {width} x {height} pixels: give --size (at most 32768)");
            }

            return ((int)width, (int)height);
        }

        return width >= height
            ? (longest, (int)Math.Max(1, Math.Round((double)height * longest / width, MidpointRounding.AwayFromZero)))
            : ((int)Math.Max(1, Math.Round((double)width * longest / height, MidpointRounding.AwayFromZero)), longest);
    }

    /// <summary>The source column (or row) that output column <paramref name="i"/> of <paramref name="output"/> shows.</summary>
    public static long Source(int i, int output, long input) => Math.Min(input - 1, (long)((i + 0.5) * input / output));

    /// <summary>
    /// Grey pixels, top row first: output row <c>r</c> shows plane row <c>Source(height - 1 - r, ...)</c> (C order
    /// plane: row 0 is FITS row 1).
    /// </summary>
    public static byte[] Render(ReadOnlySpan<double> plane, long width, long height, int outWidth, int outHeight, Stretch stretch)
    {
        var grey = new byte[(long)outWidth * outHeight];
        var columns = new long[outWidth];
        for (int x = 0; x < outWidth; x++)
        {
            columns[x] = Source(x, outWidth, width);
        }

        for (int y = 0; y < outHeight; y++)
        {
            long row = Source(outHeight - 1 - y, outHeight, height);
            ReadOnlySpan<double> source = plane.Slice((int)(row * width), (int)width);
            Span<byte> target = grey.AsSpan(y * outWidth, outWidth);
            for (int x = 0; x < outWidth; x++)
            {
                target[x] = stretch.Grey(source[(int)columns[x]]);
            }
        }

        return grey;
    }
}
