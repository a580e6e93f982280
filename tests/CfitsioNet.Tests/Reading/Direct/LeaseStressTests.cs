using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Direct;

/// <summary>
/// The leased map against another process that rewrites, truncates and extends the file while a child process reads
/// it repeatedly with the default options (tools/CfitsioNet.Fuzz <c>read-repeatedly</c>): a fault in a mapped read
/// (SIGBUS) would kill the child, which the test sees; the test host is never at risk. And a file the reader may not
/// lease (not its owner, no CAP_LEASE) is read with positioned reads.
/// </summary>
[TestFixture]
[NonParallelizable] // a child process and a writer loop: timing-sensitive, kept off the other tests' cores
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LeaseStressTests
{
    private const int Side = 1000;
    private const int Versions = 100; // tools/CfitsioNet.Fuzz/ReadRepeatedly.cs: Versions

    [SetUp]
    public void OnLinuxOnly()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("Read leases and the automatic map are Linux only.");
        }
    }

    [Test]
    public void A_reader_survives_a_writer_that_rewrites_truncates_and_extends_the_file()
    {
        string path = TestRun.Files.File("lease-stress.fits");
        File.WriteAllBytes(path, Version(1));
        int fullLength = Version(1).Length;
        var random = new Random(5);
        int rewrites = 0;
        using Process child = FuzzTool.Start(["read-repeatedly", path, "--seconds", "5", "--reads", "100"]);
        Assert.That(FuzzTool.ReadLineWithin(child, TimeSpan.FromSeconds(60)), Is.EqualTo("reading"), "the reader did not start");
        var clock = Stopwatch.StartNew();
        while (!child.HasExited && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            // Each step opens the file for writing, which waits while the child holds its lease.
            int version = (rewrites++ % Versions) + 1;
            using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite))
            {
                stream.Write(Version(version));
            }

            Thread.Sleep(random.Next(3));
            SetLength(path, random.Next(3) switch { 0 => 0, 1 => 2880 + 1000, _ => fullLength / 2 });
            Thread.Sleep(random.Next(3));
            SetLength(path, fullLength); // extended with zeros
            Thread.Sleep(random.Next(3));
        }

        Assert.That(child.WaitForExit(60_000), Is.True, "the reader did not finish");
        string output = child.StandardOutput.ReadToEnd();
        string errors = child.StandardError.ReadToEnd();
        Assert.That(child.ExitCode, Is.Zero, $"the reader crashed or read a value no version has (exit {child.ExitCode}): {output} {errors}");
        Summary summary = Summary.Parse(output);
        TestContext.Out.WriteLine($"{rewrites} rewrites; child: {output.Trim()}");
        Assert.That(summary.Bad, Is.Zero);
        Assert.That(summary.Reads + summary.Exceptions, Is.GreaterThanOrEqualTo(100));
        Assert.That(rewrites, Is.GreaterThan(10), "the writer barely ran");
        if (summary.LeasePossible == 0)
        {
            Assert.Ignore($"No read lease here (errno {summary.LeaseError}): the map was never used, nothing to stress.");
        }

        Assert.That(summary.Mapped, Is.GreaterThan(0), "no read came from the map: the stress did not exercise it");
        Assert.That(summary.LeaseRefused, Is.GreaterThan(0), "the writer never held the file open during a read: the fallback was not exercised");
    }

    [Test]
    public void A_file_the_reader_may_not_lease_is_read_with_positioned_reads()
    {
        if (Environment.UserName != "root" || !File.Exists("/usr/bin/setpriv"))
        {
            Assert.Ignore("Needs root (to give the file to another user) and setpriv (to drop CAP_LEASE from the reader).");
        }

        string path = TestRun.Files.File("lease-not-owned.fits");
        File.WriteAllBytes(path, Version(7));
        Assert.That(Run("chown", "65534", path), Is.Zero, "chown");

        // Still root (may read the file), but without CAP_LEASE and not the owner: the kernel refuses the lease (EACCES).
        using Process child = FuzzTool.Start(["read-repeatedly", path, "--reads", "5"], "/usr/bin/setpriv", "--bounding-set=-lease");
        Assert.That(child.WaitForExit(60_000), Is.True);
        string output = child.StandardOutput.ReadToEnd();
        Assert.That(child.ExitCode, Is.Zero, output + child.StandardError.ReadToEnd());
        Summary summary = Summary.Parse(output);
        Assert.That(summary.Reads, Is.EqualTo(5));
        Assert.That(summary.Direct, Is.EqualTo(5), "every read took the direct path");
        Assert.That(summary.Mapped, Is.Zero, "no lease, no map");
        Assert.That(summary.LeaseError, Is.EqualTo(13), "EACCES: not the owner");
        Assert.That(summary.LeasePossible, Is.Zero, "a refusal that cannot change: no more attempts");
        Assert.That(summary.LeaseRefused, Is.EqualTo(1), "asked once (read 2), then never again");
    }

    /// <summary>The whole file of <paramref name="version"/>: pixel i is ReadRepeatedly.Pixel(i, version), big-endian.</summary>
    private static byte[] Version(int version)
    {
        var stored = new byte[Side * Side * 2];
        for (int i = 0; i < Side * Side; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(stored.AsSpan(i * 2), (short)(((i * 31L) + version) % 30000));
        }

        return new TestFitsWriter().Primary(16, [Side, Side], stored).ToArray();
    }

    private static void SetLength(string path, long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        stream.SetLength(length);
    }

    private static int Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>The child's summary line: "reads N direct N mapped N exceptions N bad N lease-taken N lease-refused N lease-error N lease-possible N".</summary>
    private sealed record Summary(long Reads, long Direct, long Mapped, long Exceptions, long Bad, long LeaseRefused, long LeaseError, long LeasePossible)
    {
        public static Summary Parse(string output)
        {
            string line = output.Split('\n').Last(l => l.StartsWith("reads ", StringComparison.Ordinal));
            long Field(string name) => long.Parse(Regex.Match(line, $@"\b{name} (-?\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            return new Summary(Field("reads"), Field("direct"), Field("mapped"), Field("exceptions"), Field("bad"), Field("lease-refused"), Field("lease-error"), Field("lease-possible"));
        }
    }
}
