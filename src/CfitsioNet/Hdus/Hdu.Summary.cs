using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace CfitsioNet;

/// <summary>A one-line description of an HDU.</summary>
public abstract partial class Hdu
{
    /// <summary>
    /// A one-line summary: index, name and version, kind, and the pixel type and shape (C order) of an image or the
    /// rows and columns of a table, and the file, e.g. <c>HDU 2 'SCI' v2: Image Single [2, 3, 4] in /data/m31.fits</c> or
    /// <c>HDU 4 'EVENTS': BinaryTable, 5 rows x 3 columns in /data/m31.fits</c>. Reads the header on first use; never throws.
    /// </summary>
    /// <returns>The summary.</returns>
    public override string ToString()
    {
        var text = new StringBuilder("HDU ").Append(Index);
        try
        {
            if (Name is string name)
            {
                text.Append(" '").Append(name).Append('\'');
            }

            if (Version != 1)
            {
                text.Append(" v").Append(Version);
            }

            text.Append(": ").Append(Kind);
            AppendSummary(text);
            return text.Append(" in ").Append(File.FileName).ToString();
        }
        catch (Exception e) when (e is FitsException or ObjectDisposedException or KeyNotFoundException)
        {
            return $"HDU {Index}: {Kind} in {File.FileName}";
        }
    }

    /// <summary>Appends what this kind of HDU holds to its <see cref="ToString"/> summary (after the kind).</summary>
    /// <param name="text">The summary so far.</param>
    private protected abstract void AppendSummary(StringBuilder text);
}
