using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace CfitsioNet.Tests.Native;

/// <summary>
/// The two routes to libcfitsio, native/CMakeLists.txt (the Native target) and the vcpkg overlay port
/// native/vcpkg/ports/cfitsio (VcpkgNative), must build the same thing: the same patch files in the same order, the
/// same pinned version, the same CFITSIO options. These read the repository's files; nothing is built.
/// </summary>
[TestFixture]
public sealed class VcpkgPortTests
{
    private static readonly string Native = Path.Combine(RepositoryRoot(), "native");
    private static readonly string Portfile = File.ReadAllText(Path.Combine(Native, "vcpkg", "ports", "cfitsio", "portfile.cmake"));

    [Test]
    public void The_overlay_port_applies_exactly_the_patch_files_in_order()
    {
        string[] onDisk = Directory.GetFiles(Path.Combine(Native, "patches"), "*.patch")
            .Select(Path.GetFileName).OfType<string>().OrderBy(name => name, StringComparer.Ordinal).ToArray();
        Match patches = Regex.Match(Portfile, @"PATCHES\s+(?<list>[^)]*)\)");
        Assert.That(patches.Success, Is.True, "portfile.cmake has no PATCHES list");
        string[] listed = Regex.Matches(patches.Groups["list"].Value, @"\$\{patches\}/(?<name>[^""\s]+\.patch)")
            .Select(m => m.Groups["name"].Value).ToArray();

        Assert.That(onDisk, Is.Not.Empty);
        Assert.That(onDisk, Has.All.Match(@"^\d{4}-[a-z0-9-]+\.patch$"), "patch files are named NNNN-short-name.patch");
        Assert.That(listed, Is.EqualTo(onDisk), "native/vcpkg/ports/cfitsio/portfile.cmake PATCHES vs native/patches/*.patch");
    }

    [Test]
    public void The_overlay_port_has_the_pinned_version()
    {
        Dictionary<string, string> pins = Regex.Matches(File.ReadAllText(Path.Combine(Native, "sources.cmake")), @"^set\((\w+) ""([^""]*)""\)", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        using JsonDocument port = JsonDocument.Parse(File.ReadAllText(Path.Combine(Native, "vcpkg", "ports", "cfitsio", "vcpkg.json")));

        Assert.That(port.RootElement.GetProperty("name").GetString(), Is.EqualTo("cfitsio"));
        Assert.That(port.RootElement.GetProperty("version").GetString(), Is.EqualTo(pins["CFITSIO_VERSION"]));
        Assert.That(pins["CFITSIO_SHA512"], Does.Match("^[0-9a-f]{128}$"));
        Assert.That(Portfile, Does.Contain("SHA512 \"${CFITSIO_SHA512}\"").And.Contain("${CFITSIO_TARBALL}"));
    }

    [Test]
    public void The_overlay_port_builds_cfitsio_with_the_options_of_the_cmake_build()
    {
        string[] options = ["USE_CURL", "USE_PTHREADS", "USE_BZIP2", "TESTS", "UTILS", "BUILD_SHARED_LIBS", "CMAKE_PLATFORM_NO_VERSIONED_SONAME"];
        string superbuild = File.ReadAllText(Path.Combine(Native, "CMakeLists.txt"));
        string cfitsioProject = superbuild[superbuild.IndexOf("ExternalProject_Add(cfitsio", StringComparison.Ordinal)..];

        Dictionary<string, string> cmake = Options(cfitsioProject, options);
        Dictionary<string, string> vcpkg = Options(Portfile, options);
        // vcpkg sets BUILD_SHARED_LIBS from the triplet: the cfitsionet triplets make cfitsio alone dynamic.
        vcpkg["BUILD_SHARED_LIBS"] = "ON";

        Assert.That(cmake.Keys, Is.EquivalentTo(options), "native/CMakeLists.txt sets every option");
        Assert.That(vcpkg, Is.EquivalentTo(cmake));
        foreach (string triplet in Directory.GetFiles(Path.Combine(Native, "triplets"), "*-cfitsionet.cmake"))
        {
            Assert.That(Regex.IsMatch(File.ReadAllText(triplet), @"if\(PORT STREQUAL ""cfitsio""\)\s+set\(VCPKG_LIBRARY_LINKAGE dynamic\)"),
                Is.True, $"{Path.GetFileName(triplet)} makes cfitsio a shared library");
        }
    }

    [Test]
    public void The_manifest_takes_cfitsio_from_the_overlay_port()
    {
        string root = RepositoryRoot();
        using JsonDocument configuration = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "vcpkg-configuration.json")));
        string[] overlays = configuration.RootElement.GetProperty("overlay-ports").EnumerateArray().Select(e => e.GetString()!).ToArray();
        string[] triplets = configuration.RootElement.GetProperty("overlay-triplets").EnumerateArray().Select(e => e.GetString()!).ToArray();
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "vcpkg.json")));
        string?[] dependencies = manifest.RootElement.GetProperty("dependencies").EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetProperty("name").GetString()).ToArray();

        Assert.That(overlays, Is.EqualTo(new[] { "native/vcpkg/ports" }));
        Assert.That(triplets, Is.EqualTo(new[] { "native/triplets" }));
        Assert.That(File.Exists(Path.Combine(root, overlays[0], "cfitsio", "portfile.cmake")), Is.True);
        Assert.That(dependencies, Is.EqualTo(new[] { "cfitsio" }));
    }

    // -DNAME=VALUE settings of the given names in a CMake text.
    private static Dictionary<string, string> Options(string text, string[] names) =>
        Regex.Matches(text, @"-D(?<name>[A-Z0-9_]+)=(?<value>ON|OFF)\b")
            .Where(m => names.Contains(m.Groups["name"].Value))
            .GroupBy(m => m.Groups["name"].Value)
            .ToDictionary(g => g.Key, g => g.First().Groups["value"].Value);

    // The checkout the tests run from: the first folder above the test output that holds CfitsioNet.sln.
    private static string RepositoryRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CfitsioNet.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no CfitsioNet.sln above {AppContext.BaseDirectory}");
    }
}
