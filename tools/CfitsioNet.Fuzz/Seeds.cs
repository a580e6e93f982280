using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using static CfitsioNet.Fuzz.FitsBuilder;

namespace CfitsioNet.Fuzz;

/// <summary>One valid file the mutator starts from.</summary>
internal sealed record Seed(string Name, byte[] Bytes);

/// <summary>
/// Valid files of every kind the library reads: every BITPIX, the BZERO conventions for unsigned types, BLANK,
/// scaling, cubes, empty primaries, extensions, tables, long-string headers, gzip-compressed files, and
/// tile-compressed images (Rice, GZIP 1 and 2, HCOMPRESS, PLIO) made by astropy when it is installed.
/// </summary>
internal static class Seeds
{
    internal static List<Seed> Create(string workDirectory, Action<string> log)
    {
        var random = new Random(20240611);
        var seeds = new List<Seed>
        {
            new("uint8-2d", new FitsBuilder().Image(8, [17, 9], RandomPixels(8, 17 * 9, random)).ToArray()),
            new("int8-bzero", new FitsBuilder().Image(8, [33], RandomPixels(8, 33, random), Card("BZERO", -128)).ToArray()),
            new("int16-2d-blank", new FitsBuilder().Image(16, [20, 11], RandomPixels(16, 220, random), Card("BLANK", -32768)).ToArray()),
            new("uint16-bzero", new FitsBuilder().Image(16, [31, 7], RandomPixels(16, 217, random), Card("BZERO", 32768), Card("BSCALE", 1)).ToArray()),
            new("int32-cube", new FitsBuilder().Image(32, [9, 8, 5], RandomPixels(32, 360, random)).ToArray()),
            new("uint32-bzero", new FitsBuilder().Image(32, [40, 3], RandomPixels(32, 120, random), Card("BZERO", 2147483648L)).ToArray()),
            new("int64-1d", new FitsBuilder().Image(64, [50], RandomPixels(64, 50, random)).ToArray()),
            new("uint64-bzero", new FitsBuilder().Image(64, [12, 2], RandomPixels(64, 24, random), Card("BZERO", "9223372036854775808")).ToArray()),
            new("float32-nan", new FitsBuilder().Image(-32, [25, 10], RandomPixels(-32, 250, random, withNaN: true)).ToArray()),
            new("float64-cube", new FitsBuilder().Image(-64, [6, 5, 4], RandomPixels(-64, 120, random, withNaN: true)).ToArray()),
            new("scaled-int16-blank", new FitsBuilder().Image(16, [15, 15], RandomPixels(16, 225, random),
                Card("BSCALE", 0.25), Card("BZERO", 100.5), Card("BLANK", 7)).ToArray()),
            new("scaled-int32", new FitsBuilder().Image(32, [10, 10], RandomPixels(32, 100, random), Card("BSCALE", 1e-3), Card("BZERO", -5.0)).ToArray()),
            new("empty-primary", new FitsBuilder().Image(8, [], []).ToArray()),
            new("zero-length-axis", new FitsBuilder().Image(16, [0, 5], []).ToArray()),
            new("many-axes", new FitsBuilder().Image(8, [2, 1, 3, 1, 2, 1], RandomPixels(8, 12, random)).ToArray()),
            new("extensions", new FitsBuilder()
                .Image(8, [], [])
                .Image(16, [13, 4], RandomPixels(16, 52, random), Card("EXTNAME", "'SCI     '"), Card("BZERO", 32768))
                .Image(-32, [7, 7], RandomPixels(-32, 49, random, withNaN: true), Card("EXTNAME", "'ERR     '"))
                .BinaryTable(5, random)
                .AsciiTable(4, random)
                .Image(32, [3, 3, 3], RandomPixels(32, 27, random), Card("EXTNAME", "'DQ      '"), Card("BLANK", -1))
                .ToArray()),
            new("long-strings", new FitsBuilder().Image(16, [8, 8], RandomPixels(16, 64, random), LongStringCards()).ToArray()),
            new("random-groups", new FitsBuilder().Hdu(
                [Card("SIMPLE", "T"), Card("BITPIX", -32), Card("NAXIS", 3), Card("NAXIS1", 0), Card("NAXIS2", 4), Card("NAXIS3", 2),
                 Card("GROUPS", "T"), Card("PCOUNT", 2), Card("GCOUNT", 3)],
                RandomPixels(-32, 3 * (2 + 8), random)).ToArray()),
        };

        // Whole-file gzip: CFITSIO decompresses these in memory at open.
        foreach (string name in new[] { "int16-2d-blank", "extensions", "float64-cube" })
        {
            seeds.Add(new(name + ".gz", Gzip(seeds.First(s => s.Name == name).Bytes)));
        }

        seeds.AddRange(CompressedSeeds(workDirectory, log));
        seeds.AddRange(TableSeeds.Create(random, log));
        return seeds;
    }

    internal static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    private static string[] LongStringCards()
    {
        var cards = new List<string>
        {
            "LONGSTRN= 'OGIP 1.0'",
            "OBJECT  = 'A long string value that continues over several cards because it is &'",
            "CONTINUE  'longer than sixty-eight characters, which is what one card can hold &'",
            "CONTINUE  'in a FITS header.'",
            "HIERARCH ESO DET CHIP NAME = 'CCD-44' / a HIERARCH keyword",
            "COMMENT   a comment card",
            "HISTORY   a history card",
            Card("EXPTIME", 1234.5),
            Card("DATE-OBS", "'2024-06-11T12:00:00'"),
        };
        for (int i = 0; i < 40; i++)
        {
            cards.Add(Card($"KEY{i:D3}", i * 1.5));
        }

        return cards.ToArray();
    }

    /// <summary>Tile-compressed images made by /usr/bin/python3 with astropy; none when it is missing.</summary>
    private static List<Seed> CompressedSeeds(string workDirectory, Action<string> log)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "make_compressed_seeds.py");
        const string python = "/usr/bin/python3";
        if (!File.Exists(python) || !File.Exists(script))
        {
            log($"no tile-compressed seeds: {python} or {script} is missing");
            return [];
        }

        string folder = Path.Combine(workDirectory, "compressed-seeds");
        Directory.CreateDirectory(folder);
        using var process = Process.Start(new ProcessStartInfo(python, [script, folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            log($"no tile-compressed seeds: {script} failed ({process.ExitCode}): {stderr.Trim()} {stdout.Trim()}");
            return [];
        }

        return Directory.GetFiles(folder, "*.fits").Order(StringComparer.Ordinal)
            .Select(path => new Seed("compressed-" + Path.GetFileNameWithoutExtension(path), File.ReadAllBytes(path)))
            .ToList();
    }
}
