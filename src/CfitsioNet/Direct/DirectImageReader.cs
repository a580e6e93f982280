using System;
using System.IO;
using System.Threading;

namespace CfitsioNet.Direct;

/// <summary>
/// Reads an uncompressed image without CFITSIO once its <see cref="DirectImagePlan"/> is known: positioned reads of
/// the stored bytes straight into the destination, in chunks small enough to stay in the core's cache, each chunk
/// converted in place while it is hot (or, for widening conversions, read into a small scratch buffer and converted
/// into the destination). Large images are split into parts read on several threads. In mapped mode the kernels
/// read the memory map and write the destination in one pass.
/// </summary>
internal static unsafe class DirectImageReader
{
    /// <summary>Bytes read per positioned read: fits the L2 cache, so the swap that follows reads it from there.</summary>
    internal const int ChunkBytes = 512 * 1024;

    /// <summary>Stored bytes per chunk for the widening conversions (the output is 2 to 4 times larger).</summary>
    internal const int ScratchBytes = 128 * 1024;

    /// <summary>Images of at least this many stored bytes are read on several threads by default.</summary>
    internal const long DefaultParallelBytes = 1L * 1024 * 1024;

    [ThreadStatic]
    private static byte[]? t_scratch;

    /// <summary>
    /// Reads the whole image described by <paramref name="plan"/> into <paramref name="destination"/>. Returns false,
    /// having written nothing meaningful, when the file turns out to be shorter than the plan says (CFITSIO then reads,
    /// and reports the error the user should see).
    /// </summary>
    /// <param name="source">The file.</param>
    /// <param name="plan">Offsets and conversion.</param>
    /// <param name="destination"><see cref="DirectImagePlan.ElementCount"/> elements of the natural type.</param>
    /// <param name="parallelBytes">Stored size from which the read is split across threads.</param>
    /// <param name="maxThreads">Most threads to use; 1 reads on the calling thread.</param>
    internal static bool TryRead(DirectFileSource source, DirectImagePlan plan, void* destination, long parallelBytes, int maxThreads)
    {
        if (source.IsMapped)
        {
            if (!source.TryAcquireMap(out byte* map, out long mapLength))
            {
                return false;
            }

            try
            {
                if (plan.DataOffset + plan.StoredBytes > mapLength)
                {
                    return false;
                }

                ForEachPart(plan, parallelBytes, maxThreads, (first, count) =>
                {
                    plan.Convert(map + plan.DataOffset + (first * plan.StoredSize), (byte*)destination + (first * plan.OutputSize), (nuint)count);
                    return true;
                });
                return true;
            }
            finally
            {
                source.ReleaseMap();
            }
        }

        if (plan.DataOffset + plan.StoredBytes > source.CurrentLength())
        {
            return false;
        }

        return ForEachPart(plan, parallelBytes, maxThreads, (first, count) => ReadRange(source, plan, (byte*)destination, first, count));
    }

    /// <summary>Reads pixels [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>) with positioned reads.</summary>
    internal static bool ReadRange(DirectFileSource source, DirectImagePlan plan, byte* destination, long first, long count)
    {
        int storedSize = plan.StoredSize;
        if (plan.InPlace)
        {
            long chunkElements = ChunkBytes / storedSize;
            for (long done = 0; done < count; done += chunkElements)
            {
                long n = Math.Min(chunkElements, count - done);
                byte* target = destination + ((first + done) * storedSize);
                int bytes = (int)(n * storedSize);
                if (!ReadExactly(source, new Span<byte>(target, bytes), plan.DataOffset + ((first + done) * storedSize)))
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
                if (!ReadExactly(source, new Span<byte>(buffer, (int)(n * storedSize)), plan.DataOffset + ((first + done) * storedSize)))
                {
                    return false;
                }

                plan.Convert(buffer, destination + ((first + done) * plan.OutputSize), (nuint)n);
            }
        }

        return true;
    }

    // Splits the pixels into parts of whole chunks, one per thread for large images; false if any part failed.
    private static bool ForEachPart(DirectImagePlan plan, long parallelBytes, int maxThreads, Func<long, long, bool> readPart)
    {
        long total = plan.ElementCount;
        int parts = 1;
        if (plan.StoredBytes >= parallelBytes && maxThreads > 1)
        {
            // Parts of at least half the threshold, and never more parts than chunks.
            long chunkCount = (plan.StoredBytes + ChunkBytes - 1) / ChunkBytes;
            parts = (int)Math.Clamp(Math.Min(plan.StoredBytes / Math.Max(1, parallelBytes / 2), chunkCount), 1, maxThreads);
        }

        if (parts == 1)
        {
            return readPart(0, total);
        }

        // Part boundaries on whole chunks, so no chunk is split between threads.
        long chunkElements = ChunkBytes / plan.StoredSize;
        long chunks = (total + chunkElements - 1) / chunkElements;
        int failed = 0;
        ParallelParts.Run(parts, maxThreads, part =>
        {
            long firstChunk = chunks * part / parts;
            long endChunk = chunks * (part + 1) / parts;
            long first = firstChunk * chunkElements;
            long end = Math.Min(endChunk * chunkElements, total);
            if (end > first && !readPart(first, end - first))
            {
                Interlocked.Exchange(ref failed, 1);
            }
        });

        return failed == 0;
    }

    // A positioned read that fills the span; false at end of file (the file shrank after the length check).
    private static bool ReadExactly(DirectFileSource source, Span<byte> buffer, long offset)
    {
        while (!buffer.IsEmpty)
        {
            int read = RandomAccess.Read(source.Handle, buffer, offset);
            if (read <= 0)
            {
                return false;
            }

            buffer = buffer[read..];
            offset += read;
        }

        return true;
    }

    /// <summary>Frees this thread's scratch buffer (tests use it to check that nothing depends on its contents).</summary>
    internal static void ReleaseScratch() => t_scratch = null;
}
