using System.IO;
using System.IO.Compression;
using CfitsioNet.Direct;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Direct;

/// <summary>When the direct path must step aside, and what the user sees then: CFITSIO's values or CFITSIO's errors.</summary>
public sealed class DirectReadFallbackTests
{
    [Test]
    public void Data_that_ends_exactly_at_end_of_file_is_read_directly_as_CFITSIO_reads_it()
    {
        byte[] stored = DirectReadFiles.RandomStored(16, 999 * 1001, seed: 3);
        string path = new TestFitsWriter().Primary(16, [1001, 999], stored)
            .TruncateLastData(stored.Length)
            .Write(TestRun.Files.File("direct-unpadded.fits"));
        Assert.That(new FileInfo(path).Length % 2880, Is.Not.Zero, "the file has no padding");

        using FitsFile cfitsio = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly);
        using FitsFile direct = FitsFile.Open(path, DirectReadFiles.Direct());
        Assert.That(direct.Primary.Read<short>(), Is.EqualTo(cfitsio.Primary.Read<short>()));
        Assert.That(direct.DirectReadCount, Is.EqualTo(1));
    }

    [Test]
    public void A_truncated_file_gets_CFITSIOs_error()
    {
        byte[] stored = DirectReadFiles.RandomStored(32, 200 * 100, seed: 4);
        string path = new TestFitsWriter().Primary(32, [200, 100], stored)
            .TruncateLastData(stored.Length - 1)
            .Write(TestRun.Files.File("direct-truncated.fits"));

        using FitsFile cfitsio = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly);
        FitsException expected = Assert.Throws<FitsException>(() => cfitsio.Primary.Read<int>())!;
        foreach (bool map in new[] { false, true })
        {
            using FitsFile direct = FitsFile.Open(path, DirectReadFiles.Direct(map));
            FitsException actual = Assert.Throws<FitsException>(() => direct.Primary.Read<int>())!;
            Assert.That(actual.Status, Is.EqualTo(expected.Status), map ? "mapped" : "positioned");
            Assert.That(direct.DirectReadCount, Is.Zero);
        }
    }

    [Test]
    public void A_file_truncated_while_open_is_not_read_past_its_end()
    {
        byte[] stored = DirectReadFiles.RandomStored(-64, 300 * 200, seed: 5);
        string path = DirectReadFiles.WritePrimary("direct-shrinks.fits", -64, [300, 200], stored);
        foreach (bool map in new[] { false, true })
        {
            File.WriteAllBytes(path, new TestFitsWriter().Primary(-64, [200, 300], stored).ToArray());
            using FitsFile direct = FitsFile.Open(path, DirectReadFiles.Direct(map));
            double[] first = direct.Primary.Read<double>();
            Assert.That(direct.DirectReadCount, Is.EqualTo(1));

            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
            {
                stream.SetLength(2880 + 1000);
            }

            Assert.Throws<FitsException>(() => direct.Primary.Read<double>(), map ? "mapped" : "positioned");
            Assert.That(direct.DirectReadCount, Is.EqualTo(1), "the second read fell back to CFITSIO");
            Assert.That(first.Length, Is.EqualTo(60000));
        }
    }

    [Test]
    public void A_gzip_file_is_read_by_CFITSIO()
    {
        byte[] stored = DirectReadFiles.RandomStored(16, 120 * 80, seed: 6);
        byte[] fits = new TestFitsWriter().Primary(16, [120, 80], stored).ToArray();
        string plain = TestRun.Files.File("direct-gzip-source.fits");
        File.WriteAllBytes(plain, fits);
        string gz = TestRun.Files.File("direct-gzip.fits.gz");
        using (FileStream output = File.Create(gz))
        using (var zip = new GZipStream(output, CompressionLevel.Fastest))
        {
            zip.Write(fits);
        }

        using FitsFile reference = FitsFile.Open(plain, FitsOpenOptions.CfitsioOnly);
        using FitsFile compressed = FitsFile.Open(gz, DirectReadFiles.Direct());
        Assert.That(compressed.Primary.Read<short>(), Is.EqualTo(reference.Primary.Read<short>()));
        Assert.That(compressed.DirectReadCount, Is.Zero, "a gzip file is not a plain-file driver file");
    }

    [Test]
    public void Extended_syntax_and_switched_off_files_are_read_by_CFITSIO()
    {
        byte[] stored = DirectReadFiles.RandomStored(-32, 256 * 256, seed: 7);
        string path = DirectReadFiles.WritePrimary("direct-extended.fits", -32, [256, 256], stored);
        using FitsFile reference = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly);
        float[] expected = reference.Primary.Read<float>();

        using FitsFile extended = FitsFile.OpenExtended(path);
        Assert.That(extended.Primary.Read<float>(), Is.EqualTo(expected));
        Assert.That(extended.DirectReadCount, Is.Zero);

        using FitsFile off = FitsFile.Open(path, new FitsOpenOptions { DirectRead = false, MemoryMap = true });
        Assert.That(off.Primary.Read<float>(), Is.EqualTo(expected));
        Assert.That(off.DirectReadCount, Is.Zero);

        using FitsFile byDefault = FitsFile.Open(path);
        Assert.That(byDefault.Primary.Read<float>(), Is.EqualTo(expected));
        Assert.That(byDefault.DirectReadCount, Is.EqualTo(DirectReadSwitch.Disabled ? 0 : 1), "256 KiB goes the direct way by default");
    }

    [Test]
    public void Small_images_in_extensions_are_left_to_CFITSIO_by_default()
    {
        byte[] stored = DirectReadFiles.RandomStored(16, 64 * 64, seed: 8);
        string path = new TestFitsWriter().Primary(16, [64, 64], stored).ImageExtension(16, [64, 64], stored)
            .Write(TestRun.Files.File("direct-small.fits"));
        using FitsFile file = FitsFile.Open(path);
        using FitsFile reference = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly);
        Assert.That(file[1].AsImage().Read<short>(), Is.EqualTo(reference[1].AsImage().Read<short>()));
        Assert.That(file.DirectReadCount, Is.Zero);

        // A small primary image of a deferred open is read directly: CFITSIO is not open to read it (DeferredOpenTests).
        using FitsFile deferred = FitsFile.Open(path);
        Assert.That(deferred.Primary.Read<short>(), Is.EqualTo(reference.Primary.Read<short>()));
        Assert.That(deferred.DirectReadCount, Is.EqualTo(DirectReadSwitch.Disabled ? 0 : 1));
    }

    [Test]
    public void A_disposed_file_throws_ObjectDisposedException_on_every_path()
    {
        byte[] stored = DirectReadFiles.RandomStored(16, 100 * 100, seed: 9);
        string path = DirectReadFiles.WritePrimary("direct-disposed.fits", 16, [100, 100], stored);
        foreach (bool map in new[] { false, true })
        {
            FitsFile file = FitsFile.Open(path, DirectReadFiles.Direct(map));
            ImageHdu image = file.Primary;
            image.Read<short>();
            file.Dispose();
            Assert.Throws<System.ObjectDisposedException>(() => image.Read<short>());
        }
    }

    [TestCase(null, null, false)]
    [TestCase(true, null, true)]
    [TestCase(false, null, false)]
    [TestCase(null, "0", true)]
    [TestCase(null, "false", true)]
    [TestCase(null, " OFF ", true)]
    [TestCase(null, "1", false)]
    [TestCase(null, "", false)]
    [TestCase(false, "0", true)]
    public void The_global_switch_reads_the_AppContext_switch_and_the_environment(bool? appContextSwitch, string? environment, bool disabled)
    {
        Assert.That(DirectReadSwitch.IsDisabled(appContextSwitch, environment), Is.EqualTo(disabled));
    }

    [Test]
    public void A_plan_is_refused_when_the_data_unit_is_not_exactly_the_padded_pixels()
    {
        byte[] stored = DirectReadFiles.RandomStored(16, 10 * 10, seed: 10);
        string path = DirectReadFiles.WritePrimary("direct-plan.fits", 16, [10, 10], stored);
        using FitsFile file = FitsFile.Open(path);
        ImageInfo info = file.Primary.Info;

        Assert.That(DirectImagePlan.TryCreate(info, 2880, 2880 + 2880), Is.Not.Null);
        Assert.That(DirectImagePlan.TryCreate(info, 2880, 2880 + (2 * 2880)), Is.Null, "GCOUNT/PCOUNT make the data unit larger");
        Assert.That(DirectImagePlan.TryCreate(info, 2880, 2880 + 200), Is.Null, "unpadded end");
    }
}
