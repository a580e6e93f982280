using System;
using System.Buffers;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.Win32.SafeHandles;

namespace CfitsioNet.Direct;

/// <summary>
/// Reads a RICE_1 integer image (<see cref="RiceImagePlan"/>), whole or a contiguous run of it (rows, planes), with
/// the managed <see cref="RiceDecoder"/>: the bytes of the tiles that hold the run are read with positioned reads on
/// the file's second handle (consecutive tiles in one read), each tile is decoded straight into the destination when
/// it is a contiguous run inside it (row tiles), or into a scratch tile whose pixels inside the run are then copied
/// into place (2-D and 3-D tiles, edge tiles partial, tiles cut by the run). Tile ranges run on several threads.
/// Any tile the decoder refuses makes the whole read return false: CFITSIO then reads the image, so its values or
/// its error stand.
/// </summary>
internal static unsafe class RiceTileReader
{
    /// <summary>Fewest pixels worth a second thread (about a tenth of a millisecond of decoding).</summary>
    internal const long ParallelPixels = 64 * 1024;

    // Consecutive tiles are read together up to this many bytes.
    private const int RunBytes = 256 * 1024;

    /// <summary>
    /// Decodes the pixels [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>) of the image
    /// (FITS order, first axis fastest, which is C order of the destination) into <paramref name="destination"/>:
    /// every tile that holds some of them is decoded, and only its pixels inside the range are stored. False when any
    /// tile fails.
    /// </summary>
    internal static bool TryRead(SafeFileHandle file, RiceImagePlan plan, void* destination, long first, long count, int maxThreads)
    {
        // The tiles to decode: all of them (null) for a whole image, else those that reach into the range.
        int[]? selected = TilesHolding(plan, first, first + count);
        int tiles = selected?.Length ?? plan.TileCount;
        int threads = count < ParallelPixels ? 1 : Math.Min(Math.Max(maxThreads, 1), tiles);

        // Many small parts (about 30 row tiles of a 1000x1000 image, 0.1 ms): the calling thread goes on claiming
        // parts until none is left, so a helper that starts late, or is slowed by other work, takes few of them.
        int parts = threads == 1 ? 1 : Math.Min(tiles, threads * 16);
        var range = new PixelRange(first, first + count);
        int failed = 0;
        ParallelParts.Run(parts, threads, part =>
        {
            var share = new TileList(selected, (int)((long)tiles * part / parts), (int)((long)tiles * (part + 1) / parts));
            bool ok = plan.BytePix switch
            {
                1 => ReadTiles(file, plan, (byte*)destination, range, share, ref failed),
                2 => ReadTiles(file, plan, (ushort*)destination, range, share, ref failed),
                _ => ReadTiles(file, plan, (uint*)destination, range, share, ref failed),
            };
            if (!ok)
            {
                Volatile.Write(ref failed, 1);
            }
        });

        return failed == 0;
    }

    // The tiles whose box reaches into [first, end); null for a whole image (all of them).
    private static int[]? TilesHolding(RiceImagePlan plan, long first, long end)
    {
        Span<long> origin = stackalloc long[plan.Axes.Length];
        Span<long> extent = stackalloc long[plan.Axes.Length];
        long total = 1;
        foreach (long axis in plan.Axes)
        {
            total *= axis;
        }

        if (first == 0 && end == total)
        {
            return null;
        }

        var tiles = new System.Collections.Generic.List<int>();
        for (int t = 0; t < plan.TileCount; t++)
        {
            Locate(plan, t, origin, extent, out long offset, out long last, out _);
            if (offset < end && last >= first)
            {
                tiles.Add(t);
            }
        }

        return tiles.ToArray();
    }

    /// <summary>The pixels a read wants, as FITS-order linear indices [First, End); the destination holds First at 0.</summary>
    private readonly record struct PixelRange(long First, long End);

    /// <summary>Entries [Start, End) of a list of tile numbers; with no list, the tile numbers themselves.</summary>
    private readonly record struct TileList(int[]? Selected, int Start, int End)
    {
        internal int Length => End - Start;

        internal int this[int index] => Selected is null ? Start + index : Selected[Start + index];
    }

    private static bool ReadTiles<T>(SafeFileHandle file, RiceImagePlan plan, T* destination, PixelRange range, TileList tiles, ref int failed)
        where T : unmanaged
    {
        byte[]? run = null;
        T[]? scratch = null;
        Span<long> origin = stackalloc long[plan.Axes.Length];
        Span<long> extent = stackalloc long[plan.Axes.Length];
        try
        {
            int next = 0;
            while (next < tiles.Length)
            {
                if (Volatile.Read(ref failed) != 0)
                {
                    return false;
                }

                // A run of tiles whose bytes lie together in the file: one read for all of them.
                int tile = tiles[next];
                long start = plan.TileOffsets[tile];
                long stop = start + plan.TileLengths[tile];
                long sum = plan.TileLengths[tile];
                int last = next + 1;
                while (last < tiles.Length)
                {
                    int candidate = tiles[last];
                    long s = Math.Min(start, plan.TileOffsets[candidate]);
                    long e = Math.Max(stop, plan.TileOffsets[candidate] + plan.TileLengths[candidate]);
                    if (e - s > RunBytes || e - s > (2 * (sum + plan.TileLengths[candidate])) + 4096)
                    {
                        break;
                    }

                    (start, stop) = (s, e);
                    sum += plan.TileLengths[candidate];
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

                for (; next < last; next++)
                {
                    tile = tiles[next];
                    ReadOnlySpan<byte> input = run.AsSpan((int)(plan.TileOffsets[tile] - start), plan.TileLengths[tile]);
                    long pixels = Locate(plan, tile, origin, extent, out long offset, out _, out bool contiguous);
                    if (contiguous && offset >= range.First && offset + pixels <= range.End)
                    {
                        if (!Decode(input, new Span<T>(destination + (offset - range.First), (int)pixels), plan))
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

                    Scatter(scratch, destination, plan.Axes, origin, extent, range);
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
    /// tiles cut by the image), its pixel count, the linear indices of its first and last pixels, and whether its
    /// pixels are one contiguous run of the image (full leading axes, then one partial axis, then extent 1).
    /// </summary>
    private static long Locate(RiceImagePlan plan, int tile, Span<long> origin, Span<long> extent, out long offset, out long last, out bool contiguous)
    {
        long[] axes = plan.Axes;
        long pixels = plan.Geometry.Locate(tile, origin, extent);
        long stride = 1;
        offset = 0;
        last = 0;
        contiguous = true;
        bool partialSeen = false;
        for (int i = 0; i < axes.Length; i++)
        {
            offset += origin[i] * stride;
            last += (origin[i] + extent[i] - 1) * stride;
            stride *= axes[i];
            if (partialSeen && extent[i] != 1)
            {
                contiguous = false;
            }

            partialSeen |= extent[i] != axes[i];
        }

        return pixels;
    }

    // Copies a decoded tile (first axis fastest) into its box of the destination, one first-axis row at a time,
    // each row cut to the range the read wants.
    private static void Scatter<T>(T[] tile, T* destination, long[] axes, ReadOnlySpan<long> origin, ReadOnlySpan<long> extent, PixelRange range)
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

            long from = Math.Max(offset, range.First);
            long to = Math.Min(offset + width, range.End);
            if (from < to)
            {
                tile.AsSpan((int)((row * width) + (from - offset)), (int)(to - from)).CopyTo(new Span<T>(destination + (from - range.First), (int)(to - from)));
            }

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
