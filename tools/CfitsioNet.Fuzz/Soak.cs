using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CfitsioNet.Fuzz;

/// <summary>
/// Lifetime soak: many open/read/dispose cycles, then many cycles that never call Dispose (the finalizer must
/// close the file), then files opened from memory and made in memory, then update-mode edits (in place and through
/// renamed copies), sampling resident memory (VmRSS) and open descriptors (/proc/self/fd) as it goes.
/// </summary>
/// <remarks>
/// Pass criteria, after a warm-up that lets the JIT, the GC and CFITSIO's tables reach their steady size:
/// open descriptors at the end equal those after warm-up (+2 for the runtime's own), and resident memory grows by
/// at most <see cref="RssToleranceBytes"/>. One leaked CFITSIO file costs about 120 kB (its structure and its
/// 40 x 2880-byte buffers) plus a descriptor, so even one leak per thousand cycles would exceed the tolerance.
/// </remarks>
internal static class Soak
{
    internal const long RssToleranceBytes = 16L << 20;
    private const int FdTolerance = 2;
    private const int Samples = 20;

    internal static int Run(long cycles, long forgotten, string outputDirectory)
    {
        if (!OperatingSystem.IsLinux())
        {
            Console.WriteLine("soak: needs /proc (Linux)");
            return 2;
        }

        string folder = Directory.CreateTempSubdirectory("cfitsionet-soak-").FullName;
        try
        {
            var random = new Random(5);
            string path = Path.Combine(folder, "soak.fits");
            File.WriteAllBytes(path, new FitsBuilder()
                .Image(16, [64, 64], FitsBuilder.RandomPixels(16, 4096, random), FitsBuilder.Card("BZERO", 32768))
                .Image(-32, [32, 16], FitsBuilder.RandomPixels(-32, 512, random))
                .ToArray());
            string truncated = Path.Combine(folder, "truncated.fits");
            File.WriteAllBytes(truncated, File.ReadAllBytes(path)[..(2880 + 1000)]);

            Console.WriteLine($"soak: CFITSIO {CfitsioLibrary.Version} ({CfitsioLibrary.Origin}, reentrant: {CfitsioLibrary.IsReentrant}), {cycles} disposed + {forgotten} forgotten cycles");
            var clock = Stopwatch.StartNew();
            Phase disposed = RunPhase("open/read/dispose", cycles, i => DisposedCycle(path, truncated, i));
            Phase leaked = RunPhase("forgotten Dispose", forgotten, i =>
            {
                ForgottenCycle(path);
                if (i % 500 == 499)
                {
                    Collect();
                }
            });
            byte[] bytes = File.ReadAllBytes(path);
            byte[] gzip = Gzip(bytes);
            Phase memory = RunPhase("memory open/read/dispose", cycles, i => MemoryCycle(bytes, gzip, i));
            string edited = Path.Combine(folder, "edited.fits");
            File.Copy(path, edited);
            Phase update = RunPhase("update edit/save/dispose", Math.Max(1, cycles / 10), i => UpdateCycle(edited, i));
            clock.Stop();

            bool passed = disposed.Passed && leaked.Passed && memory.Passed && update.Passed;
            var results = new JsonObject
            {
                ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["library"] = $"{CfitsioLibrary.Version} {CfitsioLibrary.Origin} reentrant={CfitsioLibrary.IsReentrant}",
                ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1),
                ["rssToleranceBytes"] = RssToleranceBytes,
                ["fdTolerance"] = FdTolerance,
                ["phases"] = new JsonArray(disposed.ToJson(), leaked.ToJson(), memory.ToJson(), update.ToJson()),
                ["passed"] = passed,
            };
            Directory.CreateDirectory(outputDirectory);
            string json = Path.Combine(outputDirectory, "results.json");
            File.WriteAllText(json, results.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            Console.WriteLine($"soak: wrote {json}");
            Console.WriteLine(passed ? "soak: passed: resident memory and descriptors flat" : "soak: FAILED");
            return passed ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void DisposedCycle(string path, string truncated, long i)
    {
        using (FitsFile fits = FitsFile.Open(path))
        {
            _ = fits.HduCount;
            ushort[] pixels = fits.Primary.Read<ushort>();
            if (pixels.Length != 4096)
            {
                throw new InvalidOperationException("short read");
            }

            using NativeBuffer<float> buffer = fits[1].AsImage().ReadNative<float>();
        }

        if (i % 10 == 0)
        {
            // Failures must not leak either: a truncated file refused on every tenth cycle.
            using FitsFile bad = FitsFile.Open(truncated);
            try
            {
                bad.Primary.Read<ushort>();
                throw new InvalidOperationException("a truncated file was read");
            }
            catch (FitsException)
            {
            }
        }
    }

    // FITS in memory (issue 14): from bytes (pinned), from gzip bytes, from a stream, and a file made in memory.
    private static void MemoryCycle(byte[] bytes, byte[] gzip, long i)
    {
        using (FitsFile fits = i % 3 == 0 ? FitsFile.Open(bytes) : i % 3 == 1 ? FitsFile.Open(gzip) : FitsFile.Open(new MemoryStream(bytes)))
        {
            if (fits.HduCount != 2 || fits.Primary.Read<ushort>().Length != 4096)
            {
                throw new InvalidOperationException("short read from memory");
            }
        }

        if (i % 10 == 0)
        {
            using FitsFile made = FitsFile.CreateInMemory();
            made.AddImage<float>(new float[1024], [32, 32]);
            if (made.ToByteArray().Length != 2880 * 3)
            {
                throw new InvalidOperationException("a file made in memory has the wrong size");
            }
        }
    }

    // Update mode (issue 14): a keyword changed in place every cycle; every tenth cycle the header grows (a copy renamed
    // in) and the next one shrinks it back.
    private static void UpdateCycle(string path, long i)
    {
        using FitsFile fits = FitsFile.OpenForUpdate(path);
        Header header = fits.Primary.Header;
        header.Set("CYCLE", i);
        if (i % 10 == 0)
        {
            for (int k = 0; k < 40; k++)
            {
                header.AddHistory($"soak {i} {k}");
            }
        }
        else if (i % 10 == 1)
        {
            header.Remove("HISTORY");
        }
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ForgottenCycle(string path)
    {
        FitsFile fits = FitsFile.Open(path);
        _ = fits.Primary.Read<ushort>();
        // No Dispose: the finalizer of the file's SafeHandle must close it.
    }

    private static Phase RunPhase(string name, long cycles, Action<long> body)
    {
        long warmup = Math.Max(1, cycles / 20);
        for (long i = 0; i < warmup; i++)
        {
            body(i);
        }

        Collect();
        var samples = new List<(long Cycle, long Rss, int Fds)> { (0, Rss(), Fds()) };
        long step = Math.Max(1, cycles / Samples);
        var clock = Stopwatch.StartNew();
        for (long i = 0; i < cycles; i++)
        {
            body(i);
            if ((i + 1) % step == 0 || i + 1 == cycles)
            {
                Collect();
                samples.Add((i + 1, Rss(), Fds()));
            }
        }

        clock.Stop();
        var phase = new Phase(name, cycles, clock.Elapsed, samples);
        Console.WriteLine();
        Console.WriteLine($"soak: {name}: {cycles} cycles in {clock.Elapsed.TotalSeconds:F1} s (after {warmup} warm-up cycles)");
        Console.WriteLine($"  {"cycle",10} {"VmRSS MB",10} {"open fds",9}");
        foreach ((long cycle, long rss, int fds) in samples)
        {
            Console.WriteLine($"  {cycle,10} {rss / 1048576.0,10:F1} {fds,9}");
        }

        Console.WriteLine($"  RSS growth {phase.RssGrowth / 1048576.0:F1} MB (limit {RssToleranceBytes / 1048576} MB), fd growth {phase.FdGrowth} (limit {FdTolerance}): {(phase.Passed ? "flat" : "NOT FLAT")}");
        return phase;
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static long Rss()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    private static int Fds() => Directory.GetFileSystemEntries("/proc/self/fd").Length;

    private sealed record Phase(string Name, long Cycles, TimeSpan Elapsed, List<(long Cycle, long Rss, int Fds)> Samples)
    {
        internal long RssGrowth => Samples[^1].Rss - Samples[0].Rss;

        internal int FdGrowth => Samples[^1].Fds - Samples[0].Fds;

        internal bool Passed => RssGrowth <= RssToleranceBytes && FdGrowth <= FdTolerance;

        internal JsonObject ToJson() => new()
        {
            ["name"] = Name,
            ["cycles"] = Cycles,
            ["seconds"] = Math.Round(Elapsed.TotalSeconds, 1),
            ["rssStartBytes"] = Samples[0].Rss,
            ["rssEndBytes"] = Samples[^1].Rss,
            ["rssMaxBytes"] = Samples.Max(s => s.Rss),
            ["rssGrowthBytes"] = RssGrowth,
            ["fdsStart"] = Samples[0].Fds,
            ["fdsEnd"] = Samples[^1].Fds,
            ["fdsMax"] = Samples.Max(s => s.Fds),
            ["passed"] = Passed,
            ["samples"] = new JsonArray(Samples.Select(s => (JsonNode?)new JsonObject { ["cycle"] = s.Cycle, ["rssBytes"] = s.Rss, ["fds"] = s.Fds }).ToArray()),
        };
    }
}
