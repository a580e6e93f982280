using System.Collections.Generic;
using CfitsioNet.Tables;

namespace CfitsioNet.Bench.Investigation;

/// <summary>The tables group's test table: where it is, its layout (from its header, through the library's parser) and who wrote it.</summary>
/// <param name="Path">The file.</param>
/// <param name="Hdu">0-based index of the binary table (1).</param>
/// <param name="Rows">NAXIS2.</param>
/// <param name="Names">TTYPEn, in column order.</param>
/// <param name="Layout">Offsets and formats of the columns.</param>
/// <param name="DataOffset">Byte offset of the data unit (CFITSIO's ffghadll).</param>
/// <param name="Generator">What wrote it.</param>
internal sealed record TestTable(string Path, int Hdu, long Rows, IReadOnlyList<string> Names, TableLayout Layout, long DataOffset, string Generator)
{
    internal string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>"8D 8E 2J 2K" for the Investigate table: the count of each TFORM.</summary>
    internal string Forms { get; init; } = "";
}
