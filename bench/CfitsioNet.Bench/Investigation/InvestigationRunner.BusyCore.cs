using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace CfitsioNet.Bench.Investigation;

/// <summary>
/// Issue 15's graceful-degradation rows: with one core kept busy by a child process (a shell busy loop), each
/// all-cores path is alternated with the same work on one thread. The ratio (all cores over one thread, both under the
/// same load) must stay at or below 1.10: a parallel path may gain nothing on a loaded machine, but never lose much.
/// </summary>
internal sealed partial class InvestigationRunner
{
    /// <summary>The rows: Title, image, the all-cores case, the one-thread case (in CCase), the limit.</summary>
    internal static readonly Target[] BusyCoreTargets =
    [
        new("1000x1000 Rice int16 write, all cores, one core busy (vs 1 thread)", "int16_1000", "write_rice", "write_rice_1thread", 1.10),
        new("1000x1000 Rice int16 read, all cores, one core busy (vs 1 thread)", "int16_rice_1000", "span_reused", "span_reused_1thread", 1.10),
    ];

    private List<TargetResult> MeasureBusyCoreTargets(Dictionary<string, TestImage> images)
    {
        var results = new List<TargetResult>();
        Log($"== issue 15 busy-core rows: a busy-loop child on one core; all cores alternated with 1 thread in {TargetRounds} rounds");
        using Process busy = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "while :; do :; done"]) { UseShellExecute = false })!;
        try
        {
            foreach (Target target in BusyCoreTargets)
            {
                if (!images.TryGetValue(target.ImageKey, out TestImage? image))
                {
                    continue;
                }

                string title = $"busy core {target.ImageKey}";
                TargetResult result;
                if (target.DotNetCase.StartsWith("write_", StringComparison.Ordinal))
                {
                    var (iterations, warmup) = WriteBudget(image, rice: true);
                    result = MeasureAlternating(
                        target, image,
                        WriteDotNet(title, image, target.DotNetCase, durable: false, rice: true, target.CCase),
                        WriteDotNet(title, image, target.CCase, durable: false, rice: true, target.CCase, threads: 1),
                        Math.Max(3, 2 * iterations / TargetRounds), warmup);
                }
                else
                {
                    DotNetCase[] cases = [.. DotNetCases.For(image, CaseSet.Full)];
                    DotNetCase? all = cases.FirstOrDefault(c => c.Name == target.DotNetCase);
                    DotNetCase? one = cases.FirstOrDefault(c => c.Name == target.CCase);
                    if (all is null || one is null)
                    {
                        results.Add(new TargetResult(target, image.FileName, 0, null, null, [], $"no .NET case {target.DotNetCase} or {target.CCase}"));
                        continue;
                    }

                    var (iterations, warmup) = FilesBudget(image, 1);
                    result = MeasureAlternating(target, image, DotNet(title, image, image.Dtype, all), DotNet(title, image, image.Dtype, one),
                        Math.Max(5, 2 * iterations / TargetRounds), warmup);
                }

                results.Add(result);
                LogTarget(result);
            }
        }
        finally
        {
            busy.Kill();
            busy.WaitForExit();
        }

        return results;
    }
}
