using System;
using System.Collections.Generic;
using System.IO;

namespace CfitsioNet.Bench.Investigation;

/// <summary>Command line of <c>investigate</c>.</summary>
internal sealed class InvestigationOptions
{
    internal const string Usage =
        """
        CfitsioNet.Bench investigate [--quick] [--repo DIR] [--out DIR] [--data DIR] [--cbench PATH] [--python PATH]
                                     [--no-python] [--groups WORD[,WORD...]] [--targets]
          --quick    only 1000x1000 images and fewer iterations (under a minute on 2 cores)
          --targets  only the issue-5 targets: each .NET row and its C row alternated in 12 rounds (about a minute)
          --repo     repository root (default: found upwards from the current directory)
          --out      where results.json, results.md and chart.png go (default: <repo>/artifacts/investigation)
          --data     where the test images go (default: <out>/data)
          --cbench   the C baseline (default: <repo>/artifacts/native/<rid>/cbench)
          --python   interpreter for bench/python/pybench.py (default: /usr/bin/python3, else python3)
          --groups   run only the groups whose title contains one of the words (e.g. --groups int16,conversions;
                     --groups tables: the 1M-row table group of issue 13)
        """;

    internal bool Quick { get; private set; }

    /// <summary>Only the targets phase (see InvestigationRunner.Targets.cs), on every image size.</summary>
    internal bool TargetsOnly { get; private set; }

    internal string RepoRoot { get; private set; } = "";

    internal string OutDir { get; private set; } = "";

    internal string DataDir { get; private set; } = "";

    internal string NativeDir { get; private set; } = "";

    internal string? Cbench { get; private set; }

    internal string? Python { get; private set; }

    internal string Pybench { get; private set; } = "";

    internal string[] Groups { get; private set; } = [];

    internal string CommandLine { get; private set; } = "";

    internal static InvestigationOptions Parse(IReadOnlyList<string> args)
    {
        var o = new InvestigationOptions { CommandLine = "investigate " + string.Join(' ', args) };
        string? repo = null, output = null, data = null, cbench = null, python = null;
        bool noPython = false;
        for (int i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new UsageException($"{args[i]} needs a value\n{Usage}");
            switch (args[i])
            {
                case "--quick": o.Quick = true; break;
                case "--targets": o.TargetsOnly = true; break;
                case "--repo": repo = Next(); break;
                case "--out": output = Next(); break;
                case "--data": data = Next(); break;
                case "--cbench": cbench = Next(); break;
                case "--python": python = Next(); break;
                case "--no-python": noPython = true; break;
                case "--groups": o.Groups = Next().Split(',', StringSplitOptions.RemoveEmptyEntries); break;
                default: throw new UsageException($"unknown argument '{args[i]}'\n{Usage}");
            }
        }

        o.RepoRoot = Path.GetFullPath(repo ?? FindRepoRoot());
        string rid = (OperatingSystem.IsMacOS() ? "osx-" : "linux-") + (System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "x64");
        o.NativeDir = Path.Combine(o.RepoRoot, "artifacts", "native", rid);
        o.OutDir = Path.GetFullPath(output ?? Path.Combine(o.RepoRoot, "artifacts", "investigation"));
        o.DataDir = Path.GetFullPath(data ?? Path.Combine(o.OutDir, "data"));
        o.Cbench = cbench ?? Path.Combine(o.NativeDir, "cbench");
        o.Python = noPython ? null : python ?? (File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
        o.Pybench = Path.Combine(o.RepoRoot, "bench", "python", "pybench.py");
        return o;
    }

    private static string FindRepoRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "build.cake")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new UsageException("cannot find the repository root (a folder with build.cake): pass --repo DIR");
    }
}

/// <summary>A mistake on the command line: the message says what, with the usage.</summary>
internal sealed class UsageException(string message) : System.Exception(message);
