using System;
using System.IO;
using System.Linq;

namespace CfitsioNet.Fuzz;

/// <summary>
/// The child process: reads one case path per line on standard input, runs every read path on it and answers one
/// line on standard output: <c>outcome TAB detail TAB probe=outcome,...</c>. A native crash kills only this process.
/// </summary>
internal static class Worker
{
    internal static int Run()
    {
        TextReader input = Console.In;
        var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true, NewLine = "\n" };
        output.WriteLine($"ready\t{CfitsioLibrary.Version}\t{CfitsioLibrary.IsReentrant}");
        ReadPaths.Trace = new StreamWriter(Console.OpenStandardError()) { AutoFlush = true, NewLine = "\n" };
        while (input.ReadLine() is { } path)
        {
            ReadPaths.Trace.WriteLine("case " + path);
            CaseReport report = ReadPaths.Run(path);
            string probes = string.Join(",", report.Probes.Select(p => $"{p.Probe}={p.Outcome}"));
            output.WriteLine($"{report.Worst}\t{Escape(report.Detail)}\t{probes}");
        }

        return 0;
    }

    internal static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "");

    internal static string Unescape(string text) => text.Replace("\\n", "\n").Replace("\\t", "\t").Replace("\\\\", "\\");
}
