using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.InMemory;

/// <summary>
/// <see cref="FitsFile.CreateInMemory"/> and <see cref="FitsFile.Create(Stream)"/> write the bytes
/// <see cref="FitsFile.Create(string, bool)"/> writes to disk for the same calls, and astropy reads them.
/// </summary>
public sealed class MemoryCreateTests
{
    private static readonly short[] Small = Enumerable.Range(0, 12 * 10).Select(i => (short)((i * 37) - 2000)).ToArray();

    // 1.2 million floats: the buffer grows many times.
    private static readonly float[] Large = Enumerable.Range(0, 1000 * 1200).Select(i => (i % 977) * 0.25f).ToArray();

    private static readonly int[] Counts = Enumerable.Range(0, 64 * 50).Select(i => (i % 91) - 40).ToArray();

    public static IEnumerable<TestCaseData> Recipes()
    {
        yield return new TestCaseData("no HDU", (Action<FitsFile>)(_ => { })).SetArgDisplayNames("no HDU");
        yield return new TestCaseData("one image", (Action<FitsFile>)(f => f.AddImage<short>(Small, [12, 10]))).SetArgDisplayNames("one image");
        yield return new TestCaseData("extensions and keywords", (Action<FitsFile>)(f =>
        {
            ImageHdu primary = f.AddImage<short>(Small, [12, 10]);
            primary.Header.Set("OBSERVER", "Edwin Hubble", "who");
            primary.Header.Set("EXPTIME", 12.5);
            primary.Header.AddHistory("made in memory");
            f.AddImage<float>(Large, [1000, 1200], new ImageWriteOptions { Name = "SCI", Version = 2 });
            f.AddEmptyImage(new ImageWriteOptions { Name = "EMPTY" });
        })).SetArgDisplayNames("extensions and keywords");
        yield return new TestCaseData("compressed", (Action<FitsFile>)(f =>
        {
            f.AddEmptyImage();
            f.AddImage<int>(Counts, [64, 50], new ImageWriteOptions { Compression = new ImageCompression(CompressionAlgorithm.Rice) });
            f.AddImage<float>(Large, [1000, 1200], new ImageWriteOptions
            {
                Compression = new ImageCompression(CompressionAlgorithm.Gzip1) { QuantizeLevel = 16, DitherSeed = 7 },
            });
        })).SetArgDisplayNames("compressed");
    }

    [TestCaseSource(nameof(Recipes))]
    public void Memory_and_stream_bytes_equal_the_file_written_by_path(string name, Action<FitsFile> write)
    {
        using var folder = new TempDirectory();
        string path = folder.File("disk.fits");
        using (FitsFile disk = FitsFile.Create(path))
        {
            write(disk);
            disk.Commit();
        }

        byte[] expected = File.ReadAllBytes(path);
        Assert.That(expected.Length % 2880, Is.Zero);

        byte[] inMemory;
        byte[] copied;
        using (FitsFile memory = FitsFile.CreateInMemory())
        {
            Assert.That(memory.IsInMemory, Is.True);
            write(memory);
            inMemory = memory.ToByteArray();
            using var copy = new MemoryStream();
            memory.CopyTo(copy);
            copied = copy.ToArray();
        }

        var stream = new MemoryStream();
        using (FitsFile toStream = FitsFile.Create(stream))
        {
            write(toStream);
            Assert.That(stream.Length, Is.Zero, "nothing reaches the stream before Commit");
            toStream.Commit();
        }

        Assert.That(inMemory, Is.EqualTo(expected), $"{name}: ToArray");
        Assert.That(copied, Is.EqualTo(expected), $"{name}: CopyTo");
        Assert.That(stream.ToArray(), Is.EqualTo(expected), $"{name}: Create(Stream) + Commit");
    }

    [Test]
    public void Astropy_reads_a_file_made_in_memory()
    {
        WritingTools.RequireTool(WritingTools.HasAstropy, "astropy");
        byte[] bytes;
        using (FitsFile memory = FitsFile.CreateInMemory())
        {
            memory.AddImage<short>(Small, [12, 10]).Header.Set("OBSERVER", "Edwin Hubble");
            memory.AddImage<float>(Large, [1000, 1200], new ImageWriteOptions { Name = "SCI" });
            bytes = memory.ToByteArray();
        }

        using var folder = new TempDirectory();
        string path = folder.File("memory.fits");
        File.WriteAllBytes(path, bytes);
        const string script = """
            import sys, hashlib, numpy
            from astropy.io import fits
            with fits.open(sys.argv[1]) as f:
                for h in f:
                    d = h.data
                    print(h.name, h.header.get('OBSERVER', '-'), d.dtype.name, d.shape, hashlib.sha256(d.astype(d.dtype.newbyteorder('<')).tobytes()).hexdigest())
            """;
        ProcessResult run = WritingTools.Run("/usr/bin/python3", ["-c", script, path], folder.Path);
        Assert.That(run.ExitCode, Is.Zero, run.StandardError);
        string[] lines = run.StandardOutput.Trim().Split('\n');
        Assert.That(lines, Is.EqualTo(new[]
        {
            $"PRIMARY Edwin Hubble int16 (12, 10) {WritingTools.Sha256<short>(Small)}",
            $"SCI - float32 (1000, 1200) {WritingTools.Sha256<float>(Large)}",
        }));
        if (WritingTools.HasFitsverify)
        {
            Assert.That(WritingTools.RunFitsverify(folder.Path, ["memory.fits"])["memory.fits"].Clean, Is.True, WritingTools.FitsverifyReport(path));
        }
    }

    [Test]
    public void A_file_made_in_memory_reads_back_before_and_after_taking_its_bytes()
    {
        using FitsFile memory = FitsFile.CreateInMemory();
        memory.AddImage<short>(Small, [12, 10]);
        byte[] first = memory.ToByteArray();
        Assert.That(memory.Primary.Read<short>(), Is.EqualTo(Small));
        memory.AddImage<int>(Counts, [64, 50]);
        byte[] second = memory.ToByteArray();
        Assert.That(second.Length, Is.GreaterThan(first.Length));
        using FitsFile reopened = FitsFile.Open(second);
        Assert.That(reopened.HduCount, Is.EqualTo(2));
        Assert.That(reopened[1].AsImage().Read<int>(), Is.EqualTo(Counts));
    }

    [Test]
    public void Disposing_a_stream_file_without_Commit_writes_nothing()
    {
        var stream = new MemoryStream();
        using (FitsFile file = FitsFile.Create(stream))
        {
            file.AddImage<short>(Small, [12, 10]);
        }

        Assert.That(stream.Length, Is.Zero);
        Assert.Throws<ArgumentException>(() => FitsFile.Create(new MemoryStream([], writable: false)));
        using FitsFile disk = FitsFile.Open(Path.Combine(MemorySources.GoldenDirectory, "int16_2d.fits"));
        Assert.Throws<InvalidOperationException>(() => disk.ToByteArray());
    }
}
