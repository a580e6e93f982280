namespace CfitsioNet;

/// <summary>The count of reads the managed Rice decoder served (tests check which path ran).</summary>
public sealed partial class FitsFile
{
    /// <summary>Number of whole-image reads of RICE_1 images decoded by the managed decoder on this file.</summary>
    internal int ManagedRiceReadCount => _fastPaths.ManagedRiceReads;

    /// <summary>Records a managed Rice read.</summary>
    internal void CountManagedRiceRead() => _fastPaths.CountManagedRiceRead();
}
