namespace CfitsioNet.Tables;

/// <summary>Where one column's field lies in a row, and what it holds.</summary>
/// <param name="Number">The 1-based column number n of TFORMn.</param>
/// <param name="Offset">Byte offset of the field from the start of the row.</param>
/// <param name="Width">Bytes of the field in the row (for P/Q, the descriptors').</param>
/// <param name="Binary">The binary-table format; default for ASCII tables.</param>
/// <param name="Ascii">The ASCII-table format; default for binary tables.</param>
/// <param name="Shape">The cell shape in C order: from TDIMn, else [repeat] (for A: [repeat] characters; ASCII: []).</param>
internal sealed record ColumnLayout(int Number, long Offset, long Width, BinaryColumnFormat Binary, AsciiColumnFormat Ascii, long[] Shape);
