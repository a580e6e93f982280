using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using CfitsioNet.Tool.Cli;

namespace CfitsioNet.Tool.Comparing;

/// <summary>
/// Compares the pixels of two images as astropy's ImageDataDiff does: different shapes differ; integer images
/// (integer after BZERO/BSCALE) compare exactly; otherwise values compare as doubles within the tolerances, and
/// NaN or infinite pixels equal any other non-finite pixel. Lists the first differences, 1-based in FITS order.
/// </summary>
internal static class ImageComparer
{
    public static void Compare(ImageHdu a, ImageHdu b, DiffOptions options, DiffReport report)
    {
        ImageInfo x = a.Info, y = b.Info;
        if (x.ElementCount == 0 || y.ElementCount == 0)
        {
            return; // as fitsdiff: no data on one side, nothing to compare (NAXIS differences show in the headers)
        }

        if (!x.Shape.SequenceEqual(y.Shape))
        {
            report.Difference($"  Data dimensions differ: a {TypeNames.Dimensions(x.Shape)}, b {TypeNames.Dimensions(y.Shape)}");
            return;
        }

        bool integers = IsInteger(x.PixelType) && IsInteger(y.PixelType);
        if (integers && x.PixelType == PixelType.UInt64 && y.PixelType == PixelType.UInt64)
        {
            Report(x.Shape, Exact(a.Read<ulong>(), b.Read<ulong>()), a, b, options, report);
        }
        else if (integers && x.PixelType != PixelType.UInt64 && y.PixelType != PixelType.UInt64)
        {
            Report(x.Shape, Exact(a.Read<long>(), b.Read<long>()), a, b, options, report);
        }
        else
        {
            double[] left = a.Read<double>(ReadOptions.Lossy), right = b.Read<double>(ReadOptions.Lossy);
            var differing = new List<long>();
            for (long i = 0; i < left.LongLength; i++)
            {
                if (integers ? left[i] != right[i] : !options.Close(left[i], right[i]))
                {
                    differing.Add(i);
                }
            }

            Report(x.Shape, differing, a, b, options, report);
        }
    }

    private static bool IsInteger(PixelType type) => type is not (PixelType.Single or PixelType.Double);

    private static List<long> Exact<T>(T[] left, T[] right)
        where T : IEqualityOperators<T, T, bool>
    {
        var differing = new List<long>();
        for (long i = 0; i < left.LongLength; i++)
        {
            if (left[i] != right[i])
            {
                differing.Add(i);
            }
        }

        return differing;
    }

    private static void Report(IReadOnlyList<long> shape, List<long> differing, ImageHdu a, ImageHdu b, DiffOptions options, DiffReport report)
    {
        if (differing.Count == 0)
        {
            return;
        }

        long total = shape.Aggregate(1L, (p, n) => p * n);
        report.Difference(string.Create(CultureInfo.InvariantCulture,
            $"  Data differ at {differing.Count} of {total} pixels ({100.0 * differing.Count / total:0.###}%)"));
        int shown = Math.Min(differing.Count, options.MaxReported);
        if (shown == 0)
        {
            return;
        }

        // Values of the listed pixels only: a second read of those positions, in doubles, for the report.
        long[] listed = differing.Take(shown).ToArray();
        foreach (long index in listed)
        {
            long[] position = FitsPosition(index, shape);
            double va = PixelAt(a, position), vb = PixelAt(b, position);
            report.Difference($"   at [{string.Join(", ", position)}]: a> {TypeNames.Number(va)}  b> {TypeNames.Number(vb)}");
        }

        if (differing.Count > shown)
        {
            report.Difference($"   ... and {differing.Count - shown} more");
        }
    }

    // 1-based FITS-order coordinates (NAXIS1 first) of a C-order element index.
    private static long[] FitsPosition(long index, IReadOnlyList<long> shape)
    {
        var position = new long[shape.Count];
        for (int axis = shape.Count - 1, k = 0; axis >= 0; axis--, k++)
        {
            position[k] = (index % shape[axis]) + 1;
            index /= shape[axis];
        }

        return position;
    }

    private static double PixelAt(ImageHdu image, long[] fitsPosition)
    {
        long[] start = fitsPosition.Reverse().Select(p => p - 1).ToArray();
        long[] end = start.Select(s => s + 1).ToArray();
        return image.ReadRegion<double>(start, end, options: ReadOptions.Lossy)[0];
    }
}
