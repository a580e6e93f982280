using System;
using System.IO;
using System.Linq;

namespace CfitsioNet.Tests.Support;

/// <summary>
/// The tests' one temporary directory: a fresh directory named cfitsionet-PREFIX-RANDOM under the system temp
/// directory (or under /dev/shm when <c>inMemory</c> is asked and it exists), deleted with everything in it on
/// dispose. Also compiled into CfitsioNet.Tool.Tests.
/// </summary>
internal sealed class TempDirectory : IDisposable
{
    private const string MemoryRoot = "/dev/shm";

    /// <summary>Creates the directory.</summary>
    /// <param name="prefix">Part of the directory's name, to tell whose files are left if a run is killed.</param>
    /// <param name="inMemory">
    /// Put it on a tmpfs: a commit fsyncs every file, so suites that write hundreds of files stay fast there.
    /// </param>
    public TempDirectory(string prefix = "tests", bool inMemory = false)
    {
        Path = inMemory && Directory.Exists(MemoryRoot)
            ? Directory.CreateDirectory(System.IO.Path.Combine(MemoryRoot, $"cfitsionet-{prefix}-{Guid.NewGuid():N}")).FullName
            : Directory.CreateTempSubdirectory($"cfitsionet-{prefix}-").FullName;
    }

    /// <summary>Full path of the directory.</summary>
    public string Path { get; }

    /// <summary>Full path of <paramref name="name"/> inside the directory.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="name"/> in the directory; returns its full path.</summary>
    public string Write(string name, byte[] bytes)
    {
        string path = File(name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Names of every entry in the directory, hidden ones included, in ordinal order.</summary>
    public string[] Entries() =>
        Directory.GetFileSystemEntries(Path).Select(entry => System.IO.Path.GetFileName(entry)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Deletes the directory and everything in it (read-only files included); never throws.</summary>
    public void Dispose()
    {
        try
        {
            foreach (string entry in Directory.GetFileSystemEntries(Path, "*", SearchOption.AllDirectories))
            {
                System.IO.File.SetAttributes(entry, FileAttributes.Normal);
            }

            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere must not fail the run; the OS cleans its temp directory eventually.
        }
        catch (UnauthorizedAccessException)
        {
            // A test that took permissions away and failed before giving them back: the same.
        }
    }
}
