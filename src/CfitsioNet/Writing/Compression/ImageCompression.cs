using System;
using System.Collections.Generic;

namespace CfitsioNet;

/// <summary>
/// How an image is tile-compressed when it is written (FITS standard, section 10): the algorithm, the tile shape and,
/// for floating-point images, the quantization. Pass it as <see cref="ImageWriteOptions.Compression"/>. Immutable once
/// built; one instance may be reused for many images.
/// </summary>
/// <remarks>
/// <para>
/// Integer images are always compressed losslessly (except <see cref="CompressionAlgorithm.HCompress"/> with a non-zero
/// <see cref="HCompressScale"/>) and read back bit-identical. Floating-point images are lossless only with
/// <see cref="CompressionAlgorithm.Gzip1"/> or <see cref="CompressionAlgorithm.Gzip2"/> and no
/// <see cref="QuantizeLevel"/>; any other combination must be asked for explicitly with a <see cref="QuantizeLevel"/>,
/// and then each value reads back within half a quantization step of what was written.
/// </para>
/// <para>
/// CFITSIO 4.2 cannot tile-compress 64-bit integer images (<see cref="long"/>, <see cref="ulong"/>) or images with an
/// axis of length 0, and compressed images of more than 3 axes cannot be read back by CFITSIO's pixel reader or
/// astropy: such requests throw before anything is written. So does a tile that CFITSIO's HCOMPRESS or PLIO coder
/// would overflow its buffer with (noisy data, tiny tiles): see <see cref="CompressionAlgorithm.HCompress"/>.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var lossless = new ImageCompression(CompressionAlgorithm.Rice) { TileShape = [32, 512] };
/// var lossy = new ImageCompression(CompressionAlgorithm.Rice) { QuantizeLevel = 16, DitherSeed = 42 };
/// </code>
/// </example>
public sealed class ImageCompression
{
    private readonly long[]? _tileShape;
    private readonly float? _quantizeLevel;
    private readonly QuantizationMethod _quantizationMethod;
    private readonly int? _ditherSeed;
    private readonly float _hcompressScale;

    /// <summary>Compression with <paramref name="algorithm"/> and CFITSIO's default tiles (one image row per tile).</summary>
    /// <param name="algorithm">The compression algorithm.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="algorithm"/> is not a defined value.</exception>
    public ImageCompression(CompressionAlgorithm algorithm)
    {
        if (!Enum.IsDefined(algorithm))
        {
            throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown compression algorithm.");
        }

        Algorithm = algorithm;
    }

    /// <summary>The compression algorithm.</summary>
    public CompressionAlgorithm Algorithm { get; }

    /// <summary>
    /// Tile lengths in C order (slowest axis first, like the image shape), one per image axis; each tile is
    /// compressed separately, so tiles are also the unit of partial reads. Lengths larger than the image axis are
    /// clamped to it. Null (the default) lets CFITSIO choose: one image row per tile (<c>[1, ..., 1, NAXIS1]</c>), or
    /// for <see cref="CompressionAlgorithm.HCompress"/> blocks of about 16 rows.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A length is less than 1.</exception>
    public IReadOnlyList<long>? TileShape
    {
        get => _tileShape;
        init
        {
            if (value is null)
            {
                _tileShape = null;
                return;
            }

            long[] copy = [.. value];
            foreach (long length in copy)
            {
                if (length < 1)
                {
                    throw new ArgumentOutOfRangeException(nameof(TileShape), length, "Tile lengths must be at least 1.");
                }
            }

            _tileShape = copy;
        }
    }

    /// <summary>
    /// Quantization of floating-point images (ignored for integer images). Null or 0 (the default): no quantization,
    /// lossless, which only <see cref="CompressionAlgorithm.Gzip1"/> and <see cref="CompressionAlgorithm.Gzip2"/> can do.
    /// Positive q: the quantization step of each tile is its estimated noise RMS divided by q (CFITSIO's usual
    /// choice is 4 to 16; larger keeps more precision). Negative q: the step is exactly |q| in pixel units.
    /// Each value reads back within half a step of what was written.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite.</exception>
    public float? QuantizeLevel
    {
        get => _quantizeLevel;
        init
        {
            if (value is float level && !float.IsFinite(level))
            {
                throw new ArgumentOutOfRangeException(nameof(QuantizeLevel), level, "The quantize level must be finite.");
            }

            _quantizeLevel = value == 0 ? null : value;
        }
    }

    /// <summary>How quantized floating-point pixels are rounded; <see cref="QuantizationMethod.SubtractiveDither1"/> by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="CfitsioNet.QuantizationMethod"/>.</exception>
    public QuantizationMethod QuantizationMethod
    {
        get => _quantizationMethod;
        init
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(QuantizationMethod), value, "Unknown quantization method.");
            }

            _quantizationMethod = value;
        }
    }

    /// <summary>
    /// Seed of the dithering pattern (recorded as ZDITHER0). Null (the default): derived from the pixels of the first
    /// tile, so the same image always compresses to the same bytes while different images get different patterns.
    /// 1 to 10000: that pattern. 0: chosen from the system clock (CFITSIO's own default, not reproducible).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or greater than 10000.</exception>
    public int? DitherSeed
    {
        get => _ditherSeed;
        init
        {
            if (value is int seed && (seed < 0 || seed > 10000))
            {
                throw new ArgumentOutOfRangeException(nameof(DitherSeed), seed, "The dither seed must be null, 0 (clock) or 1 to 10000.");
            }

            _ditherSeed = value;
        }
    }

    /// <summary>
    /// <see cref="CompressionAlgorithm.HCompress"/> scale: 0 (the default) is lossless on the integer (or quantized)
    /// values; a positive value discards detail below that multiple of the noise RMS; a negative value is an absolute scale.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite.</exception>
    public float HCompressScale
    {
        get => _hcompressScale;
        init
        {
            if (!float.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(nameof(HCompressScale), value, "The HCOMPRESS scale must be finite.");
            }

            _hcompressScale = value;
        }
    }

    /// <summary>Whether readers should smooth an <see cref="CompressionAlgorithm.HCompress"/> image written with a scale above 1 (recorded in the header).</summary>
    public bool HCompressSmooth { get; init; }

    /// <inheritdoc/>
    public override string ToString()
        => $"{Algorithm}" + (TileShape is null ? string.Empty : $" tiles [{string.Join(", ", TileShape)}]") +
           (QuantizeLevel is float q ? $" q={q} {QuantizationMethod}" : string.Empty);
}
