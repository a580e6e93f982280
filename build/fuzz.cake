// Fuzz and Soak: hostile input and lifetime checks with tools/CfitsioNet.Fuzz (docs/reliability.md).
//   ./build.sh --target=Fuzz [--seconds=180] [--count=N] [--seed=1] [--quick]   mutated files, every read path, child process
//   ./build.sh --target=Soak [--cycles=100000] [--forgotten=10000]               resident memory and descriptors stay flat
#nullable enable

var fuzzProject = repoRoot.CombineWithFilePath("tools/CfitsioNet.Fuzz/CfitsioNet.Fuzz.csproj");

Task("FuzzBuild")
    .Description("Builds tools/CfitsioNet.Fuzz (after Native).")
    .IsDependentOn("Native")
    .Does(() => Run("dotnet", $"build \"{fuzzProject}\" -c {configuration}"));

Task("Fuzz")
    .Description("Fuzzes every public read path in a child process; findings go to tests/corpus/, figures to artifacts/fuzz/.")
    .IsDependentOn("FuzzBuild")
    .Does(() =>
{
    // astropy writes the tile-compressed seeds (Rice, GZIP, HCOMPRESS, PLIO).
    EnsureDebianPackages("python3-astropy", "python3-numpy");
    var args = $"run --project \"{fuzzProject}\" -c {configuration} --no-build -- fuzz";
    foreach (var name in new[] { "seconds", "count", "seed", "timeout", "jobs" })
    {
        var value = Argument(name, "");
        if (value != "")
            args += $" --{name} {value}";
    }
    if (quick)
        args += " --quick";
    args += $" --out \"{artifactsDir.Combine("fuzz")}\" --corpus \"{repoRoot.Combine("tests/corpus")}\"";
    Run("dotnet", args);
});

Task("Soak")
    .Description("100,000 open/read/dispose and 10,000 forgotten-Dispose cycles; fails unless memory and descriptors stay flat.")
    .IsDependentOn("FuzzBuild")
    .Does(() =>
{
    var args = $"run --project \"{fuzzProject}\" -c {configuration} --no-build -- soak";
    foreach (var name in new[] { "cycles", "forgotten" })
    {
        var value = Argument(name, "");
        if (value != "")
            args += $" --{name} {value}";
    }
    args += $" --out \"{artifactsDir.Combine("soak")}\"";
    Run("dotnet", args);
});
