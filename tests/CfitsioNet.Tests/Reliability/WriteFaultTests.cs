using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Reliability;

/// <summary>
/// Writes under fault (issue 7, item 6): a writer process killed mid-write, a full disk and a read-only file system.
/// The old file must stay byte-identical, nothing may take the final name, and only the writer's hidden temporary
/// file (<c>.NAME.RANDOM.tmp</c>, docs/writing.md) may be left behind, and only by a killed process.
/// </summary>
[TestFixture]
[NonParallelizable] // mounts file systems
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class WriteFaultTests
{
    private TempDirectory _folder = null!;

    [SetUp]
    public void MakeFolder() => _folder = new TempDirectory("faults");

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    [TestCase(0)]
    [TestCase(300)]
    [TestCase(1500)]
    public void A_writer_killed_mid_write_leaves_the_old_file_intact_and_nothing_under_its_name(int killAfterMilliseconds)
    {
        string path = _folder.File("data.fits");
        byte[] old = WriteOldFile(path);

        using (Process writer = StartFuzzTool("write-slow", path, "--images", "2000", "--pause-ms", "20"))
        {
            string? line = ReadLineWithin(writer, TimeSpan.FromSeconds(60));
            Assert.That(line, Is.EqualTo("writing"), "the writer did not start writing");
            Thread.Sleep(killAfterMilliseconds);
            Assert.That(writer.HasExited, Is.False, "the writer finished before it could be killed; give it more images");
            writer.Kill(); // SIGKILL: no finalizer, no Dispose, no Commit
            Assert.That(writer.WaitForExit(30_000), Is.True);
        }

        Assert.That(File.ReadAllBytes(path), Is.EqualTo(old), "the old file changed");
        string[] others = _folder.Entries().Where(e => e != "data.fits").ToArray();
        Assert.That(others, Has.All.Match(@"^\.data\.fits\..+\.tmp$"), "only the writer's hidden temporary file may remain");
        Assert.That(others, Has.Length.EqualTo(1), "the killed writer's temporary file is where docs/writing.md says");
        Assert.That(new FileInfo(_folder.File(others[0])).Length, Is.GreaterThan(0), "the writer was killed before it wrote anything");

        // The survivor is a partial FITS file that was never published; the old file still reads as before.
        using FitsFile fits = FitsFile.Open(path);
        Assert.That(fits.Primary.Read<short>(), Is.EqualTo(OldPixels));
    }

    [Test]
    public void A_full_disk_gives_an_exception_naming_the_path_and_leaves_nothing_behind()
    {
        string mount = MountTmpfs("size=1m");
        try
        {
            string path = Path.Combine(mount, "big.fits");
            var pixels = new float[1024 * 1024]; // 4 MiB: cannot fit in 1 MiB
            Exception? error = null;
            try
            {
                using FitsFile fits = FitsFile.Create(path);
                fits.AddImage<float>(pixels, [1024, 1024]);
                fits.Commit();
            }
            catch (Exception e) when (e is FitsException or IOException or InvalidOperationException)
            {
                error = e;
            }

            Assert.That(error, Is.Not.Null, "a 4 MiB file was committed to a 1 MiB file system");
            Exception reported = error is InvalidOperationException { InnerException: { } inner } ? inner : error!;
            Assert.That(reported, Is.InstanceOf<FitsException>().Or.InstanceOf<IOException>(), error!.ToString());
            Assert.That(reported.Message, Does.Contain(path), reported.ToString());
            Assert.That(Directory.GetFileSystemEntries(mount), Is.Empty, "a partial file was left behind");
            TestContext.Out.WriteLine(reported.ToString());
        }
        finally
        {
            Unmount(mount);
        }
    }

    [Test]
    public void A_read_only_file_system_gives_an_exception_naming_the_path_and_keeps_the_old_file()
    {
        string mount = MountTmpfs("size=1m");
        try
        {
            string path = Path.Combine(mount, "old.fits");
            byte[] old = WriteOldFile(path);
            Run("mount", "-o", "remount,ro", mount);

            var refused = Assert.Throws(Is.InstanceOf<IOException>().Or.InstanceOf<UnauthorizedAccessException>(), () => FitsFile.Create(path, overwrite: true));
            Assert.That(refused!.Message, Does.Contain(path));
            var fresh = Assert.Throws(Is.InstanceOf<IOException>().Or.InstanceOf<UnauthorizedAccessException>(), () => FitsFile.Create(Path.Combine(mount, "new.fits")));
            Assert.That(fresh!.Message, Does.Contain(Path.Combine(mount, "new.fits")));

            Assert.That(File.ReadAllBytes(path), Is.EqualTo(old));
            Assert.That(Directory.GetFileSystemEntries(mount).Select(Path.GetFileName), Is.EqualTo(new[] { "old.fits" }));
        }
        finally
        {
            Unmount(mount);
        }
    }

    private static readonly short[] OldPixels = Enumerable.Range(0, 64).Select(i => (short)(i * 7 - 100)).ToArray();

    private static byte[] WriteOldFile(string path)
    {
        using (FitsFile fits = FitsFile.Create(path))
        {
            fits.AddImage<short>(OldPixels, [8, 8]);
            fits.Commit();
        }

        return File.ReadAllBytes(path);
    }

    private string MountTmpfs(string options)
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("tmpfs mounts are a Linux test.");
        }

        string mount = Directory.CreateDirectory(_folder.File("mnt")).FullName;
        (int code, string output) = Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", mount);
        if (code != 0)
        {
            Assert.Ignore($"Cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): {output.Trim()}");
        }

        return mount;
    }

    private static void Unmount(string mount)
    {
        if (Run("umount", mount).Code != 0)
        {
            Run("umount", "-l", mount);
        }
    }

    private static (int Code, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using Process process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }

    private static Process StartFuzzTool(params string[] arguments) => FuzzTool.Start(arguments);

    private static string? ReadLineWithin(Process process, TimeSpan timeout) => FuzzTool.ReadLineWithin(process, timeout);
}
