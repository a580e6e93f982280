using System;

namespace CfitsioNet.Tool.Imaging;

/// <summary>
/// IRAF's zscale display limits, as astropy's <c>ZScaleInterval</c> (astropy.visualization.interval, 5.2) defines them,
/// with its defaults: 1000 samples, contrast 0.25, max_reject 0.5, min_npixels 5, krej 2.5, max_iterations 5.
/// </summary>
/// <remarks>
/// The steps, in astropy's order: keep the finite values in storage order; take every <c>stride</c>-th one, where
/// <c>stride = int(max(1, count / 1000))</c>, up to 1000 samples; sort them. Fit a line to the sorted samples against
/// their index (least squares over the pixels not rejected), reject samples further than krej standard deviations
/// of the residuals (the rejected set only grows), dilate the rejected set by <c>max(1, int(npix * 0.01))</c> samples
/// (numpy's <c>convolve(..., mode="same")</c> window <c>[i - k/2, i + (k-1)/2]</c>), and repeat until no sample is
/// newly rejected, too few remain, or after 5 fits. If at least <c>max(5, int(npix * 0.5))</c> samples remain, the
/// last fit's slope divided by the contrast gives <c>median - (center - 1) * slope</c> and
/// <c>median + (npix - center) * slope</c> (center = <c>(npix - 1) / 2</c>), clipped to the samples' range;
/// otherwise the samples' minimum and maximum.
/// </remarks>
internal static class ZScale
{
    private const int SampleCount = 1000;
    private const double Contrast = 0.25;
    private const double MaxReject = 0.5;
    private const int MinPixels = 5;
    private const double Krej = 2.5;
    private const int MaxIterations = 5;

    /// <summary>The limits for <paramref name="values"/> (C order); null when no value is finite.</summary>
    public static (double Min, double Max)? Limits(ReadOnlySpan<double> values)
    {
        long finite = 0;
        foreach (double value in values)
        {
            if (double.IsFinite(value))
            {
                finite++;
            }
        }

        if (finite == 0)
        {
            return null;
        }

        long stride = (long)Math.Max(1.0, (double)finite / SampleCount);
        var samples = new double[(int)Math.Min(SampleCount, ((finite - 1) / stride) + 1)];
        int taken = 0;
        long position = 0;
        foreach (double value in values)
        {
            if (!double.IsFinite(value))
            {
                continue;
            }

            if (position++ % stride == 0)
            {
                samples[taken++] = value;
                if (taken == samples.Length)
                {
                    break;
                }
            }
        }

        Array.Sort(samples);
        return FromSortedSamples(samples);
    }

    /// <summary>The limits from samples already sorted (the fitting part of astropy's <c>get_limits</c>).</summary>
    internal static (double Min, double Max) FromSortedSamples(double[] samples)
    {
        int npix = samples.Length;
        double vmin = samples[0];
        double vmax = samples[^1];
        int minpix = Math.Max(MinPixels, (int)(npix * MaxReject));
        int ngrow = Math.Max(1, (int)(npix * 0.01));
        var bad = new bool[npix];
        var grown = new bool[npix];
        int good = npix;
        int lastGood = npix + 1;
        double slope = 0;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            if (good >= lastGood || good < minpix)
            {
                break;
            }

            (slope, double intercept) = FitLine(samples, bad);

            // Threshold: krej times the population standard deviation of the residuals of the samples still good.
            double sum = 0, squares = 0;
            int n = 0;
            for (int i = 0; i < npix; i++)
            {
                if (!bad[i])
                {
                    double flat = samples[i] - ((slope * i) + intercept);
                    sum += flat;
                    n++;
                }
            }

            double meanFlat = sum / n;
            for (int i = 0; i < npix; i++)
            {
                if (!bad[i])
                {
                    double d = samples[i] - ((slope * i) + intercept) - meanFlat;
                    squares += d * d;
                }
            }

            double threshold = Krej * Math.Sqrt(squares / n);
            for (int i = 0; i < npix; i++)
            {
                double flat = samples[i] - ((slope * i) + intercept);
                if (flat < -threshold || flat > threshold)
                {
                    bad[i] = true;
                }
            }

            Dilate(bad, grown, ngrow);
            (bad, grown) = (grown, bad);
            lastGood = good;
            good = 0;
            foreach (bool b in bad)
            {
                good += b ? 0 : 1;
            }
        }

        if (good >= minpix)
        {
            slope /= Contrast;
            int center = (npix - 1) / 2;
            double median = npix % 2 == 1 ? samples[npix / 2] : (samples[(npix / 2) - 1] + samples[npix / 2]) / 2;
            vmin = Math.Max(vmin, median - ((center - 1) * slope));
            vmax = Math.Min(vmax, median + ((npix - center) * slope));
        }

        return (vmin, vmax);
    }

    // Least-squares line through (i, samples[i]) over the samples not marked bad (numpy.polyfit with 0/1 weights).
    private static (double Slope, double Intercept) FitLine(double[] samples, bool[] bad)
    {
        double sumX = 0, sumY = 0;
        int n = 0;
        for (int i = 0; i < samples.Length; i++)
        {
            if (!bad[i])
            {
                sumX += i;
                sumY += samples[i];
                n++;
            }
        }

        double meanX = sumX / n, meanY = sumY / n;
        double sxx = 0, sxy = 0;
        for (int i = 0; i < samples.Length; i++)
        {
            if (!bad[i])
            {
                double dx = i - meanX;
                sxx += dx * dx;
                sxy += dx * (samples[i] - meanY);
            }
        }

        double slope = sxx == 0 ? 0 : sxy / sxx;
        return (slope, meanY - (slope * meanX));
    }

    // numpy.convolve(bad, ones(k), mode="same") on booleans: output i is set when any of bad[i - k/2 .. i + (k-1)/2] is.
    private static void Dilate(bool[] bad, bool[] output, int k)
    {
        int before = k / 2, after = (k - 1) / 2;
        for (int i = 0; i < bad.Length; i++)
        {
            bool any = false;
            for (int m = Math.Max(0, i - before); m <= Math.Min(bad.Length - 1, i + after) && !any; m++)
            {
                any = bad[m];
            }

            output[i] = any;
        }
    }
}
