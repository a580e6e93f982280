// Native and NativeTest: libcfitsio from the pinned sources (native/), into artifacts/native/<rid>/.
#nullable enable

var nativeSourcesDir = artifactsDir.Combine("native").Combine("sources");
var nativeBuildDir = artifactsDir.Combine("native").Combine("build").Combine(nativeRid);
// The set(NAME "value") lines of native/sources.cmake: tarball names, versions and sha256 pins.
var nativePins = ReadCMakeSets(repoRoot.CombineWithFilePath("native/sources.cmake"));

Task("Native")
    .Description("Builds libcfitsio (and cbench, cfitsio_info, cfitsio_tables) from the pinned tarballs into artifacts/native/<rid>/.")
    .Does(() =>
{
    var stampFile = nativeDir.CombineWithFilePath("source.stamp");
    var stamp = NativeSourceHash();
    if (FileExists(stampFile) && FileExists(nativeLib) && System.IO.File.ReadAllText(stampFile.FullPath).Trim() == stamp)
    {
        Information("{0}", $"Native: up to date, skipped ({nativeLib}; source hash {stamp[..16]}).");
        return;
    }

    if (isDebian)
        EnsureDebianPackages("cmake", "gcc", "g++", "libc6-dev", "make", "git");   // C++: CFITSIO's CMake project enables it; git: native/patches/apply.cmake
    else if (!CommandExists("cmake") || !CommandExists("cc") || !CommandExists("git"))
        throw new CakeException("The native build needs CMake, git and a C compiler: on macOS `xcode-select --install` and `brew install cmake`.");
    EnsureNativeTarballs();
    // The vcpkg port downloads the same tarball by its sha512 (native/vcpkg/ports/cfitsio): keep that pin true too.
    var cfitsioTarball = nativeSourcesDir.CombineWithFilePath(Pin("CFITSIO_TARBALL"));
    var sha512 = Convert.ToHexString(SHA512.HashData(System.IO.File.ReadAllBytes(cfitsioTarball.FullPath))).ToLowerInvariant();
    Expect(sha512 == Pin("CFITSIO_SHA512"), $"{cfitsioTarball} has sha512 {sha512}; native/sources.cmake pins CFITSIO_SHA512 {Pin("CFITSIO_SHA512")}.");

    var configureArgs = $"-S \"{repoRoot.Combine("native")}\" -B \"{nativeBuildDir}\" -DSOURCES_DIR=\"{nativeSourcesDir}\" -DCMAKE_BUILD_TYPE=Release";
    if (OperatingSystem.IsMacOS())
        configureArgs += $" -DCMAKE_OSX_ARCHITECTURES={(nativeRid.EndsWith("arm64") ? "arm64" : "x86_64")} -DCMAKE_OSX_DEPLOYMENT_TARGET=11.0";
    Run("cmake", configureArgs);
    Run("cmake", $"--build \"{nativeBuildDir}\" -j {System.Environment.ProcessorCount}");

    // A clean folder, so a program dropped from native/ does not linger next to the library.
    if (DirectoryExists(nativeDir))
        DeleteDirectory(nativeDir, new DeleteDirectorySettings { Recursive = true, Force = true });
    EnsureDirectoryExists(nativeDir);
    var stage = nativeBuildDir.Combine("stage");
    CopyNative(stage.CombineWithFilePath("lib/" + nativeLibName), nativeLib);
    CopyNative(stage.CombineWithFilePath("test/License.txt"), nativeDir.CombineWithFilePath("LICENSE.cfitsio.txt"));
    CopyNative(stage.CombineWithFilePath("zlib/LICENSE"), nativeDir.CombineWithFilePath("LICENSE.zlib.txt"));
    foreach (var program in new[] { "cbench", "cfitsio_info", "cfitsio_tables" })
    {
        var built = nativeBuildDir.CombineWithFilePath(program);
        if (FileExists(built))
            CopyNative(built, nativeDir.CombineWithFilePath(program));
    }
    System.IO.File.WriteAllText(stampFile.FullPath, stamp + "\n");
    Information("{0}", $"Native: {nativeLib} built.");
});

Task("NativeTest")
    .Description("Checks the native build: CFITSIO's TestProg, cfitsio_info, and the library's dependencies.")
    .IsDependentOn("Native")
    .Does(() => CheckNativeBuild(nativeLib, nativeBuildDir.Combine("stage").Combine("test"), nativeDir.CombineWithFilePath("cfitsio_info"),
        "native/tools/cfitsio_info.c should have built it."));

// The NativeTest checks on one build of libcfitsio (also run by VcpkgNative on vcpkg's): CFITSIO's TestProg from
// stageTest (with testprog.tpt, .out and .std), cfitsio_info, and what the library needs from the system.
void CheckNativeBuild(FilePath library, DirectoryPath stageTest, FilePath infoExe, string infoMissing)
{
    var summary = new List<string>();
    var libraryPath = new Dictionary<string, string> { [OperatingSystem.IsMacOS() ? "DYLD_LIBRARY_PATH" : "LD_LIBRARY_PATH"] = library.GetDirectory().FullPath };
    var work = System.IO.Directory.CreateTempSubdirectory("cfitsionet-nativetest-").FullName;

    // 1. CFITSIO's own test program: its listing and the FITS file it writes must match upstream's exactly.
    foreach (var name in new[] { "TestProg", "testprog.tpt" })
        System.IO.File.Copy(stageTest.CombineWithFilePath(name).FullPath, System.IO.Path.Combine(work, name));
    Information("{0}", $"> ./TestProg > testprog.lis   (in {work})");
    var info = StartInfo(System.IO.Path.Combine(work, "TestProg"), "", work, libraryPath);
    info.RedirectStandardOutput = true;
    using (var testProg = Process.Start(info)!)
    using (var listing = System.IO.File.Create(System.IO.Path.Combine(work, "testprog.lis")))
    {
        testProg.StandardOutput.BaseStream.CopyTo(listing);
        testProg.WaitForExit();
        if (testProg.ExitCode != 0)
            throw new CakeException($"TestProg exited with {testProg.ExitCode} (work folder kept: {work}).");
    }
    ExpectSameFile(System.IO.Path.Combine(work, "testprog.lis"), stageTest.CombineWithFilePath("testprog.out").FullPath, work);
    summary.Add("TestProg: testprog.lis is identical to testprog.out");
    ExpectSameFile(System.IO.Path.Combine(work, "testprog.fit"), stageTest.CombineWithFilePath("testprog.std").FullPath, work);
    summary.Add("TestProg: testprog.fit is identical to testprog.std");

    // 2. cfitsio_info: the version we pinned, built reentrant.
    if (!FileExists(infoExe))
        throw new CakeException($"{infoExe} is missing: {infoMissing}");
    var report = Capture(infoExe.FullPath, "", work, libraryPath)
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => line.Split('=', 2))
        .Where(kv => kv.Length == 2)
        .ToDictionary(kv => kv[0].Trim(), kv => kv[1].Trim());
    var version = Pin("CFITSIO_VERSION");
    var parts = version.Split('.').Select(int.Parse).ToArray();
    var ffvers = (parts[0] + parts[1] * 0.01 + parts[2] * 0.0001).ToString("F3", System.Globalization.CultureInfo.InvariantCulture);
    Expect(report.GetValueOrDefault("version") == version, $"cfitsio_info reports version={report.GetValueOrDefault("version")}, expected {version}");
    Expect(report.GetValueOrDefault("ffvers") == ffvers, $"cfitsio_info reports ffvers={report.GetValueOrDefault("ffvers")}, expected {ffvers}");
    Expect(report.GetValueOrDefault("reentrant") == "1", $"cfitsio_info reports reentrant={report.GetValueOrDefault("reentrant")}, expected 1");
    summary.Add($"cfitsio_info: version={version} (ffvers={ffvers}), reentrant=1");

    // 3. What the shipped library needs from the system: only libc and libm.
    if (OperatingSystem.IsMacOS())
    {
        var ownId = nativeLibName;
        var needed = Capture("otool", $"-L \"{library}\"")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Trim().Split(" (")[0])
            .Where(path => System.IO.Path.GetFileName(path) != ownId && !path.StartsWith("@rpath/libcfitsio"))
            .ToList();
        var extra = needed.Where(path => path != "/usr/lib/libSystem.B.dylib").ToList();
        Expect(extra.Count == 0, $"{library} links against more than libSystem: {string.Join(", ", extra)}");
        summary.Add($"dependencies (otool -L): {string.Join(", ", needed)}");
    }
    else
    {
        if (!CommandExists("readelf") || !CommandExists("objdump"))
            EnsureDebianPackages("binutils");
        var dynamic = Capture("readelf", $"-d \"{library}\"");
        var needed = Regex.Matches(dynamic, @"\(NEEDED\)\s+Shared library: \[(.+?)\]").Select(m => m.Groups[1].Value).ToList();
        var soname = Regex.Match(dynamic, @"\(SONAME\)\s+Library soname: \[(.+?)\]").Groups[1].Value;
        // libpthread.so.0 is part of the C library too: glibc before 2.34 (Debian 11, where releases are built) kept it apart.
        var extra = needed.Except(new[] { "libc.so.6", "libm.so.6", "libpthread.so.0" }).ToList();
        Expect(extra.Count == 0, $"{library} needs more than libc, libm (and libpthread): {string.Join(", ", extra)}");
        Expect(soname == nativeLibName, $"{library} has SONAME '{soname}', expected {nativeLibName}");
        var glibc = Regex.Matches(Capture("objdump", $"-T \"{library}\""), @"GLIBC_(\d+(?:\.\d+)+)")
            .Select(m => Version.Parse(m.Groups[1].Value.Contains('.') ? m.Groups[1].Value : m.Groups[1].Value + ".0"))
            .DefaultIfEmpty(new Version(0, 0)).Max()!;
        summary.Add($"NEEDED: {string.Join(", ", needed)}; SONAME: {soname}");
        summary.Add($"highest symbol version required: GLIBC_{glibc}");
    }

    System.IO.Directory.Delete(work, recursive: true);
    Information("NativeTest passed ({0}):", library);
    foreach (var line in summary)
        Information("  ok  {0}", line);
}

// ---- Helpers of the native targets ----

string Pin(string name) =>
    nativePins.TryGetValue(name, out var value) ? value : throw new CakeException($"native/sources.cmake has no set({name} \"...\") line.");

Dictionary<string, string> ReadCMakeSets(FilePath file) =>
    Regex.Matches(System.IO.File.ReadAllText(file.FullPath), @"^\s*set\(\s*(\w+)\s+""([^""]*)""\s*\)", RegexOptions.Multiline)
        .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

// Hash of everything the native build depends on: the tarball pins and every file under native/
// (CMake build trees someone made inside native/ excepted), so editing any of them triggers a rebuild.
string NativeSourceHash()
{
    var nativeRoot = repoRoot.Combine("native").FullPath;
    var text = new System.Text.StringBuilder();
    text.Append("cfitsio ").Append(Pin("CFITSIO_SHA256")).Append('\n');
    text.Append("zlib ").Append(Pin("ZLIB_SHA256")).Append('\n');
    var buildTrees = System.IO.Directory.EnumerateFiles(nativeRoot, "CMakeCache.txt", System.IO.SearchOption.AllDirectories)
        .Select(cache => System.IO.Path.GetDirectoryName(cache)! + "/").ToList();
    var vcpkgPort = System.IO.Path.Combine(nativeRoot, "vcpkg") + "/";   // the vcpkg route's own files (VcpkgNative)
    var files = System.IO.Directory.EnumerateFiles(nativeRoot, "*", System.IO.SearchOption.AllDirectories)
        .Where(path => !buildTrees.Any(tree => path.StartsWith(tree, StringComparison.Ordinal)))
        .Where(path => !path.StartsWith(vcpkgPort, StringComparison.Ordinal))
        .Select(path => System.IO.Path.GetRelativePath(nativeRoot, path).Replace('\\', '/'))
        .OrderBy(path => path, StringComparer.Ordinal);
    foreach (var file in files)
        text.Append(file).Append(' ').Append(Sha256Of(File(System.IO.Path.Combine(nativeRoot, file)))).Append('\n');
    return Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
}

// Makes sure both pinned tarballs sit in artifacts/native/sources/ with the pinned sha256, fetching them from
// Debian's source archive (upstream tarballs of Debian 12's cfitsio and zlib packages) when they do not.
void EnsureNativeTarballs()
{
    EnsureDirectoryExists(nativeSourcesDir);
    var tarballs = new[] { (Name: Pin("CFITSIO_TARBALL"), Sha256: Pin("CFITSIO_SHA256")), (Name: Pin("ZLIB_TARBALL"), Sha256: Pin("ZLIB_SHA256")) };
    var missing = new List<(string Name, string Sha256)>();
    foreach (var tarball in tarballs)
    {
        var path = nativeSourcesDir.CombineWithFilePath(tarball.Name);
        if (!FileExists(path))
            missing.Add(tarball);
        else if (Sha256Of(path) != tarball.Sha256)
        {
            Warning("{0}", $"{path} does not have the pinned sha256: fetching it again.");
            DeleteFile(path);
            missing.Add(tarball);
        }
    }
    if (missing.Count == 0)
        return;

    var names = string.Join(" and ", missing.Select(t => t.Name));
    if (isDebian && !HasArgument("sources-from-url"))
    {
        EnsureDebianPackages("debian-archive-keyring");
        FetchDebianSourceTarballs(missing.Select(t => t.Name.Split('_')[0]).ToArray());
    }
    else
    {
        // Elsewhere (macOS), or with --sources-from-url, the same files straight from Debian's pool; the pins below
        // are what make them trustworthy.
        Information("{0}", $"Fetching {names} from Debian's archive by URL (sha256 checked against native/sources.cmake).");
        foreach (var tarball in missing)
            DownloadDebianPoolFile(tarball.Name, nativeSourcesDir.CombineWithFilePath(tarball.Name));
    }

    foreach (var tarball in missing)
    {
        var path = nativeSourcesDir.CombineWithFilePath(tarball.Name);
        if (!FileExists(path))
            throw new CakeException($"Debian's source archive did not provide {tarball.Name}: has the package moved to another upstream version? Update native/sources.cmake, or put the file into {nativeSourcesDir}.");
        var actual = Sha256Of(path);
        if (actual != tarball.Sha256)
            throw new CakeException($"sha256 mismatch for {path}: got {actual}, native/sources.cmake pins {tarball.Sha256}.");
    }
}

// apt-get source with a private sources list, lists and cache: the system's apt configuration is left alone.
void FetchDebianSourceTarballs(string[] sourcePackages)
{
    var state = System.IO.Directory.CreateTempSubdirectory("cfitsionet-apt-").FullName;
    try
    {
        System.IO.Directory.CreateDirectory(System.IO.Path.Combine(state, "lists", "partial"));
        System.IO.Directory.CreateDirectory(System.IO.Path.Combine(state, "cache", "archives", "partial"));
        var sourcesList = System.IO.Path.Combine(state, "sources.list");
        System.IO.File.WriteAllText(sourcesList,
            "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main\n");
        var apt = $"-q -o Dir::Etc::SourceList={sourcesList} -o Dir::Etc::SourceParts=/dev/null " +
                  $"-o Dir::State::Lists={state}/lists -o Dir::Cache={state}/cache" +
                  // apt's _apt sandbox user cannot enter this private folder.
                  (isRoot ? " -o APT::Sandbox::User=root" : "");
        Run("apt-get", apt + " update");
        Run("apt-get", apt + " source --tar-only --download-only " + string.Join(" ", sourcePackages), nativeSourcesDir.FullPath);
    }
    finally
    {
        System.IO.Directory.Delete(state, recursive: true);
    }
}

// Downloads an upstream tarball of a Debian source package from the pool (first the live archive, then the archive of
// retired releases). The caller checks the sha256 pin.
void DownloadDebianPoolFile(string tarball, FilePath destination)
{
    var package = tarball.Split('_')[0];
    var pool = $"pool/main/{package[..1]}/{package}/{tarball}";
    using var http = new System.Net.Http.HttpClient { Timeout = TimeSpan.FromMinutes(5) };
    var failures = new List<string>();
    foreach (var mirror in new[] { "https://deb.debian.org/debian/", "https://archive.debian.org/debian/" })
    {
        try
        {
            Information("{0}", $"> GET {mirror}{pool}");
            var bytes = http.GetByteArrayAsync(mirror + pool).GetAwaiter().GetResult();
            System.IO.File.WriteAllBytes(destination.FullPath, bytes);
            return;
        }
        catch (Exception e) when (e is System.Net.Http.HttpRequestException or TaskCanceledException)
        {
            failures.Add($"{mirror}{pool}: {e.Message}");
        }
    }
    throw new CakeException($"Could not download {tarball}:\n  " + string.Join("\n  ", failures) +
        $"\nPut it into {destination.GetDirectory()} yourself (sha256 pinned in native/sources.cmake).");
}

void CopyNative(FilePath from, FilePath to)
{
    if (!FileExists(from))
        throw new CakeException($"The native build did not produce {from}.");
    System.IO.File.Copy(from.FullPath, to.FullPath, overwrite: true);
}

void ExpectSameFile(string actual, string expected, string work)
{
    var a = System.IO.File.ReadAllBytes(actual);
    var e = System.IO.File.ReadAllBytes(expected);
    if (a.AsSpan().SequenceEqual(e))
        return;
    var aLines = System.Text.Encoding.Latin1.GetString(a).Split('\n');
    var eLines = System.Text.Encoding.Latin1.GetString(e).Split('\n');
    var first = Enumerable.Range(0, Math.Min(aLines.Length, eLines.Length)).FirstOrDefault(i => aLines[i] != eLines[i], -1);
    var where = first >= 0
        ? $"first difference at line {first + 1}:\n  got:      {aLines[first]}\n  expected: {eLines[first]}"
        : $"sizes differ: {a.Length} bytes, expected {e.Length}";
    throw new CakeException($"{System.IO.Path.GetFileName(actual)} differs from {System.IO.Path.GetFileName(expected)}; {where}\n(work folder kept: {work})");
}

void Expect(bool condition, string failure)
{
    if (!condition)
        throw new CakeException(failure);
}
