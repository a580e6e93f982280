namespace CfitsioNet.Bench.Investigation;

/// <summary>One line of the investigation's table: a case, who ran it, and what it cost.</summary>
internal sealed class Row
{
    /// <summary>The table section, e.g. "int16 1000x1000".</summary>
    public required string Group { get; init; }

    public required string Case { get; init; }

    /// <summary>".NET", "C", "fitsio" or "astropy".</summary>
    public required string Implementation { get; init; }

    /// <summary>The file's element type (e.g. "int16", "uint16" for BZERO 32768) or "from->to" for conversions.</summary>
    public required string Dtype { get; init; }

    /// <summary>Shape in C order, e.g. "1000x1000".</summary>
    public required string Size { get; init; }

    /// <summary>"reused", "fresh", "pooled" or "none" (no destination: open/close, floors, allocation).</summary>
    public required string Buffer { get; init; }

    /// <summary>"kept" (one handle across iterations), "reopened" (open and close in every iteration) or "none".</summary>
    public required string Handle { get; init; }

    /// <summary>What one iteration does, in the implementation's own terms.</summary>
    public required string Operation { get; init; }

    public string? File { get; init; }

    /// <summary>Environment variables the row ran with (knob rows), otherwise null.</summary>
    public string? Environment { get; init; }

    public int? Iterations { get; set; }

    public int? Warmup { get; set; }

    public double? MedianMs { get; set; }

    public double? MinMs { get; set; }

    public double? P90Ms { get; set; }

    /// <summary>Median of the per-iteration minor page faults (getrusage ru_minflt, whole process).</summary>
    public double? MinorFaultsMedian { get; set; }

    /// <summary>The C (cbench) case this row is compared with: same file, same size (see results.md).</summary>
    public string? BaselineCase { get; set; }

    public double? BaselineMedianMs { get; set; }

    /// <summary>MedianMs / BaselineMedianMs.</summary>
    public double? RatioToC { get; set; }

    /// <summary>Why the row has no numbers here; null when it ran.</summary>
    public string? NotAvailable { get; set; }

    public string? Note { get; set; }

    /// <summary>Wall time the row took in the run, set-up and child process included (seconds).</summary>
    public double? WallSeconds { get; set; }

    /// <summary>Shown in the chart.</summary>
    public bool Main { get; init; }

    public double[]? TimesMs { get; set; }

    public long[]? MinorFaults { get; set; }

    /// <summary>For C rows: the --datatype cbench read in (conversion rows), else null.</summary>
    internal string? CDatatype { get; init; }

    /// <summary>Where the baseline row is: its file and --datatype (the case is <see cref="BaselineCase"/>).</summary>
    internal string? BaselineFile { get; set; }

    internal string? BaselineDatatype { get; set; }

    internal void SetSample(Sample sample)
    {
        Iterations = sample.Iterations;
        Warmup = sample.Warmup;
        MedianMs = sample.MedianMs;
        MinMs = sample.MinMs;
        P90Ms = sample.P90Ms;
        MinorFaultsMedian = sample.FaultsMedian;
        TimesMs = sample.TimesMs;
        MinorFaults = sample.Faults;
    }
}
