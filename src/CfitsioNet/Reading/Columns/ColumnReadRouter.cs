using System;

namespace CfitsioNet.Tables;

/// <summary>
/// Sends every column read of <see cref="TableHdu"/>'s <c>ReadColumn</c> family and of its chunks (<see cref="TableHdu.Read"/>,
/// <see cref="TableHdu.ReadChunks"/>) down the paths in turn: the direct path (positioned reads or the map,
/// <see cref="DirectTableReader"/>) for the columns it can gather, then CFITSIO's column reader, which takes every
/// column left. The image side's counterpart is <see cref="ImageReadRouter"/>.
/// </summary>
internal static class ColumnReadRouter
{
    /// <summary>The paths, in the order they are tried; the last always completes the read or throws.</summary>
    internal static readonly IColumnReadPath[] Paths = [DirectColumnPath.Instance, CfitsioColumnPath.Instance];

    /// <summary>Reads the columns <paramref name="read"/> asks for, under the file's lock, held across the paths (both use the file's shared state: CFITSIO's current HDU, the direct source).</summary>
    internal static void Read(ref ColumnReadContext read)
    {
        lock (read.File.Sync)
        {
            if (read.Request.RowCount == 0)
            {
                // The direct path answers an empty read without touching the file, but a disposed file must still say so.
                read.File.EnterHdu(read.Table.Index);
            }

            foreach (IColumnReadPath path in Paths)
            {
                if (path.TryRead(ref read))
                {
                    return;
                }
            }
        }

        throw new InvalidOperationException("No read path took the columns."); // CfitsioColumnPath takes every column
    }
}
