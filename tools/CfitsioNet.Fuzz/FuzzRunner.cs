using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;

namespace CfitsioNet.Fuzz;

/// <summary>Options of the fuzz mode.</summary>
internal sealed record FuzzOptions(
    double Seconds, long Count, long Seed, double CaseTimeoutSeconds, int Jobs, string OutputDirectory, string CorpusDirectory, bool Quick);

/// <summary>
/// The parent of a fuzzing run: makes the cases, hands them to worker processes, and classifies what happens,
/// including the worker dying (crash) or not answering in time (hang). The worker is restarted after either.
/// </summary>
internal sealed class FuzzRunner
{
    private const int KeepPerSignature = 3;

    private readonly FuzzOptions _options;
    private readonly ConcurrentDictionary<Outcome, long> _outcomes = new();
    private readonly ConcurrentDictionary<string, long> _probeOutcomes = new();
    private readonly ConcurrentDictionary<string, long> _fitsStatuses = new();
    private readonly ConcurrentDictionary<string, long> _seedUse = new();
    private readonly ConcurrentDictionary<string, int> _signatures = new();
    private readonly ConcurrentBag<JsonObject> _findings = [];
    private long _next = -1;
    private long _done;
    private long _restarts;
    private string _library = "";

    internal FuzzRunner(FuzzOptions options) => _options = options;

    internal int Run()
    {
        Directory.CreateDirectory(_options.OutputDirectory);
        string work = Path.Combine(_options.OutputDirectory, "work");
        Directory.CreateDirectory(work);
        List<Seed> seeds = Seeds.Create(work, message => Console.WriteLine("fuzz: " + message));
        var mutator = new Mutator(seeds, _options.Seed);
        Console.WriteLine($"fuzz: {seeds.Count} seeds, run seed {_options.Seed}, {_options.Jobs} workers, " +
                          $"{(_options.Count > 0 ? _options.Count + " cases" : "")}{(_options.Count > 0 && _options.Seconds > 0 ? " or " : "")}" +
                          $"{(_options.Seconds > 0 ? _options.Seconds + " s" : "")}, case timeout {_options.CaseTimeoutSeconds} s");

        var clock = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, _options.Jobs)
            .Select(slot => new Thread(() => WorkerLoop(slot, mutator, work, clock)) { Name = $"fuzz-{slot}" })
            .ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        clock.Stop();

        return Report(seeds, clock.Elapsed);
    }

    private void WorkerLoop(int slot, Mutator mutator, string work, Stopwatch clock)
    {
        string casePath = Path.Combine(work, $"case-{slot}.fits");
        WorkerProcess? worker = null;
        try
        {
            while (true)
            {
                if (_options.Seconds > 0 && clock.Elapsed.TotalSeconds >= _options.Seconds)
                {
                    return;
                }

                long index = Interlocked.Increment(ref _next);
                if (_options.Count > 0 && index >= _options.Count)
                {
                    return;
                }

                FuzzCase fuzzCase = mutator.Create(index);
                _seedUse.AddOrUpdate(fuzzCase.SeedName, 1, (_, n) => n + 1);
                File.WriteAllBytes(casePath, fuzzCase.Bytes);
                worker ??= StartWorker();
                worker.Send(casePath);
                string? line = worker.Receive(TimeSpan.FromSeconds(_options.CaseTimeoutSeconds), out bool timedOut);
                if (line is not null)
                {
                    Record(fuzzCase, line);
                }
                else if (timedOut)
                {
                    worker.Kill();
                    string stderr = worker.StandardErrorTail();
                    worker.Dispose();
                    worker = null;
                    Interlocked.Increment(ref _restarts);
                    Count(Outcome.Hang);
                    SaveFinding(fuzzCase, Outcome.Hang, $"no answer within {_options.CaseTimeoutSeconds} s", stderr);
                }
                else
                {
                    (_, string death) = worker.WaitForDeath();
                    string stderr = worker.StandardErrorTail();
                    worker.Dispose();
                    worker = null;
                    Interlocked.Increment(ref _restarts);
                    Count(Outcome.Crash);
                    SaveFinding(fuzzCase, Outcome.Crash, "worker " + death, stderr);
                }

                long done = Interlocked.Increment(ref _done);
                if (done % 5000 == 0)
                {
                    Console.WriteLine($"fuzz: {done} cases, {clock.Elapsed.TotalSeconds:F0} s, {Get(_outcomes, Outcome.Crash)} crashes, " +
                                      $"{Get(_outcomes, Outcome.Hang)} hangs, {Get(_outcomes, Outcome.Bug)} other exceptions");
                }
            }
        }
        finally
        {
            worker?.Dispose();
        }
    }

    private WorkerProcess StartWorker()
    {
        WorkerProcess worker = WorkerProcess.Start("worker");
        string? ready = worker.Receive(TimeSpan.FromSeconds(60), out _);
        if (ready is null || !ready.StartsWith("ready", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The worker did not start: {worker.StandardErrorTail()}");
        }

        _library = ready;
        return worker;
    }

    private void Record(FuzzCase fuzzCase, string line)
    {
        string[] parts = line.Split('\t');
        Outcome outcome = Enum.Parse<Outcome>(parts[0]);
        string detail = parts.Length > 1 ? Worker.Unescape(parts[1]) : "";
        Count(outcome);
        if (parts.Length > 2)
        {
            foreach (string probe in parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                _probeOutcomes.AddOrUpdate(probe, 1, (_, n) => n + 1);
            }
        }

        if (outcome == Outcome.Fits)
        {
            string status = detail.Split("FitsException status ", 2) is [_, var rest] ? rest.Split(':')[0] : "?";
            _fitsStatuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        }

        if (outcome == Outcome.Bug)
        {
            SaveFinding(fuzzCase, outcome, detail, "");
        }
    }

    private void Count(Outcome outcome) => _outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);

    private static long Get<TKey>(ConcurrentDictionary<TKey, long> counts, TKey key)
        where TKey : notnull
        => counts.TryGetValue(key, out long n) ? n : 0;

    /// <summary>Saves the case to the corpus (at most a few per distinct failure) with a text file that describes it.</summary>
    private void SaveFinding(FuzzCase fuzzCase, Outcome outcome, string detail, string stderr)
    {
        string firstLine = detail.Split('\n')[0];
        string signature = outcome + "|" + (outcome == Outcome.Bug ? firstLine.Split(':')[0] + "|" + TopFrame(detail) : "");
        int seen = _signatures.AddOrUpdate(signature, 1, (_, n) => n + 1);
        string hash = Convert.ToHexString(SHA256.HashData(fuzzCase.Bytes))[..12].ToLowerInvariant();
        string name = $"{outcome.ToString().ToLowerInvariant()}-{hash}";
        var finding = new JsonObject
        {
            ["kind"] = outcome.ToString().ToLowerInvariant(),
            ["index"] = fuzzCase.Index,
            ["seed"] = fuzzCase.SeedName,
            ["mutations"] = new JsonArray(fuzzCase.Mutations.Select(m => (JsonNode?)m).ToArray()),
            ["detail"] = firstLine,
            ["file"] = seen <= KeepPerSignature ? $"{name}.fits" : null,
        };
        _findings.Add(finding);
        Console.WriteLine($"fuzz: FINDING {outcome} case {fuzzCase.Index} ({fuzzCase.SeedName}; {string.Join("; ", fuzzCase.Mutations)}): {firstLine}");
        if (seen > KeepPerSignature)
        {
            return;
        }

        Directory.CreateDirectory(_options.CorpusDirectory);
        File.WriteAllBytes(Path.Combine(_options.CorpusDirectory, name + ".fits"), fuzzCase.Bytes);
        var text = new StringBuilder();
        text.AppendLine($"kind: {outcome.ToString().ToLowerInvariant()}");
        text.AppendLine($"found: run seed {_options.Seed}, case {fuzzCase.Index}");
        text.AppendLine($"reproduce: dotnet run --project tools/CfitsioNet.Fuzz -c Release -- case --seed {_options.Seed} --index {fuzzCase.Index}");
        text.AppendLine($"seed file: {fuzzCase.SeedName}");
        text.AppendLine($"mutations: {string.Join("; ", fuzzCase.Mutations)}");
        text.AppendLine($"library: {_library}");
        text.AppendLine("detail:");
        text.AppendLine(detail);
        if (stderr.Length > 0)
        {
            text.AppendLine("worker stderr (tail):");
            text.AppendLine(stderr);
        }

        File.WriteAllText(Path.Combine(_options.CorpusDirectory, name + ".txt"), text.ToString());
    }

    private static string TopFrame(string detail) =>
        detail.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("at CfitsioNet", StringComparison.Ordinal)) ?? "";

    private int Report(List<Seed> seeds, TimeSpan elapsed)
    {
        long cases = Interlocked.Read(ref _done);
        long crashes = Get(_outcomes, Outcome.Crash);
        long hangs = Get(_outcomes, Outcome.Hang);
        long bugs = Get(_outcomes, Outcome.Bug);
        var table = new StringBuilder();
        table.AppendLine();
        table.AppendLine($"Fuzz: {cases} cases in {elapsed.TotalSeconds:F0} s ({cases / Math.Max(elapsed.TotalSeconds, 1e-9):F0}/s), run seed {_options.Seed}, {seeds.Count} seeds, {_options.Jobs} workers, worker restarts {_restarts}");
        table.AppendLine($"  {"outcome",-12} {"cases",10}");
        foreach (Outcome outcome in Enum.GetValues<Outcome>())
        {
            table.AppendLine($"  {outcome.ToString().ToLowerInvariant(),-12} {Get(_outcomes, outcome),10}");
        }

        table.AppendLine("  FitsException status codes (cases): " +
                         string.Join(", ", _fitsStatuses.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key}: {kv.Value}")));
        Console.Write(table);

        var probes = new JsonObject();
        foreach (var (key, value) in _probeOutcomes.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            probes[key] = value;
        }

        var summary = new JsonObject
        {
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["runSeed"] = _options.Seed,
            ["quick"] = _options.Quick,
            ["seconds"] = Math.Round(elapsed.TotalSeconds, 1),
            ["cases"] = cases,
            ["casesPerSecond"] = Math.Round(cases / Math.Max(elapsed.TotalSeconds, 1e-9), 1),
            ["workers"] = _options.Jobs,
            ["caseTimeoutSeconds"] = _options.CaseTimeoutSeconds,
            ["workerRestarts"] = _restarts,
            ["library"] = _library,
            ["outcomes"] = new JsonObject(Enum.GetValues<Outcome>().Select(o =>
                KeyValuePair.Create(o.ToString().ToLowerInvariant(), (JsonNode?)Get(_outcomes, o)))),
            ["fitsStatuses"] = new JsonObject(_fitsStatuses.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["probes"] = probes,
            ["seeds"] = new JsonObject(seeds.Select(s => KeyValuePair.Create(s.Name, (JsonNode?)Get(_seedUse, s.Name)))),
            ["findings"] = new JsonArray(_findings.OrderBy(f => (long)f["index"]!).Select(f => (JsonNode?)f).ToArray()),
        };
        string json = Path.Combine(_options.OutputDirectory, "summary.json");
        File.WriteAllText(json, summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.WriteAllText(Path.Combine(_options.OutputDirectory, "summary.txt"), table.ToString());
        Console.WriteLine($"fuzz: wrote {json}");
        if (crashes + hangs + bugs > 0)
        {
            Console.WriteLine($"fuzz: FAILED: {crashes} crashes, {hangs} hangs, {bugs} other exceptions; cases saved in {_options.CorpusDirectory}");
            return 1;
        }

        Console.WriteLine("fuzz: passed: zero crashes, zero hangs, zero unexpected exceptions");
        return 0;
    }
}
