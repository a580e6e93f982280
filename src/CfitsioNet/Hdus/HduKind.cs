namespace CfitsioNet;

/// <summary>What an HDU holds.</summary>
public enum HduKind
{
    /// <summary>An image: the primary array or an IMAGE extension (tile-compressed images included).</summary>
    Image,

    /// <summary>An ASCII table extension (TABLE).</summary>
    AsciiTable,

    /// <summary>A binary table extension (BINTABLE).</summary>
    BinaryTable,
}
