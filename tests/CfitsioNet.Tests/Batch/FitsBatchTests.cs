using System;
using System.IO;
using System.Linq;
using System.Threading;
using CfitsioNet.Tests.Support;
using NUnit.Framework;

namespace CfitsioNet.Tests;

/// <summary>Many files at once: order kept, bad files reported one by one, the batch never stopped by them.</summary>
public sealed class FitsBatchTests
{
    [TestCase(1)]
    [TestCase(3)]
    [TestCase(-1)]
    public void Results_come_in_path_order_with_per_file_errors(int parallelism)
    {
        string missing = TestRun.Files.File("batch-missing.fits");
        string corrupt = TestRun.Files.File("batch-corrupt.fits");
        File.WriteAllBytes(corrupt, Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray());
        string wrongType = DirectReadFiles.WritePrimary("batch-int32.fits", 32, [10, 10], new byte[400]);
        string[] good = Enumerable.Range(0, 6)
            .Select(i => DirectReadFiles.WritePrimary($"batch-good-{i}.fits", 16, [40 + i, 30], DirectReadFiles.RandomStored(16, (40 + i) * 30, seed: 100 + i)))
            .ToArray();
        string[] paths = [good[0], missing, good[1], corrupt, good[2], wrongType, good[3], good[4], good[5]];

        FitsBatchResult<short>[] results = FitsBatch.ReadMany<short>(paths, new FitsBatchOptions { MaxDegreeOfParallelism = parallelism });

        Assert.That(results.Select(r => r.Path), Is.EqualTo(paths));
        Assert.That(results.Select(r => r.Position), Is.EqualTo(Enumerable.Range(0, paths.Length)));
        Assert.That(results[1].Error, Is.TypeOf<FileNotFoundException>());
        Assert.That(results[3].Error, Is.TypeOf<FitsException>());
        Assert.That(results[5].Error, Is.TypeOf<InvalidCastException>(), "int pixels do not fit short");
        Assert.That(results[1].Pixels, Is.Null);
        Assert.Throws<AggregateException>(() => results[3].GetPixelsOrThrow());

        foreach (FitsBatchResult<short> result in results.Where(r => good.Contains(r.Path)))
        {
            Assert.That(result.Succeeded, Is.True, result.ToString());
            using FitsFile file = FitsFile.Open(result.Path, FitsOpenOptions.CfitsioOnly);
            Assert.That(result.GetPixelsOrThrow(), Is.EqualTo(file.Primary.Read<short>()), result.Path);
            Assert.That(result.Shape, Is.EqualTo(file.Primary.Info.Shape));
            Assert.That(result.HduIndex, Is.Zero);
        }
    }

    [Test]
    public void Read_options_apply_to_every_file()
    {
        string path = DirectReadFiles.WritePrimary("batch-lossy.fits", 32, [4, 5], DirectReadFiles.RandomStored(32, 20, seed: 2));
        FitsBatchResult<short> refused = FitsBatch.ReadMany<short>([path]).Single();
        FitsBatchResult<short> lossy = FitsBatch.ReadMany<short>([path], new FitsBatchOptions { ReadOptions = new ReadOptions { AllowLossy = true } }).Single();
        FitsBatchResult<double> widened = FitsBatch.ReadMany<double>([path]).Single();

        using FitsFile file = FitsFile.Open(path);
        Assert.That(refused.Error, Is.TypeOf<InvalidCastException>());
        Assert.That(lossy.GetPixelsOrThrow(), Is.EqualTo(file.Primary.Read<short>(new ReadOptions { AllowLossy = true })));
        Assert.That(widened.GetPixelsOrThrow(), Is.EqualTo(file.Primary.Read<int>().Select(v => (double)v)));
    }

    [Test]
    public void The_first_image_with_pixels_is_read_unless_an_HDU_is_named()
    {
        byte[] stored = DirectReadFiles.RandomStored(-32, 20 * 10, seed: 1);
        string path = new TestFitsWriter()
            .EmptyPrimary()
            .BinaryTable([1, 2, 3])
            .ImageExtension(-32, [20, 10], stored)
            .Write(TestRun.Files.File("batch-extension.fits"));

        FitsBatchResult<float> found = FitsBatch.ReadMany<float>([path]).Single();
        Assert.That(found.Succeeded, Is.True, found.ToString());
        Assert.That(found.HduIndex, Is.EqualTo(2));
        Assert.That(found.Shape, Is.EqualTo(new long[] { 10, 20 }));

        FitsBatchResult<float> table = FitsBatch.ReadMany<float>([path], new FitsBatchOptions { HduIndex = 1 }).Single();
        Assert.That(table.Error, Is.TypeOf<InvalidOperationException>(), "HDU 1 is a table");
        FitsBatchResult<float> beyond = FitsBatch.ReadMany<float>([path], new FitsBatchOptions { HduIndex = 9 }).Single();
        Assert.That(beyond.Error, Is.TypeOf<ArgumentOutOfRangeException>());

        string empty = new TestFitsWriter().EmptyPrimary().Write(TestRun.Files.File("batch-empty.fits"));
        Assert.That(FitsBatch.ReadMany<float>([empty]).Single().Error, Is.TypeOf<FitsException>());
    }

    [Test]
    public void Argument_mistakes_and_cancellation_are_not_per_file_results()
    {
        Assert.Throws<ArgumentNullException>(() => FitsBatch.ReadMany<short>(null!));
        Assert.Throws<ArgumentNullException>(() => FitsBatch.ReadMany<short>(["a.fits", null!]));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new FitsBatchOptions { MaxDegreeOfParallelism = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new FitsBatchOptions { HduIndex = -1 });
        Assert.That(FitsBatch.ReadMany<short>([]), Is.Empty);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => FitsBatch.ReadMany<short>(["a.fits"], null, cancelled.Token));
    }
}
