namespace CfitsioNet;

/// <summary>
/// Where an HDU lies in its file, as CFITSIO's <c>ffghadll</c> reports it: byte offsets from the start of the file
/// (of the decompressed stream for a gzip-compressed file). Obtained from <see cref="Hdu.Layout"/>.
/// </summary>
/// <param name="HeaderStart">Offset of the first header card (a multiple of 2880).</param>
/// <param name="DataStart">Offset of the data unit: the 2880-byte block after the END card.</param>
/// <param name="DataEnd">Offset just past the data unit and its padding to a whole 2880-byte block: where the next HDU
/// starts. Equals <paramref name="DataStart"/> when the HDU has no data.</param>
public readonly record struct HduLayout(long HeaderStart, long DataStart, long DataEnd)
{
    /// <summary>Bytes the header takes, padding included.</summary>
    public long HeaderSize => DataStart - HeaderStart;

    /// <summary>Bytes from <see cref="DataStart"/> to <see cref="DataEnd"/>: the data unit with its padding.</summary>
    public long PaddedDataSize => DataEnd - DataStart;
}
