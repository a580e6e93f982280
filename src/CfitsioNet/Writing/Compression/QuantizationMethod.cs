namespace CfitsioNet;

/// <summary>How floating-point pixels are rounded to integers before lossy tile compression.</summary>
public enum QuantizationMethod
{
    /// <summary>
    /// <c>SUBTRACTIVE_DITHER_1</c> (the default): a reproducible random offset is added before rounding and subtracted
    /// when reading, which preserves the noise statistics better than plain rounding.
    /// </summary>
    SubtractiveDither1,

    /// <summary>
    /// <c>SUBTRACTIVE_DITHER_2</c>: like <see cref="SubtractiveDither1"/>, but pixels that are exactly 0.0 stay exactly
    /// 0.0. Not available with <see cref="CompressionAlgorithm.HCompress"/>.
    /// </summary>
    SubtractiveDither2,

    /// <summary><c>NO_DITHER</c>: plain rounding to the nearest quantization level.</summary>
    NoDither,
}
