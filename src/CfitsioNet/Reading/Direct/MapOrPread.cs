using System;
using System.Diagnostics;
using System.Numerics;
using System.Threading;

namespace CfitsioNet.Direct;

/// <summary>
/// Chooses, from what this process has measured, whether a repeated direct read is faster from the memory map or by
/// positioned reads. Both give the same bytes; which is faster depends on the machine, not on the file: on the AMD
/// EPYC machines of docs/performance.md (512 KiB L2) a 2 MB image converts from the map in 0.08 ms against 0.10 ms
/// read, while on an Intel Xeon with 2 MiB of L2 under KVM the map takes 0.15 ms and <c>pread</c> 0.10 ms (each page
/// of the map is a TLB miss through two page tables; the kernel copies from its huge-page direct map, into a chunk
/// that stays in L2). So the reader keeps, per size class (powers of two), a running estimate of the time per byte
/// of each method, uses the faster, and tries the other on every <see cref="ExploreEvery"/>th read so that a change
/// (a busy core, a cold cache) is noticed. The first read of a file is always positioned (see <see cref="MapPolicy"/>),
/// so the positioned estimate exists before the map is first tried.
/// </summary>
internal sealed class MapOrPread
{
    /// <summary>Every this many reads of a size class, the method the estimates do not prefer is measured again.</summary>
    internal const int ExploreEvery = 16;

    /// <summary>The choice for images. (Table reads map, as they touch only the columns' cache lines, except streamed chunks, which read each row once and stay positioned.)</summary>
    internal static readonly MapOrPread Images = new();

    private const int Classes = 48;
    private readonly SizeClass[] _classes = new SizeClass[Classes];

    /// <summary>Whether the next read of <paramref name="bytes"/> stored bytes should come from the map.</summary>
    internal bool PreferMap(long bytes)
    {
        ref SizeClass c = ref _classes[ClassOf(bytes)];
        double map = Volatile.Read(ref c.MapNsPerByte);
        double pread = Volatile.Read(ref c.PreadNsPerByte);
        if (map == 0 || pread == 0)
        {
            return map == 0; // measure the method that has no estimate yet (the map, after a first positioned read)
        }

        bool faster = map <= pread;
        return Interlocked.Increment(ref c.Decisions) % ExploreEvery == 0 ? !faster : faster;
    }

    /// <summary>Adds one read's time: <paramref name="mapped"/> says which method served it.</summary>
    internal void Record(bool mapped, long bytes, long elapsedTicks)
    {
        if (bytes <= 0 || elapsedTicks <= 0)
        {
            return;
        }

        double sample = elapsedTicks * (1e9 / Stopwatch.Frequency) / bytes;
        ref SizeClass c = ref _classes[ClassOf(bytes)];
        ref double estimate = ref mapped ? ref c.MapNsPerByte : ref c.PreadNsPerByte;
        double old = Volatile.Read(ref estimate);
        // A running mean over about 8 reads; one interrupted read counts at most twice the estimate.
        double next = old == 0 ? sample : old + ((Math.Min(sample, 2 * old) - old) / 8);
        Volatile.Write(ref estimate, next);
    }

    /// <summary>The current estimates for a size (tests and diagnostics); 0 where nothing was measured.</summary>
    internal (double MapNsPerByte, double PreadNsPerByte) Estimates(long bytes)
    {
        SizeClass c = _classes[ClassOf(bytes)];
        return (c.MapNsPerByte, c.PreadNsPerByte);
    }

    private static int ClassOf(long bytes) => Math.Min(Classes - 1, BitOperations.Log2((ulong)Math.Max(1, bytes)));

    private struct SizeClass
    {
        internal double MapNsPerByte;
        internal double PreadNsPerByte;
        internal int Decisions;
    }
}
