namespace CfitsioNet.Tables;

/// <summary>A parsed ASCII-table TFORMn: <c>Aw</c>, <c>Iw</c>, <c>Fw.d</c>, <c>Ew.d</c> or <c>Dw.d</c>.</summary>
/// <param name="Type">The format letter.</param>
/// <param name="Width">w: the field's width in characters (at least 1).</param>
/// <param name="Decimals">d for F, E and D (less than w); 0 for A and I.</param>
internal readonly record struct AsciiColumnFormat(AsciiElementType Type, int Width, int Decimals);
