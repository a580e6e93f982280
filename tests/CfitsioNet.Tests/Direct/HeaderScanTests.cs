using System;
using System.IO;
using System.Linq;
using System.Text;
using CfitsioNet.Interop;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Direct;

/// <summary>
/// The one-pass check for BZERO, BSCALE and BLANK must never hide a keyword CFITSIO's own lookup finds: odd spellings
/// and places are compared with <c>ffgkyd</c>/<c>ffgkyjj</c> on the same file.
/// </summary>
public sealed unsafe class HeaderScanTests
{
    public static string[][] Headers() =>
    [
        [],
        ["BZERO   =                32768"],
        ["bzero   =                32768", "bscale  =                  1.0"],
        ["BSCALE  =                 0.25", "BZERO   =                 -3.5", "BLANK   =                   -7"],
        ["COMMENT BZERO = 100 is only mentioned here", "HISTORY blank"],
        ["HIERARCH BSCALE = 2.0", "HIERARCH BZERO = 0.5"],
        ["  BZERO =                  100"],
        ["BLANK   =                   12", "ZBLANK  =                    3"],
    ];

    [TestCaseSource(nameof(Headers))]
    public void Info_takes_scaling_keywords_where_CFITSIO_finds_them(string[] cards)
    {
        string path = WriteInt16(cards);
        (double? bzero, double? bscale, long? blank) = LookUpWithCfitsio(path);

        using FitsFile file = FitsFile.Open(path);
        ImageInfo info = file.Primary.Info;
        Assert.That(info.Bzero, Is.EqualTo(bzero ?? 0.0), "BZERO");
        Assert.That(info.Bscale, Is.EqualTo(bscale ?? 1.0), "BSCALE");
        Assert.That(info.Blank, Is.EqualTo(blank), "BLANK");
    }

    private static (double? Bzero, double? Bscale, long? Blank) LookUpWithCfitsio(string path)
    {
        int status = 0;
        Cfitsio.OpenDiskFile(out FitsHandle handle, path, Cfitsio.ReadOnly, ref status);
        using (handle)
        {
            Assert.That(status, Is.Zero);
            double? bzero = TryDouble(handle, "BZERO");
            double? bscale = TryDouble(handle, "BSCALE");
            int blankStatus = 0;
            Cfitsio.ReadKeyLong(handle, "BLANK", out long blank, null, ref blankStatus);
            Cfitsio.ClearErrorMessages();
            return (bzero, bscale, blankStatus == 0 ? blank : null);
        }

        static double? TryDouble(FitsHandle handle, string name)
        {
            int s = 0;
            Cfitsio.ReadKeyDouble(handle, name, out double value, null, ref s);
            Cfitsio.ClearErrorMessages();
            return s == 0 ? value : null;
        }
    }

    // A 4x3 BITPIX 16 primary image with the given raw cards after the mandatory ones.
    private static string WriteInt16(string[] cards)
    {
        var header = new StringBuilder();
        foreach (string card in new[] { "SIMPLE  =                    T", "BITPIX  =                   16", "NAXIS   =                    2", "NAXIS1  =                    4", "NAXIS2  =                    3" }.Concat(cards))
        {
            header.Append(card.PadRight(80));
        }

        header.Append("END".PadRight(80));
        while (header.Length % 2880 != 0)
        {
            header.Append(' ');
        }

        byte[] data = new byte[2880];
        for (int i = 0; i < 24; i++)
        {
            data[i] = (byte)(i * 11);
        }

        string path = TestRun.Files.File($"header-scan-{Guid.NewGuid():N}.fits");
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes(header.ToString()).Concat(data).ToArray());
        return path;
    }
}
