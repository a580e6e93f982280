using CfitsioNet.Tool.Cli;

namespace CfitsioNet.Tool.Comparing;

/// <summary>Compares two FITS files HDU by HDU, in order, as astropy's FITSDiff does.</summary>
internal static class FitsComparer
{
    public static DiffReport Compare(FitsFile a, FitsFile b, DiffOptions options)
    {
        var report = new DiffReport();
        report.Note($" a: {a.FileName}");
        report.Note($" b: {b.FileName}");
        int countA = a.HduCount, countB = b.HduCount;
        if (countA != countB)
        {
            report.Difference($"Files contain different numbers of HDUs: a {countA}, b {countB}");
        }

        for (int i = 0; i < System.Math.Min(countA, countB); i++)
        {
            var hdu = new DiffReport();
            Hdu x = a[i], y = b[i];
            HeaderComparer.Compare(x.Header, y.Header, options, hdu);
            if (x.Kind != y.Kind)
            {
                hdu.Difference($"  Kinds differ: a {x.Kind}, b {y.Kind}");
            }
            else if (x is ImageHdu imageA && y is ImageHdu imageB)
            {
                ImageComparer.Compare(imageA, imageB, options, hdu);
            }
            else
            {
                TableBytesComparer.Compare(x, y, hdu);
            }

            if (hdu.Different)
            {
                string name = FitsInput.DisplayName(x);
                report.Difference($"HDU {i}{(name.Length > 0 ? " (" + name + ")" : string.Empty)}:");
                foreach (string line in hdu.Lines)
                {
                    report.Difference(line);
                }
            }
        }

        report.Note(report.Different ? "Files differ." : "No differences found.");
        return report;
    }
}
