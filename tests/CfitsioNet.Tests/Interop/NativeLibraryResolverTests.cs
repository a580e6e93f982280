using CfitsioNet.Interop;
using NUnit.Framework;

namespace CfitsioNet.Tests.Interop;

public sealed class NativeLibraryResolverTests
{
    // ffvers returns MAJOR + MINOR/100 + MICRO/10000 as a float.
    [TestCase(4.02f, "4.2.0")]
    [TestCase(4.0f, "4.0.0")]
    [TestCase(4.0502f, "4.5.2")]
    [TestCase(3.49f, "3.49.0")]
    [TestCase(4.0601f, "4.6.1")]
    public void FormatVersion_decodes_CFITSIOs_float(float encoded, string expected)
    {
        Assert.That(NativeLibraryResolver.FormatVersion(encoded), Is.EqualTo(expected));
    }

    [Test]
    public void Loaded_library_agrees_with_CFITSIOs_own_answers()
    {
        NativeLibraryResolver.LoadedLibrary loaded = NativeLibraryResolver.Loaded;
        Cfitsio.GetVersion(out float version);

        Assert.That(loaded.Version, Is.EqualTo(NativeLibraryResolver.FormatVersion(version)));
        Assert.That(loaded.IsReentrant, Is.EqualTo(Cfitsio.IsReentrant() == 1));
        Assert.That(loaded.Handle, Is.Not.EqualTo(System.IntPtr.Zero));
    }
}
