using System;

namespace CfitsioNet;

/// <summary>What <see cref="FitsBatch.ReadMany{T}(System.Collections.Generic.IEnumerable{string}, FitsBatchOptions?, System.Threading.CancellationToken)"/> reads and how many files it reads at once.</summary>
public sealed class FitsBatchOptions
{
    private readonly int _maxDegreeOfParallelism = -1;
    private readonly int? _hduIndex;

    /// <summary>
    /// The HDU to read in every file (0 is the primary). Null (the default) reads the primary image, or the first
    /// image extension with pixels when the primary has none (as tile-compressed files have).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int? HduIndex
    {
        get => _hduIndex;
        init
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "HDU indexes start at 0.");
            }

            _hduIndex = value;
        }
    }

    /// <summary>Most files read at once: -1 (the default) for <see cref="Environment.ProcessorCount"/>, 1 for one at a time.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0 or less than -1.</exception>
    public int MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        init => _maxDegreeOfParallelism = Parallelism.Check(value);
    }

    /// <summary>Element type conversion and scaling for every read (see <see cref="ReadOptions"/>).</summary>
    public ReadOptions ReadOptions { get; init; }

    /// <summary>
    /// How each file is opened. The default reads each file on one thread (the batch is already parallel across files);
    /// otherwise as <see cref="FitsOpenOptions.Default"/>.
    /// </summary>
    public FitsOpenOptions OpenOptions { get; init; } = new() { MaxDegreeOfParallelism = 1 };
}
