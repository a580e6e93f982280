namespace CfitsioNet;

/// <summary>
/// How a read converts pixels. The default (<c>default(ReadOptions)</c>, <see cref="Default"/>) applies BSCALE/BZERO,
/// maps undefined pixels to NaN for <c>float</c>/<c>double</c>, and refuses an element type that cannot hold every
/// value of the image's type.
/// </summary>
/// <example>
/// <code>
/// short[] preview = image.Read&lt;short&gt;(ReadOptions.Lossy);                 // float image, clipped and truncated
/// short[] stored = image.Read&lt;short&gt;(new ReadOptions { Raw = true });     // BITPIX 16 values before BZERO
/// </code>
/// </example>
public readonly record struct ReadOptions
{
    /// <summary>Scaled values, NaN for undefined pixels, lossy conversions refused.</summary>
    public static ReadOptions Default => default;

    /// <summary>The default options with <see cref="AllowLossy"/> set.</summary>
    public static ReadOptions Lossy => new() { AllowLossy = true };

    /// <summary>
    /// Read the stored values as they are in the file: no BSCALE/BZERO, and BLANK pixels keep their stored value
    /// even in <c>float</c>/<c>double</c> (NaN pixels of floating-point images stay NaN). The element type is then
    /// checked against <see cref="ImageInfo.StoredPixelType"/> (BITPIX alone) instead of the natural type: a
    /// BITPIX 16 image with BZERO 32768 is read raw as <c>short</c>.
    /// </summary>
    public bool Raw { get; init; }

    /// <summary>
    /// Permit an element type that cannot hold every value of the image's type (for example <c>short</c> for a
    /// <c>float</c> image, <c>float</c> for an <c>int</c> or <c>long</c> image, <c>short</c> for a <c>ushort</c> image; a
    /// <c>long</c> or <c>ulong</c> image reads into <c>double</c> without it, each value rounded to the nearest double). Values are
    /// then converted as CFITSIO does: to integers by truncation toward zero, clipped to the type's range without an
    /// error; to <c>float</c> by rounding to nearest. NaN and infinite pixels (CFITSIO's test for undefined floating-point
    /// values) read into an integer type become the type's minimum (signed types) or maximum (unsigned types), because
    /// CFITSIO cannot use 0 as a null value. BLANK pixels of integer images keep BZERO + BSCALE * BLANK, clipped.
    /// </summary>
    public bool AllowLossy { get; init; }
}
