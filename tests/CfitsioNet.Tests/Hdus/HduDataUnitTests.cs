using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using NUnit.Framework;

namespace CfitsioNet.Tests.Hdus;

/// <summary><see cref="Hdu.Layout"/> against astropy's fileinfo(), and <see cref="Hdu.ReadDataBytes"/> against the file's own bytes.</summary>
public sealed class HduDataUnitTests
{
    private static string Golden(string name) => Path.Combine(AppContext.BaseDirectory, "golden", name);

    [TestCase("headers/mef.fits")]
    [TestCase("tables.fits")]
    [TestCase("reading/gz_i16.fits.gz")]
    [TestCase("reading/rice_cube.fits")]
    public void Layout_matches_astropy_fileinfo(string name)
    {
        string path = Golden(name);
        // hdrLoc, datLoc, datLoc + datSpan for every HDU (datSpan is the padded length).
        string[] expected = Python(
            "import sys; from astropy.io import fits\n" +
            "with fits.open(sys.argv[1]) as h:\n" +
            "    for i in range(len(h)):\n" +
            "        f = h.fileinfo(i); print(f['hdrLoc'], f['datLoc'], f['datLoc'] + f['datSpan'])", path);
        using FitsFile fits = FitsFile.Open(path);
        string[] actual = fits.Select(hdu => hdu.Layout).Select(l => $"{l.HeaderStart} {l.DataStart} {l.DataEnd}").ToArray();
        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void ReadDataBytes_returns_the_stored_bytes_of_a_table()
    {
        string path = Golden("tables.fits");
        byte[] file = File.ReadAllBytes(path);
        using FitsFile fits = FitsFile.Open(path);
        foreach (Hdu hdu in fits.Skip(1))
        {
            HduLayout layout = hdu.Layout;
            var bytes = new byte[layout.PaddedDataSize];
            hdu.ReadDataBytes(0, bytes);
            Assert.That(bytes, Is.EqualTo(file.AsSpan((int)layout.DataStart, bytes.Length).ToArray()), $"HDU {hdu.Index}");

            var middle = new byte[7];
            hdu.ReadDataBytes(5, middle);
            Assert.That(middle, Is.EqualTo(file.AsSpan((int)layout.DataStart + 5, 7).ToArray()));
        }
    }

    [Test]
    public void ReadDataBytes_of_a_gzip_file_reads_the_decompressed_stream()
    {
        string path = Golden("reading/gz_i16.fits.gz");
        using var decompressed = new MemoryStream();
        using (var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress))
        {
            gzip.CopyTo(decompressed);
        }

        byte[] file = decompressed.ToArray();
        using FitsFile fits = FitsFile.Open(path);
        HduLayout layout = fits[1].Layout;
        var bytes = new byte[100];
        fits[1].ReadDataBytes(10, bytes);
        Assert.That(bytes, Is.EqualTo(file.AsSpan((int)layout.DataStart + 10, 100).ToArray()));
    }

    [Test]
    public void ReadDataBytes_past_the_data_unit_throws_ArgumentOutOfRangeException()
    {
        using FitsFile fits = FitsFile.Open(Golden("tables.fits"));
        Hdu hdu = fits[1];
        long size = hdu.Layout.PaddedDataSize;
        Assert.Throws<ArgumentOutOfRangeException>(() => hdu.ReadDataBytes(size - 3, new byte[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => hdu.ReadDataBytes(-1, new byte[1]));
        Assert.DoesNotThrow(() => hdu.ReadDataBytes(size - 4, new byte[4]));
    }

    [Test]
    public void ReadDataBytes_of_a_truncated_file_throws_FitsException()
    {
        byte[] file = File.ReadAllBytes(Golden("tables.fits"));
        string path = TestRun.Files.File("truncated-table.fits");
        long dataStart;
        using (FitsFile whole = FitsFile.Open(Golden("tables.fits")))
        {
            dataStart = whole[2].Layout.DataStart;
        }

        File.WriteAllBytes(path, file.AsSpan(0, (int)dataStart + 10).ToArray());
        using FitsFile fits = FitsFile.Open(path);
        var e = Assert.Throws<FitsException>(() => fits[2].ReadDataBytes(0, new byte[40]));
        Assert.That(e!.Status, Is.AnyOf(107, 108), "END_OF_FILE or READ_ERROR");
        Assert.That(e.HduIndex, Is.EqualTo(2));
    }

    private static string[] Python(string script, string argument)
    {
        if (!File.Exists("/usr/bin/python3"))
        {
            Assert.Ignore("/usr/bin/python3 with astropy is not available.");
        }

        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(argument);
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, errors);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
