namespace CfitsioNet.Tool.Checking;

/// <summary>What <c>fits check</c> found in one HDU.</summary>
/// <param name="Index">0-based HDU index.</param>
/// <param name="Name">Display name.</param>
/// <param name="Kind">Image, BinaryTable or AsciiTable ("?" when the header could not be read).</param>
/// <param name="Structure">"ok", or what CFITSIO could not read.</param>
/// <param name="Checksums">The DATASUM and CHECKSUM verdicts, null when the data could not be checked.</param>
internal sealed record HduCheck(int Index, string Name, string Kind, string Structure, ChecksumResult? Checksums)
{
    /// <summary>Whether CFITSIO read the header and the whole data unit.</summary>
    public bool StructureOk => Structure == "ok";
}
