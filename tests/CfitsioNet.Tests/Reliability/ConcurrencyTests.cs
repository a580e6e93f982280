using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests.Reliability;

/// <summary>
/// Many threads on many files, many threads on one file, and many threads failing at once: pixels always right,
/// no crash, and each failure's status, file, HDU and operation its own. Correctness only: no timing.
/// </summary>
public sealed class ConcurrencyTests
{
    private const int Threads = 12;
    private const int Files = 24;
    private const int Rounds = 20;

    private TempDirectory _directory = null!;
    private readonly List<(string Path, int[] Pixels)> _good = [];

    [OneTimeSetUp]
    public void WriteFiles()
    {
        _directory = new TempDirectory();
        for (int f = 0; f < Files; f++)
        {
            int[] pixels = PixelPattern.Create<int>(40 * (f + 3), seed: (ulong)(100 + f));
            string path = new TestFitsWriter()
                .Primary(32, [40, f + 3], TestFitsWriter.BigEndian<int>(pixels))
                .Write(_directory.File($"good-{f}.fits"));
            _good.Add((path, pixels));
        }
    }

    [OneTimeTearDown]
    public void DeleteFiles() => _directory.Dispose();

    [Test]
    public void Many_threads_reading_many_files_get_every_pixel_right()
    {
        RunOnThreads(thread =>
        {
            for (int round = 0; round < Rounds; round++)
            {
                (string path, int[] pixels) = _good[(thread * 7 + round) % Files];
                using FitsFile fits = FitsFile.Open(path);
                Assert.That(fits.Primary.Read<int>(), Is.EqualTo(pixels), $"thread {thread} round {round} {path}");
            }
        });
    }

    [Test]
    public void Many_threads_sharing_one_FitsFile_get_every_pixel_right()
    {
        (string path, int[] pixels) = _good[5];
        using FitsFile fits = FitsFile.Open(path);
        RunOnThreads(thread =>
        {
            for (int round = 0; round < Rounds * 2; round++)
            {
                int[] read = (round % 3) switch
                {
                    0 => fits.Primary.Read<int>(),
                    1 => fits.Primary.ReadPinned<int>(),
                    _ => ReadNative(fits.Primary),
                };
                Assert.That(read, Is.EqualTo(pixels), $"thread {thread} round {round}");
                Assert.That(fits.HduCount, Is.EqualTo(1));
            }
        });
    }

    [Test]
    public void Threads_failing_on_different_bad_files_at_once_each_get_their_own_status_file_and_operation()
    {
        // Three kinds of failure with different statuses and operations, interleaved with good reads.
        string notFits = _directory.File("not-fits.fits");
        File.WriteAllBytes(notFits, Enumerable.Repeat((byte)'x', 2880).ToArray());
        string truncated = new TestFitsWriter().Primary(16, [100, 100], new byte[20000]).TruncateLastData(100).Write(_directory.File("truncated.fits"));
        var failures = new ConcurrentBag<(int Thread, string Expected, string Operation, FitsException Error)>();
        RunOnThreads(thread =>
        {
            for (int round = 0; round < Rounds; round++)
            {
                switch ((thread + round) % 3)
                {
                    case 0:
                        var open = Assert.Throws<FitsException>(() => FitsFile.Open(notFits).Dispose());
                        failures.Add((thread, notFits, "open", open!));
                        break;
                    case 1:
                        using (FitsFile fits = FitsFile.Open(truncated))
                        {
                            var read = Assert.Throws<FitsException>(() => fits.Primary.Read<short>(new short[10000]));
                            failures.Add((thread, truncated, "read pixels", read!));
                        }

                        break;
                    default:
                        (string path, int[] pixels) = _good[thread % Files];
                        using (FitsFile fits = FitsFile.Open(path))
                        {
                            Assert.That(fits.Primary.Read<int>(), Is.EqualTo(pixels));
                        }

                        break;
                }
            }
        });

        Assert.That(failures, Is.Not.Empty);
        foreach ((int thread, string expected, string operation, FitsException error) in failures)
        {
            Assert.That(error.FileName, Is.EqualTo(expected), $"thread {thread}");
            Assert.That(error.Operation, Is.EqualTo(operation), $"thread {thread}");
            Assert.That(error.Status, operation == "open" ? Is.EqualTo(252) : Is.AnyOf(107, 108), $"thread {thread}: {error.Message}");
        }

        // An open holds the error-stack lock from the call to the drain, so its own messages are always in its
        // exception (messages of a read failing on another file at that moment may join them: docs/reliability.md).
        foreach ((_, string expected, _, FitsException error) in failures.Where(f => f.Operation == "open"))
        {
            Assert.That(error.ErrorStack, Has.Some.Contains(Path.GetFileName(expected)), error.Message);
            Assert.That(error.ErrorStack, Has.Some.Contains("This does not look like a FITS file"), error.Message);
        }
    }

    [Test]
    public void A_failure_on_one_thread_does_not_leave_messages_for_the_next_failure()
    {
        string notFits = _directory.File("not-fits-2.fits");
        File.WriteAllBytes(notFits, Enumerable.Repeat((byte)'y', 2880).ToArray());
        var first = Assert.Throws<FitsException>(() => FitsFile.Open(notFits));
        var second = Assert.Throws<FitsException>(() => FitsFile.Open(notFits));
        Assert.That(first!.ErrorStack, Is.Not.Empty);
        Assert.That(second!.ErrorStack, Is.EqualTo(first.ErrorStack), "the stack was drained by the first failure");
    }

    private static int[] ReadNative(ImageHdu image)
    {
        using NativeBuffer<int> buffer = image.ReadNative<int>();
        return buffer.Span.ToArray();
    }

    private static void RunOnThreads(Action<int> body)
    {
        using var start = new Barrier(Threads);
        var errors = new ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                body(t);
            }
            catch (Exception e)
            {
                errors.Enqueue(e);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        if (errors.TryDequeue(out Exception? error))
        {
            Assert.Fail($"{errors.Count + 1} thread(s) failed; first: {error}");
        }
    }
}
