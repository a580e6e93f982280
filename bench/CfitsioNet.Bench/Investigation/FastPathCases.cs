using System;
using System.Collections.Generic;

namespace CfitsioNet.Bench.Investigation;

/// <summary>
/// The rows that show each fast path of issue 5 next to CFITSIO inside .NET: the same read with the direct path off
/// (<see cref="FitsOpenOptions.CfitsioOnly"/>), on one thread, from a memory map, with positioned reads only (no
/// leased map from the second read), into the library's buffer pool,
/// and a batch through <see cref="FitsBatch.ReadMany{T}"/>. The plain rows (<c>span_reused</c>, <c>native_fresh</c>,
/// ...) already take the default fast paths.
/// </summary>
internal static class FastPathCases
{
    /// <summary>The fast-path rows for one image (compressed images get the CFITSIO-only and one-thread rows).</summary>
    internal static List<DotNetCase> For<T>(TestImage image, int n, long[] shape, string t, Lazy<T[]> reference)
        where T : unmanaged
    {
        string path = image.Path;
        int hdu = image.HduIndex;
        bool compressed = hdu != 0;

        PreparedCase Kept(FitsOpenOptions options, Func<ImageHdu, (Action Run, Action Verify, Action? Cleanup)> make)
        {
            FitsFile fits = FitsFile.Open(path, options);
            ImageHdu image = DotNetCases.OpenImage(fits, hdu);
            _ = image.Info;
            var (run, verify, cleanup) = make(image);
            return new PreparedCase(run, verify, () =>
            {
                cleanup?.Invoke();
                fits.Dispose();
            });
        }

        DotNetCase SpanCase(string name, string what, FitsOpenOptions options) => new()
        {
            Name = name, Buffer = "reused", Handle = "kept",
            Operation = $"image.Read<{t}>(Span<{t}>) into one reused {t}[], file opened with {what}",
            Prepare = () => Kept(options, image =>
            {
                T[] buffer = new T[n];
                Touch.Pages(buffer);
                return (() => image.Read<T>(buffer), () =>
                {
                    Array.Clear(buffer);
                    image.Read<T>(buffer);
                    DotNetCases.Expect<T>(buffer, reference.Value, name);
                }, null);
            }),
        };

        var cases = new List<DotNetCase>
        {
            SpanCase("span_reused_cfitsio", "FitsOpenOptions.CfitsioOnly (CFITSIO reads every pixel)", FitsOpenOptions.CfitsioOnly),
            SpanCase("span_reused_1thread", "MaxDegreeOfParallelism = 1", new FitsOpenOptions { MaxDegreeOfParallelism = 1 }),
        };
        if (compressed)
        {
            // The path before the managed Rice decoder: CFITSIO decompressing bands in parallel on spare handles.
            cases.Add(SpanCase("span_reused_cfitsio_bands", "DirectRead = false (CFITSIO decompresses, in parallel bands)", new FitsOpenOptions { DirectRead = false }));
        }

        if (!compressed)
        {
            cases.Add(SpanCase("span_reused_mapped", "MemoryMap = true (a kept map, one pass into the array)", new FitsOpenOptions { MemoryMap = true }));
            cases.Add(SpanCase("span_reused_pread", "MapRepeatedReads = false (positioned reads only, no leased map)", new FitsOpenOptions { MapRepeatedReads = false }));
        }

        cases.Add(new DotNetCase
        {
            Name = "native_pool_library", Buffer = "pooled", Handle = "kept",
            Operation = $"using var b = image.ReadNative<{t}>(NativeBufferPool): the library's pool, memory already faulted in",
            Prepare = () => Kept(FitsOpenOptions.Default, image =>
            {
                var pool = new NativeBufferPool();
                return (() =>
                {
                    using NativeBuffer<T> buffer = image.ReadNative<T>(pool);
                }, () =>
                {
                    using NativeBuffer<T> buffer = image.ReadNative<T>(pool);
                    DotNetCases.Expect<T>(buffer.Span, reference.Value, "native_pool_library");
                }, pool.Dispose);
            }),
        });
        return cases;
    }

    /// <summary>
    /// The batch through <see cref="FitsBatch.ForEach{T}"/>: pooled buffers, delivered in order on the calling thread
    /// while the next files are read; the consumer sums one row of each image, as a stacking loop would touch it.
    /// </summary>
    internal static DotNetCase BatchPooled(IReadOnlyList<string> files, short[] reference)
    {
        int count = files.Count;
        return new DotNetCase
        {
            Name = $"batch{count}_foreach_pool", Buffer = "pooled", Handle = "reopened", FilesPerIteration = count,
            Operation = $"FitsBatch.ForEach<short>({count} files, consume, NativeBufferPool): {Environment.ProcessorCount} files read ahead, pooled buffers, in order",
            Note = $"wall time per file (one iteration reads and consumes {count} files)",
            Prepare = () =>
            {
                var pool = new NativeBufferPool();
                long sum = 0;
                void Run() => FitsBatch.ForEach<short>(files, item => sum += item.GetPixelsOrThrow().Span[0], pool);
                return new PreparedCase(Run, () => FitsBatch.ForEach<short>(files, item =>
                    DotNetCases.Expect<short>(item.GetPixelsOrThrow().Span, reference, "batch foreach"), pool), pool.Dispose);
            },
        };
    }

    /// <summary>The batch through <see cref="FitsBatch.ReadMany{T}"/>: new arrays, per-file results, in order.</summary>
    internal static DotNetCase Batch(IReadOnlyList<string> files, short[] reference)
    {
        int count = files.Count;
        return new DotNetCase
        {
            Name = $"batch{count}_readmany", Buffer = "fresh", Handle = "reopened", FilesPerIteration = count,
            Operation = $"FitsBatch.ReadMany<short>({count} files): {Environment.ProcessorCount} files at a time, a new array each, results in order",
            Note = $"wall time per file (one iteration reads {count} files)",
            Prepare = () =>
            {
                FitsBatchResult<short>[] results = [];
                void Run() => results = FitsBatch.ReadMany<short>(files);
                return new PreparedCase(Run, () =>
                {
                    Run();
                    foreach (FitsBatchResult<short> result in results)
                    {
                        DotNetCases.Expect<short>(result.GetPixelsOrThrow(), reference, "batch readmany");
                    }
                });
            },
        };
    }
}
