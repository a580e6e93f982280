using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace CfitsioNet.Fuzz;

/// <summary>
/// Table seeds: a small binary table with a variable-length column and an ASCII table built here, and the golden
/// tables of <c>tests/golden/tables</c> (written by astropy and by CFITSIO: every TFORM, TDIM, TSCAL/TZERO, TNULL, P and
/// Q arrays with a heap gap, 0-row tables), found from the working directory or the tool's folder upwards.
/// </summary>
internal static class TableSeeds
{
    // wide.fits (999 columns, a 160 KB header) is left out: mutations would mostly hit cards no probe reads.
    private static readonly string[] s_skipped = ["wide.fits"];

    internal static IEnumerable<Seed> Create(Random random, Action<string> log)
    {
        var seeds = new List<Seed>
        {
            new("bintable-vla", new FitsBuilder().Image(8, [], []).BinaryTable(9, random).ToArray()),
            new("asciitable", new FitsBuilder().Image(8, [], []).AsciiTable(6, random).ToArray()),
        };
        string? folder = Find(Directory.GetCurrentDirectory()) ?? Find(AppContext.BaseDirectory);
        if (folder is null)
        {
            log("no golden table seeds: tests/golden/tables not found above the working directory or the tool");
            return seeds;
        }

        foreach (string path in Directory.GetFiles(folder, "*.fits", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (!s_skipped.Contains(Path.GetFileName(path)))
            {
                seeds.Add(new("table-" + Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '-'), File.ReadAllBytes(path)));
            }
        }

        return seeds;
    }

    private static string? Find(string start)
    {
        for (DirectoryInfo? directory = new(start); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "tests", "golden", "tables");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
