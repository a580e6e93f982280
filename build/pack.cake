// Pack and PackTest: the NuGet packages CfitsioNet and CfitsioNet.Native, and their proof from a fresh consumer.
//
//   Pack      artifacts/packages/: CfitsioNet.Native (runtimes/<rid>/native/libcfitsio.*, licences) and CfitsioNet
//             (lib/net8.0, lib/net10.0, exact dependency on CfitsioNet.Native) + its .snupkg; checks their contents.
//             --rids=linux-x64,osx-arm64 names the native assets that must be in the package (default: this machine's).
//             CfitsioNet.Tool: the `fits` .NET tool (tools/CfitsioNet.Tool), CFITSIO and SkiaSharp for the shipped RIDs only.
//   PackTest  a new console project in a temporary folder takes CfitsioNet* from artifacts/packages only, then
//             runs build/packtest/Program.cs built (dotnet run), published self-contained, trimmed and NativeAOT,
//             with any system libcfitsio hidden; and once with ExcludeAssets="native" (the system CFITSIO). Then the
//             tool: dotnet tool install from the feed, dnx with the feed as the only source, a NativeAOT publish.
// docs/packaging.md describes the layout and the release process.
#nullable enable
using System.IO.Compression;
using System.Xml.Linq;

var packagesDir = artifactsDir.Combine("packages");
// PackTest's own NuGet cache: runtime packs and the ILCompiler are downloaded once, CfitsioNet* never survive a run.
var packTestPackagesDir = artifactsDir.Combine("packtest").Combine("nuget-packages");

Task("Pack")
    .Description("Packs CfitsioNet.Native and CfitsioNet into artifacts/packages/ (--rids=<rid,...> native assets required).")
    .IsDependentOn("Native")
    .Does(() =>
{
    var requiredRids = Argument("rids", nativeRid).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    foreach (var rid in requiredRids)
    {
        var library = NativeAssetPath(rid);
        if (!FileExists(library))
            throw new CakeException($"--rids names {rid}, but {library} does not exist: build it there with ./build.sh --target=Native, or copy that folder in.");
    }

    if (DirectoryExists(packagesDir))
        DeleteDirectory(packagesDir, new DeleteDirectorySettings { Recursive = true, Force = true });
    EnsureDirectoryExists(packagesDir);

    // Same commit, same bytes: zip entries carry the commit's time instead of the clock's.
    var env = new Dictionary<string, string>();
    if (string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH")))
    {
        var (code, epoch) = TryCapture("git", "log -1 --format=%ct");
        if (code == 0 && long.TryParse(epoch.Trim(), out _))
            env["SOURCE_DATE_EPOCH"] = epoch.Trim();
        else
            Warning("No git commit time: the packages' zip timestamps will be the current time.");
    }
    var (remoteCode, remote) = TryCapture("git", "config --get remote.origin.url");
    if (remoteCode != 0 || !remote.Trim().Contains("github.com"))
        Warning("{0}", "The repository has no GitHub 'origin' remote: SourceLink will be empty in this build's PDBs (a clone of the GitHub repository has one).");

    foreach (var project in new[] { "src/CfitsioNet.Native/CfitsioNet.Native.csproj", "src/CfitsioNet/CfitsioNet.csproj", "src/CfitsioNet.Arrow/CfitsioNet.Arrow.csproj", "tools/CfitsioNet.Tool/CfitsioNet.Tool.csproj" })
        Run("dotnet", $"pack \"{repoRoot.CombineWithFilePath(project)}\" -c {configuration} -o \"{packagesDir}\"", env: env);

    var version = PackedVersion();
    var lines = new List<string>();
    lines.AddRange(CheckNativePackage(version, requiredRids));
    lines.AddRange(CheckManagedPackage(version));
    lines.AddRange(CheckToolPackage(version, requiredRids));
    Information("Pack: version {0} in {1}", version, packagesDir);
    foreach (var line in lines)
        Information("  ok  {0}", line);
});

Task("PackTest")
    .Description("A fresh console project consumes the packages from artifacts/packages: dotnet run, self-contained, trimmed, NativeAOT, and ExcludeAssets=\"native\".")
    .IsDependentOn("Pack")
    .Does(() =>
{
    var version = PackedVersion();
    var libraryEntry = $"runtimes/{nativeRid}/native/{nativeLibName}";
    var packagedSha = Sha256OfEntry(packagesDir.CombineWithFilePath($"CfitsioNet.Native.{version}.nupkg"), libraryEntry)
        ?? throw new CakeException($"CfitsioNet.Native.{version}.nupkg has no {libraryEntry}: this machine's RID ({nativeRid}) cannot be tested with it.");
    var expectedVersion = Pin("CFITSIO_VERSION");

    // A private package cache, minus any CfitsioNet package a previous run extracted: the feed is the only source.
    EnsureDirectoryExists(packTestPackagesDir);
    foreach (var stale in System.IO.Directory.EnumerateDirectories(packTestPackagesDir.FullPath, "cfitsionet*"))
        System.IO.Directory.Delete(stale, recursive: true);

    // Outside the repository, so none of its Directory.Build.props, nuget.config or global.json applies.
    var root = CanonicalPath(System.IO.Directory.CreateTempSubdirectory("cfitsionet-packtest-").FullName);
    System.IO.File.WriteAllText(System.IO.Path.Combine(root, "nuget.config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <!-- CfitsioNet* from the folder Pack wrote, everything else from nuget.org. -->
        <configuration>
          <packageSources>
            <clear />
            <add key="local" value="{CanonicalPath(packagesDir.FullPath)}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="local"><package pattern="CfitsioNet*" /></packageSource>
            <packageSource key="nuget.org"><package pattern="*" /></packageSource>
          </packageSourceMapping>
          <config>
            <add key="globalPackagesFolder" value="{packTestPackagesDir.FullPath}" />
          </config>
        </configuration>
        """);
    var hiding = SystemLibraryHiding(root);
    var results = new List<(string Step, TimeSpan Time, string Outcome)>();
    var program = repoRoot.CombineWithFilePath("build/packtest/Program.cs").FullPath;
    var total = Stopwatch.StartNew();

    // 1. A brand-new console project that adds the package.
    const string App = "CfitsioNetConsumer";
    var appDir = System.IO.Path.Combine(root, App);
    var watch = Stopwatch.StartNew();
    Run("dotnet", $"new console -o \"{appDir}\" --framework net10.0 --no-restore --no-update-check", root);
    System.IO.File.Copy(program, System.IO.Path.Combine(appDir, "Program.cs"), overwrite: true);
    Run("dotnet", $"add package CfitsioNet --version {version}", appDir);
    Run("dotnet", "build -c Release -warnaserror", appDir);
    var runOutput = System.IO.Path.Combine(appDir, "bin", "Release", "net10.0");
    // The package's buildTransitive targets set the consumer's LOH threshold (docs/performance.md, issue 15).
    var runtimeConfig = System.IO.File.ReadAllText(System.IO.Path.Combine(runOutput, App + ".runtimeconfig.json"));
    Expect(runtimeConfig.Contains("\"System.GC.LOHThreshold\": \"0x400000\""), $"the consumer's runtimeconfig.json lacks System.GC.LOHThreshold 0x400000: {runtimeConfig}");
    var outcome = ExpectBundled("dotnet run", hiding, root, "dotnet", "run -c Release --no-build", appDir, runOutput, packagedSha, expectedVersion);
    results.Add(("dotnet run (framework-dependent)", watch.Elapsed, outcome));

    // 2-4. Published for this RID: self-contained, trimmed, NativeAOT. Zero warnings: -warnaserror, one per site.
    if (isDebian)
        EnsureDebianPackages("clang", "zlib1g-dev");
    var executable = OperatingSystem.IsWindows() ? App + ".exe" : App;
    foreach (var (name, properties) in new[]
    {
        ("self-contained", ""),
        ("trimmed", " -p:PublishTrimmed=true -p:TrimmerSingleWarn=false"),
        ("native-aot", " -p:PublishAot=true -p:TrimmerSingleWarn=false"),
    })
    {
        watch.Restart();
        var publishDir = System.IO.Path.Combine(root, "publish", name);
        Run("dotnet", $"publish -c Release -r {nativeRid} --self-contained -warnaserror{properties} -o \"{publishDir}\"", appDir);
        outcome = ExpectBundled($"publish {name}", hiding, root, System.IO.Path.Combine(publishDir, executable), "", publishDir, publishDir, packagedSha, expectedVersion);
        results.Add(($"dotnet publish -r {nativeRid} ({name})", watch.Elapsed, outcome));
    }

    // 5. ExcludeAssets="native": no bundled CFITSIO, so the resolver falls back to the system's.
    watch.Restart();
    const string SystemApp = "CfitsioNetSystemConsumer";
    var systemDir = System.IO.Path.Combine(root, SystemApp);
    Run("dotnet", $"new console -o \"{systemDir}\" --framework net10.0 --no-restore --no-update-check", root);
    System.IO.File.Copy(program, System.IO.Path.Combine(systemDir, "Program.cs"), overwrite: true);
    var csproj = System.IO.Path.Combine(systemDir, SystemApp + ".csproj");
    var doc = XDocument.Load(csproj);
    doc.Root!.Add(new XElement("ItemGroup",
        new XElement("PackageReference", new XAttribute("Include", "CfitsioNet"), new XAttribute("Version", version), new XAttribute("ExcludeAssets", "native"))));
    doc.Save(csproj);
    Run("dotnet", "build -c Release -warnaserror", systemDir);
    var systemOutput = System.IO.Path.Combine(systemDir, "bin", "Release", "net10.0");
    var bundledCopies = System.IO.Directory.EnumerateFiles(systemOutput, nativeLibName, System.IO.SearchOption.AllDirectories).ToList();
    Expect(bundledCopies.Count == 0, $"ExcludeAssets=\"native\" still copied {string.Join(", ", bundledCopies)}");
    outcome = ExpectSystemFallback(hiding, root, System.IO.Path.Combine(systemOutput, SystemApp), systemDir, expectedVersion);
    results.Add(("ExcludeAssets=\"native\"", watch.Elapsed, outcome));

    // 6-8. The fits tool: installed from the feed, run with dnx from the feed alone, published NativeAOT.
    results.AddRange(TestToolPackage(version, root, hiding));

    System.IO.Directory.Delete(root, recursive: true);
    Information("PackTest passed: CfitsioNet {0} from {1}, {2}", version, packagesDir, hiding.Description);
    foreach (var (step, time, result) in results)
        Information("  ok  {0,-46} {1,6:F1} s  {2}", step, time.TotalSeconds, result);
    Information("  total {0:F1} s", total.Elapsed.TotalSeconds);
});

// ---- Helpers of the packaging targets ----

// CfitsioNet.Tool: a .NET tool package (command fits) with CFITSIO and SkiaSharp for the shipped RIDs only.
IEnumerable<string> CheckToolPackage(string version, string[] requiredRids)
{
    var package = packagesDir.CombineWithFilePath($"CfitsioNet.Tool.{version}.nupkg");
    if (!FileExists(package))
        throw new CakeException($"{package} was not packed.");
    using var zip = ZipFile.OpenRead(package.FullPath);
    var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
    const string Dir = "tools/net10.0/any/";
    foreach (var required in new[] { "fits.dll", "DotnetToolSettings.xml", "CfitsioNet.dll", "SkiaSharp.dll", "System.CommandLine.dll", "runtimes/linux-x64/native/libSkiaSharp.so", "runtimes/osx/native/libSkiaSharp.dylib" })
        Expect(entries.Contains(Dir + required), $"CfitsioNet.Tool.{version}.nupkg has no {Dir}{required}");
    foreach (var rid in requiredRids)
    {
        var entry = $"{Dir}runtimes/{rid}/native/{(rid.StartsWith("osx") ? "libcfitsio.dylib" : "libcfitsio.so")}";
        Expect(entries.Contains(entry), $"CfitsioNet.Tool.{version}.nupkg has no {entry}");
        Expect(Sha256OfEntry(package, entry) == Sha256Of(NativeAssetPath(rid)), $"{entry} is not artifacts/native/{rid}'s library");
    }
    var natives = entries.Where(e => e.StartsWith(Dir + "runtimes/")).Select(e => e.Split('/')[4]).Distinct().Order().ToArray();
    Expect(natives.All(r => r is "linux-x64" or "osx" or "osx-arm64"), $"CfitsioNet.Tool.{version}.nupkg carries native assets for other RIDs: {string.Join(", ", natives)}");
    var settings = new System.IO.StreamReader(zip.GetEntry(Dir + "DotnetToolSettings.xml")!.Open()).ReadToEnd();
    Expect(settings.Contains("Command Name=\"fits\""), "DotnetToolSettings.xml does not name the command fits");
    return new[] { $"CfitsioNet.Tool.{version}.nupkg: .NET tool 'fits', CFITSIO for {string.Join(", ", requiredRids)}, SkiaSharp for {string.Join(", ", natives)}, {new System.IO.FileInfo(package.FullPath).Length / 1024 / 1024} MiB" };
}

// Installs the tool from the feed (dotnet tool install --tool-path), runs it with dnx from the feed alone, and
// publishes it NativeAOT; each runs info and preview on a golden file, with any system CFITSIO hidden.
IEnumerable<(string Step, TimeSpan Time, string Outcome)> TestToolPackage(string version, string root, Hiding hiding)
{
    var results = new List<(string, TimeSpan, string)>();
    var golden = repoRoot.CombineWithFilePath("tests/golden/tool/preview.fits").FullPath;
    // The private package folder: dnx and tool install extract CfitsioNet.Tool there, never into the user's cache.
    var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = packTestPackagesDir.FullPath, ["CFITSIONET_LIBRARY"] = "" };

    // A folder of its own, outside root: --add-source refuses root's package source mapping, and NuGet merges the
    // nuget.config files of parent folders. Its nuget.config lists no source, so the feed is the only one.
    var user = CanonicalPath(System.IO.Directory.CreateTempSubdirectory("cfitsionet-tooluser-").FullName);
    System.IO.File.WriteAllText(System.IO.Path.Combine(user, "nuget.config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources><clear /></packageSources>
          <config><add key="globalPackagesFolder" value="{packTestPackagesDir.FullPath}" /></config>
        </configuration>
        """);
    var watch = Stopwatch.StartNew();
    var toolPath = System.IO.Path.Combine(user, "tool");
    Run("dotnet", $"tool install CfitsioNet.Tool --version {version} --tool-path \"{toolPath}\" --add-source \"{packagesDir}\"", user, env);
    var outcome = RunFits("tool install", hiding, System.IO.Path.Combine(toolPath, "fits"), "", user, golden, env);
    results.Add(("dotnet tool install CfitsioNet.Tool", watch.Elapsed, outcome));

    // dnx (.NET 10 SDK): --source replaces every package source with the local feed, so this step works offline.
    watch.Restart();
    var dnx = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(RealFile(DotnetPath()))!, "dnx");
    outcome = RunFits("dnx", hiding, dnx, $"CfitsioNet.Tool@{version} --source \"{packagesDir}\" --yes", user, golden, env);
    results.Add(("dnx CfitsioNet.Tool (local feed only)", watch.Elapsed, outcome));

    watch.Restart();
    var aot = System.IO.Path.Combine(root, "publish", "fits-aot");
    Run("dotnet", $"publish \"{repoRoot.CombineWithFilePath("tools/CfitsioNet.Tool/CfitsioNet.Tool.csproj")}\" -c Release -r {nativeRid} -p:PublishAot=true -p:TrimmerSingleWarn=false -warnaserror -o \"{aot}\"");
    outcome = RunFits("NativeAOT", hiding, System.IO.Path.Combine(aot, "fits"), "", root, golden, env);
    results.Add(($"fits published NativeAOT ({nativeRid})", watch.Elapsed, outcome));
    System.IO.Directory.Delete(user, recursive: true);
    return results;
}

// fits info and fits preview through `exe prefix`: both must succeed and the PNG must exist.
string RunFits(string what, Hiding hiding, string exe, string prefix, string root, string golden, Dictionary<string, string> env)
{
    var png = System.IO.Path.Combine(root, what.Replace(' ', '-') + ".png");
    foreach (var args in new[] { $"{prefix} info \"{golden}\"", $"{prefix} preview \"{golden}\" -o \"{png}\" --stretch zscale --size 32" })
    {
        var (file, arguments) = (exe, args);
        var runEnv = new Dictionary<string, string>(env);
        if (hiding.Active)
        {
            runEnv["CFITSIONET_HIDE"] = string.Join(":", hiding.Files);
            var parts = hiding.Wrapper.Split(' ', 2);
            (file, arguments) = (parts[0], $"{parts[1]} \"{exe}\" {args}");
        }
        var (code, output) = TryCapture(file, arguments, root, runEnv);
        Information("{0}", $"> {exe} {args}   -> exit code {code}");
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            Information("    {0}", line);
        Expect(code == 0, $"{what}: fits {args.Trim()} failed with exit code {code}");
        Expect(args.Contains(" info ") ? output.Contains("CUBE") && output.Contains("(64, 50, 3)") : output.Contains("32 x 25 PNG"), $"{what}: unexpected output of fits {args.Trim()}");
    }
    Expect(System.IO.File.Exists(png), $"{what}: {png} was not written");
    return "info and preview ran" + (hiding.Active ? " (system libcfitsio hidden)" : "");
}

string DotnetPath() =>
    (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => System.IO.Path.Combine(dir, "dotnet")).FirstOrDefault(System.IO.File.Exists)
    ?? throw new CakeException("dotnet is not on PATH.");

FilePath NativeAssetPath(string rid) =>
    artifactsDir.Combine("native").Combine(rid).CombineWithFilePath(rid.StartsWith("osx") ? "libcfitsio.dylib" : "libcfitsio.so");

// The version of the packages in artifacts/packages (both carry the same one).
string PackedVersion()
{
    var natives = System.IO.Directory.Exists(packagesDir.FullPath)
        ? System.IO.Directory.GetFiles(packagesDir.FullPath, "CfitsioNet.Native.*.nupkg")
        : Array.Empty<string>();
    if (natives.Length != 1)
        throw new CakeException($"Expected one CfitsioNet.Native package in {packagesDir}, found {natives.Length}: run ./build.sh --target=Pack.");
    var name = System.IO.Path.GetFileNameWithoutExtension(natives[0]);
    var version = name["CfitsioNet.Native.".Length..];
    if (!FileExists(packagesDir.CombineWithFilePath($"CfitsioNet.{version}.nupkg")))
        throw new CakeException($"{packagesDir} has CfitsioNet.Native {version} but no CfitsioNet.{version}.nupkg.");
    return version;
}

// CfitsioNet.Native holds the native libraries (identical to artifacts/native/<rid>/), the licences, a README and nothing else.
IEnumerable<string> CheckNativePackage(string version, string[] requiredRids)
{
    var package = packagesDir.CombineWithFilePath($"CfitsioNet.Native.{version}.nupkg");
    using var zip = ZipFile.OpenRead(package.FullPath);
    var entries = zip.Entries.Select(e => e.FullName).ToList();
    var assets = entries.Where(e => e.StartsWith("runtimes/")).ToList();
    var allowed = new HashSet<string> { "CfitsioNet.Native.nuspec", "README.md", "LICENSE.cfitsio.txt", "LICENSE.zlib.txt", "_rels/.rels", "[Content_Types].xml" };
    var known = new HashSet<string> { "runtimes/linux-x64/native/libcfitsio.so", "runtimes/osx-arm64/native/libcfitsio.dylib" };
    var unexpected = entries.Where(e => !allowed.Contains(e) && !known.Contains(e) && !e.StartsWith("package/services/metadata/core-properties/")).ToList();
    Expect(unexpected.Count == 0, $"{package.GetFilename()} holds unexpected files: {string.Join(", ", unexpected)}");
    foreach (var name in allowed)
        Expect(entries.Contains(name), $"{package.GetFilename()} lacks {name}");
    foreach (var rid in requiredRids)
        Expect(assets.Any(a => a.StartsWith($"runtimes/{rid}/native/")), $"{package.GetFilename()} lacks the {rid} library");
    foreach (var asset in assets)
    {
        var rid = asset.Split('/')[1];
        var source = NativeAssetPath(rid);
        Expect(FileExists(source) && Sha256OfEntry(package, asset) == Sha256Of(source), $"{asset} in {package.GetFilename()} differs from {source}");
    }
    var nuspec = ReadNuspec(zip, "CfitsioNet.Native.nuspec");
    XNamespace ns = nuspec.Root!.Name.Namespace;
    var metadata = nuspec.Root.Element(ns + "metadata")!;
    Expect(metadata.Element(ns + "dependencies") is null, "CfitsioNet.Native must not declare dependencies (it would tie the package to target frameworks)");
    Expect((string?)metadata.Element(ns + "license") == "CFITSIO AND Zlib", "CfitsioNet.Native's licence expression is not 'CFITSIO AND Zlib'");
    yield return $"{package.GetFilename()}: {string.Join(", ", assets)}, LICENSE.cfitsio.txt, LICENSE.zlib.txt, README.md; nothing else";
}

// CfitsioNet holds both target frameworks with XML docs, depends on exactly this CfitsioNet.Native, and has symbols.
IEnumerable<string> CheckManagedPackage(string version)
{
    var package = packagesDir.CombineWithFilePath($"CfitsioNet.{version}.nupkg");
    using (var zip = ZipFile.OpenRead(package.FullPath))
    {
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        foreach (var tfm in new[] { "net8.0", "net10.0" })
            foreach (var file in new[] { "CfitsioNet.dll", "CfitsioNet.xml" })
                Expect(entries.Contains($"lib/{tfm}/{file}"), $"{package.GetFilename()} lacks lib/{tfm}/{file}");
        Expect(entries.Contains("README.md"), $"{package.GetFilename()} lacks its README");
        foreach (var targets in new[] { "buildTransitive/CfitsioNet.targets", "build/CfitsioNet.targets" })
            Expect(entries.Contains(targets), $"{package.GetFilename()} lacks {targets} (the app's System.GC.LOHThreshold)");
        var nuspec = ReadNuspec(zip, "CfitsioNet.nuspec");
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Expect((string?)metadata.Element(ns + "license") == "MIT", "CfitsioNet's licence expression is not MIT");
        var groups = metadata.Element(ns + "dependencies")?.Elements(ns + "group").ToList() ?? new List<XElement>();
        Expect(groups.Count == 2, $"CfitsioNet should have 2 dependency groups (net8.0, net10.0), has {groups.Count}");
        foreach (var group in groups)
        {
            var native = group.Elements(ns + "dependency").FirstOrDefault(d => (string?)d.Attribute("id") == "CfitsioNet.Native");
            Expect((string?)native?.Attribute("version") == $"[{version}]",
                $"CfitsioNet ({group.Attribute("targetFramework")?.Value}) must depend on CfitsioNet.Native [{version}], found {native?.Attribute("version")?.Value ?? "none"}");
        }
        var repository = metadata.Element(ns + "repository");
        Expect(!string.IsNullOrEmpty((string?)repository?.Attribute("url")) && !string.IsNullOrEmpty((string?)repository?.Attribute("commit")),
            "CfitsioNet's nuspec lacks the repository URL or commit");
        yield return $"{package.GetFilename()}: lib/net8.0 and lib/net10.0 (dll + xml docs), README.md, MIT, depends on CfitsioNet.Native [{version}], repository commit {((string)repository!.Attribute("commit")!)[..12]}";
    }

    var symbols = packagesDir.CombineWithFilePath($"CfitsioNet.{version}.snupkg");
    Expect(FileExists(symbols), $"{symbols} is missing");
    using (var zip = ZipFile.OpenRead(symbols.FullPath))
    {
        var pdbs = zip.Entries.Select(e => e.FullName).Where(e => e.EndsWith(".pdb")).OrderBy(e => e).ToList();
        Expect(pdbs.SequenceEqual(new[] { "lib/net10.0/CfitsioNet.pdb", "lib/net8.0/CfitsioNet.pdb" }), $"{symbols.GetFilename()} holds {string.Join(", ", pdbs)}");
        yield return $"{symbols.GetFilename()}: {string.Join(", ", pdbs)}";
    }
}

XDocument ReadNuspec(ZipArchive zip, string name)
{
    var entry = zip.GetEntry(name) ?? throw new CakeException($"The package has no {name}.");
    using var stream = entry.Open();
    return XDocument.Load(stream);
}

string? Sha256OfEntry(FilePath package, string entryName)
{
    using var zip = ZipFile.OpenRead(package.FullPath);
    var entry = zip.GetEntry(entryName);
    if (entry is null)
        return null;
    using var stream = entry.Open();
    return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
}

// The file a path leads to, every symbolic link on the way resolved (/lib -> /usr/lib, libcfitsio.so.10 -> ...).
string RealFile(string path)
{
    var target = new System.IO.FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? System.IO.Path.GetFullPath(path);
    return System.IO.Path.Combine(CanonicalPath(System.IO.Path.GetDirectoryName(target)!), System.IO.Path.GetFileName(target));
}

// The path with every symbolic link resolved (macOS's /tmp and /var are links): the loaded library's path is compared to it.
string CanonicalPath(string path) => Capture("sh", $"-c \"cd \\\"{path}\\\" && pwd -P\"").Trim();

// How PackTest keeps a system CFITSIO out of reach: on Linux, a private mount namespace in which every system
// libcfitsio file is covered by /dev/null, so loading it fails; nothing to do where there is none.
// Files: the system libcfitsio files found; Wrapper: the command prefix that runs a program with them hidden ("" when
// they cannot be hidden, as on macOS: there the loaded path and its bytes are the proof).
record Hiding(string[] Files, string Wrapper, string Description)
{
    public bool Active => Files.Length > 0 && Wrapper.Length > 0;
}

Hiding SystemLibraryHiding(string root)
{
    var files = SystemCfitsioFiles();
    if (files.Length == 0)
        return new Hiding(files, "", "no system libcfitsio on this machine");
    if (!OperatingSystem.IsLinux())
    {
        Warning("{0}", $"A system CFITSIO is installed ({string.Join(", ", files)}); PackTest can hide it only on Linux, so here the loaded path and bytes are the proof.");
        return new Hiding(files, "", $"system libcfitsio present, not hidden ({string.Join(", ", files)})");
    }

    var script = System.IO.Path.Combine(root, "hide-system-cfitsio.sh");
    System.IO.File.WriteAllText(script, """
        # Runs a command in this mount namespace with every file in $CFITSIONET_HIDE (':'-separated) covered by /dev/null.
        set -e
        old_ifs=$IFS; IFS=:
        for file in $CFITSIONET_HIDE; do mount --bind /dev/null "$file"; done
        IFS=$old_ifs
        exec "$@"
        """.ReplaceLineEndings("\n"));   // Cake hands raw strings over with CRLF line ends, which sh rejects
    // Root (CI) makes a mount namespace directly; others need a user namespace, or sudo.
    string wrapper;
    if (isRoot)
        wrapper = "unshare --mount --propagation private";
    else if (CommandExists("unshare") && TryCapture("unshare", "--user --map-root-user --mount --propagation private true").ExitCode == 0)
        wrapper = "unshare --user --map-root-user --mount --propagation private";
    else if (CommandExists("sudo") && TryCapture("sudo", "-n unshare --mount --propagation private true").ExitCode == 0)
        wrapper = "sudo -n --preserve-env=CFITSIONET_HIDE,CFITSIONET_LIBRARY unshare --mount --propagation private";
    else
        throw new CakeException($"A system CFITSIO is installed ({string.Join(", ", files)}): PackTest hides it in a mount namespace, which needs root, unprivileged user namespaces or passwordless sudo.");
    return new Hiding(files, $"{wrapper} sh \"{script}\"", $"system libcfitsio hidden ({string.Join(", ", files)} covered by /dev/null in a private mount namespace)");
}

// Every system libcfitsio the dynamic loader could find, as real files (symbolic links resolved).
string[] SystemCfitsioFiles()
{
    var candidates = new List<string>();
    if (OperatingSystem.IsLinux())
    {
        var ldconfig = new[] { "/sbin/ldconfig", "/usr/sbin/ldconfig" }.FirstOrDefault(System.IO.File.Exists) ?? "ldconfig";
        var (code, cache) = TryCapture(ldconfig, "-p");
        if (code == 0)
            candidates.AddRange(Regex.Matches(cache, @"^\s*libcfitsio\S*.*=>\s*(\S+)\s*$", RegexOptions.Multiline).Select(m => m.Groups[1].Value));
        foreach (var dir in new[] { "/usr/local/lib", "/usr/lib", "/usr/lib64", "/lib", "/lib64", "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu" })
            if (System.IO.Directory.Exists(dir))
                candidates.AddRange(System.IO.Directory.EnumerateFiles(dir, "libcfitsio.so*"));
    }
    else if (OperatingSystem.IsMacOS())
    {
        foreach (var dir in new[] { "/opt/homebrew/lib", "/usr/local/lib", "/opt/local/lib" })
            if (System.IO.Directory.Exists(dir))
                candidates.AddRange(System.IO.Directory.EnumerateFiles(dir, "libcfitsio*.dylib"));
    }
    return candidates
        .Where(System.IO.File.Exists)
        .Select(RealFile)
        .Distinct()
        .OrderBy(path => path, StringComparer.Ordinal)
        .ToArray();
}

// Runs the consumer (inside the hiding namespace when there is a system CFITSIO) and returns its exit code and key=value lines.
(int ExitCode, Dictionary<string, string> Values) RunConsumer(Hiding hiding, string root, string exe, string args, string workDir, bool hide = true)
{
    // An inherited override would make every run report Origin=Override.
    var env = new Dictionary<string, string> { ["CFITSIONET_LIBRARY"] = "" };
    var (file, arguments) = (exe, args);
    if (hide && hiding.Active)
    {
        env["CFITSIONET_HIDE"] = string.Join(":", hiding.Files);
        var parts = hiding.Wrapper.Split(' ', 2);
        (file, arguments) = (parts[0], $"{parts[1]} \"{exe}\" {args}");
    }
    var (code, output) = TryCapture(file, arguments, workDir, env);
    Information("{0}", $"> {exe} {args}" + (hide && hiding.Active ? "   (system libcfitsio hidden)" : "") + $"   -> exit code {code}");
    foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        Information("    {0}", line);
    var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => line.Split('=', 2)).Where(kv => kv.Length == 2)
        .ToDictionary(kv => kv[0].Trim(), kv => kv[1].Trim());
    return (code, values);
}

// The consumer must pass and must have loaded the packaged file: Origin Bundled, inside its own output, same bytes.
string ExpectBundled(string what, Hiding hiding, string root, string exe, string args, string workDir, string outputDir, string packagedSha, string expectedVersion)
{
    var (code, values) = RunConsumer(hiding, root, exe, args, workDir);
    var path = values.GetValueOrDefault("library.path") ?? "";
    Expect(code == 0 && values.GetValueOrDefault("result") == "ok", $"{what}: the consumer failed (exit code {code}; work folder kept: {root})");
    Expect(values.GetValueOrDefault("library.origin") == "Bundled", $"{what}: Origin is {values.GetValueOrDefault("library.origin")}, expected Bundled");
    Expect(values.GetValueOrDefault("library.version") == expectedVersion, $"{what}: CFITSIO {values.GetValueOrDefault("library.version")}, expected {expectedVersion}");
    Expect(values.GetValueOrDefault("library.reentrant") == "True", $"{what}: the loaded CFITSIO is not reentrant");
    Expect(path.StartsWith(outputDir + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal), $"{what}: loaded {path}, which is not inside {outputDir}");
    Expect(FileExists(path) && Sha256Of(File(path)) == packagedSha, $"{what}: {path} is not the file packaged in CfitsioNet.Native");
    var relative = System.IO.Path.GetRelativePath(outputDir, path);
    return $"Bundled {relative} (packaged bytes), CFITSIO {expectedVersion}, pixels correct";
}

// With ExcludeAssets="native" the resolver must take the system CFITSIO, and fail clearly once that is hidden.
string ExpectSystemFallback(Hiding hiding, string root, string exe, string workDir, string expectedVersion)
{
    var (code, values) = RunConsumer(hiding, root, exe, "", workDir, hide: false);
    if (hiding.Files.Length == 0)
    {
        Expect(code == 2 && values.GetValueOrDefault("library.error", "").Contains("CFITSIO could not be loaded"),
            $"ExcludeAssets=\"native\" without a system CFITSIO: expected a clear load failure, got exit code {code}");
        return "no system CFITSIO here: clear DllNotFoundException, as expected";
    }
    var path = values.GetValueOrDefault("library.path") ?? "";
    Expect(code == 0 && values.GetValueOrDefault("result") == "ok", $"ExcludeAssets=\"native\": the consumer failed (exit code {code}; work folder kept: {root})");
    Expect(values.GetValueOrDefault("library.origin") == "System", $"ExcludeAssets=\"native\": Origin is {values.GetValueOrDefault("library.origin")}, expected System");
    Expect(FileExists(path) && hiding.Files.Contains(RealFile(path)), $"ExcludeAssets=\"native\": loaded {path}, which is not a system CFITSIO");
    if (!hiding.Active)
        return $"System {path} (CFITSIO {values.GetValueOrDefault("library.version")})";

    // The control that proves the hiding works: the same program cannot load CFITSIO at all once it is hidden.
    var (hiddenCode, hiddenValues) = RunConsumer(hiding, root, exe, "", workDir);
    Expect(hiddenCode == 2 && hiddenValues.GetValueOrDefault("library.error", "").Contains("CFITSIO could not be loaded"),
        $"ExcludeAssets=\"native\" with the system CFITSIO hidden: expected a load failure, got exit code {hiddenCode} ({hiddenValues.GetValueOrDefault("library.path")})");
    return $"System {path} (CFITSIO {values.GetValueOrDefault("library.version")}); hidden: load fails, so the hiding works";
}
