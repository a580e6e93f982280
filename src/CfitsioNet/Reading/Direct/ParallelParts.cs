using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace CfitsioNet.Direct;

/// <summary>
/// Runs parts 0..n-1 of a job on the calling thread and up to n-1 thread-pool threads, for jobs of a tenth of a
/// millisecond where <c>Parallel.For</c>'s setup shows. Parts are claimed, not assigned: the calling thread keeps
/// claiming until none is left, so a pool thread that starts late (a busy machine) costs nothing, because its parts
/// have been done by then. The first exception of any part is rethrown on the calling thread.
/// </summary>
internal sealed class ParallelParts : IThreadPoolWorkItem
{
    private readonly int _parts;
    private readonly Action<int> _body;
    private readonly ManualResetEventSlim _done = new(false);
    private int _next = -1;
    private int _unfinished;
    private ExceptionDispatchInfo? _error;

    private ParallelParts(int parts, Action<int> body)
    {
        _parts = parts;
        _body = body;
        _unfinished = parts;
    }

    /// <summary>
    /// Splits [0, <paramref name="total"/>) into <paramref name="parts"/> ranges that start on multiples of
    /// <paramref name="unit"/> (a table's blocks of rows; 1 for pixels), runs <paramref name="body"/>(first, count) on
    /// each as <see cref="Run"/> does, and returns false if any range returned false.
    /// </summary>
    internal static bool ForEachRange(long total, long unit, long parts, int maxThreads, Func<long, long, bool> body)
    {
        long units = (total + unit - 1) / unit;
        parts = Math.Clamp(parts, 1, Math.Max(1, units));
        int failed = 0;
        Run((int)parts, maxThreads, part =>
        {
            long first = units * part / parts * unit;
            long end = Math.Min(total, units * (part + 1) / parts * unit);
            if (end > first && !body(first, end - first))
            {
                Interlocked.Exchange(ref failed, 1);
            }
        });

        return failed == 0;
    }

    /// <summary>Runs <paramref name="body"/> for every part in [0, <paramref name="parts"/>) and returns when all are done.</summary>
    internal static void Run(int parts, int maxThreads, Action<int> body)
    {
        if (parts <= 1 || maxThreads <= 1)
        {
            for (int part = 0; part < parts; part++)
            {
                body(part);
            }

            return;
        }

        var job = new ParallelParts(parts, body);
        int helpers = Math.Min(parts, maxThreads) - 1;
        for (int i = 0; i < helpers; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(job, preferLocal: false);
        }

        job.Execute();
        if (Volatile.Read(ref job._unfinished) != 0)
        {
            // Parts claimed by helpers are under way on other threads: spin briefly, then block.
            var spin = new SpinWait();
            while (Volatile.Read(ref job._unfinished) != 0 && !spin.NextSpinWillYield)
            {
                spin.SpinOnce();
            }

            job._done.Wait();
        }

        // Not disposed: a helper may still be returning from Set(); the event owns no kernel object unless Wait blocked.
        job._error?.Throw();
    }

    /// <summary>Claims and runs parts until none is left.</summary>
    public void Execute()
    {
        int part;
        while ((part = Interlocked.Increment(ref _next)) < _parts)
        {
            try
            {
                if (_error is null)
                {
                    _body(part);
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, ExceptionDispatchInfo.Capture(e), null);
            }
            finally
            {
                if (Interlocked.Decrement(ref _unfinished) == 0)
                {
                    _done.Set();
                }
            }
        }
    }
}
