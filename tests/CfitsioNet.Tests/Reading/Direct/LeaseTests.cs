using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using CfitsioNet.Direct;
using CfitsioNet.Interop;
using CfitsioNet.Tests.Support;
using Microsoft.Win32.SafeHandles;
using NUnit.Framework;
using static CfitsioNet.Tests.Direct.DirectReadIdentityTests;

namespace CfitsioNet.Tests.Direct;

/// <summary>
/// Files read repeatedly are read from a memory map from their second direct read, each read under a Linux read
/// lease: the values equal CFITSIO's, the map starts at the second read, a file open for writing gets positioned
/// reads, and while the lease is held the kernel keeps every truncating open out.
/// </summary>
[TestFixture]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LeaseTests
{
    private const int OpenWriteOnly = 0x1;    // O_WRONLY
    private const int OpenTruncate = 0x200;   // O_TRUNC
    private const int OpenNonBlocking = 0x800; // O_NONBLOCK
    private const int GetSignal = 11;          // F_GETSIG
    private const int SignalUrgent = 23;       // SIGURG

    [SetUp]
    public void OnLinuxOnly()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("Read leases and the automatic map are Linux only.");
        }
    }

    [Test]
    public void The_measured_choice_uses_both_the_map_and_positioned_reads_and_both_equal_CFITSIO()
    {
        long[] shape = [999, 1001];
        byte[] stored = DirectReadFiles.RandomStored(16, 999 * 1001, seed: 77, blank: null);
        string path = DirectReadFiles.WritePrimary("lease-measured-choice.fits", 16, shape, stored);
        byte[] reference;
        using (FitsFile cfitsio = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly))
        {
            reference = ReadBytes(cfitsio.Primary);
        }

        const int reads = 40;
        using FitsFile file = FitsFile.Open(path, new FitsOpenOptions
        {
            DirectMinimumBytes = 0,
            MaxDegreeOfParallelism = 1,
            MapChoice = new MapOrPread(), // its own measurements: no other test's reads use its exploring turns
        });
        for (int read = 1; read <= reads; read++)
        {
            Assert.That(DirectReadFiles.FirstDifference(ReadBytes(file.Primary), reference), Is.EqualTo(-1), $"read {read}: first differing byte");
        }

        Assert.That(file.DirectReadCount, Is.EqualTo(reads));
        RequireLeases(file);
        // Whichever is faster here serves most reads; the other is measured again every MapOrPread.ExploreEvery reads.
        Assert.That(file.OpenedDirectSource!.MappedReadCount, Is.InRange(1, reads - 2));
    }

    [Test]
    [Combinatorial]
    public void Repeated_reads_from_the_leased_map_equal_CFITSIO(
        [ValueSource(typeof(DirectReadIdentityTests), nameof(Conventions))] Convention convention,
        [Values(1, 3)] int threads)
    {
        long[] shape = [999, 1001];
        byte[] stored = DirectReadFiles.RandomStored(convention.Bitpix, 999 * 1001, seed: convention.Bitpix * 7 + threads, convention.Blank);
        string path = DirectReadFiles.WritePrimary($"lease-identity-{convention.Name.GetHashCode():x8}-{threads}.fits", convention.Bitpix, shape, stored, convention.Cards);
        byte[] reference;
        using (FitsFile cfitsio = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly))
        {
            reference = ReadBytes(cfitsio.Primary);
        }

        using FitsFile file = FitsFile.Open(path, DirectReadFiles.Direct(threads: threads));
        for (int read = 1; read <= 3; read++)
        {
            Assert.That(DirectReadFiles.FirstDifference(ReadBytes(file.Primary), reference), Is.EqualTo(-1), $"read {read}: first differing byte");
        }

        Assert.That(file.DirectReadCount, Is.EqualTo(convention.Direct ? 3 : 0), "reads served by the direct path");
        if (convention.Direct)
        {
            RequireLeases(file);
            Assert.That(file.OpenedDirectSource!.MappedReadCount, Is.EqualTo(2), "the second and third reads come from the map");
            Assert.That(file.OpenedDirectSource.Lease!.TakenCount, Is.EqualTo(2), "each mapped read took the lease");
        }
    }

    [Test]
    public void The_first_read_is_positioned_and_the_second_maps_the_file()
    {
        string path = Int32File("lease-policy.fits", out int[] expected);
        using (FitsFile file = FitsFile.Open(path, DirectReadFiles.Direct()))
        {
            Assert.That(file.Primary.Read<int>(), Is.EqualTo(expected));
            DirectFileSource source = file.OpenedDirectSource!;
            Assert.That(source.IsMapped, Is.False, "one read maps nothing (open-read-close never pays for a map)");
            Assert.That(source.MappedReadCount, Is.Zero);
            Assert.That(source.Lease!.TakenCount, Is.Zero, "the first read takes no lease");

            Assert.That(file.Primary.Read<int>(), Is.EqualTo(expected));
            RequireLeases(file);
            Assert.That(source.IsMapped, Is.True);
            Assert.That(source.MappedReadCount, Is.EqualTo(1));
            Assert.That(source.Lease.TakenCount, Is.EqualTo(1));
            Assert.That(LeaseIsFree(path), Is.True, "the lease is released when the read ends");
        }

        var off = new FitsOpenOptions { DirectMinimumBytes = 0, MaxDegreeOfParallelism = 1, MapRepeatedReads = false };
        using (FitsFile file = FitsFile.Open(path, off))
        {
            for (int read = 0; read < 3; read++)
            {
                Assert.That(file.Primary.Read<int>(), Is.EqualTo(expected));
            }

            Assert.That(file.DirectReadCount, Is.EqualTo(3));
            Assert.That(file.OpenedDirectSource!.IsMapped, Is.False, "MapRepeatedReads = false: positioned reads only");
            Assert.That(file.OpenedDirectSource.Lease, Is.Null, "no lease without a map");
        }

        using (FitsFile file = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly))
        {
            file.Primary.Read<int>();
            Assert.That(file.Primary.Read<int>(), Is.EqualTo(expected));
            Assert.That(file.OpenedDirectSource, Is.Null, "CfitsioOnly opens no second handle, so maps nothing");
        }

        using (FitsFile file = FitsFile.Open(path, DirectReadFiles.Direct(map: true)))
        {
            Assert.That(file.Primary.Read<int>(), Is.EqualTo(expected));
            Assert.That(file.OpenedDirectSource!.MappedReadCount, Is.EqualTo(1), "MemoryMap = true maps from the first read");
            Assert.That(file.OpenedDirectSource.Lease!.TakenCount, Is.EqualTo(1), "and takes the lease when it can");
        }
    }

    [Test]
    public void A_file_open_for_writing_refuses_the_lease_and_positioned_reads_serve()
    {
        string path = Int32File("lease-writer.fits", out int[] expected);
        using FitsFile file = FitsFile.Open(path, DirectReadFiles.Direct());
        using FitsFile explicitMap = FitsFile.Open(path, DirectReadFiles.Direct(map: true));
        using (var writer = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            for (int read = 1; read <= 3; read++)
            {
                Assert.That(file.Primary.Read<int>(), Is.EqualTo(expected), $"read {read}");
                Assert.That(explicitMap.Primary.Read<int>(), Is.EqualTo(expected), $"read {read}, MemoryMap = true");
            }

            ReadLease lease = file.OpenedDirectSource!.Lease!;
            Assert.That(file.DirectReadCount, Is.EqualTo(3));
            Assert.That(file.OpenedDirectSource.MappedReadCount, Is.Zero, "no lease, no map");
            Assert.That(lease.RefusedCount, Is.EqualTo(2), "reads 2 and 3 asked for the lease");
            Assert.That(lease.LastError, Is.EqualTo(Libc.EAGAIN), "refused because the file is open for writing");
            Assert.That(lease.MayBeTaken, Is.True, "a writer can go away: the next read asks again");

            Assert.That(explicitMap.OpenedDirectSource!.MappedReadCount, Is.EqualTo(3), "MemoryMap = true keeps its contract: mapped, also without a lease");
            Assert.That(explicitMap.OpenedDirectSource.Lease!.TakenCount, Is.Zero);
        }

        Assert.That(file.Primary.Read<int>(), Is.EqualTo(expected));
        RequireLeases(file);
        Assert.That(file.OpenedDirectSource.MappedReadCount, Is.EqualTo(1), "with the writer gone the lease is granted and the map used");
    }

    [Test]
    public void While_the_lease_is_held_a_truncating_open_fails_and_after_release_it_succeeds()
    {
        string path = Int32File("lease-truncate.fits", out int[] expected);
        long length = new FileInfo(path).Length;
        using FitsFile file = FitsFile.Open(path, DirectReadFiles.Direct());
        file.Primary.Read<int>();
        file.Primary.Read<int>();
        RequireLeases(file);
        DirectFileSource source = file.OpenedDirectSource!;
        ReadLease lease = source.Lease!;

        Assert.That(lease.TryEnter(), Is.True, "the lease is free between reads");
        try
        {
            // A lease break signals the holder; SIGIO (the default, and what a release resets the file to) would
            // terminate the process: the held lease is set to signal SIGURG (ignored by default) instead.
            int signal = Libc.Fcntl((int)source.Handle.DangerousGetHandle(), GetSignal, 0);
            Assert.That(signal, Is.EqualTo(SignalUrgent), "the signal a lease break sends (after a release reset it to 0)");

            int descriptor = Libc.Open(path, OpenWriteOnly | OpenTruncate | OpenNonBlocking);
            int error = Marshal.GetLastPInvokeError();
            Close(descriptor);
            Assert.That(descriptor, Is.EqualTo(-1), "a truncating open succeeded while the lease was held");
            Assert.That(error, Is.EqualTo(Libc.EAGAIN), "EWOULDBLOCK");
            Assert.That(new FileInfo(path).Length, Is.EqualTo(length), "nothing was truncated");

            // The open above started a lease break, which signals this process (SIGURG, ignored): it is still here.
            // A read arriving during the break does not join the lease being broken: positioned reads serve it.
            int mapped = source.MappedReadCount;
            Assert.That(file.Primary.Read<int>(), Is.EqualTo(expected));
            Assert.That(source.MappedReadCount, Is.EqualTo(mapped), "no mapped read joins a lease that a writer is breaking");
            Assert.That(file.DirectReadCount, Is.EqualTo(3));
        }
        finally
        {
            lease.Exit();
        }

        int after = Libc.Open(path, OpenWriteOnly | OpenTruncate | OpenNonBlocking);
        Close(after);
        Assert.That(after, Is.GreaterThanOrEqualTo(0), $"the truncating open still fails after the release (errno {Marshal.GetLastPInvokeError()})");
        Assert.That(new FileInfo(path).Length, Is.Zero);
        Assert.Throws<FitsException>(() => file.Primary.Read<int>(), "the emptied file: CFITSIO's error, never a fault");
    }

    [Test]
    public void Concurrent_readers_of_different_HDUs_share_the_lease_and_release_it()
    {
        var writer = new TestFitsWriter().EmptyPrimary();
        var stores = new byte[4][];
        for (int i = 0; i < stores.Length; i++)
        {
            stores[i] = DirectReadFiles.RandomStored(i % 2 == 0 ? 16 : -32, 301 * 299, seed: 40 + i);
            writer.ImageExtension(i % 2 == 0 ? 16 : -32, [299, 301], stores[i], ("BZERO", i == 2 ? 32768 : 0));
        }

        string path = writer.Write(TestRun.Files.File("lease-concurrent.fits"));
        var expected = new byte[stores.Length][];
        using (FitsFile cfitsio = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly))
        {
            for (int i = 0; i < stores.Length; i++)
            {
                expected[i] = ReadBytes(cfitsio[i + 1].AsImage());
            }
        }

        using FitsFile file = FitsFile.Open(path, DirectReadFiles.Direct());
        int mismatches = 0;
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 4 }, read =>
        {
            int hdu = read % stores.Length;
            if (DirectReadFiles.FirstDifference(ReadBytes(file[hdu + 1].AsImage()), expected[hdu]) != -1)
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        Assert.That(mismatches, Is.Zero);
        Assert.That(file.DirectReadCount, Is.EqualTo(400));
        RequireLeases(file);
        Assert.That(file.OpenedDirectSource!.MappedReadCount, Is.GreaterThan(0));
        Assert.That(LeaseIsFree(path), Is.True, "the last reader out released the lease");
    }

    [Test]
    public void Disposal_while_readers_are_inside_is_safe_and_drops_the_lease()
    {
        string path = Int32File("lease-dispose.fits", out int[] expected);
        for (int round = 0; round < 5; round++)
        {
            FitsFile file = FitsFile.Open(path, DirectReadFiles.Direct(threads: 2) );
            int wrong = 0;
            using var started = new CountdownEvent(3);
            Task[] readers = new Task[3];
            for (int r = 0; r < readers.Length; r++)
            {
                readers[r] = Task.Run(() =>
                {
                    started.Signal();
                    var buffer = new int[expected.Length];
                    try
                    {
                        while (true)
                        {
                            file.Primary.Read<int>(buffer);
                            if (!buffer.AsSpan().SequenceEqual(expected))
                            {
                                Interlocked.Increment(ref wrong);
                            }
                        }
                    }
                    catch (ObjectDisposedException)
                    {
                        // The end: the file was disposed.
                    }
                });
            }

            started.Wait();
            Thread.Sleep(20 + (round * 10));
            file.Dispose();
            Assert.That(Task.WaitAll(readers, TimeSpan.FromSeconds(30)), Is.True, "readers ended");
            Assert.That(wrong, Is.Zero);
            Assert.That(LeaseIsFree(path), Is.True, "no lease outlives the file");
        }
    }

    /// <summary>Whether the file can be opened for writing right now (no read lease is held on it): O_NONBLOCK, no truncation.</summary>
    private static bool LeaseIsFree(string path)
    {
        int descriptor = Libc.Open(path, OpenWriteOnly | OpenNonBlocking);
        Close(descriptor);
        return descriptor >= 0;
    }

    private static void Close(int descriptor)
    {
        if (descriptor >= 0)
        {
            new SafeFileHandle(descriptor, ownsHandle: true).Dispose();
        }
    }

    // Leases can be unavailable where the tests run (a file system without them, leases disabled): then the
    // lease-specific claims cannot be checked, which is reported instead of failing.
    private static void RequireLeases(FitsFile file)
    {
        ReadLease? lease = file.OpenedDirectSource?.Lease;
        Assert.That(lease, Is.Not.Null, "the direct path keeps a lease object on Linux");
        if (!lease!.MayBeTaken)
        {
            Assert.Ignore($"No read lease on {Path.GetDirectoryName(file.FileName)} (errno {lease.LastError}): the file system or the kernel settings refuse leases.");
        }
    }

    private static string Int32File(string name, out int[] expected)
    {
        byte[] stored = DirectReadFiles.RandomStored(32, 400 * 300, seed: name.Length);
        string path = DirectReadFiles.WritePrimary(name, 32, [400, 300], stored);
        using FitsFile cfitsio = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly);
        expected = cfitsio.Primary.Read<int>();
        return path;
    }
}
