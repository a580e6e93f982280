using System;
using System.Diagnostics;
using System.IO;

namespace CfitsioNet.Direct;

/// <summary>
/// Reads an uncompressed image without CFITSIO once its <see cref="DirectImagePlan"/> is known: positioned reads of
/// the stored bytes straight into the destination, in chunks small enough to stay in the core's cache, each chunk
/// converted in place while it is hot (or, for widening conversions, read into a small scratch buffer and converted
/// into the destination). Large images are split into parts read on several threads. Reads from the memory map (see
/// <see cref="MapPolicy"/>) run the kernels from the map straight into the destination in one pass.
/// </summary>
internal static unsafe class DirectImageReader
{
    /// <summary>Bytes read per positioned read: fits the L2 cache, so the swap that follows reads it from there.</summary>
    internal const int ChunkBytes = 512 * 1024;

    /// <summary>Stored bytes per part of a parallel read: the unit a thread claims.</summary>
    internal const int PartBytes = 256 * 1024;

    /// <summary>Stored bytes per chunk for the widening conversions (the output is 2 to 4 times larger).</summary>
    internal const int ScratchBytes = 128 * 1024;

    /// <summary>Images of at least this many stored bytes are read on several threads by default.</summary>
    internal const long DefaultParallelBytes = 1L * 1024 * 1024;

    /// <summary>
    /// Reads from the memory map are split across threads from this many stored bytes by default. A mapped 2 MB read
    /// takes 0.03-0.05 ms on one core; handing half of it to a second core saves about 0.015 ms when that core is
    /// free and costs several times that when it is busy (measured on the shared 2-vCPU machine: 1000x1000 int16
    /// medians 0.064-0.070 ms on one thread, 0.13-0.21 ms split, in the same Investigate runs).
    /// </summary>
    internal const long DefaultMappedParallelBytes = 8L * 1024 * 1024;

    [ThreadStatic]
    private static byte[]? t_scratch;

    /// <summary>
    /// Reads pixels [<paramref name="firstElement"/>, <paramref name="firstElement"/> + <paramref name="count"/>) of the
    /// image described by <paramref name="plan"/> (C order) into <paramref name="destination"/>. Returns false, having
    /// written nothing meaningful, when the file turns out to be shorter than the plan says (CFITSIO then reads, and
    /// reports the error the user should see).
    /// </summary>
    /// <param name="source">The file.</param>
    /// <param name="plan">Offsets and conversion.</param>
    /// <param name="destination"><paramref name="count"/> elements of the natural type.</param>
    /// <param name="firstElement">First pixel, 0-based in C order.</param>
    /// <param name="count">Pixels to read.</param>
    /// <param name="parallelBytes">Stored size from which a positioned read is split across threads.</param>
    /// <param name="mappedParallelBytes">Stored size from which a read from the map is split across threads (at least <paramref name="parallelBytes"/>).</param>
    /// <param name="maxThreads">Most threads to use; 1 reads on the calling thread.</param>
    /// <param name="choice">The measurements by which a repeated read uses the map or positioned reads (<see cref="MapOrPread"/>); null maps it.</param>
    internal static bool TryRead(DirectFileSource source, DirectImagePlan plan, void* destination, long firstElement, long count, long parallelBytes, long mappedParallelBytes, int maxThreads, MapOrPread? choice)
    {
        if (firstElement < 0 || count < 0 || firstElement > plan.ElementCount - count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Pixels {firstElement}..{firstElement + count} are outside the image's {plan.ElementCount}.");
        }

        long start = plan.DataOffset + (firstElement * plan.StoredSize);
        long storedBytes = count * plan.StoredSize;
        if (choice is null || !source.MapsByChoice)
        {
            return Read(source, plan, destination, start, storedBytes, count, parallelBytes, mappedParallelBytes, maxThreads, preferMap: true, out _);
        }

        // Map or positioned reads, whichever this process measured faster for reads of this size (MapOrPread).
        long began = Stopwatch.GetTimestamp();
        bool complete = Read(source, plan, destination, start, storedBytes, count, parallelBytes, mappedParallelBytes, maxThreads, choice.PreferMap(storedBytes), out bool mapped);
        if (complete)
        {
            choice.Record(mapped, storedBytes, Stopwatch.GetTimestamp() - began);
        }

        return complete;
    }

    // One read by the map or by positioned reads: false when the file does not hold the data; `mapped` says which served it.
    private static bool Read(DirectFileSource source, DirectImagePlan plan, void* destination, long start, long storedBytes, long count, long parallelBytes, long mappedParallelBytes, int maxThreads, bool preferMap, out bool mapped)
    {
        byte* output = (byte*)destination;
        MapAccess access = source.EnterMap(start + storedBytes, out byte* map, preferMap);
        mapped = access is MapAccess.Mapped or MapAccess.MappedLeased;
        if (access == MapAccess.Short)
        {
            return false;
        }

        int threads;
        if (access != MapAccess.None)
        {
            // A swap from the map is bound by memory and splits only for large images; a scaled conversion computes,
            // and splits from the positioned reads' threshold.
            threads = ThreadsFor(storedBytes, plan.Computes ? parallelBytes : Math.Max(parallelBytes, mappedParallelBytes), maxThreads);
            try
            {
                if (threads == 1)
                {
                    plan.Convert(map + start, output, (nuint)count);
                }
                else
                {
                    ConvertMappedInParallel(plan, map + start, output, count, threads);
                }

                return true;
            }
            finally
            {
                source.ExitMap(access);
            }
        }

        // No length check first: a read that meets the end of the file returns false (ReadExactly), and CFITSIO reads.
        threads = ThreadsFor(storedBytes, parallelBytes, maxThreads);

        // The serial path allocates nothing; only a parallel read allocates its work item.
        return threads == 1
            ? ReadRange(source, plan, start, output, count)
            : ReadInParallel(source, plan, start, output, count, threads);
    }

    /// <summary>Threads for a read of <paramref name="storedBytes"/>: one below the threshold, else at least half the threshold each.</summary>
    private static int ThreadsFor(long storedBytes, long parallelBytes, int maxThreads) =>
        storedBytes >= parallelBytes && maxThreads > 1
            ? (int)Math.Clamp(storedBytes / Math.Max(1, parallelBytes / 2), 1, maxThreads)
            : 1;

    private static void ConvertMappedInParallel(DirectImagePlan plan, byte* stored, byte* output, long count, int threads) =>
        ForEachPart(plan, count, threads, (first, n) =>
        {
            plan.Convert(stored + (first * plan.StoredSize), output + (first * plan.OutputSize), (nuint)n);
            return true;
        });

    private static bool ReadInParallel(DirectFileSource source, DirectImagePlan plan, long start, byte* output, long count, int threads) =>
        ForEachPart(plan, count, threads, (first, n) =>
            ReadRange(source, plan, start + (first * plan.StoredSize), output + (first * plan.OutputSize), n));

    /// <summary>Reads <paramref name="count"/> pixels stored from byte <paramref name="offset"/> with positioned reads, converting each chunk while it is in cache.</summary>
    private static bool ReadRange(DirectFileSource source, DirectImagePlan plan, long offset, byte* destination, long count)
    {
        int storedSize = plan.StoredSize;
        int outputSize = plan.OutputSize;
        if (plan.InPlace)
        {
            long chunkElements = ChunkBytes / storedSize;
            for (long done = 0; done < count; done += chunkElements)
            {
                long n = Math.Min(chunkElements, count - done);
                byte* target = destination + (done * outputSize);
                if (!ReadExactly(source, new Span<byte>(target, (int)(n * storedSize)), offset + (done * storedSize)))
                {
                    return false;
                }

                plan.Convert(target, target, (nuint)n);
            }

            return true;
        }

        byte[] scratch = t_scratch ??= GC.AllocateUninitializedArray<byte>(ScratchBytes, pinned: true);
        fixed (byte* buffer = scratch)
        {
            long chunkElements = ScratchBytes / storedSize;
            for (long done = 0; done < count; done += chunkElements)
            {
                long n = Math.Min(chunkElements, count - done);
                if (!ReadExactly(source, new Span<byte>(buffer, (int)(n * storedSize)), offset + (done * storedSize)))
                {
                    return false;
                }

                plan.Convert(buffer, destination + (done * outputSize), (nuint)n);
            }
        }

        return true;
    }

    // Parts of 256 KiB at most, claimed by `threads` threads; false if any part failed. When a helper thread is
    // descheduled the calling thread is left waiting for one small part at most.
    private static bool ForEachPart(DirectImagePlan plan, long total, int threads, Func<long, long, bool> readPart)
    {
        long partElements = Math.Max(1, PartBytes / plan.StoredSize);
        return ParallelParts.ForEachRange(total, 1, Math.Min((total + partElements - 1) / partElements, threads * 16L), threads, readPart);
    }

    // A positioned read that fills the span; false at end of file (the file is shorter than the header says, or shrank).
    internal static bool ReadExactly(DirectFileSource source, Span<byte> buffer, long offset)
    {
        while (!buffer.IsEmpty)
        {
            int read = source.Read(buffer, offset);
            if (read <= 0)
            {
                return false;
            }

            buffer = buffer[read..];
            offset += read;
        }

        return true;
    }
}
