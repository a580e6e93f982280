// CfitsioNet build: ./build.sh --target=<Target> [--configuration=Release|Debug] [--filter=<test filter>] [--quick]
//
//   Native      libcfitsio from the pinned tarballs -> artifacts/native/<rid>/   (build/native.cake)
//   NativeTest  CFITSIO's TestProg, cfitsio_info, the library's dependencies     (build/native.cake)
//   Build       dotnet build of the solution                                     (build/dotnet.cake)
//   Test        NUnit tests, summary line "Tests: N passed, N failed"            (build/dotnet.cake)
//   Demo        runs samples/Demo                                                (build/dotnet.cake)
//   Pack        CfitsioNet + CfitsioNet.Native packages -> artifacts/packages/   (build/pack.cake)
//   PackTest    a fresh consumer runs them: run, self-contained, trimmed, AOT    (build/pack.cake)
//   Default     Test
//
// Shared values and helpers (target, configuration, quick, repoRoot, artifactsDir, nativeRid, nativeDir,
// nativeLib, Run, Exec, Capture, EnsureDebianPackages, ...) are in build/common.cake, loaded first.

#load "build/common.cake"

// ---- New targets go here ----
// Every build/*.cake file is loaded by the glob below (alphabetical order, after common.cake; a file loaded
// twice is loaded once), so a new build/bench.cake, build/pack.cake or build/fuzz.cake needs no edit here.
// Refer to other files' targets by name (IsDependentOn("Build")), which works in any load order. An explicit
// `#load "build/<name>.cake"` line below this comment is also fine, one line per file.
#load "build/*.cake"

Task("Default")
    .IsDependentOn("Test");

RunTarget(target);
