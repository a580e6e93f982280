using System;
using System.Diagnostics;
using CfitsioNet.Bench.Native;

namespace CfitsioNet.Bench.Investigation;

/// <summary>Per-iteration times and minor faults of one case, and their statistics (computed as cbench does).</summary>
internal sealed class Sample
{
    private Sample(double[] timesMs, long[] faults, int warmup)
    {
        TimesMs = timesMs;
        Faults = faults;
        Warmup = warmup;
        double[] sorted = (double[])timesMs.Clone();
        Array.Sort(sorted);
        MedianMs = Quantile(sorted, 0.5);
        MinMs = sorted[0];
        P90Ms = Quantile(sorted, 0.9);
        double[] faultsSorted = Array.ConvertAll(faults, f => (double)f);
        Array.Sort(faultsSorted);
        FaultsMedian = Quantile(faultsSorted, 0.5);
    }

    internal Sample(double[] timesMs, long[] faults, int warmup, double medianMs, double minMs, double p90Ms, double faultsMedian)
    {
        TimesMs = timesMs;
        Faults = faults;
        Warmup = warmup;
        MedianMs = medianMs;
        MinMs = minMs;
        P90Ms = p90Ms;
        FaultsMedian = faultsMedian;
    }

    internal double[] TimesMs { get; }

    internal long[] Faults { get; }

    internal int Warmup { get; }

    internal int Iterations => TimesMs.Length;

    internal double MedianMs { get; }

    internal double MinMs { get; }

    internal double P90Ms { get; }

    internal double FaultsMedian { get; }

    /// <summary>
    /// Runs <paramref name="operation"/> <paramref name="warmup"/> times untimed, then <paramref name="iterations"/>
    /// times, each timed on its own with <see cref="Stopwatch"/> and its minor faults counted with getrusage.
    /// </summary>
    internal static Sample Measure(Action operation, int warmup, int iterations)
    {
        for (int i = 0; i < warmup; i++)
        {
            operation();
        }

        var times = new double[iterations];
        var faults = new long[iterations];
        double tick = 1000.0 / Stopwatch.Frequency;
        for (int i = 0; i < iterations; i++)
        {
            long f0 = Libc.MinorFaults();
            long t0 = Stopwatch.GetTimestamp();
            operation();
            long t1 = Stopwatch.GetTimestamp();
            long f1 = Libc.MinorFaults();
            times[i] = (t1 - t0) * tick;
            faults[i] = f1 - f0;
        }

        return new Sample(times, faults, warmup);
    }

    /// <summary>The iterations of two rounds of the same case as one sample (statistics over both).</summary>
    internal static Sample Merge(Sample first, Sample second) =>
        new([.. first.TimesMs, .. second.TimesMs], [.. first.Faults, .. second.Faults], first.Warmup);

    /// <summary>Linear interpolation between closest ranks (numpy's default), as cbench and pybench compute it.</summary>
    internal static double Quantile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int low = (int)position;
        int high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
