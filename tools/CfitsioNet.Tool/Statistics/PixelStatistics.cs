using System;

namespace CfitsioNet.Tool.Statistics;

/// <summary>
/// Statistics of pixel values as numpy's nan-functions define them: NaN pixels (undefined pixels, BLANK included)
/// are counted and left out; the rest give min, max, mean, median (the mean of the two middle values for an even
/// count) and the population standard deviation (ddof = 0).
/// </summary>
/// <param name="Count">Number of pixels.</param>
/// <param name="NanCount">Pixels that are NaN.</param>
/// <param name="Min">Smallest value (NaN when every pixel is NaN).</param>
/// <param name="Max">Largest value.</param>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="Median">Median.</param>
/// <param name="StandardDeviation">Square root of the mean squared deviation from the mean.</param>
internal sealed record PixelStatistics(long Count, long NanCount, double Min, double Max, double Mean, double Median, double StandardDeviation)
{
    /// <summary>Computes the statistics of <paramref name="pixels"/>; sorts a copy of the values for the median.</summary>
    public static PixelStatistics Of(ReadOnlySpan<double> pixels)
    {
        var values = new double[pixels.Length];
        int n = 0;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        double sum = 0, compensation = 0;
        foreach (double value in pixels)
        {
            if (double.IsNaN(value))
            {
                continue;
            }

            values[n++] = value;
            min = Math.Min(min, value);
            max = Math.Max(max, value);
            // Neumaier's compensated sum: the mean stays exact to the last bits for any image size.
            double t = sum + value;
            compensation += Math.Abs(sum) >= Math.Abs(value) ? (sum - t) + value : (value - t) + sum;
            sum = t;
        }

        long nans = pixels.Length - n;
        if (n == 0)
        {
            return new PixelStatistics(pixels.Length, nans, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double mean = (sum + compensation) / n;
        double squares = 0, squaresCompensation = 0;
        for (int i = 0; i < n; i++)
        {
            double d = values[i] - mean;
            double square = d * d;
            double t = squares + square;
            squaresCompensation += squares >= square ? (squares - t) + square : (square - t) + squares;
            squares = t;
        }

        double std = Math.Sqrt((squares + squaresCompensation) / n);
        Span<double> sorted = values.AsSpan(0, n);
        sorted.Sort();
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        return new PixelStatistics(pixels.Length, nans, min, max, mean, median, std);
    }
}
