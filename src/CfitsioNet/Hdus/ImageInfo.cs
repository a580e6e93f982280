using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace CfitsioNet;

/// <summary>
/// What an image HDU's header says about its pixels: stored BITPIX, the natural .NET type, the shape in C order
/// and the scaling keywords. Immutable; obtained from <see cref="ImageHdu.Info"/>.
/// </summary>
public sealed class ImageInfo
{
    private readonly long[] _shape;
    private readonly ReadOnlyCollection<long> _shapeView;

    internal ImageInfo(int bitpix, PixelType pixelType, long[] shape, double bzero, double bscale, long? blank, string? compression = null)
    {
        Bitpix = bitpix;
        PixelType = pixelType;
        StoredPixelType = PixelConversion.Stored(bitpix) ?? pixelType;
        Compression = compression;
        _shape = shape;
        _shapeView = Array.AsReadOnly(shape);
        Bzero = bzero;
        Bscale = bscale;
        Blank = blank;
        MarksUndefined = blank is not null;
        TileWidth = shape.Length == 0 ? 1 : Math.Max(shape[^1], 1);
        long count = shape.Length == 0 ? 0 : 1;
        foreach (long length in shape)
        {
            count = checked(count * length);
        }

        ElementCount = count;
    }

    /// <summary>BITPIX as stored in the file: 8, 16, 32, 64, -32 or -64 (ZBITPIX for a tile-compressed image).</summary>
    public int Bitpix { get; }

    /// <summary>
    /// The natural type: the one that holds the pixel values with BZERO/BSCALE applied, e.g. <see cref="PixelType.UInt16"/>
    /// for BITPIX 16 with BZERO 32768, <see cref="PixelType.UInt64"/> for BITPIX 64 with BZERO 2^63. Reading in this type
    /// is exact and takes the fastest path. Integer scaling picks the smallest integer type that covers the scaled
    /// range; fractional scaling gives <see cref="PixelType.Single"/> for BITPIX 8/16 and <see cref="PixelType.Double"/>
    /// for BITPIX 32/64 (each value the nearest one to BZERO + BSCALE * stored, as CFITSIO and astropy compute it).
    /// </summary>
    public PixelType PixelType { get; }

    /// <summary>
    /// The type of the values as stored, from BITPIX alone (<see cref="PixelType.Byte"/>, <see cref="PixelType.Int16"/>,
    /// <see cref="PixelType.Int32"/>, <see cref="PixelType.Int64"/>, <see cref="PixelType.Single"/> or
    /// <see cref="PixelType.Double"/>): what a read with <see cref="ReadOptions.Raw"/> returns exactly.
    /// </summary>
    public PixelType StoredPixelType { get; }

    /// <summary>
    /// Whether the image is tile-compressed (stored in a BINTABLE by the FITS tiled image compression convention).
    /// It reads through the same methods as a plain image; <see cref="Bitpix"/> and <see cref="Shape"/> describe the
    /// uncompressed image.
    /// </summary>
    public bool IsCompressed => Compression is not null;

    /// <summary>The compression algorithm (ZCMPTYPE), e.g. <c>RICE_1</c>, <c>GZIP_1</c>, <c>GZIP_2</c>, <c>HCOMPRESS_1</c> or <c>PLIO_1</c>; null when the image is not tile-compressed.</summary>
    public string? Compression { get; }

    /// <summary>The .NET type matching <see cref="PixelType"/>, e.g. <c>typeof(ushort)</c>.</summary>
    public Type ElementType => PixelTypes.ClrType(PixelType);

    /// <summary>
    /// Axis lengths in C order, slowest-varying first: <c>[NAXIS3, NAXIS2, NAXIS1]</c> for a cube, so
    /// <c>Shape[^1]</c> is the row length. This is the reverse of the order of the NAXISn keywords. Empty when NAXIS is 0.
    /// </summary>
    public IReadOnlyList<long> Shape => _shapeView;

    /// <summary>Number of axes (NAXIS).</summary>
    public int Rank => _shape.Length;

    /// <summary>Number of pixels: the product of the axis lengths; 0 when NAXIS is 0 or an axis has length 0.</summary>
    public long ElementCount { get; }

    /// <summary>BZERO (0 when absent): physical value = BZERO + BSCALE * stored value.</summary>
    public double Bzero { get; }

    /// <summary>BSCALE (1 when absent).</summary>
    public double Bscale { get; }

    /// <summary>
    /// BLANK: the stored integer that marks an undefined pixel, or null when absent (always null for floating-point
    /// images, whose undefined pixels are NaN). For a tile-compressed integer image, ZBLANK or else BLANK; null when the
    /// null value varies per tile (a ZBLANK column). Such pixels read as NaN into <c>float</c>/<c>double</c> and as
    /// BZERO + BSCALE * BLANK into integer types.
    /// </summary>
    public long? Blank { get; }

    /// <summary>
    /// Whether the primary array is in the random-groups format (GROUPS = T and NAXIS1 = 0, as radio interferometry's
    /// UVFITS uses it): <see cref="GroupCount"/> groups (GCOUNT), each of <see cref="ParameterCount"/> parameters (PCOUNT)
    /// and an array of the shape NAXISn ... NAXIS2. <see cref="Shape"/> then keeps NAXIS1 = 0 as its last length, so
    /// <see cref="ElementCount"/> is 0; the image reads refuse such an HDU with a <see cref="FitsException"/> that says
    /// so, and <see cref="ImageHdu.ReadGroups"/> reads the parameters and arrays.
    /// </summary>
    public bool IsRandomGroups { get; init; }

    /// <summary>The number of groups (GCOUNT) of a random-groups primary array; 0 for any other image.</summary>
    public long GroupCount { get; init; }

    /// <summary>The number of parameters in each group (PCOUNT) of a random-groups primary array; 0 for any other image.</summary>
    public int ParameterCount { get; init; }

    /// <summary>The shape as a new array in C order (see <see cref="Shape"/>).</summary>
    /// <returns>A copy the caller may change.</returns>
    public long[] GetShape() => (long[])_shape.Clone();

    internal ReadOnlySpan<long> ShapeSpan => _shape;

    /// <summary>Whether the header declares a marker for undefined pixels: BLANK, or ZBLANK (keyword or column) when compressed.</summary>
    internal bool MarksUndefined { get; init; }

    /// <summary>For a tile-compressed image, the tile length along NAXIS1 (ZTILE1); otherwise the row length.</summary>
    internal long TileWidth { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"BITPIX={Bitpix} {PixelType} [{string.Join(", ", _shape)}]" +
        (Bzero != 0 || Bscale != 1 ? $" BZERO={Bzero} BSCALE={Bscale}" : string.Empty) +
        (Compression is null ? string.Empty : $" {Compression}") +
        (IsRandomGroups ? $" random groups: {GroupCount} x {ParameterCount} parameters" : string.Empty);
}
