using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests;

/// <summary>One file shared by several threads, and one file per thread. Correctness only: no timing.</summary>
public sealed class FitsFileThreadingTests
{
    private const int Threads = 4;
    private const int Rounds = 8;

    private static readonly int[] IntPixels = PixelPattern.Create<int>(301 * 199, seed: 21);
    private static readonly double[] DoublePixels = PixelPattern.Create<double>(97 * 103, seed: 22);
    private static readonly ushort[] UShortPixels = PixelPattern.Create<ushort>(250 * 120, seed: 23);

    private string _path = null!;

    [OneTimeSetUp]
    public void WriteFile()
    {
        // Three images of different types, so threads that read different HDUs make the file move between them.
        short[] storedUShort = Array.ConvertAll(UShortPixels, u => unchecked((short)(u - 32768)));
        _path = new TestFitsWriter()
            .Primary(32, [301, 199], TestFitsWriter.BigEndian<int>(IntPixels))
            .ImageExtension(-64, [97, 103], TestFitsWriter.BigEndian<double>(DoublePixels))
            .ImageExtension(16, [250, 120], TestFitsWriter.BigEndian<short>(storedUShort), ("BZERO", 32768))
            .Write(TestRun.Files.File("threads.fits"));
    }

    [Test]
    public void One_file_read_from_four_threads_gives_every_pixel_every_time()
    {
        using FitsFile fits = FitsFile.Open(_path);
        RunOnThreads(thread =>
        {
            ReadMode mode = (ReadMode)(thread % Enum.GetValues<ReadMode>().Length);
            for (int round = 0; round < Rounds; round++)
            {
                // Each thread walks the HDUs in its own order.
                for (int step = 0; step < 3; step++)
                {
                    ReadAndCheck(fits, (thread + round + step) % 3, mode, $"thread {thread} round {round}");
                }
            }
        });
    }

    [Test]
    public void One_file_read_into_one_array_per_thread_from_the_same_HDU()
    {
        using FitsFile fits = FitsFile.Open(_path);
        ImageHdu image = fits.Primary;
        RunOnThreads(thread =>
        {
            var destination = new int[IntPixels.Length];
            for (int round = 0; round < Rounds; round++)
            {
                PixelReader.Scribble<int>(destination);
                image.Read<int>(destination);
                PixelAssert.Equal<int>(IntPixels, destination, $"thread {thread} round {round}");
            }
        });
    }

    [Test]
    public void Four_files_on_four_threads_give_every_pixel_every_time()
    {
        RunOnThreads(thread =>
        {
            ReadMode mode = (ReadMode)(thread % Enum.GetValues<ReadMode>().Length);
            for (int round = 0; round < Rounds; round++)
            {
                using FitsFile fits = FitsFile.Open(_path);
                for (int step = 0; step < 3; step++)
                {
                    ReadAndCheck(fits, (thread + step) % 3, mode, $"thread {thread} round {round}");
                }
            }
        });
    }

    [Test]
    public void HDUs_and_Info_are_created_once_when_threads_race_for_them()
    {
        using FitsFile fits = FitsFile.Open(_path);
        var seen = new ConcurrentBag<(Hdu Hdu, ImageInfo Info)>();
        RunOnThreads(_ =>
        {
            ImageHdu image = fits[2].AsImage();
            seen.Add((image, image.Info));
        });

        Hdu first = fits[2];
        foreach ((Hdu hdu, ImageInfo info) in seen)
        {
            Assert.That(hdu, Is.SameAs(first));
            Assert.That(info.PixelType, Is.EqualTo(PixelType.UInt16));
        }
    }

    private static void ReadAndCheck(FitsFile fits, int hdu, ReadMode mode, string what)
    {
        ImageHdu image = fits[hdu].AsImage();
        switch (hdu)
        {
            case 0:
                PixelAssert.Equal<int>(IntPixels, PixelReader.Read<int>(image, mode), $"{what}, HDU 0");
                break;
            case 1:
                PixelAssert.Equal<double>(DoublePixels, PixelReader.Read<double>(image, mode), $"{what}, HDU 1");
                break;
            default:
                PixelAssert.Equal<ushort>(UShortPixels, PixelReader.Read<ushort>(image, mode), $"{what}, HDU 2");
                break;
        }
    }

    /// <summary>Runs <paramref name="body"/> on <see cref="Threads"/> threads released together; rethrows the first failure.</summary>
    private static void RunOnThreads(Action<int> body)
    {
        using var start = new Barrier(Threads);
        var failures = new ConcurrentQueue<Exception>();
        var threads = new List<Thread>();
        for (int t = 0; t < Threads; t++)
        {
            int thread = t;
            threads.Add(new Thread(() =>
            {
                try
                {
                    start.SignalAndWait();
                    body(thread);
                }
                catch (Exception e)
                {
                    failures.Enqueue(e);
                }
            }));
        }

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        if (failures.TryDequeue(out Exception? failure))
        {
            Assert.Fail($"{failures.Count + 1} thread(s) failed; first: {failure}");
        }
    }
}
