using System;

namespace CfitsioNet.Tool.Imaging;

/// <summary>
/// Maps pixel values to 8-bit grey as astropy's ImageNormalize and matplotlib's grey colour map do: the interval gives
/// [min, max], <c>x = clip((v - min) / (max - min), 0, 1)</c> (no division when max equals min), the stretch gives
/// <c>y</c>, and grey is <c>min(255, floor(256 * y))</c>. NaN pixels are black.
/// </summary>
internal sealed class Stretch
{
    /// <summary>The <c>a</c> of the asinh stretch (astropy's default, also fits2bitmap's).</summary>
    public const double AsinhA = 0.1;

    private readonly double _range;
    private readonly double _asinhScale = 1 / Math.Asinh(1 / AsinhA);

    private Stretch(StretchKind kind, double min, double max)
    {
        Kind = kind;
        Min = min;
        Max = max;
        _range = max - min;
    }

    /// <summary>The stretch.</summary>
    public StretchKind Kind { get; }

    /// <summary>The value that becomes black.</summary>
    public double Min { get; }

    /// <summary>The value that becomes white.</summary>
    public double Max { get; }

    /// <summary>The stretch for <paramref name="values"/>; null when no value is finite.</summary>
    public static Stretch? For(StretchKind kind, ReadOnlySpan<double> values)
    {
        if (kind == StretchKind.ZScale)
        {
            return ZScale.Limits(values) is (double zmin, double zmax) ? new Stretch(kind, zmin, zmax) : null;
        }

        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double value in values)
        {
            if (double.IsFinite(value))
            {
                min = Math.Min(min, value);
                max = Math.Max(max, value);
            }
        }

        return min <= max ? new Stretch(kind, min, max) : null;
    }

    /// <summary>The grey level of <paramref name="value"/>.</summary>
    public byte Grey(double value)
    {
        if (double.IsNaN(value))
        {
            return 0;
        }

        double x = value - Min;
        if (_range != 0)
        {
            x /= _range;
        }

        x = Math.Clamp(x, 0.0, 1.0);
        if (Kind == StretchKind.Asinh)
        {
            x = Math.Asinh(x / AsinhA) * _asinhScale;
        }

        return (byte)Math.Min(255.0, Math.Floor(x * 256));
    }
}
