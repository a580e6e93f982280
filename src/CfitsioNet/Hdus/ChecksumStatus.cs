namespace CfitsioNet;

/// <summary>The outcome of verifying one checksum keyword (DATASUM or CHECKSUM).</summary>
public enum ChecksumStatus
{
    /// <summary>The keyword is absent or blank, so nothing was verified.</summary>
    Missing,

    /// <summary>The keyword matches the checksum computed from the file.</summary>
    Valid,

    /// <summary>The keyword does not match: the bytes it covers changed after it was written.</summary>
    Invalid,
}
