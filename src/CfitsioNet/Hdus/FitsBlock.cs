namespace CfitsioNet;

/// <summary>
/// The FITS standard's units of storage (FITS 4.0, section 3.1): a file is a sequence of 2880-byte blocks, a header a
/// sequence of 80-byte card images, 36 to a block, and every header and data unit is padded to a whole block. The one
/// definition the library uses.
/// </summary>
internal static class FitsBlock
{
    /// <summary>Bytes in a FITS block.</summary>
    internal const int Bytes = 2880;

    /// <summary>Bytes in a header card image (record).</summary>
    internal const int CardBytes = 80;

    /// <summary>Card images in a block.</summary>
    internal const int CardsPerBlock = Bytes / CardBytes;

    /// <summary><paramref name="bytes"/> rounded up to a whole number of blocks.</summary>
    internal static long Padded(long bytes) => (bytes + Bytes - 1) / Bytes * Bytes;
}
