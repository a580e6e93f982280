using System;
using System.IO;
using NUnit.Framework;

namespace CfitsioNet.Tests;

public sealed class CfitsioLibraryTests
{
    [Test]
    public void Tests_run_on_the_CFITSIO_built_by_the_project_not_the_system_one()
    {
        // The resolver falls back to Debian's libcfitsio.so.10; a green run on it would prove nothing about the
        // library we ship. Build it (./build.sh --target Native) or set CFITSIONET_LIBRARY.
        LibraryOrigin origin = CfitsioLibrary.Origin;
        Assert.That(origin, Is.AnyOf(LibraryOrigin.Bundled, LibraryOrigin.Override),
                    $"loaded {CfitsioLibrary.Path} as {origin}");
        Assert.That(CfitsioLibrary.Version, Is.EqualTo("4.2.0"));
        Assert.That(CfitsioLibrary.IsReentrant, Is.True, "built with pthreads");
    }

    [Test]
    public void Loaded_library_is_not_the_one_the_system_package_installed()
    {
        // Debian's libcfitsio10 is also 4.2.0 and reentrant, so version checks alone cannot tell it apart, and an
        // override can point at it too. Our build lives in the repository (or next to the tests), never in /usr.
        string path = CfitsioLibrary.Path;
        string resolved = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

        Assert.That(resolved, Does.Not.StartWith("/usr/").And.Not.StartWith("/lib"),
                    $"{path} is a system CFITSIO; build the project's (./build.sh --target=Native)");
    }

    [Test]
    public void Path_is_the_file_that_was_loaded()
    {
        string path = CfitsioLibrary.Path;

        Assert.That(Path.IsPathFullyQualified(path), Is.True, path);
        Assert.That(File.Exists(path), Is.True, path);
        string? chosen = Environment.GetEnvironmentVariable("CFITSIONET_LIBRARY");
        if (CfitsioLibrary.Origin == LibraryOrigin.Override)
        {
            Assert.That(path, Is.EqualTo(Path.GetFullPath(chosen!)));
        }
        else
        {
            Assert.That(string.IsNullOrEmpty(chosen), Is.True, "an override is never ignored");
            Assert.That(path, Does.StartWith(AppContext.BaseDirectory), "bundled next to the test assembly");
        }
    }
}
