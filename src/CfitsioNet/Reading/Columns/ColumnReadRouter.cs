using System;

namespace CfitsioNet.Tables;

/// <summary>
/// Sends every read of fixed-width table columns down the paths in turn: the direct path (positioned reads or the map,
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
