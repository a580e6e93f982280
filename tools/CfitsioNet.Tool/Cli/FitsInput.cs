using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace CfitsioNet.Tool.Cli;

/// <summary>Opens the user's files and finds the HDU an <c>-e EXT</c> option names.</summary>
internal static class FitsInput
{
    /// <summary>Opens <paramref name="path"/> read-only (plain name: no CFITSIO extended syntax).</summary>
    /// <exception cref="ToolException">The file does not exist or is a directory.</exception>
    /// <exception cref="FitsException">CFITSIO cannot read it as FITS.</exception>
    public static FitsFile Open(string path)
    {
        if (Directory.Exists(path))
        {
            throw new ToolException($"{path}: is a directory, not a FITS file");
        }

        if (!File.Exists(path))
        {
            throw new ToolException($"{path}: no such file");
        }

        return FitsFile.Open(path);
    }

    /// <summary>
    /// The HDU <paramref name="extension"/> names: a 0-based index (<c>0</c> is the primary HDU), an EXTNAME
    /// (case-insensitive) or <c>EXTNAME,EXTVER</c>, as astropy's fitsheader reads <c>-e</c>.
    /// </summary>
    /// <exception cref="ToolException">No such HDU.</exception>
    public static Hdu Select(FitsFile fits, string extension)
    {
        string text = extension.Trim();
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int index))
        {
            int count = fits.HduCount;
            if (index < 0 || index >= count)
            {
                throw new ToolException($"{fits.FileName}: no HDU {index} (the file has {count}: 0 to {count - 1})");
            }

            return fits[index];
        }

        if (text.Length == 0)
        {
            throw new ToolException("an empty extension name was given (-e takes an index, a name or NAME,VERSION)");
        }

        int comma = text.LastIndexOf(',');
        try
        {
            if (comma > 0 && int.TryParse(text[(comma + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out int version))
            {
                if (version < 1)
                {
                    throw new ToolException($"extension version {version} in '{text}' must be 1 or more");
                }

                return fits[text[..comma].Trim(), version];
            }

            return fits[text];
        }
        catch (KeyNotFoundException e)
        {
            throw new ToolException(e.Message);
        }
    }

    /// <summary>The HDU's name for display: EXTNAME (or HDUNAME), PRIMARY for an unnamed primary HDU, else empty.</summary>
    public static string DisplayName(Hdu hdu) => hdu.Name ?? (hdu.Index == 0 ? "PRIMARY" : string.Empty);
}
