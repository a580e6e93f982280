using System;
using System.Buffers;
using System.Collections.Generic;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace CfitsioNet.Bench.Investigation;

/// <summary>Which .NET cases a group runs.</summary>
internal enum CaseSet
{
    /// <summary>Every component, buffer and handle case (int16, the seed's type).</summary>
    Full,

    /// <summary>The main buffer and handle cases (the other element types).</summary>
    Standard,

    /// <summary>Reused versus fresh, kept versus reopened only (compressed, scaled, cube: the decoding dominates).</summary>
    Lean,
}

/// <summary>A .NET case: its description and how to set it up.</summary>
internal sealed class DotNetCase
{
    public required string Name { get; init; }

    public required string Buffer { get; init; }

    public required string Handle { get; init; }

    public required string Operation { get; init; }

    public bool Main { get; init; }

    /// <summary>Files one iteration reads (batch cases): the row reports the time per file.</summary>
    public int FilesPerIteration { get; init; } = 1;

    public string? Note { get; init; }

    /// <summary>Opens files and allocates reused buffers; throws <see cref="NotAvailableException"/> when the library cannot do the case.</summary>
    public required Func<PreparedCase> Prepare { get; init; }
}

/// <summary>A set-up case: the timed operation, an untimed check of its result, and the cleanup.</summary>
internal sealed class PreparedCase(Action run, Action verify, Action? cleanup = null) : IDisposable
{
    internal Action Run { get; } = run;

    /// <summary>One more, untimed, iteration whose result is compared with the reference read; throws on a difference.</summary>
    internal Action Verify { get; } = verify;

    public void Dispose() => cleanup?.Invoke();
}

/// <summary>The library cannot do this case (yet): the row says so instead of showing numbers.</summary>
internal sealed class NotAvailableException(string reason) : Exception(reason);

/// <summary>The .NET cases, written against the library's public API as a user would call it.</summary>
internal static class DotNetCases
{
    internal static List<DotNetCase> For(TestImage image, CaseSet set) => image.Type switch
    {
        PixelType.Byte => Reads<byte>(image, set),
        PixelType.Int16 => Reads<short>(image, set),
        PixelType.UInt16 => Reads<ushort>(image, set),
        PixelType.Int32 => Reads<int>(image, set),
        PixelType.Int64 => Reads<long>(image, set),
        PixelType.Single => Reads<float>(image, set),
        PixelType.Double => Reads<double>(image, set),
        _ => throw new NotSupportedException($"{image.Type} has no cases"),
    };

    /// <summary>Opens the image the way a user would: the primary HDU, or the HDU holding the (compressed) image.</summary>
    internal static ImageHdu OpenImage(FitsFile fits, int hduIndex) => hduIndex == 0 ? fits.Primary : fits[hduIndex].AsImage();

    internal static T[] ReadReference<T>(TestImage image)
        where T : unmanaged
    {
        using FitsFile fits = FitsFile.Open(image.Path);
        return OpenImage(fits, image.HduIndex).Read<T>();
    }

    internal static void Expect<T>(ReadOnlySpan<T> actual, ReadOnlySpan<T> expected, string what)
        where T : unmanaged
    {
        if (!MemoryMarshal.AsBytes(actual).SequenceEqual(MemoryMarshal.AsBytes(expected)))
        {
            throw new InvalidOperationException($"{what}: the pixels differ from the reference read");
        }
    }

    private static List<DotNetCase> Reads<T>(TestImage image, CaseSet set)
        where T : unmanaged
    {
        string path = image.Path;
        int hdu = image.HduIndex;
        long[] shape = image.Shape;
        int n = checked((int)image.ElementCount);
        // Read when a case first verifies, not when the plan is made.
        var reference = new Lazy<T[]>(() => ReadReference<T>(image));
        string t = typeof(T).Name switch
        {
            "Byte" => "byte", "Int16" => "short", "UInt16" => "ushort", "Int32" => "int", "Int64" => "long",
            "Single" => "float", "Double" => "double", var other => other,
        };
        bool full = set == CaseSet.Full;
        bool lean = set == CaseSet.Lean;
        var cases = new List<DotNetCase>();

        // Kept handle: one FitsFile for the whole loop (disposed before the next case, so reopen cases never share it).
        PreparedCase Kept(Func<ImageHdu, (Action Run, Action Verify, Action? Cleanup)> make)
        {
            FitsFile fits = FitsFile.Open(path);
            ImageHdu image = OpenImage(fits, hdu);
            _ = image.Info;
            var (run, verify, cleanup) = make(image);
            return new PreparedCase(run, verify, () =>
            {
                cleanup?.Invoke();
                fits.Dispose();
            });
        }

        if (full)
        {
            cases.Add(new DotNetCase
            {
                Name = "open_close", Buffer = "none", Handle = "reopened",
                Operation = "using var f = FitsFile.Open(path); (nothing read)",
                Prepare = () => new PreparedCase(() => FitsFile.Open(path).Dispose(), () => { }),
            });
            cases.Add(new DotNetCase
            {
                Name = "open_info_close", Buffer = "none", Handle = "reopened",
                Operation = "FitsFile.Open + image.Info (BITPIX, NAXISn, BZERO, BSCALE, BLANK) + Dispose",
                Prepare = () => new PreparedCase(() =>
                {
                    using FitsFile fits = FitsFile.Open(path);
                    _ = OpenImage(fits, hdu).Info;
                }, () => { }),
            });
            cases.Add(new DotNetCase
            {
                Name = "alloc_native", Buffer = "fresh", Handle = "none",
                Operation = $"new NativeBuffer<{t}>(shape), write every byte, Dispose (no I/O)",
                Prepare = () => new PreparedCase(() =>
                {
                    using var buffer = new NativeBuffer<T>(shape);
                    Touch.Pages(buffer);
                }, () => { }),
            });
            cases.Add(new DotNetCase
            {
                Name = "alloc_array", Buffer = "fresh", Handle = "none",
                Operation = $"new {t}[n], write every byte (no I/O)",
                Prepare = () => new PreparedCase(() => Touch.Pages(new T[n]), () => { }),
            });
            cases.Add(new DotNetCase
            {
                Name = "alloc_pinned", Buffer = "fresh", Handle = "none",
                Operation = $"GC.AllocateUninitializedArray<{t}>(n, pinned: true), write every byte (no I/O)",
                Prepare = () => new PreparedCase(() => Touch.Pages(GC.AllocateUninitializedArray<T>(n, pinned: true)), () => { }),
            });
        }

        cases.Add(new DotNetCase
        {
            Name = "span_reused", Buffer = "reused", Handle = "kept", Main = true,
            Operation = $"image.Read<{t}>(Span<{t}>) into one reused {t}[]",
            Prepare = () => Kept(image =>
            {
                T[] buffer = new T[n];
                Touch.Pages(buffer);
                return (() => image.Read<T>(buffer), () =>
                {
                    Array.Clear(buffer);
                    image.Read<T>(buffer);
                    Expect<T>(buffer, reference.Value, "span_reused");
                }, null);
            }),
        });
        cases.Add(new DotNetCase
        {
            Name = "native_reused", Buffer = "reused", Handle = "kept", Main = true,
            Operation = $"image.Read(NativeBuffer<{t}>) into one reused buffer",
            Prepare = () => Kept(image =>
            {
                var buffer = new NativeBuffer<T>(shape);
                Touch.Pages(buffer);
                return (() => image.Read(buffer), () =>
                {
                    buffer.Span.Clear();
                    image.Read(buffer);
                    Expect<T>(buffer.Span, reference.Value, "native_reused");
                }, () => ((IDisposable)buffer).Dispose());
            }),
        });
        if (full)
        {
            cases.Add(new DotNetCase
            {
                Name = "pinned_reused", Buffer = "reused", Handle = "kept",
                Operation = $"image.Read<{t}>(Span<{t}>) into one reused pinned (POH) array",
                Prepare = () => Kept(image =>
                {
                    T[] buffer = GC.AllocateArray<T>(n, pinned: true);
                    Touch.Pages(buffer);
                    return (() => image.Read<T>(buffer), () =>
                    {
                        Array.Clear(buffer);
                        image.Read<T>(buffer);
                        Expect<T>(buffer, reference.Value, "pinned_reused");
                    }, null);
                }),
            });
            cases.Add(new DotNetCase
            {
                Name = "arraypool", Buffer = "pooled", Handle = "kept",
                Operation = $"ArrayPool<{t}>.Shared.Rent(n), image.Read<{t}>(array.AsSpan(0, n)), Return",
                Prepare = () => Kept(image =>
                {
                    ArrayPool<T> pool = ArrayPool<T>.Shared;
                    return (() =>
                    {
                        T[] array = pool.Rent(n);
                        image.Read<T>(array.AsSpan(0, n));
                        pool.Return(array);
                    }, () =>
                    {
                        T[] array = pool.Rent(n);
                        image.Read<T>(array.AsSpan(0, n));
                        Expect<T>(array.AsSpan(0, n), reference.Value, "arraypool");
                        pool.Return(array);
                    }, null);
                }),
            });
            cases.Add(new DotNetCase
            {
                Name = "native_pool", Buffer = "pooled", Handle = "kept",
                Operation = $"rent a pre-touched NativeBuffer<{t}> from a pool of 2, image.Read(buffer), return it",
                Prepare = () => Kept(image =>
                {
                    var pool = new NativeBufferPool<T>(shape, prefill: 2);
                    return (() =>
                    {
                        NativeBuffer<T> buffer = pool.Rent();
                        image.Read(buffer);
                        pool.Return(buffer);
                    }, () =>
                    {
                        NativeBuffer<T> buffer = pool.Rent();
                        buffer.Span.Clear();
                        image.Read(buffer);
                        Expect<T>(buffer.Span, reference.Value, "native_pool");
                        pool.Return(buffer);
                    }, pool.Dispose);
                }),
            });
        }

        cases.Add(new DotNetCase
        {
            Name = "native_fresh", Buffer = "fresh", Handle = "kept", Main = true,
            Operation = $"using var b = image.ReadNative<{t}>() (NativeMemory.AlignedAlloc per read)",
            Prepare = () => Kept(image => (() =>
            {
                using NativeBuffer<T> buffer = image.ReadNative<T>();
            }, () =>
            {
                using NativeBuffer<T> buffer = image.ReadNative<T>();
                Expect<T>(buffer.Span, reference.Value, "native_fresh");
            }, null)),
        });
        cases.Add(new DotNetCase
        {
            Name = "pinned_fresh", Buffer = "fresh", Handle = "kept", Main = true,
            Operation = $"image.ReadPinned<{t}>() (new POH array per read)",
            Prepare = () => Kept(image => (() => image.ReadPinned<T>(), () => Expect<T>(image.ReadPinned<T>(), reference.Value, "pinned_fresh"), null)),
        });
        cases.Add(new DotNetCase
        {
            Name = "new_array", Buffer = "fresh", Handle = "kept", Main = true,
            Operation = $"image.Read<{t}>() (new array per read)",
            Prepare = () => Kept(image => (() => image.Read<T>(), () => Expect<T>(image.Read<T>(), reference.Value, "new_array"), null)),
        });

        cases.Add(new DotNetCase
        {
            Name = "span_reused_reopen", Buffer = "reused", Handle = "reopened",
            Operation = $"FitsFile.Open + image.Read<{t}>(Span<{t}>) into a reused array + Dispose",
            Prepare = () =>
            {
                T[] buffer = new T[n];
                Touch.Pages(buffer);
                return new PreparedCase(() =>
                {
                    using FitsFile fits = FitsFile.Open(path);
                    OpenImage(fits, hdu).Read<T>(buffer);
                }, () =>
                {
                    Array.Clear(buffer);
                    using FitsFile fits = FitsFile.Open(path);
                    OpenImage(fits, hdu).Read<T>(buffer);
                    Expect<T>(buffer, reference.Value, "span_reused_reopen");
                });
            },
        });
        cases.Add(new DotNetCase
        {
            Name = "new_array_reopen", Buffer = "fresh", Handle = "reopened", Main = true,
            Operation = $"FitsFile.Open + image.Read<{t}>() + Dispose: the seed's full path",
            Prepare = () => new PreparedCase(() =>
            {
                using FitsFile fits = FitsFile.Open(path);
                OpenImage(fits, hdu).Read<T>();
            }, () =>
            {
                using FitsFile fits = FitsFile.Open(path);
                Expect<T>(OpenImage(fits, hdu).Read<T>(), reference.Value, "new_array_reopen");
            }),
        });
        if (full)
        {
            cases.Add(new DotNetCase
            {
                Name = "native_fresh_reopen", Buffer = "fresh", Handle = "reopened",
                Operation = $"FitsFile.Open + image.ReadNative<{t}>() + both disposed",
                Prepare = () => new PreparedCase(() =>
                {
                    using FitsFile fits = FitsFile.Open(path);
                    using NativeBuffer<T> buffer = OpenImage(fits, hdu).ReadNative<T>();
                }, () =>
                {
                    using FitsFile fits = FitsFile.Open(path);
                    using NativeBuffer<T> buffer = OpenImage(fits, hdu).ReadNative<T>();
                    Expect<T>(buffer.Span, reference.Value, "native_fresh_reopen");
                }),
            });
        }

        if (lean)
        {
            cases.RemoveAll(c => c.Name is "native_reused" or "pinned_fresh" or "span_reused_reopen");
        }

        // Issue 5's fast paths next to CFITSIO in .NET (FastPathCases.cs).
        cases.AddRange(FastPathCases.For(image, n, shape, t, reference));
        return cases;
    }

    /// <summary>Time of one read into a new array (best of three, file kept open): sizes the iteration counts.</summary>
    internal static double ProbeMs(TestImage image) => image.Type switch
    {
        PixelType.Byte => Probe<byte>(image),
        PixelType.Int16 => Probe<short>(image),
        PixelType.UInt16 => Probe<ushort>(image),
        PixelType.Int32 => Probe<int>(image),
        PixelType.Int64 => Probe<long>(image),
        PixelType.Single => Probe<float>(image),
        PixelType.Double => Probe<double>(image),
        _ => 1.0,
    };

    private static double Probe<T>(TestImage image)
        where T : unmanaged
    {
        using FitsFile fits = FitsFile.Open(image.Path);
        ImageHdu hdu = OpenImage(fits, image.HduIndex);
        double best = double.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            _ = hdu.Read<T>();
            best = Math.Min(best, System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }

        return best;
    }

    /// <summary>Batch reads of <see cref="TestData.BatchCount"/> int16 files, one handle per file, as a user would.</summary>
    internal static List<DotNetCase> Batch(IReadOnlyList<string> files, int n)
    {
        short[] reference = ReadReference<short>(TestData.Describe("int16_batch", files[0], "copy"));
        int count = files.Count;
        void CheckAll(short[][] results)
        {
            foreach (short[] result in results)
            {
                Expect<short>(result, reference, "batch");
            }
        }

        return
        [
            new DotNetCase
            {
                Name = $"batch{count}_span_reused_reopen", Buffer = "reused", Handle = "reopened", FilesPerIteration = count,
                Operation = $"for each of {count} files: FitsFile.Open + Read<short>(Span) into one reused array + Dispose",
                Note = $"time per file (one iteration reads {count} files, one thread)",
                Prepare = () =>
                {
                    short[] buffer = new short[n];
                    Touch.Pages(buffer);
                    void Run()
                    {
                        foreach (string file in files)
                        {
                            using FitsFile fits = FitsFile.Open(file);
                            fits.Primary.Read<short>(buffer);
                        }
                    }

                    return new PreparedCase(Run, () =>
                    {
                        Array.Clear(buffer);
                        Run();
                        Expect<short>(buffer, reference, "batch");
                    });
                },
            },
            new DotNetCase
            {
                Name = $"batch{count}_new_array_reopen", Buffer = "fresh", Handle = "reopened", FilesPerIteration = count,
                Operation = $"for each of {count} files: FitsFile.Open + Read<short>() + Dispose, keeping all {count} arrays",
                Note = $"time per file (one iteration reads {count} files into {count} new arrays, one thread)",
                Prepare = () =>
                {
                    short[][] results = new short[count][];
                    void Run()
                    {
                        for (int i = 0; i < count; i++)
                        {
                            using FitsFile fits = FitsFile.Open(files[i]);
                            results[i] = fits.Primary.Read<short>();
                        }
                    }

                    return new PreparedCase(Run, () =>
                    {
                        Run();
                        CheckAll(results);
                    });
                },
            },
            new DotNetCase
            {
                Name = $"batch{count}_parallel_span_reused_reopen", Buffer = "reused", Handle = "reopened", FilesPerIteration = count,
                Operation = $"Parallel.For over {count} files ({Environment.ProcessorCount} threads): one FitsFile each, Read<short>(Span) into a per-file reused array",
                Note = $"wall time per file (one iteration reads {count} files on {Environment.ProcessorCount} threads)",
                Prepare = () =>
                {
                    short[][] buffers = new short[count][];
                    for (int i = 0; i < count; i++)
                    {
                        buffers[i] = new short[n];
                        Touch.Pages(buffers[i]);
                    }

                    var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
                    void Run() => Parallel.For(0, count, options, i =>
                    {
                        using FitsFile fits = FitsFile.Open(files[i]);
                        fits.Primary.Read<short>(buffers[i]);
                    });

                    return new PreparedCase(Run, () =>
                    {
                        foreach (short[] buffer in buffers)
                        {
                            Array.Clear(buffer);
                        }

                        Run();
                        CheckAll(buffers);
                    });
                },
            },
            FastPathCases.Batch(files, reference),
            FastPathCases.BatchPooled(files, reference),
        ];
    }

    /// <summary>
    /// Reading in a type other than the file's natural one: through the library (which refuses until the
    /// conversions branch lands) and, for comparison, a natural read followed by a vectorised managed conversion.
    /// </summary>
    internal static List<DotNetCase> Conversion<TFrom, TTo>(TestImage image)
        where TFrom : unmanaged, INumberBase<TFrom>
        where TTo : unmanaged, INumberBase<TTo>
    {
        string path = image.Path;
        int hdu = image.HduIndex;
        int n = checked((int)image.ElementCount);
        var expected = new Lazy<TTo[]>(() =>
        {
            TTo[] converted = new TTo[n];
            TensorPrimitives.ConvertTruncating<TFrom, TTo>(ReadReference<TFrom>(image), converted);
            return converted;
        });
        string to = typeof(TTo).Name;

        PreparedCase Kept(Func<ImageHdu, (Action Run, Action Verify)> make)
        {
            FitsFile fits = FitsFile.Open(path);
            ImageHdu image = OpenImage(fits, hdu);
            _ = image.Info;
            var (run, verify) = make(image);
            return new PreparedCase(run, verify, fits.Dispose);
        }

        return
        [
            new DotNetCase
            {
                Name = "convert_library", Buffer = "reused", Handle = "kept",
                Operation = $"image.Read<{to}>(Span<{to}>) into one reused array: CFITSIO converts (and scales)",
                Prepare = () => Kept(image =>
                {
                    TTo[] buffer = new TTo[n];
                    Touch.Pages(buffer);
                    image.Read<TTo>(buffer);

                    return (() => image.Read<TTo>(buffer), () =>
                    {
                        Array.Clear(buffer);
                        image.Read<TTo>(buffer);
                        Expect<TTo>(buffer, expected.Value, "convert_library");
                    });
                }),
            },
            new DotNetCase
            {
                Name = "convert_after_read", Buffer = "reused", Handle = "kept",
                Operation = $"image.Read<{typeof(TFrom).Name}>(Span) into a reused array, then TensorPrimitives.ConvertTruncating into a reused {to}[]",
                Note = "the conversion done in the caller, for comparison with CFITSIO's",
                Prepare = () => Kept(image =>
                {
                    TFrom[] raw = new TFrom[n];
                    TTo[] buffer = new TTo[n];
                    Touch.Pages(raw);
                    Touch.Pages(buffer);
                    return (() =>
                    {
                        image.Read<TFrom>(raw);
                        TensorPrimitives.ConvertTruncating<TFrom, TTo>(raw, buffer);
                    }, () =>
                    {
                        Array.Clear(buffer);
                        image.Read<TFrom>(raw);
                        TensorPrimitives.ConvertTruncating<TFrom, TTo>(raw, buffer);
                        Expect<TTo>(buffer, expected.Value, "convert_after_read");
                    });
                }),
            },
        ];
    }
}
