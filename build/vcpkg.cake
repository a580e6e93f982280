// VcpkgNative: the vcpkg route to libcfitsio (vcpkg.json + vcpkg-configuration.json -> the overlay port
// native/vcpkg/ports/cfitsio, which applies native/patches), built with vcpkg and checked as NativeTest checks Native.
#nullable enable

Task("VcpkgNative")
    .Description("Builds CFITSIO with vcpkg through the overlay port native/vcpkg/ports/cfitsio and runs the NativeTest checks on it.")
    .Does(() =>
{
    var vcpkg = FindVcpkg() ?? throw new CakeException(
        "VcpkgNative needs vcpkg, and there is none on PATH or in $VCPKG_ROOT. Get it with\n" +
        "  git clone https://github.com/microsoft/vcpkg.git && ./vcpkg/bootstrap-vcpkg.sh -disableMetrics\n" +
        "then put that folder on PATH (or set VCPKG_ROOT to it) and run ./build.sh --target=VcpkgNative again.\n" +
        "vcpkg itself needs git, curl, zip, unzip, tar, pkg-config, CMake and a C compiler\n" +
        "(Debian: apt-get install git curl zip unzip tar pkg-config cmake build-essential). docs/packaging.md, \"The vcpkg route\".");
    var triplet = nativeRid switch
    {
        "linux-x64" => "x64-linux-cfitsionet",
        "osx-arm64" => "arm64-osx-cfitsionet",
        _ => throw new CakeException($"native/triplets has no vcpkg triplet for {nativeRid}: add one like x64-linux-cfitsionet.cmake."),
    };

    var vcpkgDir = artifactsDir.Combine("native").Combine("vcpkg");
    var installRoot = vcpkgDir.Combine("installed");
    // Binary caching off: vcpkg's ABI hash covers the port's own folder, not native/patches, so a cached package
    // could predate an edited patch. vcpkg-configuration.json names the overlay port and triplets.
    Run(vcpkg, $"install --triplet={triplet} --x-manifest-root=\"{repoRoot}\" --x-install-root=\"{installRoot}\" " +
               $"--x-buildtrees-root=\"{vcpkgDir.Combine("buildtrees")}\" --x-packages-root=\"{vcpkgDir.Combine("packages")}\" " +
               "--binarysource=clear --disable-metrics");

    var prefix = installRoot.Combine(triplet);
    var library = prefix.CombineWithFilePath("lib/" + nativeLibName);
    if (!FileExists(library))
        throw new CakeException($"vcpkg install did not produce {library}.");

    // cfitsio_info, compiled against vcpkg's header and library.
    var infoExe = vcpkgDir.CombineWithFilePath("cfitsio_info");
    Run(CommandExists("cc") ? "cc" : "gcc",
        $"-std=c11 -O2 -o \"{infoExe}\" \"{repoRoot.CombineWithFilePath("native/tools/cfitsio_info.c")}\" " +
        $"-I\"{prefix.Combine("include")}\" -L\"{prefix.Combine("lib")}\" -Wl,-rpath,\"{prefix.Combine("lib")}\" -lcfitsio -lm");
    CheckNativeBuild(library, prefix.Combine("tools").Combine("cfitsio").Combine("test"), infoExe,
        "compiling native/tools/cfitsio_info.c against vcpkg's cfitsio should have built it.");
});

// vcpkg on PATH, or in the folder $VCPKG_ROOT names; null when there is neither.
string? FindVcpkg()
{
    if (CommandExists("vcpkg"))
        return "vcpkg";
    var root = System.Environment.GetEnvironmentVariable("VCPKG_ROOT");
    var inRoot = string.IsNullOrEmpty(root) ? null : System.IO.Path.Combine(root, "vcpkg");
    return inRoot is not null && System.IO.File.Exists(inRoot) ? inRoot : null;
}
