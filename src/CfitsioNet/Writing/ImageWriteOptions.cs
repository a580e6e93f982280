using System;

namespace CfitsioNet;

/// <summary>Optional settings for <see cref="FitsFile.AddImage{T}(ReadOnlySpan{T}, ReadOnlySpan{long}, ImageWriteOptions?)"/> and <see cref="FitsFile.AddEmptyImage"/>.</summary>
/// <example>
/// <code>
/// var options = new ImageWriteOptions { Name = "SCI", Version = 1, Compression = new ImageCompression(CompressionAlgorithm.Rice) };
/// </code>
/// </example>
public sealed class ImageWriteOptions
{
    private readonly string? _name;
    private readonly int? _version;
    private readonly int _maxDegreeOfParallelism = -1;

    /// <summary>
    /// EXTNAME: the HDU's name, as in <c>fits["SCI"]</c>. Printable ASCII, at most 68 characters (a quote counts twice).
    /// Null (the default) writes no EXTNAME.
    /// </summary>
    /// <exception cref="ArgumentException">The name has characters outside printable ASCII or is too long.</exception>
    public string? Name
    {
        get => _name;
        init
        {
            if (value is not null)
            {
                int length = 0;
                foreach (char c in value)
                {
                    if (c < ' ' || c > '~')
                    {
                        throw new ArgumentException($"EXTNAME must be printable ASCII; '{value}' has U+{(int)c:X4}.", nameof(Name));
                    }

                    length += c == '\'' ? 2 : 1;
                }

                if (length > 68)
                {
                    throw new ArgumentException($"EXTNAME holds at most 68 characters; '{value}' needs {length}.", nameof(Name));
                }
            }

            _name = value;
        }
    }

    /// <summary>EXTVER: distinguishes HDUs of the same <see cref="Name"/>; at least 1. Null (the default) writes no EXTVER.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int? Version
    {
        get => _version;
        init
        {
            if (value is int version && version < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(Version), version, "EXTVER must be at least 1.");
            }

            _version = value;
        }
    }

    /// <summary>
    /// Tile compression of the image, or null (the default) for a plain image. A compressed image is always an
    /// extension: when it is the first image of a file, an empty primary HDU is written before it, so the image's
    /// index is 1.
    /// </summary>
    public ImageCompression? Compression { get; init; }

    /// <summary>
    /// Most threads one compressed write may use: the tiles of RICE_1, GZIP_1 and GZIP_2 images (integer, quantized floating-point, lossless gzip floating-point) are
    /// coded on several threads at once; the file's bytes are the same on any number, and the same as CFITSIO's. -1 (the default) means <see cref="Environment.ProcessorCount"/>;
    /// 1 encodes on the calling thread only.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0 or less than -1.</exception>
    public int MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        init => _maxDegreeOfParallelism = Parallelism.Check(value);
    }

    /// <summary>Whether tiles may be coded on several threads by the managed tile writer (tests turn it off to get CFITSIO's own bytes).</summary>
    internal bool ManagedTiles { get; init; } = true;

    /// <summary>Pixel bytes the managed tile writer encodes before it writes them (tests lower it to write in many batches).</summary>
    internal long TileBatchBytes { get; init; } = CfitsioNet.Compression.ParallelTileWriter.BatchBytes;

    /// <summary>Uncompressed bytes above which compressed images get 64-bit (Q) heap descriptors (tests lower it).</summary>
    internal long HugeHduBytes { get; init; } = FitsFile.HugeHduBytes;

    /// <summary>The thread count <see cref="MaxDegreeOfParallelism"/> stands for.</summary>
    internal int EffectiveParallelism => Parallelism.Effective(_maxDegreeOfParallelism);
}
