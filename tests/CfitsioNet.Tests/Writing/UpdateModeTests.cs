using System;
using System.IO;
using System.Linq;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Update;

/// <summary><see cref="FitsFile.OpenForUpdate"/>: in-place edits where safe, a renamed copy otherwise; astropy reads the results.</summary>
public sealed class UpdateModeTests
{
    private static readonly string Golden = Path.Combine(AppContext.BaseDirectory, "golden");

    private TempDirectory _directory = null!;

    [SetUp]
    public void SetUp() => _directory = new TempDirectory();

    [TearDown]
    public void TearDown() => _directory.Dispose();

    [Test]
    public void Changing_a_value_is_written_in_place_and_astropy_reads_it()
    {
        string path = Copy("image_extension.fits");
        byte[] before = File.ReadAllBytes(path);
        long inode = Inode(path);
        using (FitsFile fits = FitsFile.OpenForUpdate(path))
        {
            fits[1].Header.Set("EXTNAME", "RENAMED");
            Assert.That(fits[1].Header.GetStringOrNull("EXTNAME"), Is.EqualTo("RENAMED"), "read back before saving");
            Assert.That(fits.InPlaceEdits, Is.EqualTo(1));
            Assert.That(fits.UpdatesOnCopy, Is.False);
        }

        byte[] after = File.ReadAllBytes(path);
        Assert.That(Inode(path), Is.EqualTo(inode), "the same file, edited in place");
        Assert.That(after.Length, Is.EqualTo(before.Length));
        int changed = Enumerable.Range(0, after.Length).Count(i => after[i] != before[i]);
        Assert.That(changed, Is.InRange(1, 80), "one card changed");
        Assert.That(Astropy(path, "print(f[1].header['EXTNAME'], f[1].data.sum())"), Is.EqualTo($"RENAMED {Sum(path, 1)}"));
    }

    [Test]
    public void In_place_edits_give_the_bytes_CFITSIO_writes_on_a_copy()
    {
        string inPlace = Copy("image_extension.fits", "a.fits");
        string onCopy = Copy("image_extension.fits", "b.fits");
        int inPlaceEdits;
        using (FitsFile a = FitsFile.OpenForUpdate(inPlace))
        {
            Edit(a);
            inPlaceEdits = a.InPlaceEdits;
        }

        using (FitsFile b = FitsFile.OpenForUpdate(onCopy))
        {
            lock (b.Sync)
            {
                b.EnsureUpdateCopy();
            }

            Edit(b);
            Assert.That(b.InPlaceEdits, Is.Zero);
        }

        Assert.That(inPlaceEdits, Is.GreaterThanOrEqualTo(4), "most edits ran in place");
        Assert.That(File.ReadAllBytes(inPlace), Is.EqualTo(File.ReadAllBytes(onCopy)));

        static void Edit(FitsFile fits)
        {
            Header header = fits[1].Header;
            header.Set("EXTNAME", "X");
            header.Set("OBSERVER", "Edwin Hubble", "who");
            header.Set("EXPTIME", 30.5);
            header.Set("OBSERVER", "Vera Rubin");
            header.AddHistory("edited in update mode");
            header.AddComment("a comment");
            header.Remove("EXPTIME");
            header.Set("LONGSTR", new string('x', 100));
            for (int i = 0; i < 40; i++)
            {
                header.AddHistory($"card {i}"); // grows the header by a block
            }

            header.Remove("HISTORY"); // END stays in the last block
            header.Set("AFTER", 1);
        }
    }

    [Test]
    public void Removing_cards_in_place_keeps_END_in_the_last_block_as_CFITSIO_does()
    {
        string inPlace = Copy("int16_2d.fits", "a.fits");
        using (FitsFile grow = FitsFile.OpenForUpdate(inPlace))
        {
            for (int i = 0; i < 40; i++)
            {
                grow.Primary.Header.Set($"KEY{i}", i); // the header grows to two blocks
            }
        }

        string onCopy = _directory.File("b.fits");
        File.Copy(inPlace, onCopy);
        using (FitsFile a = FitsFile.OpenForUpdate(inPlace))
        {
            for (int i = 0; i < 40; i++)
            {
                a.Primary.Header.Remove($"KEY{i}");
            }

            Assert.That(a.InPlaceEdits, Is.EqualTo(40));
        }

        using (FitsFile b = FitsFile.OpenForUpdate(onCopy))
        {
            lock (b.Sync)
            {
                b.EnsureUpdateCopy();
            }

            for (int i = 0; i < 40; i++)
            {
                b.Primary.Header.Remove($"KEY{i}");
            }
        }

        Assert.That(File.ReadAllBytes(inPlace), Is.EqualTo(File.ReadAllBytes(onCopy)));
        Verify(inPlace);
        Assert.That(Astropy(inPlace, "print(len(f[0].header), f[0].data.sum())"), Is.EqualTo($"36 {Sum(onCopy, 0)}"), "astropy counts the 30 blank cards before END");
    }

    [Test]
    public void A_header_that_must_grow_goes_through_a_copy_renamed_in()
    {
        string path = Copy("int16_2d.fits");
        long inode = Inode(path);
        using (FitsFile fits = FitsFile.OpenForUpdate(path))
        {
            for (int i = 0; i < 50; i++)
            {
                fits.Primary.Header.Set($"KEY{i}", i);
            }

            Assert.That(fits.UpdatesOnCopy, Is.True);
            Assert.That(Directory.GetFiles(_directory.Path, ".*.tmp"), Has.Length.EqualTo(1), "the temporary copy");
            fits.Save();
            Assert.That(fits.UpdatesOnCopy, Is.False);
            int inPlace = fits.InPlaceEdits; // the first keys fitted in the header's blank cards
            fits.Primary.Header.Set("KEY0", 99);
            Assert.That(fits.InPlaceEdits, Is.EqualTo(inPlace + 1), "after the save, edits are in place again");
        }

        Assert.That(Inode(path), Is.Not.EqualTo(inode));
        Assert.That(Directory.GetFiles(_directory.Path, ".*.tmp"), Is.Empty);
        Assert.That(Astropy(path, "print(f[0].header['KEY0'], f[0].header['KEY49'], f[0].data.sum())"), Is.EqualTo($"99 49 {Sum(path, 0)}"));
        Verify(path);
    }

    [Test]
    public void An_image_HDU_is_appended_and_checksums_updated()
    {
        string path = Copy("int16_2d.fits");
        int[] pixels = Enumerable.Range(0, 30).ToArray();
        using (FitsFile fits = FitsFile.OpenForUpdate(path))
        {
            fits.AddImage<int>(pixels, [5, 6], new ImageWriteOptions { Name = "ADDED" });
            fits.Primary.UpdateChecksum();
            fits[1].UpdateChecksum();
        }

        Assert.That(
            Astropy(path, "f.verify('exception'); print(len(f), f[1].name, f[1].data.sum(), f[0].header['CHECKSUM'] != '')", "checksum=True"),
            Is.EqualTo("2 ADDED 435 True"));
        using FitsFile read = FitsFile.Open(path);
        Assert.That(read[0].VerifyChecksum().IsValid, Is.True);
        Assert.That(read[1].AsImage().Read<int>(), Is.EqualTo(pixels));
        Verify(path);
    }

    [Test]
    public void A_failed_write_leaves_the_file_as_it_was()
    {
        string path = Copy("int16_2d.fits");
        byte[] before = File.ReadAllBytes(path);
        using (FitsFile fits = FitsFile.OpenForUpdate(path))
        {
            fits.AddEmptyImage();
            Assert.Catch(() => fits.AddImage<int>(new int[3], [2, 2])); // 3 pixels for a 2 x 2 shape
        }

        Assert.That(File.ReadAllBytes(path), Is.EqualTo(before));
        Assert.That(Directory.GetFiles(_directory.Path, ".*.tmp"), Is.Empty);
    }

    [Test]
    public void Save_needs_update_mode_and_read_only_files_stay_read_only()
    {
        string path = Copy("int16_2d.fits");
        using FitsFile fits = FitsFile.Open(path);
        Assert.Throws<InvalidOperationException>(() => fits.Save());
        Assert.Throws<InvalidOperationException>(() => fits.Primary.Header.Set("A", 1));
        Assert.Throws<FileNotFoundException>(() => FitsFile.OpenForUpdate(_directory.File("missing.fits")));
    }

    [Test]
    public void A_gzip_file_is_refused_and_left_as_it_was()
    {
        // Found by the fuzzer's UpdateEdit probe: CFITSIO reads a .gz file from an uncompressed copy in memory, so an
        // in-place write went into the compressed bytes.
        string path = _directory.File("compressed.fits.gz");
        File.WriteAllBytes(path, InMemory.MemorySources.Gzip(File.ReadAllBytes(Path.Combine(Golden, "int16_2d.fits"))));
        byte[] before = File.ReadAllBytes(path);
        FitsException e = Assert.Throws<FitsException>(() => FitsFile.OpenForUpdate(path))!;
        Assert.That(e.Message, Does.Contain("compressed"));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(before));
    }

    private string Copy(string golden, string? name = null)
    {
        string path = _directory.File(name ?? golden);
        File.Copy(Path.Combine(Golden, golden), path);
        return path;
    }

    private static long Inode(string path)
    {
        ProcessResult run = WritingTools.Run("stat", ["-c", "%i", path], Path.GetDirectoryName(path)!);
        return long.Parse(run.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Sum(string path, int hdu) => Astropy(path, $"print(f[{hdu}].data.sum())");

    private static string Astropy(string path, string body, string openOptions = "")
    {
        WritingTools.RequireTool(WritingTools.HasAstropy, "astropy");
        string script = $"import sys\nfrom astropy.io import fits\nwith fits.open(sys.argv[1]{(openOptions.Length > 0 ? ", " + openOptions : "")}) as f:\n    {body}\n";
        ProcessResult run = WritingTools.Run("/usr/bin/python3", ["-c", script, path], Path.GetDirectoryName(path)!);
        Assert.That(run.ExitCode, Is.Zero, run.StandardError);
        return run.StandardOutput.Trim();
    }

    private static void Verify(string path)
    {
        if (WritingTools.HasFitsverify)
        {
            string name = Path.GetFileName(path);
            Assert.That(WritingTools.RunFitsverify(Path.GetDirectoryName(path)!, [name])[name].Clean, Is.True, WritingTools.FitsverifyReport(path));
        }
    }
}
