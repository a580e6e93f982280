using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests;

/// <summary>
/// Batches into pooled and caller-provided memory (FitsBatch.ReadAsync, ForEach, ReadInto): order kept, failed files
/// reported one by one, at most the parallelism in flight, buffers back in the pool; and Read&lt;T&gt;() of a
/// large-object-heap-sized image, whose arrays must be new and independent.
/// </summary>
public sealed class FitsBatchStreamingTests
{
    private static string[] _good = [];
    private static string[] _paths = [];
    private static short[][] _expected = [];

    [OneTimeSetUp]
    public void WriteFiles()
    {
        string missing = TestRun.Files.File("stream-missing.fits");
        string corrupt = TestRun.Files.File("stream-corrupt.fits");
        File.WriteAllBytes(corrupt, Enumerable.Range(0, 5000).Select(i => (byte)(i * 11)).ToArray());
        var good = new List<string>();
        var expected = new List<short[]>();
        for (int i = 0; i < 7; i++)
        {
            byte[] stored = DirectReadFiles.RandomStored(16, (50 + i) * 20, seed: 300 + i);
            good.Add(DirectReadFiles.WritePrimary($"stream-good-{i}.fits", 16, [50 + i, 20], stored));
            expected.Add(BigEndianShorts(stored));
        }

        _good = [.. good];
        _expected = [.. expected];
        _paths = [_good[0], missing, _good[1], _good[2], corrupt, _good[3], _good[4], _good[5], _good[6]];
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(-1)]
    public void ForEach_delivers_every_file_in_order_on_the_calling_thread(int parallelism)
    {
        using var pool = new NativeBufferPool();
        var seen = new List<string>();
        int thread = Environment.CurrentManagedThreadId;
        FitsBatch.ForEach<short>(_paths, item =>
        {
            Assert.That(Environment.CurrentManagedThreadId, Is.EqualTo(thread));
            Assert.That(item.Position, Is.EqualTo(seen.Count));
            seen.Add(item.Path);
            CheckItem(item);
        }, pool, new FitsBatchOptions { MaxDegreeOfParallelism = parallelism });

        Assert.That(seen, Is.EqualTo(_paths));
        Assert.That(pool.RetainedBytes, Is.GreaterThan(0), "the buffers went back to the pool");
    }

    [TestCase(1)]
    [TestCase(3)]
    public async Task ReadAsync_yields_in_order_with_per_file_errors(int parallelism)
    {
        using var pool = new NativeBufferPool();
        var seen = new List<string>();
        await foreach (FitsBatchItem<short> item in FitsBatch.ReadAsync<short>(_paths, pool, new FitsBatchOptions { MaxDegreeOfParallelism = parallelism }))
        {
            using (item)
            {
                Assert.That(item.Position, Is.EqualTo(seen.Count));
                seen.Add(item.Path);
                CheckItem(item);
            }
        }

        Assert.That(seen, Is.EqualTo(_paths));
    }

    [Test]
    public void An_item_cannot_be_used_after_it_is_disposed_and_its_buffer_is_reused()
    {
        using var pool = new NativeBufferPool();
        FitsBatchItem<short>? kept = null;
        FitsBatch.ForEach<short>([_good[0]], item => kept = item, pool);
        Assert.Throws<ObjectDisposedException>(() => _ = kept!.Pixels);
        Assert.Throws<ObjectDisposedException>(() => _ = kept!.Buffer);
        long retained = pool.RetainedBytes;
        Assert.That(retained, Is.GreaterThan(0));
        FitsBatch.ForEach<short>([_good[0]], item => Assert.That(pool.RetainedBytes, Is.EqualTo(0), "the second file took the first one's buffer"), pool);
        Assert.That(pool.RetainedBytes, Is.EqualTo(retained));
    }

    [Test]
    public async Task At_most_the_parallelism_is_read_ahead_of_the_consumer()
    {
        // The pool's free list shows how many buffers are out: with a parallelism of 2, while the consumer holds item
        // N, files N+1 and N+2 may be read, never more.
        using var pool = new NativeBufferPool();
        string[] same = Enumerable.Repeat(_good[0], 12).ToArray();
        var retainedSeen = new List<long>();
        long size = 0;
        await foreach (FitsBatchItem<short> item in FitsBatch.ReadAsync<short>(same, pool, new FitsBatchOptions { MaxDegreeOfParallelism = 2 }))
        {
            using (item)
            {
                size = item.Buffer!.ByteLength;
                await Task.Delay(20); // a slow consumer: the reads ahead finish and wait
                retainedSeen.Add(pool.RetainedBytes);
            }
        }

        Assert.That(retainedSeen, Has.Count.EqualTo(12));
        // At most 3 buffers ever exist (the consumer's + 2 ahead): the pool never holds more than 3 blocks.
        Assert.That(pool.RetainedBytes, Is.LessThanOrEqualTo(3 * RoundUp(size)));
        Assert.That(pool.RetainedBytes, Is.GreaterThan(0));
    }

    [Test]
    public async Task Stopping_early_returns_the_buffers_of_the_files_in_flight()
    {
        using var pool = new NativeBufferPool();
        string[] same = Enumerable.Repeat(_good[1], 10).ToArray();
        int taken = 0;
        await foreach (FitsBatchItem<short> item in FitsBatch.ReadAsync<short>(same, pool, new FitsBatchOptions { MaxDegreeOfParallelism = 3 }))
        {
            item.Dispose();
            if (++taken == 2)
            {
                break;
            }
        }

        // Every buffer rented (taken ones and those read ahead) is back: renting them again allocates nothing new.
        long retained = pool.RetainedBytes;
        Assert.That(retained, Is.GreaterThan(0));
        FitsBatch.ForEach<short>(same.Take(1), _ => Assert.That(pool.RetainedBytes, Is.LessThan(retained)), pool);
    }

    [Test]
    public void A_consumer_exception_stops_the_batch_and_propagates()
    {
        using var pool = new NativeBufferPool();
        int calls = 0;
        var e = Assert.Throws<InvalidDataException>(() => FitsBatch.ForEach<short>(_good, item =>
        {
            if (++calls == 2)
            {
                throw new InvalidDataException("consumer");
            }
        }, pool, new FitsBatchOptions { MaxDegreeOfParallelism = 2 }));
        Assert.That(e!.Message, Is.EqualTo("consumer"));
        Assert.That(calls, Is.EqualTo(2));
    }

    [Test]
    public void Cancellation_stops_starting_files_and_throws()
    {
        using var pool = new NativeBufferPool();
        using var cancel = new CancellationTokenSource();
        var seen = new List<int>();
        Assert.Throws<OperationCanceledException>(() => FitsBatch.ForEach<short>(_good, item =>
        {
            seen.Add(item.Position);
            cancel.Cancel();
        }, pool, new FitsBatchOptions { MaxDegreeOfParallelism = 2 }, cancel.Token));
        // File 0 was consumed when the token was cancelled; files 1 and 2 were already started and are delivered.
        Assert.That(seen, Is.EqualTo(new[] { 0, 1, 2 }));
    }

    [TestCase(1)]
    [TestCase(-1)]
    public void ReadInto_fills_the_callers_memory(int parallelism)
    {
        Memory<short>[] destinations = _paths.Select((p, i) => new Memory<short>(new short[p == _good[3] ? 7 : _expected[Math.Max(0, Array.IndexOf(_good, p))].Length])).ToArray();
        FitsBatchItem<short>[] items = FitsBatch.ReadInto<short>(_paths, destinations, new FitsBatchOptions { MaxDegreeOfParallelism = parallelism });

        Assert.That(items.Select(i => i.Path), Is.EqualTo(_paths));
        for (int i = 0; i < items.Length; i++)
        {
            if (_paths[i] == _good[3])
            {
                Assert.That(items[i].Error, Is.TypeOf<ArgumentException>(), "a destination of the wrong length fails that file only");
                continue;
            }

            CheckItem(items[i]);
            if (items[i].Succeeded)
            {
                Assert.That(items[i].Buffer, Is.Null);
                Assert.That(items[i].Pixels.Equals(destinations[i]), Is.True, "the pixels are the caller's memory");
            }
        }

        Assert.Throws<ArgumentException>(() => FitsBatch.ReadInto<short>(_paths, destinations.Take(2).ToArray()));
    }

    [Test]
    public void Large_images_read_into_new_independent_arrays()
    {
        // 600x400 int16: 480,000 bytes, a large-object-heap array under the default GC settings of the test host.
        byte[] stored = DirectReadFiles.RandomStored(16, 600 * 400, seed: 77);
        string path = DirectReadFiles.WritePrimary("new-array-large.fits", 16, [600, 400], stored);
        short[] expected = BigEndianShorts(stored);
        using FitsFile fits = FitsFile.Open(path);
        using FitsFile cfitsio = FitsFile.Open(path, FitsOpenOptions.CfitsioOnly);
        short[] first = fits.Primary.Read<short>();
        short[] second = fits.Primary.Read<short>();
        Assert.That(second, Is.Not.SameAs(first));
        Assert.That(first, Is.EqualTo(expected));
        Assert.That(second, Is.EqualTo(expected));
        Assert.That(cfitsio.Primary.Read<short>(), Is.EqualTo(expected), "CFITSIO's own pixel loop agrees");
        Array.Fill(first, (short)1);
        Assert.That(second, Is.EqualTo(expected), "writing into the first array leaves the second alone");
        Assert.That(fits.Primary.Read<short>(), Is.EqualTo(expected));
    }

    private static void CheckItem(FitsBatchItem<short> item)
    {
        int index = Array.IndexOf(_good, item.Path);
        if (index < 0)
        {
            Assert.That(item.Succeeded, Is.False, item.ToString());
            Assert.That(item.Error, Is.TypeOf<FileNotFoundException>().Or.TypeOf<FitsException>());
            Assert.That(item.Pixels.IsEmpty, Is.True);
            Assert.That(item.Buffer, Is.Null);
            Assert.Throws<AggregateException>(() => item.GetPixelsOrThrow());
            return;
        }

        Assert.That(item.Succeeded, Is.True, item.ToString());
        Assert.That(item.HduIndex, Is.Zero);
        Assert.That(item.Shape, Is.EqualTo(new long[] { 50 + index, 20 }));
        Assert.That(item.GetPixelsOrThrow().ToArray(), Is.EqualTo(_expected[index]), item.Path);
    }

    private static short[] BigEndianShorts(byte[] stored)
    {
        var values = new short[stored.Length / 2];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadInt16BigEndian(stored.AsSpan(2 * i));
        }

        return values;
    }

    private static long RoundUp(long bytes) => Math.Max(4096, (bytes + 4095) / 4096 * 4096);
}
