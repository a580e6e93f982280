// Values and helpers shared by every build/*.cake file. build.cake loads this file before the others,
// so the fields below are initialised before any other file's top-level code runs.
#nullable enable
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

// ---- Arguments (./build.sh --target=Test --configuration=Debug --quick --filter=...) ----
var target = Argument("target", "Default");
var configuration = Argument("configuration", "Release");
// --quick: shorter runs, for targets that have a long and a short form (benchmarks, fuzzing).
var quick = HasArgument("quick");

// ---- Paths ----
// build.sh runs Cake from the repository root.
var repoRoot = Context.Environment.WorkingDirectory;
if (!FileExists(repoRoot.CombineWithFilePath("build.cake")))
    throw new CakeException($"Run the build from the repository root (./build.sh), not from {repoRoot}.");
var artifactsDir = repoRoot.Combine("artifacts");
var (nativeRid, nativeLibName) = ReadNativeRid();
// Where Native puts what it ships: libcfitsio, its licence, cbench and cfitsio_info.
var nativeDir = artifactsDir.Combine("native").Combine(nativeRid);
var nativeLib = nativeDir.CombineWithFilePath(nativeLibName);

// The RID rule lives in Directory.Build.props (OS and CPU, linux/osx x x64/arm64): read it from there, so the Cake
// targets and the projects cannot disagree. --native-rid=... passes an override through (-p:NativeRid=...).
(string Rid, string LibraryFileName) ReadNativeRid()
{
    var props = Context.Environment.WorkingDirectory.CombineWithFilePath("Directory.Build.props").FullPath;
    var overrideRid = Argument("native-rid", "");
    var args = $"msbuild \"{props}\" -nologo -getProperty:NativeRid -getProperty:NativeLibraryFileName -getProperty:NativeCpu" +
               (overrideRid.Length > 0 ? $" -p:NativeRid={overrideRid}" : "");
    var info = new ProcessStartInfo("dotnet", args) { UseShellExecute = false, RedirectStandardOutput = true };
    using var process = Process.Start(info) ?? throw new CakeException("Could not start dotnet to read NativeRid from Directory.Build.props.");
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
        throw new CakeException($"'dotnet {args}' failed with exit code {process.ExitCode}:\n{output}");
    var properties = System.Text.Json.JsonDocument.Parse(output).RootElement.GetProperty("Properties");
    var rid = properties.GetProperty("NativeRid").GetString() ?? "";
    var library = properties.GetProperty("NativeLibraryFileName").GetString() ?? "";
    if (rid.Length == 0 || library.Length == 0)
        throw new CakeException($"No native RID for this machine ({System.Runtime.InteropServices.RuntimeInformation.OSDescription}, CPU " +
            $"{properties.GetProperty("NativeCpu").GetString()}): the native build knows linux and osx on x64 and arm64 (Directory.Build.props, NativeRid).");
    return (rid, library);
}

// ---- Processes ----

// Runs a program with the console attached, echoing the command first; fails the target on a non-zero exit.
void Run(string exe, string args, string? workDir = null, IDictionary<string, string>? env = null)
{
    var code = Exec(exe, args, workDir, env);
    if (code != 0)
        throw new CakeException($"'{exe} {args}' failed with exit code {code}.");
}

// Like Run, but returns the exit code instead of failing.
int Exec(string exe, string args, string? workDir = null, IDictionary<string, string>? env = null)
{
    Information("{0}", $"> {exe} {args}" + (workDir is null ? "" : $"   (in {workDir})"));
    using var process = Process.Start(StartInfo(exe, args, workDir, env))
        ?? throw new CakeException($"Could not start {exe}.");
    process.WaitForExit();
    return process.ExitCode;
}

// Runs a program quietly and returns its standard output; fails the target on a non-zero exit.
string Capture(string exe, string args, string? workDir = null, IDictionary<string, string>? env = null)
{
    var (code, output) = TryCapture(exe, args, workDir, env);
    if (code != 0)
        throw new CakeException($"'{exe} {args}' failed with exit code {code}.");
    return output;
}

(int ExitCode, string Output) TryCapture(string exe, string args, string? workDir = null, IDictionary<string, string>? env = null)
{
    var info = StartInfo(exe, args, workDir, env);
    info.RedirectStandardOutput = true;
    using var process = Process.Start(info) ?? throw new CakeException($"Could not start {exe}.");
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    return (process.ExitCode, output);
}

ProcessStartInfo StartInfo(string exe, string args, string? workDir, IDictionary<string, string>? env)
{
    var info = new ProcessStartInfo(exe, args) { UseShellExecute = false, WorkingDirectory = workDir ?? repoRoot.FullPath };
    if (env is not null)
        foreach (var (key, value) in env)
            info.Environment[key] = value;
    return info;
}

bool CommandExists(string name) =>
    (System.Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Any(dir => System.IO.File.Exists(System.IO.Path.Combine(dir, name)));

// ---- Files ----

string Sha256Of(FilePath file)
{
    using var stream = System.IO.File.OpenRead(file.FullPath);
    return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
}

// ---- Debian packages ----

var isDebian = System.IO.File.Exists("/etc/debian_version") && CommandExists("dpkg-query") && CommandExists("apt-get");
var isRoot = !OperatingSystem.IsWindows() && TryCapture("id", "-u").Output.Trim() == "0";
var aptUpdated = false;

// Makes sure Debian packages are installed: installs the missing ones when root on Debian, and otherwise
// fails with the command to run. On other systems it only warns, since the package names are Debian's.
void EnsureDebianPackages(params string[] packages)
{
    if (!isDebian)
    {
        Warning("{0}", $"Not a Debian system: make sure the equivalents of {string.Join(", ", packages)} are installed.");
        return;
    }
    var missing = packages.Where(p => !IsDebianPackageInstalled(p)).ToArray();
    if (missing.Length == 0)
        return;
    var installArgs = "install -y --no-install-recommends " + string.Join(" ", missing);
    if (!isRoot)
        throw new CakeException($"Missing Debian packages: {string.Join(", ", missing)}. Install them with:\n  sudo apt-get {installArgs}");

    Information("{0}", $"Installing missing Debian packages: {string.Join(", ", missing)}");
    if (!AptListsPresent())
        AptUpdate();
    if (Exec("apt-get", AptOptions + installArgs, env: AptEnv) == 0)
        return;
    if (aptUpdated)
        throw new CakeException($"'apt-get {installArgs}' failed.");
    AptUpdate();
    Run("apt-get", AptOptions + installArgs, env: AptEnv);
}

bool IsDebianPackageInstalled(string package) =>
    TryCapture("dpkg-query", $"-W -f=${{db:Status-Status}} {package}").Output.Trim() == "installed";

// Waits for a concurrent apt or dpkg to finish rather than failing on its lock.
const string AptOptions = "-q -o DPkg::Lock::Timeout=600 ";
Dictionary<string, string> AptEnv => new() { ["DEBIAN_FRONTEND"] = "noninteractive" };

bool AptListsPresent() =>
    System.IO.Directory.Exists("/var/lib/apt/lists")
    && System.IO.Directory.EnumerateFiles("/var/lib/apt/lists", "*_Packages*").Any();

void AptUpdate()
{
    Run("apt-get", AptOptions + "update", env: AptEnv);
    aptUpdated = true;
}
