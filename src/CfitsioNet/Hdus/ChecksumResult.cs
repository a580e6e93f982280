namespace CfitsioNet;

/// <summary>
/// What <see cref="Hdu.VerifyChecksum"/> found: the DATASUM keyword checks the data unit, the CHECKSUM keyword the
/// whole HDU (header and data), so corrupt data makes both invalid and a changed header only CHECKSUM.
/// </summary>
/// <param name="Datasum">The result for DATASUM (the data unit).</param>
/// <param name="Checksum">The result for CHECKSUM (the whole HDU).</param>
public readonly record struct ChecksumResult(ChecksumStatus Datasum, ChecksumStatus Checksum)
{
    /// <summary>Both keywords are present and match.</summary>
    public bool IsValid => Datasum == ChecksumStatus.Valid && Checksum == ChecksumStatus.Valid;

    /// <summary>At least one keyword is present and does not match.</summary>
    public bool IsCorrupt => Datasum == ChecksumStatus.Invalid || Checksum == ChecksumStatus.Invalid;
}
