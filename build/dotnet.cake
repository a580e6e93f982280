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
    // Reference tools the tests compare against.
    EnsureDebianPackages("python3-astropy", "python3-numpy", "fitsverify");

    // The library's tests, then the fits tool's (which run the tool as a process); one .trx each, all counted.
    var projects = new[] { "tests/CfitsioNet.Tests/CfitsioNet.Tests.csproj", "tests/CfitsioNet.Tool.Tests/CfitsioNet.Tool.Tests.csproj" }
        .Select(path => repoRoot.CombineWithFilePath(path)).ToArray();
    foreach (var project in projects)
        if (!FileExists(project))
            throw new CakeException($"{project} does not exist yet.");
    // Stale results must not be counted.
    EnsureDirectoryExists(testResultsDir);
    foreach (var old in System.IO.Directory.EnumerateFiles(testResultsDir.FullPath, "*.trx", System.IO.SearchOption.AllDirectories))
        System.IO.File.Delete(old);

    var filter = Argument("filter", "");
    var exitCode = 0;
    foreach (var project in projects)
    {
        var args = $"test \"{project}\" -c {configuration} --no-build --logger \"trx;LogFileName={project.GetFilenameWithoutExtension()}.trx\" --results-directory \"{testResultsDir}\"";
        if (filter != "")
            args += $" --filter \"{filter.Replace("\"", "\\\"")}\"";
        exitCode = Math.Max(exitCode, Exec("dotnet", args));
    }

    var (passed, failed, skipped) = CountTrxResults(testResultsDir);
    // A plain line (no colour codes): .ci/run takes the last one it finds as its closing line.
    Console.WriteLine($"Tests: {passed} passed, {failed} failed" + (skipped > 0 ? $", {skipped} skipped" : ""));
    if (failed > 0)
        throw new CakeException($"{failed} test(s) failed.");
    if (passed + skipped == 0)
        throw new CakeException("No test ran.");
    if (exitCode != 0)
        throw new CakeException($"dotnet test failed with exit code {exitCode}.");
});

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
    foreach (var trx in System.IO.Directory.EnumerateFiles(folder.FullPath, "*.trx", System.IO.SearchOption.AllDirectories))
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
