using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using CfitsioNet.Bench.Native;

namespace CfitsioNet.Bench.Investigation;

/// <summary>One test image: where it is and what the library says it holds.</summary>
internal sealed record TestImage(string Key, string Dtype, string Size, string Path, int HduIndex, PixelType Type, long[] Shape,
                                 long Bytes, bool Compressed, string Generator)
{
    internal long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    internal string FileName => System.IO.Path.GetFileName(Path);
}

/// <summary>
/// Makes the investigation's test images under <c>artifacts/investigation/data</c>: astropy writes the standard set
/// (bench/python/pybench.py --make-test-files) when /usr/bin/python3 has it, CFITSIO (through the bench's writer)
/// otherwise, and always the images astropy's generator does not make (scaled, cube, the batch copies).
/// Files already there are kept.
/// </summary>
internal static class TestData
{
    /// <summary>Element types of the standard set, as pybench names them.</summary>
    internal static readonly string[] StandardDtypes = ["uint8", "int16", "int32", "float32", "float64", "uint16", "int16_rice"];

    internal const int BatchCount = 16;

    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };
    internal const string CubeKey = "int16_cube_8x1000x1000";
    private const string ManifestName = "manifest.json";

    internal static Dictionary<string, TestImage> Prepare(string folder, IReadOnlyList<int> sizes, bool cube, string? python,
                                                          string pybench, Action<string> log)
    {
        Directory.CreateDirectory(folder);
        string manifestPath = Path.Combine(folder, ManifestName);
        Dictionary<string, string> generators = File.Exists(manifestPath)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(manifestPath)) ?? new()
            : new();

        int[] missingSizes = sizes.Where(n => StandardDtypes.Any(d => !Present(folder, generators, $"{d}_{n}"))).ToArray();
        if (missingSizes.Length > 0)
        {
            string? astropy = python is null ? null : TryAstropy(python, pybench, folder, missingSizes, log);
            foreach (int n in missingSizes)
            {
                foreach (string dtype in StandardDtypes)
                {
                    string key = $"{dtype}_{n}";
                    if (astropy is not null)
                    {
                        generators[key] = astropy;
                    }
                    else
                    {
                        WriteStandard(Path.Combine(folder, key + ".fits"), dtype, n);
                        generators[key] = "CFITSIO (CfitsioNet.Bench writer)";
                    }
                }
            }
        }

        var random = new Random(20251128);
        foreach (int n in sizes)
        {
            string key = $"int16_scaled_{n}";
            if (!Present(folder, generators, key))
            {
                // Stored int16, physical = 1000 + 0.5 * stored: CFITSIO's natural type for it is float.
                short[] stored = new short[n * n];
                FillInt16(random, stored);
                CfitsioWriter.Write<short>(Path.Combine(folder, key + ".fits"), CfitsioWriter.ShortImage, [n, n], stored, (0.5, 1000.0));
                generators[key] = "CFITSIO (CfitsioNet.Bench writer)";
            }
        }

        foreach (int n in sizes)
        {
            // astropy's generator has no 64-bit integers: the seed's int64 question needs them.
            string key = $"int64_{n}";
            if (!Present(folder, generators, key))
            {
                long[] values = new long[n * n];
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = random.NextInt64(long.MinValue, long.MaxValue);
                }

                CfitsioWriter.Write<long>(Path.Combine(folder, key + ".fits"), CfitsioWriter.LongLongImage, [n, n], values);
                generators[key] = "CFITSIO (CfitsioNet.Bench writer)";
            }
        }

        if (cube && !Present(folder, generators, CubeKey))
        {
            short[] stored = new short[8 * 1000 * 1000];
            FillInt16(random, stored);
            CfitsioWriter.Write<short>(Path.Combine(folder, CubeKey + ".fits"), CfitsioWriter.ShortImage, [8, 1000, 1000], stored);
            generators[CubeKey] = "CFITSIO (CfitsioNet.Bench writer)";
        }

        // The batch: copies of int16_1000 under distinct names (CFITSIO shares handles by name, not by content).
        if (sizes.Contains(1000))
        {
            string source = Path.Combine(folder, "int16_1000.fits");
            Directory.CreateDirectory(Path.Combine(folder, "batch"));
            foreach (string copy in BatchFiles(folder))
            {
                if (!File.Exists(copy) || new FileInfo(copy).Length != new FileInfo(source).Length)
                {
                    File.Copy(source, copy, overwrite: true);
                }
            }
        }

        File.WriteAllText(manifestPath, JsonSerializer.Serialize(generators, s_indented));

        var images = new Dictionary<string, TestImage>();
        foreach (var (key, generator) in generators.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            string path = Path.Combine(folder, key + ".fits");
            if (File.Exists(path))
            {
                images[key] = Describe(key, path, generator);
            }
        }

        return images;
    }

    internal static IEnumerable<string> BatchFiles(string folder) =>
        Enumerable.Range(0, BatchCount).Select(i => Path.Combine(folder, "batch", $"int16_1000_{i:D2}.fits"));

    /// <summary>Opens the file with the library and describes its first image HDU with data.</summary>
    internal static TestImage Describe(string key, string path, string generator)
    {
        using FitsFile fits = FitsFile.Open(path);
        foreach (Hdu hdu in fits)
        {
            if (hdu is ImageHdu image && image.Info.ElementCount > 0)
            {
                ImageInfo info = image.Info;
                long[] shape = info.GetShape();
                long bytes = info.ElementCount * System.Runtime.InteropServices.Marshal.SizeOf(info.ElementType);
                string size = string.Join("x", shape);
                string dtype = key == CubeKey ? "int16_cube" : key[..key.LastIndexOf('_')];
                return new TestImage(key, dtype, size, path, hdu.Index, info.PixelType, shape, bytes, hdu.Index > 0, generator);
            }
        }

        throw new InvalidOperationException($"{path} has no image HDU with data.");
    }

    private static bool Present(string folder, Dictionary<string, string> generators, string key) =>
        generators.ContainsKey(key) && File.Exists(Path.Combine(folder, key + ".fits"));

    private static string? TryAstropy(string python, string pybench, string folder, int[] sizes, Action<string> log)
    {
        var info = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { pybench, "--make-test-files", folder, "--sizes", string.Join(",", sizes) })
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            using Process process = Process.Start(info)!;
            string stdout = process.StandardOutput.ReadToEnd();
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode == 0)
            {
                string version = QueryAstropyVersion(python);
                log($"test data: astropy {version} wrote {stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length} files into {folder}");
                return $"astropy {version} (bench/python/pybench.py --make-test-files)";
            }

            log($"test data: astropy could not write them ({stderr.Trim().Split('\n').LastOrDefault()}); writing them with CFITSIO instead");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            log($"test data: cannot run {python} ({e.Message}); writing them with CFITSIO instead");
        }

        return null;
    }

    private static string QueryAstropyVersion(string python)
    {
        var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("import astropy; print(astropy.__version__)");
        using Process process = Process.Start(info)!;
        string version = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return version;
    }

    // The same images pybench --make-test-files writes (same kinds, not the same random numbers).
    private static void WriteStandard(string path, string dtype, int n)
    {
        var random = new Random(20251128 + 31 * n + Array.IndexOf(StandardDtypes, dtype));
        long[] shape = [n, n];
        int count = n * n;
        switch (dtype)
        {
            case "uint8":
                byte[] bytes = new byte[count];
                random.NextBytes(bytes);
                CfitsioWriter.Write<byte>(path, CfitsioWriter.ByteImage, shape, bytes);
                break;
            case "int16":
                short[] shorts = new short[count];
                FillInt16(random, shorts);
                CfitsioWriter.Write<short>(path, CfitsioWriter.ShortImage, shape, shorts);
                break;
            case "int32":
                int[] ints = new int[count];
                for (int i = 0; i < count; i++)
                {
                    ints[i] = random.Next(int.MinValue, int.MaxValue);
                }

                CfitsioWriter.Write<int>(path, CfitsioWriter.LongImage, shape, ints);
                break;
            case "float32":
                float[] floats = new float[count];
                for (int i = 0; i < count; i++)
                {
                    floats[i] = (float)Normal(random);
                }

                CfitsioWriter.Write<float>(path, CfitsioWriter.FloatImage, shape, floats);
                break;
            case "float64":
                double[] doubles = new double[count];
                for (int i = 0; i < count; i++)
                {
                    doubles[i] = Normal(random);
                }

                CfitsioWriter.Write<double>(path, CfitsioWriter.DoubleImage, shape, doubles);
                break;
            case "uint16":
                ushort[] ushorts = new ushort[count];
                for (int i = 0; i < count; i++)
                {
                    ushorts[i] = (ushort)random.Next(0, 65536);
                }

                CfitsioWriter.Write<ushort>(path, CfitsioWriter.UShortImage, shape, ushorts);
                break;
            case "int16_rice":
                short[] sky = new short[count];
                for (int i = 0; i < count; i++)
                {
                    sky[i] = (short)Math.Clamp(Math.Round(1000 + 30 * Normal(random)), short.MinValue, short.MaxValue);
                }

                CfitsioWriter.Write<short>(path, CfitsioWriter.ShortImage, shape, sky, riceCompressed: true);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null);
        }
    }

    private static void FillInt16(Random random, short[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (short)random.Next(short.MinValue, short.MaxValue + 1);
        }
    }

    private static double Normal(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
