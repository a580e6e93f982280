using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace CfitsioNet.Tool.Tests.Support;

/// <summary>The golden FITS files (tests/golden/**), as paths relative to the golden folder.</summary>
internal static class GoldenFiles
{
    /// <summary>
    /// Every *.fits and *.fits.gz file that astropy reads without error, except realfiles/naxis_before_bitpix.fits: its
    /// NAXIS before BITPIX is refused by CFITSIO (status 222) on purpose, the input of the lenient-open tests.
    /// </summary>
    public static IEnumerable<string> All() =>
        Directory.EnumerateFiles(ToolProcess.Golden, "*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".fits", StringComparison.Ordinal) || p.EndsWith(".fits.gz", StringComparison.Ordinal))
            .Where(p => !p.EndsWith("naxis_before_bitpix.fits", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(ToolProcess.Golden, p))
            .Order(StringComparer.Ordinal);
}
