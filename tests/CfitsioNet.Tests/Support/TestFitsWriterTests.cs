using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using NUnit.Framework;

namespace CfitsioNet.Tests.Support;

/// <summary>The test writer is the reference for most tests, so it gets checked against the FITS rules itself.</summary>
public sealed class TestFitsWriterTests
{
    [Test]
    public void Vectorised_big_endian_matches_the_one_value_at_a_time_encoding()
    {
        AssertSame(PixelPattern.Create<byte>(37, 1));
        AssertSame(PixelPattern.Create<sbyte>(37, 2));
        AssertSame(PixelPattern.Create<short>(37, 3));
        AssertSame(PixelPattern.Create<ushort>(37, 4));
        AssertSame(PixelPattern.Create<int>(37, 5));
        AssertSame(PixelPattern.Create<uint>(37, 6));
        AssertSame(PixelPattern.Create<long>(37, 7));
        AssertSame(PixelPattern.Create<ulong>(37, 8));
        AssertSame(PixelPattern.Create<float>(37, 9));
        AssertSame(PixelPattern.Create<double>(37, 10));

        static void AssertSame<T>(T[] values)
            where T : unmanaged
        {
            byte[] fast = TestFitsWriter.BigEndian<T>(values);
            int size = fast.Length / values.Length;
            for (int i = 0; i < values.Length; i++)
            {
                Assert.That(fast.AsSpan(i * size, size).ToArray(), Is.EqualTo(TestFitsWriter.BigEndianScalar(values[i])), $"{typeof(T).Name}[{i}]");
            }
        }
    }

    [Test]
    public void Big_endian_puts_the_most_significant_byte_first()
    {
        Assert.That(TestFitsWriter.BigEndian<short>([0x0102]), Is.EqualTo(new byte[] { 1, 2 }));
        Assert.That(TestFitsWriter.BigEndian<int>([0x01020304]), Is.EqualTo(new byte[] { 1, 2, 3, 4 }));
        Assert.That(TestFitsWriter.BigEndian<float>([1.0f]), Is.EqualTo(new byte[] { 0x3F, 0x80, 0, 0 }));
        Assert.That(TestFitsWriter.BigEndian<double>([-2.0]), Is.EqualTo(new byte[] { 0xC0, 0, 0, 0, 0, 0, 0, 0 }));
    }

    [Test]
    public void Cards_follow_the_fixed_format()
    {
        Assert.That(TestFitsWriter.Card("SIMPLE", true), Is.EqualTo("SIMPLE  =                    T".PadRight(80)));
        Assert.That(TestFitsWriter.Card("BITPIX", -32), Is.EqualTo("BITPIX  =                  -32".PadRight(80)));
        Assert.That(TestFitsWriter.Card("XTENSION", "IMAGE"), Is.EqualTo("XTENSION= 'IMAGE   '".PadRight(80)));
        Assert.That(TestFitsWriter.Card("BZERO", 9223372036854775808UL), Is.EqualTo("BZERO   =  9223372036854775808".PadRight(80)));
        Assert.That(TestFitsWriter.Card("BSCALE", 0.25), Is.EqualTo("BSCALE  =                 0.25".PadRight(80)));
        Assert.That(TestFitsWriter.Card("BZERO", -3.0), Is.EqualTo("BZERO   =                 -3.0".PadRight(80)));
        Assert.Throws<ArgumentException>(() => TestFitsWriter.Card("TOOLONGKEY", 1));
    }

    [Test]
    public void Files_are_whole_blocks_with_padded_header_and_data()
    {
        byte[] file = new TestFitsWriter()
            .Primary(16, [3, 2], TestFitsWriter.BigEndian<short>([1, 2, 3, 4, 5, 6]), ("BZERO", 32768))
            .ImageExtension(8, [5], [9, 8, 7, 6, 5])
            .ToArray();

        Assert.That(file.Length, Is.EqualTo(4 * 2880), "header, data, header, data: one block each");
        string primaryHeader = Encoding.ASCII.GetString(file, 0, 2880);
        Assert.That(primaryHeader, Does.StartWith("SIMPLE  =                    T"));
        int end = primaryHeader.IndexOf("END     ", StringComparison.Ordinal);
        Assert.That(end % 80, Is.Zero, "END starts a card");
        Assert.That(primaryHeader[(end + 3)..].Trim(), Is.Empty, "spaces after END");
        Assert.That(primaryHeader, Does.Contain("NAXIS1  =                    3"));
        Assert.That(primaryHeader, Does.Contain("NAXIS2  =                    2"));
        Assert.That(file.AsSpan(2880, 12).ToArray(), Is.EqualTo(new byte[] { 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6 }));
        Assert.That(file.AsSpan(2880 + 12, 2880 - 12).ToArray(), Is.All.EqualTo((byte)0), "zero padding");
        string extensionHeader = Encoding.ASCII.GetString(file, 2 * 2880, 2880);
        Assert.That(extensionHeader, Does.StartWith("XTENSION= 'IMAGE   '"));
        Assert.That(extensionHeader, Does.Contain("PCOUNT  =                    0"));
        Assert.That(extensionHeader, Does.Contain("GCOUNT  =                    1"));
        Assert.That(file.AsSpan(3 * 2880, 5).ToArray(), Is.EqualTo(new byte[] { 9, 8, 7, 6, 5 }));
    }

    [Test]
    public void Truncation_cuts_into_the_last_data_without_padding()
    {
        byte[] file = new TestFitsWriter().Primary(32, [100], new byte[400]).TruncateLastData(150).ToArray();

        Assert.That(file.Length, Is.EqualTo(2880 + 150));
    }

    [Test]
    public void Data_of_the_wrong_size_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new TestFitsWriter().Primary(16, [3], new byte[5]));
    }

    [Test]
    public void Fitsverify_accepts_the_files_the_writer_makes()
    {
        // fitsverify (HEASARC) is an independent judge of the writer; the Cake Test target installs it.
        const string tool = "/usr/bin/fitsverify";
        if (!File.Exists(tool))
        {
            Assert.Ignore($"{tool} is not installed (Debian: apt-get install fitsverify)");
        }

        var paths = ImageCases.Small.Select(c => c.PathIn(TestRun.Files.Path)).ToList();
        paths.Add(new TestFitsWriter()
            .EmptyPrimary()
            .ImageExtension(-64, [3, 2], TestFitsWriter.BigEndian<double>([1, 2, 3, 4, 5, 6]), ("EXTNAME", "SCI"))
            .BinaryTable([1, 2, 3], extname: "EVENTS")
            .Write(TestRun.Files.File("fitsverify-extensions.fits")));

        foreach (string path in paths)
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-q");
            start.ArgumentList.Add(path);
            using Process process = Process.Start(start)!;
            System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.That(output, Does.Contain("verification OK"), $"{Path.GetFileName(path)}: {output}{error.Result}");
        }
    }

    [Test]
    public void Pattern_starts_with_the_extremes_and_is_deterministic()
    {
        Assert.That(PixelPattern.Create<short>(3), Is.EqualTo(new short[] { short.MinValue, short.MaxValue, 0 }));
        Assert.That(PixelPattern.Create<ushort>(2), Is.EqualTo(new ushort[] { 0, ushort.MaxValue }));
        Assert.That(float.IsNaN(PixelPattern.Create<float>(1)[0]), Is.True);
        Assert.That(PixelPattern.Create<int>(1000, 5), Is.EqualTo(PixelPattern.Create<int>(1000, 5)));
        Assert.That(PixelPattern.Create<int>(1000, 5), Is.Not.EqualTo(PixelPattern.Create<int>(1000, 6)));
        Assert.That(PixelPattern.Create<int>(1000, 5), Has.Some.Negative.And.Some.Positive);
    }
}
