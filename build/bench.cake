// Investigate and Bench: the performance investigation (issue 4) and the BenchmarkDotNet classes.
//
//   ./build.sh --target=Investigate [--quick] [--groups=int16,conversions] [--targets]
//       C (cbench), Python (fitsio, astropy) and .NET cases on generated images, one table, then issue 5's
//       targets (each .NET row alternated with its C row); writes artifacts/investigation/results.json,
//       results.md and chart.png (docs/investigation.md reads them). --targets: the targets phase only.
//   ./build.sh --target=Bench [--quick] [--filter=*BufferMode*]
//       BenchmarkDotNet classes in bench/CfitsioNet.Bench/Benchmarks; markdown, CSV and JSON in artifacts/bench/results.
#nullable enable

var benchProject = repoRoot.CombineWithFilePath("bench/CfitsioNet.Bench/CfitsioNet.Bench.csproj");

Task("BuildBench")
    .Description("Builds bench/CfitsioNet.Bench (Release: BenchmarkDotNet refuses unoptimised code) after Native.")
    .IsDependentOn("Native")
    .Does(() =>
{
    Run("dotnet", $"build \"{benchProject}\" -c Release");
});

Task("Investigate")
    .Description("Runs the investigation: .NET, C and Python cases, table, artifacts/investigation/results.{json,md}, chart.png (--quick: 1000x1000 only).")
    .IsDependentOn("BuildBench")
    .Does(() =>
{
    // The Python baselines; on another system their rows say "not available".
    if (isDebian)
        EnsureDebianPackages("python3-astropy", "python3-fitsio", "python3-numpy");
    else
        Warning("Not Debian: the fitsio and astropy rows need a python3 with both (pass it with --python=PATH).");

    var args = "investigate" + (quick ? " --quick" : "") + (HasArgument("targets") ? " --targets" : "");
    var groups = Argument("groups", "");
    if (groups != "")
        args += $" --groups \"{groups}\"";
    var python = Argument("python", "");
    if (python != "")
        args += $" --python \"{python}\"";
    Run("dotnet", $"run --project \"{benchProject}\" -c Release --no-build -- {args}");
});

Task("Bench")
    .Description("Runs the BenchmarkDotNet classes (--filter=<glob> selects, --quick a short job); exports to artifacts/bench/results.")
    .IsDependentOn("BuildBench")
    .Does(() =>
{
    var args = "bench" + (quick ? " --quick" : "");
    var filter = Argument("filter", "");
    if (filter != "")
        args += $" --filter \"{filter}\"";
    Run("dotnet", $"run --project \"{benchProject}\" -c Release --no-build -- {args}");
});
