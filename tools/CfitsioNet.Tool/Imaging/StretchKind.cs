namespace CfitsioNet.Tool.Imaging;

/// <summary>How pixel values become grey levels (astropy.visualization's names).</summary>
internal enum StretchKind
{
    /// <summary>ZScaleInterval limits, then a linear ramp.</summary>
    ZScale,

    /// <summary>MinMaxInterval (finite values), then a linear ramp.</summary>
    Linear,

    /// <summary>MinMaxInterval, then AsinhStretch with a = 0.1: <c>asinh(x / a) / asinh(1 / a)</c>.</summary>
    Asinh,
}
