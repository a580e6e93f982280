// Build, Test and Demo: the managed solution, its NUnit tests and the sample.
#nullable enable
using System.Xml.Linq;

var testResultsDir = artifactsDir.Combine("test-results");

Task("Build")
    .Description("dotnet build of the solution (after Native).")
    .IsDependentOn("Native")
    .Does(() =>
{
    var solution = new[] { "CfitsioNet.sln", "CfitsioNet.slnx" }
        .Select(name => repoRoot.CombineWithFilePath(name))
        .FirstOrDefault(path => FileExists(path))
        ?? throw new CakeException($"No CfitsioNet.sln (or .slnx) in {repoRoot}: the solution has not been created yet.");
    Run("dotnet", $"build \"{solution}\" -c {configuration}");
});

Task("Test")
    .Description("Runs tests/CfitsioNet.Tests and tests/CfitsioNet.Tool.Tests (--filter=<expr> selects tests) and prints 'Tests: N passed, N failed'.")
    .IsDependentOn("Build")
    .Does(() =>
{
    // A plain line (no colour codes): .ci/run takes the last one it finds as its closing line.
    RunTestSuite("Tests", testResultsDir, env: null);
});

// The instruction sets the vectorised code (byte swaps, conversions, the Rice decoder) chooses between at run time,
// each turned off in turn so that the next path down runs: AVX2, then SSSE3, then scalar code only.
// A limit whose instruction set this CPU lacks is skipped: that run would be the Test target's run again.
var instructionSetLimits = new (string Label, string Variable, bool Present)[]
{
    ("AVX-512 off", "DOTNET_EnableAVX512F", System.Runtime.Intrinsics.X86.Avx512F.IsSupported),
    ("AVX2 off", "DOTNET_EnableAVX2", System.Runtime.Intrinsics.X86.Avx2.IsSupported),
    ("hardware intrinsics off", "DOTNET_EnableHWIntrinsic", true),
};

Task("TestIsa")
    .Description("Runs the library's tests again with AVX-512, then AVX2, then every hardware intrinsic turned off (--filter= selects).")
    .IsDependentOn("Build")
    .Does(() =>
{
    var failures = new List<string>();
    foreach (var (label, variable, present) in instructionSetLimits)
    {
        if (!present)
        {
            Information("{0}", $"Tests ({label}): skipped, this CPU has no such instructions (the Test target ran that path).");
            continue;
        }

        try
        {
            // The library's suite: the fits tool's tests run the same library code in child processes.
            RunTestSuite($"Tests ({label})", testResultsDir.Combine(variable), new Dictionary<string, string> { [variable] = "0" }, libraryOnly: true);
        }
        catch (CakeException e)
        {
            failures.Add($"{label}: {e.Message}");
        }
    }
    if (failures.Count > 0)
        throw new CakeException(string.Join(" ", failures));
});

// Runs the NUnit project (with --filter= when given), prints "<label>: N passed, N failed[, N skipped]" from its
// .trx files and throws when a test failed or none ran.
void RunTestSuite(string label, DirectoryPath resultsDir, IDictionary<string, string>? env, bool libraryOnly = false)
{
    // Reference tools the tests compare against.
    EnsureDebianPackages("python3-astropy", "python3-numpy", "fitsverify");

    // The library's tests, then the fits tool's (which run the tool as a process); one .trx each, all counted.
    var projects = new[] { "tests/CfitsioNet.Tests/CfitsioNet.Tests.csproj", "tests/CfitsioNet.Tool.Tests/CfitsioNet.Tool.Tests.csproj" }
        .Take(libraryOnly ? 1 : 2)
        .Select(path => repoRoot.CombineWithFilePath(path)).ToArray();
    foreach (var project in projects)
        if (!FileExists(project))
            throw new CakeException($"{project} does not exist yet.");
    // Stale results must not be counted.
    EnsureDirectoryExists(resultsDir);
    foreach (var old in System.IO.Directory.EnumerateFiles(resultsDir.FullPath, "*.trx", System.IO.SearchOption.TopDirectoryOnly))
        System.IO.File.Delete(old);

    var filter = Argument("filter", "");
    var exitCode = 0;
    foreach (var project in projects)
    {
        var args = $"test \"{project}\" -c {configuration} --no-build --logger \"trx;LogFileName={project.GetFilenameWithoutExtension()}.trx\" --results-directory \"{resultsDir}\"";
        if (filter != "")
            args += $" --filter \"{filter.Replace("\"", "\\\"")}\"";
        exitCode = Math.Max(exitCode, Exec("dotnet", args, env: env));
    }

    var (passed, failed, skipped) = CountTrxResults(resultsDir);
    Console.WriteLine($"{label}: {passed} passed, {failed} failed" + (skipped > 0 ? $", {skipped} skipped" : ""));
    if (failed > 0)
        throw new CakeException($"{failed} test(s) failed.");
    if (passed + skipped == 0)
        throw new CakeException("No test ran.");
    if (exitCode != 0)
        throw new CakeException($"dotnet test failed with exit code {exitCode}.");
}

Task("Demo")
    .Description("Runs samples/Demo.")
    .IsDependentOn("Build")
    .Does(() =>
{
    var project = repoRoot.CombineWithFilePath("samples/Demo/Demo.csproj");
    if (!FileExists(project))
        throw new CakeException($"{project} does not exist yet.");
    Run("dotnet", $"run --project \"{project}\" -c {configuration} --no-build");
});

// Counts the top-level results of every .trx file in the folder; anything neither passed nor failed
// (NUnit's Ignore, Explicit, Inconclusive: trx NotExecuted and the like) counts as skipped.
(int Passed, int Failed, int Skipped) CountTrxResults(DirectoryPath folder)
{
    int passed = 0, failed = 0, skipped = 0;
    foreach (var trx in System.IO.Directory.EnumerateFiles(folder.FullPath, "*.trx", System.IO.SearchOption.TopDirectoryOnly))
    {
        var doc = XDocument.Load(trx);
        XNamespace ns = doc.Root!.Name.Namespace;
        foreach (var result in doc.Root.Elements(ns + "Results").Elements(ns + "UnitTestResult"))
        {
            switch ((string?)result.Attribute("outcome"))
            {
                case "Passed": passed++; break;
                case "Failed" or "Error" or "Timeout" or "Aborted": failed++; break;
                default: skipped++; break;
            }
        }
    }
    return (passed, failed, skipped);
}
