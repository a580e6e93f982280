using System;
using System.Buffers;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.Win32.SafeHandles;

namespace CfitsioNet.Direct;

/// <summary>
/// Reads a whole RICE_1 integer image (<see cref="RiceImagePlan"/>) with the managed <see cref="RiceDecoder"/>: the
/// tiles' bytes are read with positioned reads on the file's second handle (consecutive tiles in one read), each tile
/// is decoded straight into the destination when it is a contiguous run of it (row tiles), or into a scratch tile
/// that is then copied into place (2-D and 3-D tiles, edge tiles partial). Tile ranges run on several threads.
/// Any tile the decoder refuses makes the whole read return false: CFITSIO then reads the image, so its values or
/// its error stand.
/// </summary>
internal static unsafe class RiceTileReader
{
    /// <summary>Fewest pixels worth a second thread (about a tenth of a millisecond of decoding).</summary>
    internal const long ParallelPixels = 64 * 1024;

    // Consecutive tiles are read together up to this many bytes.
    private const int RunBytes = 256 * 1024;

    /// <summary>Decodes every tile into <paramref name="destination"/> (room for every pixel); false when any tile fails.</summary>
    internal static bool TryRead(SafeFileHandle file, RiceImagePlan plan, void* destination, int maxThreads)
    {
        long pixels = 1;
        foreach (long axis in plan.Axes)
        {
            pixels *= axis;
        }

        int tiles = plan.TileCount;
        int threads = pixels < ParallelPixels ? 1 : Math.Min(Math.Max(maxThreads, 1), tiles);
        // Many small parts (about 30 row tiles of a 1000x1000 image, 0.1 ms): a helper thread that the machine
        // deschedules while it holds a part delays the read by that part only.
        int parts = threads == 1 ? 1 : Math.Min(tiles, threads * 16);
        int failed = 0;
        ParallelParts.Run(parts, threads, part =>
        {
            int first = (int)((long)tiles * part / parts);
            int end = (int)((long)tiles * (part + 1) / parts);
            bool ok = plan.BytePix switch
            {
                1 => ReadTiles<byte>(file, plan, (byte*)destination, first, end, ref failed),
                2 => ReadTiles<ushort>(file, plan, (ushort*)destination, first, end, ref failed),
                _ => ReadTiles<uint>(file, plan, (uint*)destination, first, end, ref failed),
            };
            if (!ok)
            {
                Volatile.Write(ref failed, 1);
            }
        });

        return failed == 0;
    }

    private static bool ReadTiles<T>(SafeFileHandle file, RiceImagePlan plan, T* destination, int first, int end, ref int failed)
        where T : unmanaged
    {
        byte[]? run = null;
        T[]? scratch = null;
        Span<long> origin = stackalloc long[plan.Axes.Length];
        Span<long> extent = stackalloc long[plan.Axes.Length];
        try
        {
            int tile = first;
            while (tile < end)
            {
                if (Volatile.Read(ref failed) != 0)
                {
                    return false;
                }

                // A run of tiles whose bytes lie together in the file: one read for all of them.
                long start = plan.TileOffsets[tile];
                long stop = start + plan.TileLengths[tile];
                long sum = plan.TileLengths[tile];
                int last = tile + 1;
                while (last < end)
                {
                    long s = Math.Min(start, plan.TileOffsets[last]);
                    long e = Math.Max(stop, plan.TileOffsets[last] + plan.TileLengths[last]);
                    if (e - s > RunBytes || e - s > (2 * (sum + plan.TileLengths[last])) + 4096)
                    {
                        break;
                    }

                    (start, stop) = (s, e);
                    sum += plan.TileLengths[last];
                    last++;
                }

                int length = (int)(stop - start);
                if (run is null || run.Length < length)
                {
                    if (run is not null)
                    {
                        ArrayPool<byte>.Shared.Return(run);
                    }

                    run = ArrayPool<byte>.Shared.Rent(Math.Max(length, 64 * 1024));
                }

                if (!TryReadRun(file, run.AsSpan(0, length), start))
                {
                    return false;
                }

                for (; tile < last; tile++)
                {
                    ReadOnlySpan<byte> input = run.AsSpan((int)(plan.TileOffsets[tile] - start), plan.TileLengths[tile]);
                    long pixels = Locate(plan, tile, origin, extent, out long offset, out bool contiguous);
                    if (contiguous)
                    {
                        if (!Decode(input, new Span<T>(destination + offset, (int)pixels), plan))
                        {
                            return false;
                        }

                        continue;
                    }

                    scratch ??= ArrayPool<T>.Shared.Rent(plan.MaxTilePixels);
                    if (!Decode(input, scratch.AsSpan(0, (int)pixels), plan))
                    {
                        return false;
                    }

                    Scatter(scratch, destination, plan.Axes, origin, extent);
                }
            }

            return true;
        }
        finally
        {
            if (run is not null)
            {
                ArrayPool<byte>.Shared.Return(run);
            }

            if (scratch is not null)
            {
                ArrayPool<T>.Shared.Return(scratch);
            }
        }
    }

    // A file that ends early or fails to read: CFITSIO reads instead, and reports what it finds.
    private static bool TryReadRun(SafeFileHandle file, Span<byte> buffer, long offset)
    {
        try
        {
            return RiceImagePlan.ReadExactly(file, buffer, offset);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static bool Decode<T>(ReadOnlySpan<byte> input, Span<T> output, RiceImagePlan plan)
        where T : unmanaged
    {
        if (typeof(T) == typeof(byte))
        {
            return RiceDecoder.TryDecode(input, Cast<T, byte>(output), plan.BlockSize, (byte)plan.XorMask);
        }

        if (typeof(T) == typeof(ushort))
        {
            return RiceDecoder.TryDecode(input, Cast<T, ushort>(output), plan.BlockSize, (ushort)plan.XorMask);
        }

        return RiceDecoder.TryDecode(input, Cast<T, uint>(output), plan.BlockSize, plan.XorMask);
    }

    private static Span<TTo> Cast<TFrom, TTo>(Span<TFrom> span)
        where TFrom : unmanaged
        where TTo : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref Unsafe.As<TFrom, TTo>(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(span)), span.Length);

    /// <summary>
    /// Where tile <paramref name="tile"/> lies (FITS order, first axis fastest): its first pixel, its extent (edge
    /// tiles cut by the image), its pixel count, its first pixel's offset in the destination, and whether its pixels
    /// are one contiguous run there (full leading axes, then one partial axis, then extent 1).
    /// </summary>
    private static long Locate(RiceImagePlan plan, int tile, Span<long> origin, Span<long> extent, out long offset, out bool contiguous)
    {
        long[] axes = plan.Axes;
        long[] tiles = plan.TileShape;
        long index = tile;
        long pixels = 1;
        long stride = 1;
        offset = 0;
        contiguous = true;
        bool partialSeen = false;
        for (int i = 0; i < axes.Length; i++)
        {
            long across = ((axes[i] - 1) / tiles[i]) + 1;
            long position = index % across;
            index /= across;
            origin[i] = position * tiles[i];
            extent[i] = Math.Min(tiles[i], axes[i] - origin[i]);
            pixels *= extent[i];
            offset += origin[i] * stride;
            stride *= axes[i];
            if (partialSeen && extent[i] != 1)
            {
                contiguous = false;
            }

            partialSeen |= extent[i] != axes[i];
        }

        return pixels;
    }

    // Copies a decoded tile (first axis fastest) into its box of the destination, one first-axis row at a time.
    private static void Scatter<T>(T[] tile, T* destination, long[] axes, ReadOnlySpan<long> origin, ReadOnlySpan<long> extent)
        where T : unmanaged
    {
        int rank = axes.Length;
        Span<long> counter = stackalloc long[rank];
        counter.Clear();
        int width = (int)extent[0];
        long rows = 1;
        for (int i = 1; i < rank; i++)
        {
            rows *= extent[i];
        }

        for (long row = 0; row < rows; row++)
        {
            long offset = 0;
            long stride = 1;
            for (int i = 0; i < rank; i++)
            {
                offset += (origin[i] + counter[i]) * stride;
                stride *= axes[i];
            }

            tile.AsSpan((int)(row * width), width).CopyTo(new Span<T>(destination + offset, width));

            // Next row: advance the counter over axes 1.. (axis 0 is the row itself).
            for (int i = 1; i < rank; i++)
            {
                if (++counter[i] < extent[i])
                {
                    break;
                }

                counter[i] = 0;
            }
        }
    }
}
