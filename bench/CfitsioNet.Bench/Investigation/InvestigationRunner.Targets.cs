using System;
using System.Collections.Generic;
using System.Linq;

namespace CfitsioNet.Bench.Investigation;

/// <summary>One of issue 5's targets: a .NET row, the C row it is held against, and the ratio to beat.</summary>
/// <param name="Title">What the target says, e.g. "1000x1000 int16, reused buffer".</param>
/// <param name="ImageKey">The test image (TestData key, e.g. "int16_1000").</param>
/// <param name="DotNetCase">The .NET case (DotNetCases), as a user would call the library.</param>
/// <param name="CCase">The cbench case.</param>
/// <param name="Limit">The target: .NET median / C median must not exceed it.</param>
/// <param name="Batch">The rows read the batch copies of the image (TestData.BatchFiles) and report the time per file.</param>
/// <param name="OwnProcess">
/// The .NET side runs each round in a new worker process, warmed up as the C side's new cbench process is, instead
/// of inside this program. For the new-array target: in-process rounds begin after the aggressive, compacting GC that
/// <see cref="InvestigationRunner"/> runs before every measurement, which hands all free GC memory back to the
/// kernel, so each short round's arrays land on pages never touched before; no application collects like that
/// between reads, and the C baseline never pays it (its fresh process reuses glibc's heap after the first free).
/// </param>
internal sealed record Target(string Title, string ImageKey, string DotNetCase, string CCase, double Limit, bool Batch = false, bool OwnProcess = false);

/// <summary>A target as measured: both samples, the ratios, and whether the target is met.</summary>
internal sealed record TargetResult(Target Target, string File, int Rounds, Sample? DotNet, Sample? C, double[] RoundRatios, string? NotAvailable)
{
    /// <summary>.NET median over C median, all rounds pooled.</summary>
    internal double? Ratio => DotNet is null || C is null ? null : DotNet.MedianMs / C.MedianMs;

    /// <summary>.NET minimum over C minimum: what a read costs when nothing else runs.</summary>
    internal double? MinRatio => DotNet is null || C is null ? null : DotNet.MinMs / C.MinMs;

    /// <summary>The median of the per-round ratios (each round's .NET median over the same round's C median).</summary>
    internal double? MedianRoundRatio => RoundRatios.Length == 0 ? null : Sample.Quantile([.. RoundRatios.Order()], 0.5);

    internal bool Met => Ratio is { } r && r <= Target.Limit;
}

/// <summary>
/// The targets phase: each of issue 5's targets measured again on its own, the .NET case and its C baseline
/// alternated in short rounds (.NET then C, C then .NET, ...), so both see the same moments of a shared machine.
/// </summary>
internal sealed partial class InvestigationRunner
{
    /// <summary>Issue 5's targets, as ratios to C CFITSIO in the same run.</summary>
    internal static readonly Target[] Targets =
    [
        new("1000x1000 int16, reused buffer", "int16_1000", "span_reused", "read_reused", 0.65),
        new("1000x1000 int32, reused buffer", "int32_1000", "span_reused", "read_reused", 0.45),
        new("1000x1000 float32, reused buffer", "float32_1000", "span_reused", "read_reused", 0.45),
        new("1000x1000 uint16 (BZERO 32768), reused buffer", "uint16_1000", "span_reused", "read_reused", 0.30),
        new("4096x4096 int16 into a fresh buffer (ReadNative vs malloc)", "int16_4096", "native_fresh", "read_fresh_malloc", 0.40),
        new("1000x1000 Rice int16, all cores", "int16_rice_1000", "span_reused", "read_reused", 0.55),
        new("64x64 int16 open+read+close", "int16_64", "span_reused_reopen", "read_reused_reopen", 1.2),
        // Issue 15.
        new("1000x1000 int16 new array (Read<short>())", "int16_1000", "new_array", "read_fresh_malloc", 1.5, OwnProcess: true),
        new($"{TestData.BatchCount} x 1000x1000 int16 batch, per file", "int16_1000", $"batch{TestData.BatchCount}_foreach_pool", "read_batch_reopen", 1.2, Batch: true),
    ];

    private const int TargetRounds = 12;

    private List<TargetResult> MeasureTargets(Dictionary<string, TestImage> images)
    {
        var results = new List<TargetResult>();
        Log($"== issue 5 targets: each .NET row alternated with its C row in {TargetRounds} rounds");
        foreach (Target target in Targets)
        {
            if (!images.TryGetValue(target.ImageKey, out TestImage? image))
            {
                continue;
            }

            TargetResult result = MeasureTarget(target, image);
            results.Add(result);
            LogTarget(result);
        }

        return results;
    }

    private static void LogTarget(TargetResult result) => Log(result.NotAvailable is not null
        ? $"  {result.Target.Title}: not available: {result.NotAvailable}"
        : $"  {result.Target.Title}: .NET {Report.Ms(result.DotNet!.MedianMs)} ms, C {Report.Ms(result.C!.MedianMs)} ms, " +
          $"ratio {result.Ratio:0.00} (target <= {result.Target.Limit:0.00}: {(result.Met ? "met" : "missed")})");

    private TargetResult MeasureTarget(Target target, TestImage image)
    {
        string title = $"target {target.ImageKey}";
        string[] files = target.Batch ? TestData.BatchFiles(options.DataDir).ToArray() : [];
        if (files.Any(f => !System.IO.File.Exists(f)))
        {
            return new TargetResult(target, image.FileName, 0, null, null, [], "the batch copies are missing");
        }

        IEnumerable<DotNetCase> cases = target.Batch ? DotNetCases.Batch(files, checked((int)image.ElementCount)) : DotNetCases.For(image, CaseSet.Full);
        DotNetCase? c = cases.FirstOrDefault(x => x.Name == target.DotNetCase);
        if (c is null)
        {
            return new TargetResult(target, image.FileName, 0, null, null, [], $"no .NET case {target.DotNetCase}");
        }

        Job dotnet = target.Batch ? DotNet(title, image, image.Dtype, c, fileLabel: BatchLabel(files))
            : target.OwnProcess ? Knob(title, image, target.DotNetCase, [])
            : DotNet(title, image, image.Dtype, c);
        Job native = target.Batch ? CBatch(title, image, files) : C(title, image, target.CCase);
        var (iterations, warmup) = FilesBudget(image, Math.Max(1, files.Length));
        return Alternate(target, image.FileName, dotnet, native, Math.Max(5, 2 * iterations / TargetRounds), warmup);
    }

    /// <summary>
    /// Measures <paramref name="dotnet"/> and <paramref name="native"/> alternately in <see cref="TargetRounds"/>
    /// rounds (.NET first in even rounds, the baseline first in odd ones), pooling the samples.
    /// </summary>
    private static TargetResult MeasureAlternating(Target target, TestImage image, Job dotnet, Job native, int perRound, int warmup) =>
        Alternate(target, image.FileName, dotnet, native, perRound, warmup);

    /// <summary>As <see cref="MeasureAlternating"/>, for any file (the table targets' too).</summary>
    private static TargetResult Alternate(Target target, string file, Job dotnet, Job baseline, int perRound, int warmup)
    {
        Sample? dotnetAll = null, cAll = null;
        var roundRatios = new List<double>();
        for (int round = 0; round < TargetRounds; round++)
        {
            Measured first = (round % 2 == 0 ? dotnet : baseline).Measure(perRound, warmup);
            Measured second = (round % 2 == 0 ? baseline : dotnet).Measure(perRound, warmup);
            Measured d = round % 2 == 0 ? first : second, n = round % 2 == 0 ? second : first;
            if (d.Sample is null || n.Sample is null)
            {
                return new TargetResult(target, file, round, null, null, [], d.NotAvailable ?? n.NotAvailable);
            }

            dotnetAll = dotnetAll is null ? d.Sample : Sample.Merge(dotnetAll, d.Sample);
            cAll = cAll is null ? n.Sample : Sample.Merge(cAll, n.Sample);
            roundRatios.Add(d.Sample.MedianMs / n.Sample.MedianMs);
        }

        return new TargetResult(target, file, TargetRounds, dotnetAll, cAll, [.. roundRatios], null);
    }
}
