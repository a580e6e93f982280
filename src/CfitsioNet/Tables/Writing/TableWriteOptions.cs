namespace CfitsioNet;

/// <summary>Optional settings for <see cref="FitsFile.AddTable"/> and <see cref="FitsFile.BeginTable"/>.</summary>
/// <example>
/// <code>
/// var options = new TableWriteOptions { Name = "EVENTS", Version = 2 };
/// </code>
/// </example>
public sealed class TableWriteOptions
{
    private readonly ImageWriteOptions _names = new();

    /// <summary>EXTNAME: printable ASCII, at most 68 characters (a quote counts twice); null for none.</summary>
    /// <exception cref="System.ArgumentException">The name has characters outside printable ASCII or is too long.</exception>
    public string? Name
    {
        get => _names.Name;
        init => _names = new ImageWriteOptions { Name = value, Version = _names.Version };
    }

    /// <summary>EXTVER, or null for none.</summary>
    /// <exception cref="System.ArgumentOutOfRangeException">The version is below 1.</exception>
    public int? Version
    {
        get => _names.Version;
        init => _names = new ImageWriteOptions { Name = _names.Name, Version = value };
    }

    /// <summary>
    /// Write an ASCII table (XTENSION = 'TABLE') instead of a binary table: numbers and strings only, one value per
    /// row (integers as Iw, float as E15.7, double as D25.17, strings as Aw), finite values only.
    /// </summary>
    public bool Ascii { get; init; }

    /// <summary>
    /// Use 64-bit heap descriptors (Q) for the variable-length columns of a table written with
    /// <see cref="FitsFile.BeginTable"/>, whose heap may pass 2 GiB. <see cref="FitsFile.AddTable"/> chooses Q by itself
    /// when the heap it writes passes 2 GiB.
    /// </summary>
    public bool LargeHeap { get; init; }

    internal ImageWriteOptions NameAndVersion => _names;
}
