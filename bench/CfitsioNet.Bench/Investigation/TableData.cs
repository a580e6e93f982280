using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using CfitsioNet.Bench.Native;
using CfitsioNet.Tables;

namespace CfitsioNet.Bench.Investigation;

/// <summary>
/// Makes the tables group's test table, once: 1,000,000 rows of 20 columns (8 D, 8 E, 2 J, 2 K; 120 bytes a row,
/// ~120 MB), written by astropy (bench/python/pybench.py --make-table) from integers, so its bytes are the same on
/// every machine. Without astropy there is no table and the group says so.
/// </summary>
internal static class TableData
{
    internal const string FileName = "table_1m_20.fits";
    internal const long Rows = 1_000_000;

    internal static TestTable? Prepare(string folder, string? python, string pybench, Action<string> log)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            if (python is null)
            {
                log("tables: no python3 with astropy to write the test table; the group is skipped");
                return null;
            }

            var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string arg in new[] { pybench, "--make-table", path, "--rows", Rows.ToString(CultureInfo.InvariantCulture) })
            {
                info.ArgumentList.Add(arg);
            }

            var clock = Stopwatch.StartNew();
            using Process process = Process.Start(info)!;
            string stderr = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0 || !File.Exists(path))
            {
                log($"tables: astropy could not write the test table ({stderr.Trim().Split('\n').LastOrDefault()}); the group is skipped");
                return null;
            }

            log($"tables: astropy wrote {path} ({new FileInfo(path).Length / 1e6:0} MB) in {clock.Elapsed.TotalSeconds:0.0} s");
        }

        return Describe(path, "astropy (bench/python/pybench.py --make-table)");
    }

    /// <summary>The table's layout from its header (TFORMn, NAXIS1) through the library's parser, its data offset from CFITSIO.</summary>
    internal static TestTable Describe(string path, string generator)
    {
        using FitsFile fits = FitsFile.Open(path);
        const int hdu = 1;
        Header header = fits[hdu].Header;
        int fields = header.Get<int>("TFIELDS");
        string[] forms = Enumerable.Range(1, fields).Select(n => header.Get<string>($"TFORM{n}")).ToArray();
        string[] names = Enumerable.Range(1, fields).Select(n => header.Get<string>($"TTYPE{n}")).ToArray();
        TableLayout layout = TableLayout.CreateBinary(forms, [], header.Get<long>("NAXIS1"), path, hdu);
        string counts = string.Join(" ", forms.GroupBy(f => f).OrderBy(g => "DEJK".IndexOf(g.Key[^1])).Select(g => $"{g.Count()}{g.Key}"));
        return new TestTable(path, hdu, header.Get<long>("NAXIS2"), names, layout, CfitsioColumns.DataOffset(path, hdu), generator) { Forms = counts };
    }
}
