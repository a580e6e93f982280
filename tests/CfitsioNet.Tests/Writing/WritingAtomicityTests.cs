using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests;

/// <summary>
/// FitsFile.Create writes under a temporary name and publishes by rename on Commit: the target path holds either the old
/// file or the complete new one, nothing is left behind on failure, and existing files are only replaced when asked.
/// (Killing a real process mid-write belongs to the reliability tests; here abandonment is simulated by dropping the
/// FitsFile without disposing it.)
/// </summary>
[TestFixture]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix permissions and rename semantics
public sealed class WritingAtomicityTests
{
    private static readonly short[] s_pixels = Enumerable.Range(0, 12).Select(i => (short)(i * 100 - 500)).ToArray();

    private TempDirectory _folder = null!;

    [SetUp]
    public void MakeFolder() => _folder = new TempDirectory("atomic");

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    [Test]
    public void Create_refuses_an_existing_file_unless_asked_and_leaves_it_intact()
    {
        string path = _folder.File("old.fits");
        byte[] old = WriteOldFile(path);

        var error = Assert.Throws<IOException>(() => FitsFile.Create(path));
        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain(path));
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(old));
            Assert.That(_folder.Entries(), Is.EqualTo(new[] { "old.fits" }), "nothing else may appear in the folder");
        });
    }

    [Test]
    public void Nothing_appears_at_the_path_before_Commit()
    {
        string path = _folder.File("new.fits");
        using FitsFile fits = FitsFile.Create(path);
        fits.AddImage<short>(s_pixels, [3, 4]);

        string[] entries = _folder.Entries();
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(path), Is.False);
            Assert.That(entries, Has.Length.EqualTo(1));
            Assert.That(entries[0], Does.StartWith(".new.fits.").And.EndWith(".tmp"), "a hidden temporary file in the same folder");
            Assert.That(fits.FileName, Is.EqualTo(path));
        });
    }

    [Test]
    public void Dispose_without_Commit_keeps_the_old_file_and_deletes_the_temporary_file()
    {
        string path = _folder.File("data.fits");
        byte[] old = WriteOldFile(path);

        using (FitsFile fits = FitsFile.Create(path, overwrite: true))
        {
            fits.AddImage<float>(new float[100], [10, 10]);
            Assert.That(_folder.Entries(), Has.Length.EqualTo(2), "old file and temporary file");
        }

        Assert.That(File.ReadAllBytes(path), Is.EqualTo(old));
        Assert.That(_folder.Entries(), Is.EqualTo(new[] { "data.fits" }));
    }

    [Test]
    public void Commit_replaces_the_old_file_and_keeps_its_permissions()
    {
        string path = _folder.File("data.fits");
        WriteOldFile(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        using (FitsFile fits = FitsFile.Create(path, overwrite: true))
        {
            fits.AddImage<int>([1, 2, 3], [3]);
            fits.Commit();
        }

        using FitsFile reopened = FitsFile.Open(path);
        Assert.Multiple(() =>
        {
            Assert.That(reopened.Primary.Read<int>(), Is.EqualTo(new[] { 1, 2, 3 }));
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead));
            Assert.That(_folder.Entries(), Is.EqualTo(new[] { "data.fits" }));
        });
    }

    [Test]
    public void A_failed_write_faults_the_file_and_Commit_refuses()
    {
        string path = _folder.File("data.fits");
        byte[] old = WriteOldFile(path);

        using (FitsFile fits = FitsFile.Create(path, overwrite: true))
        {
            fits.AddImage<short>(s_pixels, [3, 4]);
            Assert.Throws<ArgumentException>(() => fits.AddImage<short>(s_pixels, [5, 5]), "12 pixels for a 5x5 shape");

            var refused = Assert.Throws<InvalidOperationException>(() => fits.Commit());
            Assert.That(refused!.InnerException, Is.InstanceOf<ArgumentException>(), "the original failure travels with the refusal");
            Assert.Throws<InvalidOperationException>(() => fits.AddImage<short>(s_pixels, [3, 4]), "a faulted file takes no more writes");
            Assert.That(fits.Primary.Read<short>(), Is.EqualTo(s_pixels), "what was written can still be read");
        }

        Assert.That(File.ReadAllBytes(path), Is.EqualTo(old));
        Assert.That(_folder.Entries(), Is.EqualTo(new[] { "data.fits" }));
    }

    [Test]
    public void A_CFITSIO_error_faults_the_file_too()
    {
        string path = _folder.File("data.fits");
        using (FitsFile fits = FitsFile.Create(path))
        {
            ImageHdu hdu = fits.AddImage<short>(s_pixels, [3, 4]);
            var error = Assert.Throws<FitsException>(() => hdu.AppendKeyword("BAD=KEY", 1L), "CFITSIO refuses '=' in a keyword name");
            Assert.That(error!.Status, Is.Not.Zero);
            Assert.Throws<InvalidOperationException>(() => fits.Commit());
        }

        Assert.That(_folder.Entries(), Is.Empty);
    }

    [Test]
    public void An_abandoned_file_never_takes_the_target_name()
    {
        string path = _folder.File("data.fits");
        byte[] old = WriteOldFile(path);

        AbandonWithoutDispose(path);
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(old), "while the abandoned file is still alive");

        // The handle's finalizer closes CFITSIO's file and deletes the temporary file.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(old));
        Assert.That(_folder.Entries(), Is.EqualTo(new[] { "data.fits" }));
    }

    [Test]
    public void A_target_that_appears_before_Commit_is_not_replaced()
    {
        string path = _folder.File("race.fits");
        using FitsFile fits = FitsFile.Create(path);
        fits.AddImage<short>(s_pixels, [3, 4]);
        File.WriteAllText(path, "someone else's file");

        var error = Assert.Throws<IOException>(() => fits.Commit());
        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain(path));
            Assert.That(File.ReadAllText(path), Is.EqualTo("someone else's file"));
            Assert.That(_folder.Entries(), Is.EqualTo(new[] { "race.fits" }), "the temporary file is deleted");
            Assert.Throws<ObjectDisposedException>(() => fits.Primary.Read<short>(), "a failed commit closes the file");
        });
    }

    [Test]
    public void A_dangling_symbolic_link_counts_as_an_existing_file()
    {
        string path = _folder.File("link.fits");
        File.CreateSymbolicLink(path, _folder.File("nowhere.fits"));
        Assert.Throws<IOException>(() => FitsFile.Create(path));
    }

    [Test]
    public void A_folder_at_the_path_is_refused()
    {
        string path = _folder.File("folder.fits");
        Directory.CreateDirectory(path);
        var error = Assert.Throws<IOException>(() => FitsFile.Create(path, overwrite: true));
        Assert.That(error!.Message, Does.Contain(path));
    }

    [Test]
    public void A_missing_folder_is_reported_with_the_path()
    {
        string path = Path.Combine(_folder.Path, "missing", "data.fits");
        var error = Assert.Throws<DirectoryNotFoundException>(() => FitsFile.Create(path));
        Assert.That(error!.Message, Does.Contain(path));
        Assert.That(_folder.Entries(), Is.Empty);
    }

    [Test]
    public void A_read_only_folder_is_reported_with_the_path()
    {
        string folder = Path.Combine(_folder.Path, "locked");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            if (CanCreateFileIn(folder))
            {
                Assert.Ignore("This process can write into a read-only folder (it runs as root), so permission errors cannot be provoked.");
            }

            string path = Path.Combine(folder, "data.fits");
            var error = Assert.Throws<IOException>(() => FitsFile.Create(path));
            Assert.That(error!.Message, Does.Contain(path));
            Assert.That(Directory.GetFileSystemEntries(folder), Is.Empty);
        }
        finally
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Test]
    public void Commit_closes_the_file()
    {
        string path = _folder.File("data.fits");
        FitsFile fits = FitsFile.Create(path);
        ImageHdu hdu = fits.AddImage<short>(s_pixels, [3, 4]);
        fits.Commit();

        Assert.Multiple(() =>
        {
            Assert.Throws<ObjectDisposedException>(() => hdu.Read<short>());
            Assert.Throws<InvalidOperationException>(() => fits.Commit(), "a second commit");
            Assert.DoesNotThrow(() => fits.Dispose(), "disposing after commit does nothing");
            Assert.That(File.Exists(path), Is.True, "disposing after commit keeps the file");
        });
    }

    [Test]
    public void Commit_without_HDUs_writes_an_empty_primary()
    {
        string path = _folder.File("empty.fits");
        using (FitsFile fits = FitsFile.Create(path))
        {
            Assert.That(fits.HduCount, Is.Zero);
            fits.Commit();
        }

        using FitsFile reopened = FitsFile.Open(path);
        Assert.That(reopened.HduCount, Is.EqualTo(1));
        Assert.That(reopened.Primary.Info.Rank, Is.Zero);
        Assert.That(new FileInfo(path).Length, Is.EqualTo(2880));
    }

    [Test]
    public void Commit_and_writes_need_a_file_made_by_Create()
    {
        string path = _folder.File("data.fits");
        WriteOldFile(path);
        using FitsFile opened = FitsFile.Open(path);
        Assert.Throws<InvalidOperationException>(() => opened.Commit());
        Assert.Throws<InvalidOperationException>(() => opened.AddImage<short>(s_pixels, [12]));
    }

    private static bool CanCreateFileIn(string folder)
    {
        string probe = Path.Combine(folder, ".probe");
        try
        {
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AbandonWithoutDispose(string path)
    {
        FitsFile fits = FitsFile.Create(path, overwrite: true);
        fits.AddImage<double>(new double[1000], [1000]);
    }

    private static byte[] WriteOldFile(string path)
    {
        using (FitsFile fits = FitsFile.Create(path))
        {
            fits.AddImage<byte>([9, 8, 7, 6], [2, 2]);
            fits.Commit();
        }

        return File.ReadAllBytes(path);
    }
}
