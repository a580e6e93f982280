using System;

namespace CfitsioNet;

/// <summary>
/// One header-data unit of a <see cref="FitsFile"/>: a small descriptor (file and index), valid while the file is open.
/// Images are <see cref="ImageHdu"/> instances, tables <see cref="TableHdu"/> instances.
/// </summary>
public abstract partial class Hdu
{
    internal Hdu(FitsFile file, int index, HduKind kind)
    {
        File = file;
        Index = index;
        Kind = kind;
    }

    /// <summary>The file this HDU belongs to.</summary>
    public FitsFile File { get; }

    /// <summary>Zero-based position in the file: 0 is the primary HDU.</summary>
    public int Index { get; }

    /// <summary>What the HDU holds.</summary>
    public HduKind Kind { get; }

    /// <summary>File name and index, for the <see cref="FitsException"/> of a failing CFITSIO call on this HDU.</summary>
    internal Interop.CallContext At => new(File.FileName, Index);

    /// <summary>This HDU as an image.</summary>
    /// <returns>The same HDU, typed as <see cref="ImageHdu"/>.</returns>
    /// <exception cref="InvalidOperationException">The HDU is a table, not an image.</exception>
    public ImageHdu AsImage() => this as ImageHdu
        ?? throw new InvalidOperationException($"HDU {Index} of '{File.FileName}' is a {Kind}, not an image.");

    /// <summary>This HDU as a table (binary or ASCII).</summary>
    /// <returns>The same HDU, typed as <see cref="TableHdu"/>.</returns>
    /// <exception cref="InvalidOperationException">The HDU is an image, not a table.</exception>
    public TableHdu AsTable() => this as TableHdu
        ?? throw new InvalidOperationException($"HDU {Index} of '{File.FileName}' is an image, not a table.");
}
