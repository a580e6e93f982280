using System;
using System.Collections.Generic;
using System.IO;
using CfitsioNet.Tool.Cli;
using CfitsioNet.Tool.Comparing;

namespace CfitsioNet.Tool.Checking;

/// <summary>
/// Checks one file through CFITSIO: it opens it and parses every header (mandatory keywords, their order and values:
/// CFITSIO's own checks when it moves to an HDU), reads every data unit to its last byte (images through CFITSIO's
/// pixel reader, which decompresses every tile; tables as stored bytes), then verifies DATASUM and CHECKSUM.
/// </summary>
internal static class FileChecker
{
    private const int Chunk = 1 << 20;

    /// <summary>The HDUs' results, and a file-level problem (the file could not be opened as FITS) or null.</summary>
    public static (List<HduCheck> Hdus, string? FileProblem, List<string> Warnings) Check(string path)
    {
        var hdus = new List<HduCheck>();
        var warnings = new List<string>();
        FitsFile fits;
        try
        {
            fits = FitsInput.Open(path);
        }
        catch (FitsException e)
        {
            return (hdus, "not a readable FITS file: " + ErrorMessages.OneLine(e), warnings);
        }

        using (fits)
        {
            int count;
            try
            {
                count = fits.HduCount;
            }
            catch (FitsException e)
            {
                return (hdus, ErrorMessages.OneLine(e), warnings);
            }

            long end = 0;
            for (int i = 0; i < count; i++)
            {
                hdus.Add(CheckHdu(fits, i, ref end));
            }

            if (end > 0 && !path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                long length = new FileInfo(path).Length;
                if (length > end)
                {
                    warnings.Add($"{length - end} bytes after the end of the last HDU (ignored by CFITSIO and astropy)");
                }
                else if (length < end)
                {
                    warnings.Add($"the last HDU is not padded to a whole 2880-byte block ({end - length} bytes short)");
                }
            }
        }

        return (hdus, null, warnings);
    }

    private static HduCheck CheckHdu(FitsFile fits, int index, ref long end)
    {
        Hdu hdu;
        string name = string.Empty;
        try
        {
            hdu = fits[index];
            name = FitsInput.DisplayName(hdu);
            _ = hdu.Header.Count;
        }
        catch (FitsException e)
        {
            return new HduCheck(index, name, "?", "header: " + ErrorMessages.OneLine(e), null);
        }

        try
        {
            if (hdu is ImageHdu { Info.IsRandomGroups: true } groups)
            {
                _ = groups.ReadGroups();
            }
            else if (hdu is ImageHdu image)
            {
                ReadPixels(image);
            }
            else
            {
                ReadBytes(hdu);
            }

            end = hdu.Layout.DataEnd;
        }
        catch (FitsException e)
        {
            return new HduCheck(index, name, hdu.Kind.ToString(), "data: " + ErrorMessages.OneLine(e), null);
        }

        try
        {
            return new HduCheck(index, name, hdu.Kind.ToString(), "ok", hdu.VerifyChecksum());
        }
        catch (FitsException e)
        {
            return new HduCheck(index, name, hdu.Kind.ToString(), "checksum: " + ErrorMessages.OneLine(e), null);
        }
    }

    // Plane by plane (a row for 1-D images), so a large cube never needs all its pixels in memory at once.
    private static void ReadPixels(ImageHdu image)
    {
        ImageInfo info = image.Info;
        if (info.ElementCount == 0)
        {
            return;
        }

        if (info.Rank < 3)
        {
            _ = image.Read<double>(ReadOptions.Lossy);
            return;
        }

        var plane = new double[info.Shape[^1] * info.Shape[^2]];
        for (long k = 0; k < info.ElementCount / plane.LongLength; k++)
        {
            image.ReadPlane<double>(k, plane, ReadOptions.Lossy);
        }
    }

    private static void ReadBytes(Hdu hdu)
    {
        long size = TableBytesComparer.DataSize(hdu.Header);
        var buffer = new byte[(int)Math.Min(Chunk, Math.Max(1, size))];
        for (long offset = 0; offset < size; offset += buffer.Length)
        {
            hdu.ReadDataBytes(offset, buffer.AsSpan(0, (int)Math.Min(buffer.Length, size - offset)));
        }
    }
}
