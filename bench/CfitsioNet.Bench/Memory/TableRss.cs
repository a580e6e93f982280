using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using CfitsioNet.Bench.Investigation;

namespace CfitsioNet.Bench.Memory;

/// <summary>
/// <c>CfitsioNet.Bench tables-rss [--gb 10] [--rows-per-chunk 1048576] [--columns 3|all] [--no-map] [--dir DIR] [--keep]</c>: peak
/// resident memory while <see cref="TableHdu.ReadChunks"/> streams a 10 GB-class binary table (the issue's 20 columns:
/// 8 D, 8 E, 2 J, 2 K, 120 bytes a row). The table is a sparse file: a proper header, then a hole of zeros (no disk).
/// Prints VmHWM (/proc/self/status) before and after, the largest anonymous resident memory seen after any chunk
/// (RssAnon: the arrays; file pages of a mapped read are RssFile and the kernel can drop them), and both against the
/// chunk budget (rows per chunk x the selected columns' bytes). The issue wants about two chunks at most.
/// Run it alone on the machine: it reads the whole file.
/// </summary>
internal static class TableRss
{
    private static readonly (string Name, string Form, int Bytes)[] s_columns =
    [
        .. Enumerable.Range(1, 8).Select(i => ($"D{i}", "D", 8)),
        .. Enumerable.Range(1, 8).Select(i => ($"E{i}", "E", 4)),
        ("J1", "J", 4), ("J2", "J", 4), ("K1", "K", 8), ("K2", "K", 8),
    ];

    internal static int Run(string[] args)
    {
        Dictionary<string, string> options = Parse(args);
        double gb = double.Parse(options.GetValueOrDefault("gb", "10"), CultureInfo.InvariantCulture);
        int rowsPerChunk = int.Parse(options.GetValueOrDefault("rows-per-chunk", "1048576"), CultureInfo.InvariantCulture);
        bool all = options.GetValueOrDefault("columns", "3") == "all";
        string folder = options.GetValueOrDefault("dir", Path.Combine("artifacts", "rss"));
        Directory.CreateDirectory(folder);

        int rowWidth = s_columns.Sum(c => c.Bytes);
        long rows = (long)(gb * 1e9 / rowWidth);
        string path = Path.Combine(folder, "sparse-table.fits");
        long free = new DriveInfo(Path.GetFullPath(folder)).AvailableFreeSpace;
        Console.WriteLine($"tables-rss: {rows:N0} rows x {rowWidth} bytes = {rows * (double)rowWidth / 1e9:F1} GB, sparse; {free / 1e9:F0} GB free in {folder}");
        WriteSparse(path, rows, rowWidth);
        long allocated = AllocatedBytes(path);
        Console.WriteLine($"tables-rss: {path}: {new FileInfo(path).Length:N0} bytes long, {(allocated < 0 ? "unknown" : allocated.ToString("N0", CultureInfo.InvariantCulture))} bytes on disk");

        string[] selected = all ? s_columns.Select(c => c.Name).ToArray() : ["D1", "E1", "K1"];
        long chunkBytes = (long)rowsPerChunk * s_columns.Where(c => selected.Contains(c.Name)).Sum(c => c.Bytes);
        try
        {
            bool map = !options.ContainsKey("no-map");
            using var fits = FitsFile.Open(path, map ? FitsOpenOptions.Default : new FitsOpenOptions { MapRepeatedReads = false });
            TableHdu table = fits[1].AsTable();
            long before = Status("VmHWM");
            long anonBefore = Status("RssAnon");
            long peakAnon = anonBefore;
            long peakFile = Status("RssFile");
            long seen = 0;
            double checksum = 0;
            var clock = Stopwatch.StartNew();
            foreach (TableChunk chunk in table.ReadChunks(selected, rowsPerChunk))
            {
                if (chunk.StartRow != seen)
                {
                    throw new InvalidOperationException($"chunk at row {chunk.StartRow}, expected {seen}");
                }

                seen += chunk.RowCount;
                checksum += chunk.Get<double>("D1")[^1];
                peakAnon = Math.Max(peakAnon, Status("RssAnon"));
                peakFile = Math.Max(peakFile, Status("RssFile"));
            }

            clock.Stop();
            long after = Status("VmHWM");
            if (seen != rows)
            {
                throw new InvalidOperationException($"the chunks covered {seen} of {rows} rows");
            }

            Console.WriteLine($"tables-rss: {rows:N0} rows of {string.Join(",", selected)} in chunks of {rowsPerChunk:N0} rows ({chunkBytes / 1048576.0:F1} MiB a chunk) in {clock.Elapsed.TotalSeconds:F1} s (measured under load, not final); checksum {checksum}");
            Console.WriteLine($"tables-rss: VmHWM {before / 1024.0:F1} MiB before streaming, {after / 1024.0:F1} MiB after: +{(after - before) / 1024.0:F1} MiB = {(after - before) * 1024.0 / chunkBytes:F2} chunks");
            Console.WriteLine($"tables-rss: RssAnon {anonBefore / 1024.0:F1} MiB before, largest after a chunk {peakAnon / 1024.0:F1} MiB: +{(peakAnon - anonBefore) / 1024.0:F1} MiB = {(peakAnon - anonBefore) * 1024.0 / chunkBytes:F2} chunks");
            Console.WriteLine($"tables-rss: largest RssFile {peakFile / 1024.0:F1} MiB ({(map ? "default options: ReadChunks takes positioned reads, mapped file pages would show here" : "--no-map: the map is never made")})");
            return 0;
        }
        finally
        {
            if (!options.ContainsKey("keep"))
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>A value of /proc/self/status in KiB (-1 where there is none).</summary>
    internal static long Status(string key)
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(key + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }

    private static void WriteSparse(string path, long rows, int rowWidth)
    {
        var cards = new List<string>
        {
            "XTENSION= 'BINTABLE'", Card("BITPIX", 8), Card("NAXIS", 2), Card("NAXIS1", rowWidth), Card("NAXIS2", rows),
            Card("PCOUNT", 0), Card("GCOUNT", 1), Card("TFIELDS", s_columns.Length),
        };
        for (int i = 0; i < s_columns.Length; i++)
        {
            cards.Add($"TTYPE{i + 1,-3}= '{s_columns[i].Name,-8}'");
            cards.Add($"TFORM{i + 1,-3}= '{s_columns[i].Form,-8}'");
        }

        File.Delete(path);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        stream.Write(Header(["SIMPLE  =                    T", Card("BITPIX", 8), Card("NAXIS", 0), "EXTEND  =                    T"]));
        stream.Write(Header([.. cards]));
        stream.SetLength(stream.Position + ((rows * rowWidth) + 2879) / 2880 * 2880);
    }

    private static string Card(string keyword, long value) => $"{keyword,-8}= {value,20}";

    private static byte[] Header(string[] cards)
    {
        var text = new StringBuilder();
        foreach (string card in cards.Append("END"))
        {
            text.Append(card.PadRight(80));
        }

        text.Append(' ', (2880 - (text.Length % 2880)) % 2880);
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static long AllocatedBytes(string path)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("stat", ["-c", "%b %B", path]) { RedirectStandardOutput = true })!;
            string[] parts = process.StandardOutput.ReadToEnd().Trim().Split(' ');
            process.WaitForExit();
            return long.Parse(parts[0], CultureInfo.InvariantCulture) * long.Parse(parts[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or FormatException or IndexOutOfRangeException)
        {
            return -1;
        }
    }

    private static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"tables-rss: unexpected argument '{args[i]}'");
            }

            bool hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            options[args[i][2..]] = hasValue ? args[++i] : "";
        }

        return options;
    }
}
