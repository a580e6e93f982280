using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests;

/// <summary>Holds the temporary directory that test files are written to for the whole run.</summary>
[SetUpFixture]
public sealed class TestRun
{
    private static TempDirectory? s_directory;

    /// <summary>A directory for this run's files, deleted when the run ends.</summary>
    internal static TempDirectory Files => s_directory ??= new TempDirectory();

    [OneTimeTearDown]
    public void DeleteFiles()
    {
        s_directory?.Dispose();
        s_directory = null;
    }
}
