using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace CfitsioNet.Bench.Investigation;

/// <summary>
/// <c>CfitsioNet.Bench worker --file F --key K --case NAME --iterations N --warmup W</c>: runs one .NET case in a
/// process of its own and prints cbench's JSON schema. The investigation starts it with a runtime knob set in its
/// environment (e.g. DOTNET_GCLOHThreshold), which cannot be changed inside a running process.
/// </summary>
internal static class Worker
{
    internal static int Run(IReadOnlyList<string> args)
    {
        string Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault()
            ?? throw new UsageException($"worker needs {name}");
        string file = Arg("--file"), caseName = Arg("--case");
        int iterations = int.Parse(Arg("--iterations"), CultureInfo.InvariantCulture), warmup = int.Parse(Arg("--warmup"), CultureInfo.InvariantCulture);
        TestImage image = TestData.Describe(Path.GetFileNameWithoutExtension(file), file, "worker");
        DotNetCase c = DotNetCases.For(image, CaseSet.Full).FirstOrDefault(x => x.Name == caseName)
            ?? throw new UsageException($"no .NET case '{caseName}'");
        using PreparedCase prepared = c.Prepare();
        // The JIT's warm-up (the investigation does the same before measuring in its own process).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < 40 && clock.ElapsedMilliseconds < 500; i++)
        {
            prepared.Run();
        }

        System.Threading.Thread.Sleep(300);
        Sample s = Sample.Measure(prepared.Run, warmup, iterations);
        prepared.Verify();
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["tool"] = "CfitsioNet.Bench worker", ["case"] = caseName, ["file"] = file, ["iterations"] = iterations,
            ["warmup"] = warmup, ["times_ms"] = s.TimesMs, ["minflt"] = s.Faults, ["median_ms"] = s.MedianMs,
            ["min_ms"] = s.MinMs, ["p90_ms"] = s.P90Ms, ["minflt_median"] = s.FaultsMedian,
        }));
        return 0;
    }
}
